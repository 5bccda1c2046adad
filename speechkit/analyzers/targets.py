"""Quantitative goals in speeches: each number classified as target, achieved or other.

``classify(text)`` works on one speech's Simplified text; ``analyze(corpus)`` builds the
table documented in the targets issue. Token-free: never imports jieba.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from speechkit.analyzers.target_cues import (
    Cue,
    find_cues,
    find_times,
    list_nouns,
    section_role,
    speech_year,
)
from speechkit.sentences import Sentence, find_headings, split_sentences

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
_COUNTERS = set("家个项所处条栋套株座台辆架艘只头名位户间张部批期次场届")
# Durations ("24小时值班", "2天内完成") are rules and deadlines, not measured goals.
_DURATIONS = {
    *("小时", "天", "日", "分钟", "秒", "周", "个月"),
    *("星期", "工作日", "个工作日", "岁", "周年"),
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
# A delta against last year ("比上年提高1个百分点") is a comparison, not a goal or result.
_COMPARISON = re.compile(
    r"(?:比|较)(?:上年|去年|前年|上一年|同期|上年同期|去年同期|上年年初预算|去年预算|年初)"
    r"[^，；。]{0,6}$"
)
# Words trimmed from the front/back of a clause to leave the indicator "as worded".
_LEAD_TRIM = re.compile(
    r"^(?:确保|力争|争取|努力|力求|务必|必须|要|将|拟|计划|预计|今年|全年|年内|明年|去年|上年|"
    r"到\d{4}年(?:底|末)?|\d{4}年(?:底|末)?|“?十[一二三四五六七八九]五”?(?:期间|时期|末)?|"
    r"截至|截止|累计|共|总共|合计|其中|我们|全州|全省|全市|全县|全区|全国|我州|我省|我市|我县|"
    r"我区|我国|推动|推进|实现|进一步|继续|再|新的一年|当年|目前|现有|分别)+"
)
_TAIL_TRIM = re.compile(
    r"(?:达到了|达到|达|为|是|在|至|到|控制在|保持在|稳定在|拟按|按|约|超过|不低于|不少于|"
    r"不超过|至少|突破|完成了|完成|实现了|实现|增至|提高到|提升到|下降到|降至|了|已|已经|"
    r"共|累计|合计|只有|仅有|有|近|逾|左右|将|要|应|需|全年|年内)+$"
)
# "14亿多人口", "14亿中国人": the size of a population named, not a measure.
_POPULATION = re.compile(r"多?(?:人口|中国人|人民|各族人民|农民)|(?<=亿人)的")
# Forward-looking cues that still look ahead inside a review section.
_TIME_CUES = {"今年", "本年", "年内", "明年", "今后", "下一步", "未来", "届时"}
# In a review section "全年" is the year under review, not the speech's year.
_REVIEWED_YEAR = ("全年", "年内", "当年")
# "城镇化率从60.2%提高到65.2%": the indicator is what precedes 从/由.
_FROM = re.compile(r"(?:从|(?<![自理经])由(?!于))(?=[^，；。]*\d)")
# An indicator that is only a verb borrows the previous clause's subject.
_BARE_VERBS = {"增长", "下降", "降低", "提高", "增加", "减少", "上涨", "增速", "增幅", "同比增长"}
_SUFFIX_TRIM = re.compile(r"^(?:以上|以下|以内|左右|上下|多|余|的)+")


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
    if quantities is None:
        from speechkit.quantities import find_quantities

        quantities = find_quantities(text)
    if year is None:
        year = speech_year(text)
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    sections = _sections(text, year)
    section_starts = [s[0] for s in sections]
    cues = find_cues(text, year)
    cue_starts = [c.start for c in cues]
    times = find_times(text, year)
    time_starts = [t.start for t in times]

    out = []
    for q in quantities:
        if _is_date(text, q):
            continue
        i = bisect.bisect_right(starts, q.start) - 1
        if i < 0 or q.start >= sentences[i].end:
            continue
        sent = sentences[i]
        j = bisect.bisect_right(section_starts, q.start) - 1
        role, heading_year = sections[j][1:] if j >= 0 else ("", "")
        clause_start = _clause_start(text, sent.start, q.start)
        window = _window(cues, cue_starts, sent.block_start, q.start)
        # 已/了 after the number in its clause ("1.46万亿额度已提前下达") read as nearest.
        clause_end = _clause_end(text, q.end, sent.end)
        window += [c for c in _window(cues, cue_starts, q.end, clause_end) if c.role == "past"]
        kind = _kind(text, q, window, clause_start, role, clause_end)
        hardness = _hardness(text, sent, window) if kind == "target" else ""
        tlist = _window(times, time_starts, sent.block_start, q.start)
        when = tlist[-1].year if tlist else ""
        if role == "review" and tlist and tlist[-1].text in _REVIEWED_YEAR and year is not None:
            when = str(year - 1)
        if not when and kind == "target" and role == "plan":
            when = heading_year
        out.append(
            Target(
                start=q.start,
                end=q.end,
                kind=kind,
                indicator=_indicator(text, q, clause_start),
                value=q.value,
                value_high=q.value_high,
                unit=q.unit,
                value_base=q.value_base,
                unit_base=q.unit_base,
                comparator=_comparator(text, q, clause_start),
                hardness=hardness,
                year=when,
                sentence=text[sent.block_start : sent.end],
            )
        )
    return out


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


def _kind(text: str, q, window: list[Cue], clause_start: int, role: str, clause_end: int) -> str:
    """target / achieved / other from the cues near the number, its clause and section."""
    before = text[clause_start : q.start]
    if before.endswith("第") or _COMPARISON.search(before) or _in_title(text, q.start):
        return "other"
    if _POPULATION.match(text, q.end):
        return "other"
    # A bare number (省道302线, “1+1=2”) has no unit to measure a goal in.
    if not q.unit or q.unit_base in _DURATIONS or _counts_a_list(text, q, clause_end):
        return "other"
    in_clause = [c for c in window if c.start >= clause_start]
    if any(c.role == "rule" for c in in_clause):
        return "other"
    strong = [c for c in window if _is_strong(c, clause_start, role)]
    if strong:
        return _kind_of(strong[-1].role)
    # 要/将 are weak: in a review section "将…纳入" is a past action, not a plan.
    review = "modal" if role == "review" else ""
    reach = q.start - _MODAL_REACH
    weak = [
        c
        for c in window
        if c.role in ("earlier", "past") or (c.role == "modal" != review and c.start >= reach)
    ]
    if weak:
        return _kind_of(weak[-1].role)
    if role == "review":
        return "achieved"
    return "other"


def _counts_a_list(text: str, q, clause_end: int) -> bool:
    """ "3个首要问题", "20条意见": the number sizes a list of items, it is not a level."""
    if q.unit[-1:] not in _COUNTERS:
        return False
    tail = text[q.end : min(clause_end, q.end + 8)].split("的")[0]
    return any(n in tail[:6] for n in list_nouns())


def _is_strong(c: Cue, clause_start: int, role: str) -> bool:
    """A cue that decides the kind on its own when it is the nearest of its strength."""
    if c.role == "forecast":
        return True
    if c.role == "future":
        # A review section names past plans (营养改善计划, 目标…): only time words look ahead.
        return role != "review" or c.text in _TIME_CUES or c.text[:1].isdigit() or "到" in c.text
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
    for word, comp in _AFTER:
        if q.surface.endswith(word) or after.startswith(word):
            return comp
    before = text[max(clause_start, q.start - 6) : q.start]
    for word, comp in _BEFORE:
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
    raw = raw[: cut.start()] if cut else re.sub(r"[从由]$", "", raw)
    words = _TAIL_TRIM.sub("", _LEAD_TRIM.sub("", raw))
    words = _LEAD_TRIM.sub("", words)
    if q.unit[-1:] in _COUNTERS or not words:
        suffix = _SUFFIX_TRIM.sub("", text[q.end : q.end + 16])
        k = 0
        while k < len(suffix) and suffix[k] not in _CLAUSE_END and suffix[k] != "的":
            k += 1
        words += suffix[:k]
    words = words.strip()
    if words in _BARE_VERBS:
        words = _subject_before(text, clause_start) + words
    return words or raw


def _subject_before(text: str, clause_start: int) -> str:
    """ "国内生产总值超过126万亿元，增长5.2%": the subject of 增长 is 国内生产总值."""
    if clause_start < 2 or text[clause_start - 1] not in "，、":
        return ""
    lo = _clause_start(text, max(0, clause_start - 60), clause_start - 1)
    prev = re.split(r"\d", text[lo : clause_start - 1], maxsplit=1)[0]
    return _TAIL_TRIM.sub("", _LEAD_TRIM.sub("", prev))


def analyze(corpus: Iterable, all: bool = False) -> pd.DataFrame:
    """One row per numeric mention (``kind == "target"`` only unless ``all``)."""
    rows = []
    for speech in corpus:
        year = speech_year(speech.text, title=speech.title, source=speech.source)
        for t in classify(speech.text, year=year):
            if not all and t.kind != "target":
                continue
            start, end = speech.raw_span(t.start, t.end)
            rows.append(
                {
                    "source": speech.source,
                    "speech": speech.id,
                    "kind": t.kind,
                    "indicator": t.indicator,
                    "value": t.value,
                    "value_high": t.value_high,
                    "unit": t.unit,
                    "value_base": t.value_base,
                    "unit_base": t.unit_base,
                    "comparator": t.comparator,
                    "hardness": t.hardness,
                    "year": t.year,
                    "sentence": t.sentence,
                    "start": start,
                    "end": end,
                }
            )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("value", "value_high", "value_base"):
        frame[col] = frame[col].astype("float64")
    for col in ("start", "end"):
        frame[col] = frame[col].astype("int64")
    return frame
