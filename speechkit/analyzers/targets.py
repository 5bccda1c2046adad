"""Quantitative goals in speeches: each number classified as target, achieved or other.

``classify(text)`` works on one speech's Simplified text; ``analyze(corpus)`` builds the
table documented in the targets issue. Token-free: never imports jieba.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from speechkit.analyzers.target_cues import (
    Cue,
    Time,
    cue_pattern,
    cues_and_times,
    find_times,
    list_nouns,
    load_cues,
    quoted_spans,
    section_role,
    speech_year,
)
from speechkit.quantities import unit_kind
from speechkit.sentences import Sentence, block_span, find_headings, sentence_spans

COLUMNS = [
    "source",
    "speech",
    "kind",
    "indicator",
    "value",
    "value_high",
    "unit",
    "value_base",
    "unit_base",
    "comparator",
    "hardness",
    "year",
    "sentence",
    "start",
    "end",
]

# Clause boundaries for the indicator and for "in the same clause" tests.
_CLAUSE_END = "，、：；。！？\n（）"
_COUNTERS = set("家个项所处条件栋套株座台辆架艘只头名位户间张部批期次场届")
# Durations ("24小时值班", "2天内完成") are rules and deadlines, not measured goals.
_DURATIONS = {
    *("小时", "天", "日", "分钟", "秒", "周", "个月"),
    *("星期", "工作日", "个工作日", "岁", "周年"),
    # "收费年限延长至40年", "参保不足1年": a period set by a rule, not a measured goal.
    "年",
}
# 要/将 count only this close to the number: a 要 clauses earlier governs another verb.
_MODAL_REACH = 30

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
# Years that are a level, not a period: 人均预期寿命达到79岁, 平均受教育年限提高到11.3年.
_YEARS_LEVEL = re.compile(r"寿命|受教育年限")
# A delta against last year ("比上年提高1个百分点") is a comparison, not a goal or result.
_COMPARISON = re.compile(
    r"(?:比|较)(?:上年|去年|前年|上一年|同期|上年同期|去年同期|上年年初预算|去年预算|年初)"
    r"[^，；。]{0,6}$"
)
# "碳排放量是公路的5%", "是计划任务的2.1倍": a share of something else, unless a goal verb
# sets it ("达到全国平均水平的80%").
_SHARE_VERB = re.compile(r"达到|达|提高到|提升到|增至|降至|降到|下降到|控制在|保持在|稳定在|占")
# "5万平方米以上大型商业综合体", "100万元至300万元部分": a size that selects what a rule
# applies to (a threshold), not a level to reach. Counts and shares are left out: "100家以上
# 专精特新企业" and "90%以上的行政村" are goals.
_THRESHOLD = re.compile(r"(?:及|或)?(?:以上|以下|以内)的?(?!目标|任务|水平)[\u4e00-\u9fff]|的?部分")
_THRESHOLD_KINDS = {"measure", "magnitude", "rate"}
# "提价7%政策", "16%的税率": a policy parameter.
_POLICY = re.compile(r"(?:以上|以下|左右|[^，。；、\d]{0,3}的)?(?:政策|税率|费率|利率|征收率|标准)")
# "加计扣除比例从75%提高到100%", "起征点…提高到15万元": a tax or fee parameter set by policy.
_POLICY_BEFORE = re.compile(r"税率|费率|起征点|扣除比例|扣除标准|征收率|补贴标准|缴费比例")
# "从75%提高到100%": the first number is the baseline, neither a goal nor a result.
_BASELINE = re.compile(
    r"(?:左右)?(?:提高|提升|增加|增长|扩大|降低|下降|减少|压减|缩小|调整|放宽|延长|缩短)[到至]"
)
# “五个100%”: a slogan counting its own items; the items follow it.
_SLOGAN = re.compile(r"[一二两三四五六七八九十]个$")
# "要按照三倍来安排", "按2000亿元来分解": a basis for a calculation, not a goal.
_BASIS_BEFORE = re.compile(r"按照$")
_BASIS_AFTER = re.compile(r"(?:以上|左右)?来")
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
# "14亿多人口", "14亿中国人": the size of a population named, not a measure.
_POPULATION = re.compile(r"多?(?:人口|中国人|人民|各族人民|农民)|(?<=亿人)的")
# "今年高校毕业生820多万人": the size of a cohort that policy must serve, not a goal.
_COHORT = re.compile(
    r"(?:毕业生|新成长劳动力|劳动年龄人口)(?:规模|人数)?(?:将|预计)?(?:达到?|超过|有)?$"
)
# Forward-looking cues that still look ahead inside a review section.
_TIME_CUES = {"今年", "本年", "年内", "明年", "今后", "下一步", "未来", "届时"}
# In a review section "全年" is the year under review, not the speech's year.
_REVIEWED_YEAR = ("全年", "年内", "当年")
# "城镇化率从60.2%提高到65.2%": the indicator is what precedes 从/由.
# (Both alternatives open with their character, the look-behind after it, so that re can
# skip ahead to 从 or 由.)
_FROM = re.compile(r"(?:从|由(?<![自理经]由)(?!于))(?=[^，；。]*\d)")
_FROM_END = re.compile(r"[从由]$")
_DIGIT = re.compile(r"\d")
_LIST_TAIL = re.compile(r"(?:和|及|、|或)+$")
# An indicator that is only a verb borrows the previous clause's subject.
_BARE_VERBS = {"增长", "下降", "降低", "提高", "增加", "减少", "上涨", "增速", "增幅", "同比增长"}
_SUFFIX_TRIM = re.compile(r"^(?:以上|以下|以内|左右|上下|多|余|的)+")
# "…5家以上的目标", "…2家的省定任务": the goal word itself is not the indicator.
_GOAL_WORD = re.compile(r"^(?:省定|市定|州定|县定|年度|既定)?(?:目标|任务)")
# The cue words dropped from inside an indicator ("贷款要增长" -> 贷款增长); when what precedes
# them names who acts ("各县市区、牵头单位要…", "8县市要都要建成…") that goes too.
_GOAL_CUES = {"binding", "aspirational", "modal"}
_ACTOR = re.compile(
    r"(?:、|县市区?|单位|部门|政府|集团|各地|各级|我们|大家|全省|全州|全市|全县|全区)[^、]{0,4}$"
)


@dataclass(frozen=True)
class Target:
    """One numeric mention and its classification; offsets are into the speech text."""

    start: int
    end: int
    kind: str
    indicator: str
    value: float | None
    value_high: float | None
    unit: str
    value_base: float | None
    unit_base: str
    comparator: str
    hardness: str
    year: str
    sentence: str


def classify(
    text: str,
    quantities: Sequence | None = None,
    year: int | None = None,
) -> list[Target]:
    """Classify every quantity in ``text`` (found with speechkit.quantities unless given).

    ``year`` is the speech's year, used to resolve 今年/去年; when None it is guessed from
    the text's own headings (see ``target_cues.speech_year``).
    """
    return [Target(*row) for row in _classified(text, quantities, year)]


def _classified(
    text: str, quantities: Sequence | None, year: int | None, targets_only: bool = False
) -> list[tuple]:
    """``classify``'s records as plain tuples in Target's field order (``analyze`` needs no
    objects, and building a frozen dataclass per number costs more than classifying it).

    ``targets_only`` drops the other kinds before their indicator and the rest are worked out
    (most numbers in a speech are not targets).
    """
    if quantities is None:
        from speechkit.quantities import find_quantities

        quantities = find_quantities(text)
    if year is None:
        year = speech_year(text)
    sections = _sections(text, year)
    section_starts = [s[0] for s in sections]
    context = _Context(text, year)

    out = []
    for q in quantities:
        if _is_date(text, q):
            continue
        sent = context.sentence(q.start)
        if sent is None:
            continue
        clause_start = _clause_start(text, sent.start, q.start)
        clause_end = _clause_end(text, q.end, sent.end)
        other = _never_a_goal(text, q, clause_start, clause_end)
        if other and targets_only:
            continue
        cues, cue_starts, times, time_starts = context.block()
        j = bisect.bisect_right(section_starts, q.start) - 1
        role, heading_year = sections[j][1:] if j >= 0 else ("", "")
        window = _window(cues, cue_starts, sent.block_start, q.start)
        # 已/了 after the number in its clause ("1.46万亿额度已提前下达") read as nearest.
        window += [c for c in _window(cues, cue_starts, q.end, clause_end) if c.role == "past"]
        kind = "other" if other else _kind(q, window, clause_start, role, sent.start)
        if targets_only and kind != "target":
            continue
        hardness = _hardness(text, sent, window) if kind == "target" else ""
        tlist = _window(times, time_starts, sent.block_start, q.start)
        when = tlist[-1].year if tlist else ""
        if role == "review" and tlist and tlist[-1].text in _REVIEWED_YEAR and year is not None:
            when = str(year - 1)
        if not when and kind == "target" and role == "plan":
            when = heading_year
        out.append(
            (
                q.start,
                q.end,
                kind,
                _indicator(text, q, clause_start),
                q.value,
                q.value_high,
                q.unit,
                q.value_base,
                q.unit_base,
                _comparator(text, q, clause_start),
                hardness,
                when,
                text[sent.block_start : sent.end],
            )
        )
    return out


class _Context:
    """Sentences, cues and times of a speech, found only where a quantity needs them.

    A number is classified from its own sentence block (cues from the block's start, times,
    the sentence), so the blocks without numbers, most of a speech, are never split or
    searched. Quantities come in text order: one line and one block are kept at a time.
    """

    def __init__(self, text: str, year: int | None) -> None:
        self.text = text
        self.year = year
        self.line = (0, -1)
        self.quoted: list[tuple[int, int]] = []
        self.span = (0, -1)  # of the block: from after a 。！？ run to the end of the next
        self.sentences: list[Sentence] = []
        self.starts: list[int] = []
        self.cues: tuple[list[Cue], list[int], list[Time], list[int]] | None = None

    def sentence(self, pos: int) -> Sentence | None:
        """The sentence holding ``pos``, or None if it is in no sentence (blank space)."""
        lo, hi = self.span
        if not lo <= pos < hi:
            self._enter(pos)
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0 or pos >= self.sentences[i].end:
            return None
        return self.sentences[i]

    def block(self) -> tuple[list[Cue], list[int], list[Time], list[int]]:
        """(cues, their starts, times, their starts) of the last sentence's block."""
        if self.cues is None:
            cues: list[Cue] = []
            times: list[Time] = []
            if self.sentences:
                lo, stop = self.span[0], self.sentences[-1].end
                cues, times = cues_and_times(self.text, self.year, lo, stop, self.quoted)
            self.cues = (cues, [c.start for c in cues], times, [t.start for t in times])
        return self.cues

    def _enter(self, pos: int) -> None:
        text = self.text
        start, end = self.line
        if not start <= pos < end:
            # A line break ends every sentence, block and quote: a line stands alone.
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            self.line = (start, end)
            self.quoted = quoted_spans(text, start, end)
        lo, hi = self.span = block_span(text, pos, start, end)
        self.sentences = [Sentence(*s) for s in sentence_spans(text, lo, hi)]
        self.starts = [s.start for s in self.sentences]
        self.cues = None  # found when a number here needs them


