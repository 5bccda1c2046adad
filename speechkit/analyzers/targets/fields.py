"""The fields of a classified number: the indicator as worded, its comparator, and the
sentence window that is printed with it. The last step of the targets analyzer: it reads
the text and the frame, and calls back into nothing before it.
"""

from __future__ import annotations

import re

from speechkit.text.quantities import Quantity, unit_kind

# Clause boundaries for the indicator and for "in the same clause" tests.
_CLAUSE_END = "，、：；。！？\n（）"
# Measure words of counted things: "40家" names what it counts, "3个首要问题" may size a list.
COUNTERS = set("家个项所处条件栋套株座台辆架艘只头名位户间张部批期次场届")

# Comparators written after the number (or inside its surface) and before it.
_AFTER = (("以上", "以上"), ("以下", "以下"), ("以内", "以内"), ("左右", "左右"), ("上下", "左右"))
_BEFORE = (
    ("不低于", "不低于"),
    ("不少于", "不少于"),
    ("不超过", "以内"),
    ("不高于", "以内"),
    ("超过", "超过"),
    ("高于", "超过"),
    ("低于", "以下"),
    ("至少", "至少"),
    ("控制在", "控制在"),
)
# Whether any of them is there at all: most numbers have none.
_AFTER_ANY = re.compile("|".join(w for w, _ in _AFTER))
_AFTER_AT_END = re.compile(f"(?:{_AFTER_ANY.pattern})\\Z")
_BEFORE_ANY = re.compile("|".join(w for w, _ in _BEFORE))

# In a review section "全年" is the year under review, not the speech's year.
_REVIEWED_YEAR = ("全年", "年内", "当年")

# Words trimmed from the front/back of a clause to leave the indicator "as worded".
_LEAD_TRIM = re.compile(
    r"^(?:确保|力争|争取|努力|力求|务必|必须|要|将|拟|计划|预计|今年|全年|年内|明年|去年|上年|"
    r"到\d{4}年(?:底|末)?|\d{4}年(?:底|末)?|“?十[一二三四五六七八九]五”?(?:期间|时期|末)?|"
    r"截至|截止|累计|共|总共|合计|其中|我们|全州|全省|全市|全县|全区|全国|我州|我省|我市|我县|"
    r"我区|我国|推动|推进|实现|进一步|继续|再|新的一年|当年|目前|现有|分别|"
    # list markers, connectives and filler: "二是", "也就意味着", "即", "大家"
    r"[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+[，、]?|其[一二三四五]|首先|其次|"
    r"再次|最后|同时|此外|另外|特别是|尤其是|也就是|就是|即|并且|并|而且|但是|但|而|还|也|都|"
    r"又|大家|以及|提出|完成|(?:未来|今后)[一二三四五两]年|今明两年|每年|“|”)+"
)
_TAIL_TRIM = re.compile(
    r"(?:达到了|达到|达|为|是|在|至|到|控制在|保持在|稳定在|拟按|按|约|超过|不低于|不少于|"
    r"不超过|至少|突破|完成了|完成|实现了|实现|增至|提高到|提升到|下降到|降至|了|已|已经|"
    r"共|累计|合计|只有|仅有|有|近|逾|左右|将|要|应|需|全年|年内|继续|保持|进一步|再|“|”)+$"
)
# "城镇化率从60.2%提高到65.2%": the indicator is what precedes 从/由 (and what follows is a
# baseline, see targets._not_a_level).
# (Both alternatives open with their character, the look-behind after it, so that re can
# skip ahead to 从 or 由.)
FROM = re.compile(r"(?:从|由(?<![自理经]由)(?!于))(?=[^，；。]*\d)")
_FROM_END = re.compile(r"[从由]$")
_DIGIT = re.compile(r"\d")
_LIST_TAIL = re.compile(r"(?:和|及|、|或)+$")
# An indicator that is only a verb borrows the previous clause's subject.
_BARE_VERBS = {"增长", "下降", "降低", "提高", "增加", "减少", "上涨", "增速", "增幅", "同比增长"}
_COMPARED = re.compile(r"^(?:比上年|比去年|较上年|较去年|比上年同期|同比|环比|年均)")
_SUFFIX_TRIM = re.compile(r"^(?:以上|以下|以内|左右|上下|多|余|的)+")
# "…5家以上的目标", "…2家的省定任务": the goal word itself is not the indicator.
_GOAL_WORD = re.compile(r"^(?:省定|市定|州定|县定|年度|既定)?(?:目标|任务)")
# The cue words dropped from inside an indicator ("贷款要增长" -> 贷款增长); when what precedes
# them names who acts ("各县市区、牵头单位要…", "8县市要都要建成…") that goes too.
_GOAL_CUE_PATTERN = re.compile("确保|务必|必须|力争|争取|努力|力求|保证|要|将|应当|应|需(?!要)")
_ACTOR = re.compile(
    r"(?:、|县市区?|单位|部门|政府|集团|各地|各级|我们|大家|全省|全州|全市|全县|全区)[^、]{0,4}$"
)


def clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts, no earlier than ``lo``."""
    k = pos
    while k > lo and text[k - 1] not in _CLAUSE_END:
        k -= 1
    return k


def comparator(text: str, q: Quantity, clause_lo: int) -> str:
    """以上/以下/以内/左右/超过/不低于/…/区间, or "=" when the text gives none."""
    if q.value_high is not None:
        return "区间"
    after = text[q.end : q.end + 2]
    if _AFTER_AT_END.search(q.surface) or _AFTER_ANY.match(after):
        for word, comp in _AFTER:
            if q.surface.endswith(word) or after.startswith(word):
                return comp
    before = text[max(clause_lo, q.start - 6) : q.start]
    if not q.unit and before.endswith("前"):
        return "以内"  # 进入全省前10: a rank of 10 or better
    if _BEFORE_ANY.search(before):
        for word, comp in _BEFORE:  # the first in this order wins, wherever it is
            if word in before:
                return comp
    # 约 reads as 左右; 多/余 ("3万余人") as 超过.
    if q.approx == "约" or before.endswith("约"):
        return "左右"
    if q.approx in ("多", "余") or after[:1] in ("多", "余"):
        return "超过"
    return "="


def indicator(text: str, q: Quantity, clause_lo: int) -> str:
    """What the number measures, as worded: its clause (from ``clause_lo``) less the cue
    words, times and verbs around it, or the counted thing after it."""
    raw = text[clause_lo : q.start].strip(' “”"')
    cut = FROM.search(raw)
    raw = raw[: cut.start()] if cut else _FROM_END.sub("", raw)
    raw = _drop_goal_cues(raw)
    words = _TAIL_TRIM.sub("", _LEAD_TRIM.sub("", raw))
    words = _LEAD_TRIM.sub("", words)
    suffix = ""
    if q.unit[-1:] in COUNTERS or unit_kind(q.unit) == "magnitude" or not words:
        # "净增规模工业企业40家" names the thing before the count; "5家以上创新平台", "6000万
        # 农村人口供水保障水平" after it.
        suffix = _SUFFIX_TRIM.sub("", text[q.end : q.end + 16])
        k = 0
        while k < len(suffix) and suffix[k] not in _CLAUSE_END and suffix[k] != "的":
            k += 1
        # "2300万省外劳动力和240万…": stop at the next number.
        parts = _DIGIT.split(suffix[:k], maxsplit=1)
        suffix = _LIST_TAIL.sub("", parts[0]) if len(parts) > 1 else parts[0]
        if _GOAL_WORD.match(suffix):
            suffix = ""
    words = (words + suffix).strip()
    # "比上年增长50%": a change against a base names no indicator; its subject comes before.
    bare = _COMPARED.sub("", words)
    if bare in _BARE_VERBS and not suffix:
        words = _subject_before(text, clause_lo) + bare
    # Nothing left ("今年也要确保不低于50亿的目标"): the text does not name the indicator here.
    return words


def _drop_goal_cues(raw: str) -> str:
    """Remove 要/确保/力争… from an indicator, with the actor before them if any."""
    out, pos = [], 0
    for m in _GOAL_CUE_PATTERN.finditer(raw):
        head = raw[pos : m.start()]
        out.append("" if _ACTOR.search(head) else head)
        pos = m.end()
    out.append(raw[pos:])
    return "".join(out)


def _subject_before(text: str, start: int) -> str:
    """ "国内生产总值超过126万亿元，增长5.2%": the subject of 增长 is 国内生产总值."""
    if start < 2 or text[start - 1] not in "，、":
        return ""
    lo = clause_start(text, max(0, start - 60), start - 1)
    prev = _DIGIT.split(text[lo : start - 1], maxsplit=1)[0]
    return _TAIL_TRIM.sub("", _LEAD_TRIM.sub("", prev))


SENTENCE_REACH = 60  # characters kept each side of the number in the printed sentence


def sentence_window(text: str, q: Quantity, lo: int, hi: int) -> tuple[int, int]:
    """The sentence ``text[lo:hi]`` around the number, cut to SENTENCE_REACH characters each
    side, so a 30,000-character run-on sentence does not repeat itself on every row."""
    return max(lo, q.start - SENTENCE_REACH), min(hi, q.end + SENTENCE_REACH)
