"""Quantitative goals in speeches: each number classified as target, achieved or other.

``classify(text)`` works on one speech's Simplified text; the analyzer in ``__init__`` maps
its findings to rows. Token-free: never imports jieba. The kind is decided
here; a number's other fields are read in target_fields, its sentence block in target_blocks.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from speechkit.analyzers.targets.blocks import BlockContext, within
from speechkit.analyzers.targets.cues import Cue, find_times, list_nouns, section_role, speech_year
from speechkit.analyzers.targets.fields import (
    COUNTERS,
    FROM,
    clause_end,
    clause_start,
    comparator,
    hardness,
    indicator,
    number_year,
)
from speechkit.text.quantities import unit_kind
from speechkit.text.sentences import find_headings

# Durations ("24小时值班", "2天内完成") are rules and deadlines, not measured goals.
_DURATIONS = {
    *("小时", "天", "日", "分钟", "秒", "周", "个月"),
    *("星期", "工作日", "个工作日", "岁", "周年"),
    # "收费年限延长至40年", "参保不足1年": a period set by a rule, not a measured goal.
    "年",
}
# 要/将 count only this close to the number: a 要 clauses earlier governs another verb.
_MODAL_REACH = 30

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
# "14亿多人口", "14亿中国人": the size of a population named, not a measure.
_POPULATION = re.compile(r"多?(?:人口|中国人|人民|各族人民|农民)|(?<=亿人)的")
# "今年高校毕业生820多万人": the size of a cohort that policy must serve, not a goal.
_COHORT = re.compile(
    r"(?:毕业生|新成长劳动力|劳动年龄人口)(?:规模|人数)?(?:将|预计)?(?:达到?|超过|有)?$"
)
# Forward-looking cues that still look ahead inside a review section.
_TIME_CUES = {"今年", "本年", "年内", "明年", "今后", "下一步", "未来", "届时"}


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
    """Classify every quantity in ``text`` (found with speechkit.text.quantities unless given).

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
        from speechkit.text.quantities import find_quantities

        quantities = find_quantities(text)
    if year is None:
        year = speech_year(text)
    sections = _sections(text, year)
    section_starts = [s[0] for s in sections]
    context = BlockContext(text, year)

    out = []
    for q in quantities:
        if _is_date(text, q):
            continue
        sent = context.sentence(q.start)
        if sent is None:
            continue
        lo = clause_start(text, sent.start, q.start)
        hi = clause_end(text, q.end, sent.end)
        other = _never_a_goal(text, q, lo, hi)
        if other and targets_only:
            continue
        cues, cue_starts, times, time_starts = context.block()
        j = bisect.bisect_right(section_starts, q.start) - 1
        role, heading_year = sections[j][1:] if j >= 0 else ("", "")
        window = within(cues, cue_starts, sent.block_start, q.start)
        # 已/了 after the number in its clause ("1.46万亿额度已提前下达") read as nearest.
        window += [c for c in within(cues, cue_starts, q.end, hi) if c.role == "past"]
        kind = "other" if other else _kind(q, window, lo, role, sent.start)
        if targets_only and kind != "target":
            continue
        tlist = within(times, time_starts, sent.block_start, q.start)
        out.append(
            (
                q.start,
                q.end,
                kind,
                indicator(text, q, lo),
                q.value,
                q.value_high,
                q.unit,
                q.value_base,
                q.unit_base,
                comparator(text, q, lo),
                hardness(text, sent, window) if kind == "target" else "",
                number_year(tlist, role, kind, year, heading_year),
                text[sent.block_start : sent.end],
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


def _never_a_goal(text: str, q, clause_lo: int, clause_hi: int) -> bool:
    """Numbers that are "other" whatever the cues around them say (no cue is needed)."""
    before = text[clause_lo : q.start]
    if before.endswith("第") or _COMPARISON.search(before) or _in_title(text, q.start):
        return True
    if _POPULATION.match(text, q.end) or _COHORT.search(before):
        return True
    # A bare number (省道302线, “1+1=2”) has no unit to measure a goal in.
    if not q.unit or _counts_a_list(text, q, clause_hi):
        return True
    if q.unit_base in _DURATIONS and not _YEARS_LEVEL.search(before):
        return True
    return _not_a_level(text, q, before)


def _kind(q, window: list[Cue], clause_lo: int, role: str, sent_start: int) -> str:
    """target / achieved / other from the cues near the number, its clause and section
    (for a number that ``_never_a_goal`` lets through)."""
    in_clause = [c for c in window if c.start >= clause_lo]
    if any(c.role == "rule" for c in in_clause):
        return "other"
    # A fact word (目前, 现有, 据调研) reaches to the end of its own sentence only.
    strong = [
        c
        for c in window
        if _is_strong(c, clause_lo, role) and (c.role != "fact" or c.start >= sent_start)
    ]
    # 要/将 are weak: in a review section "将…纳入" is a past action, not a plan.
    review = "modal" if role == "review" else ""
    reach = q.start - _MODAL_REACH
    modal = [c for c in window if c.role == "modal" != review and c.start >= reach]
    if strong:
        nearest = strong[-1]
        if nearest.role == "future" and _is_time(nearest):
            # "预计今年高校毕业生超过1170万人": a time word does not undo a forecast or fact.
            prior = [c for c in strong[:-1] if not _is_time(c) and c.start >= clause_lo]
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
    if FROM.search(before) and _BASELINE.match(after):
        return True
    if _SLOGAN.search(before) or _BASIS_BEFORE.search(before):
        return True
    return bool(_BASIS_AFTER.match(after) and before.endswith("按"))


def _counts_a_list(text: str, q, clause_hi: int) -> bool:
    """ "3个首要问题", "20条意见": the number sizes a list of items, it is not a level."""
    if q.unit[-1:] not in COUNTERS:
        return False
    tail = text[q.end : min(clause_hi, q.end + 8)].split("的")[0]
    return _list_noun_pattern().search(tail, 0, 6) is not None


@functools.cache
def _list_noun_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in sorted(list_nouns())) or "(?!)")


def _is_strong(c: Cue, clause_lo: int, role: str) -> bool:
    """A cue that decides the kind on its own when it is the nearest of its strength."""
    if c.role == "forecast":
        return True
    if c.role == "future":
        # A review section names past plans (营养改善计划, 目标…): only time words look ahead.
        return role != "review" or _is_time(c) or "到" in c.text
    if c.role == "fact":
        return True
    if c.role in ("binding", "aspirational"):
        # In a review section 确保/努力 describe past effort; only time words look ahead.
        return role != "review"
    # 了 marks completion only in the number's own clause ("召开了会议，确保…" is not past).
    return c.role == "past" and (c.start >= clause_lo or c.text != "了")


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