def _sections(text: str, year: int | None) -> list[tuple[int, str, str]]:
    """(start, role, year) per top-level heading; role is review, plan or ''."""
    out = []
    for h in find_headings(text):
        role = section_role(h.text)
        times = find_times(h.text, year)
        when = times[0].year if times and role == "plan" else ""
        if role == "plan" and not when and year is not None:
            when = str(year)
        out.append((h.start, role, when))
    return out


def _window(items: list, starts: list[int], lo: int, hi: int) -> list:
    """Items starting in [lo, hi) and ending before ``hi``, in text order."""
    a = bisect.bisect_left(starts, lo)
    b = bisect.bisect_left(starts, hi)
    return [x for x in items[a:b] if x.end <= hi]


def _clause_start(text: str, lo: int, pos: int) -> int:
    k = pos
    while k > lo and text[k - 1] not in _CLAUSE_END:
        k -= 1
    return k


def _clause_end(text: str, pos: int, hi: int) -> int:
    k = pos
    while k < hi and text[k] not in _CLAUSE_END:
        k += 1
    return k


def _is_date(text: str, q) -> bool:
    """Years and calendar dates are time expressions, not quantities."""
    if q.unit in ("年", "月", "日", "号") and q.value is not None:
        if q.unit == "年" and 1900 <= q.value <= 2100 and q.value == int(q.value):
            return True
        nxt = text[q.end : q.end + 1]
        prev = text[q.start - 1 : q.start] if q.start else ""
        if nxt in ("月", "日", "号") or prev in ("年", "月"):
            return True
    return False


def _never_a_goal(text: str, q, clause_start: int, clause_end: int) -> bool:
    """Numbers that are "other" whatever the cues around them say (no cue is needed)."""
    before = text[clause_start : q.start]
    if before.endswith("第") or _COMPARISON.search(before) or _in_title(text, q.start):
        return True
    if _POPULATION.match(text, q.end) or _COHORT.search(before):
        return True
    # A bare number (省道302线, “1+1=2”) has no unit to measure a goal in.
    if not q.unit or _counts_a_list(text, q, clause_end):
        return True
    if q.unit_base in _DURATIONS and not _YEARS_LEVEL.search(before):
        return True
    return _not_a_level(text, q, before)


def _kind(q, window: list[Cue], clause_start: int, role: str, sent_start: int) -> str:
    """target / achieved / other from the cues near the number, its clause and section
    (for a number that ``_never_a_goal`` lets through)."""
    in_clause = [c for c in window if c.start >= clause_start]
    if any(c.role == "rule" for c in in_clause):
        return "other"
    # A fact word (目前, 现有, 据调研) reaches to the end of its own sentence only.
    strong = [
        c
        for c in window
        if _is_strong(c, clause_start, role) and (c.role != "fact" or c.start >= sent_start)
    ]
    # 要/将 are weak: in a review section "将…纳入" is a past action, not a plan.
    review = "modal" if role == "review" else ""
    reach = q.start - _MODAL_REACH
    modal = [c for c in window if c.role == "modal" != review and c.start >= reach]
    if strong:
        nearest = strong[-1]
        if nearest.role == "future" and _is_time(nearest):
            # "预计今年高校毕业生超过1170万人": a time word does not undo a forecast or fact.
            prior = [c for c in strong[:-1] if not _is_time(c) and c.start >= clause_start]
            if prior and prior[-1].role in ("forecast", "fact"):
                later = [c for c in modal if c.start > prior[-1].start]
                return "target" if later else "other"
        if nearest.role == "fact":
            # "目前…，要新增50家": a goal cue after the fact word wins.
            return "target" if any(c.start > nearest.start for c in modal) else "other"
        return _kind_of(nearest.role)
    weak = [c for c in window if c.role in ("earlier", "past")] + modal
    if weak:
        return _kind_of(max(weak, key=lambda c: c.start).role)
    if role == "review":
        return "achieved"
    return "other"


def _is_time(c: Cue) -> bool:
    return c.text in _TIME_CUES or c.text[:1].isdigit()


def _not_a_level(text: str, q, before: str) -> bool:
    """Shares of something else, thresholds, policy parameters, slogans and bases."""
    kind = unit_kind(q.unit)
    after = text[q.end : q.end + 8]
    share = kind == "percent" or q.unit == "倍"
    if share and before.endswith("的") and not _SHARE_VERB.search(before):
        return True
    if kind in _THRESHOLD_KINDS and _THRESHOLD.match(after):
        return True
    if _POLICY.match(after) or _POLICY_BEFORE.search(before):
        return True
    if _FROM.search(before) and _BASELINE.match(after):
        return True
    if _SLOGAN.search(before) or _BASIS_BEFORE.search(before):
        return True
    return bool(_BASIS_AFTER.match(after) and before.endswith("按"))


def _counts_a_list(text: str, q, clause_end: int) -> bool:
    """ "3个首要问题", "20条意见": the number sizes a list of items, it is not a level."""
    if q.unit[-1:] not in _COUNTERS:
        return False
    tail = text[q.end : min(clause_end, q.end + 8)].split("的")[0]
    return _list_noun_pattern().search(tail, 0, 6) is not None


@functools.cache
def _list_noun_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in sorted(list_nouns())) or "(?!)")


def _is_strong(c: Cue, clause_start: int, role: str) -> bool:
    """A cue that decides the kind on its own when it is the nearest of its strength."""
    if c.role == "forecast":
        return True
    if c.role == "future":
        # A review section names past plans (营养改善计划, 目标…): only time words look ahead.
        return role != "review" or c.text in _TIME_CUES or c.text[:1].isdigit() or "到" in c.text
    if c.role == "fact":
        return True
    if c.role in ("binding", "aspirational"):
        # In a review section 确保/努力 describe past effort; only time words look ahead.
        return role != "review"
    # 了 marks completion only in the number's own clause ("召开了会议，确保…" is not past).
    return c.role == "past" and (c.start >= clause_start or c.text != "了")


def _kind_of(role: str) -> str:
    if role in ("binding", "aspirational", "future", "modal"):
        return "target"
    if role in ("past", "earlier"):
        return "achieved"
    return "other"


def _in_title(text: str, pos: int) -> bool:
    """Inside 《…》: a document title such as 《2022年州定民生实事项目实施方案》."""
    k = text.rfind("《", max(0, pos - 60), pos)
    return k >= 0 and "》" not in text[k:pos]


def _hardness(text: str, sent: Sentence, window: list[Cue]) -> str:
    """Nearest 确保/务必/必须 (binding) or 力争/争取/努力 (aspirational) in the sentence.

    A sentence after a ； inherits the cue of its block's lead-in ("目标是：…；…").
    """
    lead_end = text.find("：", sent.block_start, sent.start)
    for c in reversed(window):
        if c.role not in ("binding", "aspirational"):
            continue
        if c.start >= sent.start or (lead_end >= 0 and c.start < lead_end):
            return c.role
    return ""


def _comparator(text: str, q, clause_start: int) -> str:
    if q.value_high is not None:
        return "区间"
    after = text[q.end : q.end + 2]
    if _AFTER_AT_END.search(q.surface) or _AFTER_ANY.match(after):
        for word, comp in _AFTER:
            if q.surface.endswith(word) or after.startswith(word):
                return comp
    before = text[max(clause_start, q.start - 6) : q.start]
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


def _indicator(text: str, q, clause_start: int) -> str:
    raw = text[clause_start : q.start].strip(' “”"')
    cut = _FROM.search(raw)
    raw = raw[: cut.start()] if cut else _FROM_END.sub("", raw)
    raw = _drop_goal_cues(raw)
    words = _TAIL_TRIM.sub("", _LEAD_TRIM.sub("", raw))
    words = _LEAD_TRIM.sub("", words)
    suffix = ""
    if q.unit[-1:] in _COUNTERS or unit_kind(q.unit) == "magnitude" or not words:
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
    if words in _BARE_VERBS and not suffix:
        words = _subject_before(text, clause_start) + words
    # Nothing left ("今年也要确保不低于50亿的目标"): the text does not name the indicator here.
    return words


def _drop_goal_cues(raw: str) -> str:
    """Remove 要/确保/力争… from an indicator, with the actor before them if any."""
    kind = load_cues()[0]
    out, pos = [], 0
    for m in cue_pattern().finditer(raw):
        if kind[m.group()] not in _GOAL_CUES and m.group() != "保证":
            continue
        head = raw[pos : m.start()]
        out.append("" if _ACTOR.search(head) else head)
        pos = m.end()
    out.append(raw[pos:])
    return "".join(out)


def _subject_before(text: str, clause_start: int) -> str:
    """ "国内生产总值超过126万亿元，增长5.2%": the subject of 增长 is 国内生产总值."""
    if clause_start < 2 or text[clause_start - 1] not in "，、":
        return ""
    lo = _clause_start(text, max(0, clause_start - 60), clause_start - 1)
    prev = _DIGIT.split(text[lo : clause_start - 1], maxsplit=1)[0]
    return _TAIL_TRIM.sub("", _LEAD_TRIM.sub("", prev))


def analyze(corpus: Iterable, all: bool = False) -> pd.DataFrame:
    """One row per numeric mention (``kind == "target"`` only unless ``all``)."""
    rows = []
    for speech in corpus:
        year = speech_year(speech.text, title=speech.title, source=speech.source)
        for t in _classified(speech.text, None, year, targets_only=not all):
            # t is (start, end, kind, …, sentence): Target's fields, as are COLUMNS[2:-2].
            start, end = speech.raw_span(t[0], t[1])
            rows.append((speech.source, speech.id, *t[2:], start, end))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("value", "value_high", "value_base"):
        frame[col] = frame[col].astype("float64")
    for col in ("start", "end"):
        frame[col] = frame[col].astype("int64")
    return frame
