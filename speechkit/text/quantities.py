"""Find quantities (number + unit, ranges, approximations, redacted ``x``) in Simplified text.

Numbers are read with speechkit.text.numerals; units come from speechkit/data/units.tsv. Dates,
ordinals (第三), and formulations written with small Chinese numerals (两个确立, 三项制度)
are not quantities.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from speechkit.text.numerals import parse_number
from speechkit.text.quantity_patterns import _ARABIC_DIGIT, _CN_DIGIT, _groups, _scan_pattern
from speechkit.text.units import _MAGNITUDE_TAIL, Unit, _unit_info, per_pattern, unit_kind, units

__all__ = ["Quantity", "Unit", "find_quantities", "unit_kind", "units"]


class Quantity(NamedTuple):
    """One quantity; ``start``/``end`` are offsets into the text it was found in.

    ``value``/``unit`` are as written (2158, 亿元); ``value_base``/``unit_base`` are
    normalised (2.158e11, 元). For a range ``value_high`` is the upper bound. 个百分点 is a
    unit of its own, never %. ``approx`` is the word that makes it approximate (约, 左右,
    多, 余) or None. A redacted number (死亡x人) has value None and ``redacted`` True.
    """

    start: int
    end: int
    surface: str
    value: float | None
    value_high: float | None
    unit: str
    value_base: float | None
    value_high_base: float | None
    unit_base: str
    approx: str | None = None
    redacted: bool = False


# A number without a unit is skipped next to these: list markers, footnotes, ratios, times,
# formulas, and event names such as “7·20” or “1.8”火灾.
_NOT_AFTER_BARE = "、.．）)]］】年月日号时点分秒:：∶·•+=<>＋＝”/"
_NOT_BEFORE_BARE = "（([［【“·+=<>＋＝:：∶/"
# 约 before a number means "about", except at the end of a word (节约, 制约, 签约).
_APPROX_BEFORE = re.compile(r"(?:大约|(?<![节制签合契条公预特邀履违缔践隐婚])约)\Z")
_RANGE_BLOCKERS = ("从", "由")  # 由20%到30% is a change, not a range


# A number is Arabic (see ``arabic`` in _make) if it has an Arabic digit and no Chinese one.
_ARABIC_CHAR = re.compile(rf"[{_ARABIC_DIGIT}]")
_CN_CHAR = re.compile(rf"[{_CN_DIGIT}]")
_MAGNITUDES = ("万", "亿")  # what _MAGNITUDE_TAIL ends with


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in ``text``, in order.

    >>> [(q.value, q.unit, q.value_base, q.unit_base) for q in find_quantities("投资完成2158亿元")]
    [(2158.0, '亿元', 215800000000.0, '元')]
    """
    found = _scan(text)
    if "番" in text:
        found = sorted(found + _doublings(text), key=lambda q: q.start)
    if "半" in text:
        found = sorted(found + _halves(text), key=lambda q: q.start)
    return found


# A span of time: 用两年时间, 分两年完成, 半个月内 (not 三年行动, 五年规划, 上半年).
_SPAN_AFTER = re.compile(r"(?:左右)?(?:的)?(?:时间|之内|以内|内|来|以来)")
_SPAN_BEFORE = ("用", "花", "分", "在")
# Years need a word that makes them a span given to a task (五年内 alone is often a plan's
# period, 三年行动 a name).
_YEARS_AFTER = re.compile(r"(?:左右)?(?:的)?时间")
_HALF = re.compile(r"半(?P<unit>个月|年|天|个小时|小时)")


def _halves(text: str) -> list[Quantity]:
    """半个月内, 用半年时间: half a unit of time, when it reads as a span."""
    out = []
    for m in _HALF.finditer(text):
        if m.group("unit") == "年" and text[m.start() - 1 : m.start()] in ("上", "下", "前", "后"):
            continue  # 上半年, 后半年: a part of the year, not a span
        if _SPAN_AFTER.match(text, m.end()) or text.endswith(_SPAN_BEFORE, 0, m.start()):
            q = _build(text, m.start(), m.end(), 0.5, None, m.group("unit"), None, False)
            if q is not None:
                out.append(q)
    return out


# 翻一番, 翻两番: a multiple written as doublings (翻两番 is four times).
_DOUBLING = re.compile(r"翻(?P<n>[一两二三])番")


def _doublings(text: str) -> list[Quantity]:
    out = []
    for m in _DOUBLING.finditer(text):
        doublings = parse_number(m.group("n"))
        assert doublings is not None  # 一, 两, 二, 三
        times = 2.0**doublings
        out.append(
            Quantity(m.start("n"), m.end(), m.group()[1:], times, None, "倍", times, None, "倍")
        )
    return out


def _scan(text: str) -> list[Quantity]:
    scan = _scan_pattern().match
    g = _groups()
    at_group, unit1_group, first_groups = (
        g["at"],
        g["unit1"],
        (g["date"], g["pct"], g["num"], g["unit1"], g["num2"], g["unit"]),
    )
    size = len(text)
    out: list[Quantity] = []
    pos = 0
    while True:
        m = scan(text, pos)
        assert m is not None  # the scan's pattern matches everywhere (the empty skip at least)
        at = m.start(at_group)
        if at == size:
            return out
        pos = m.end()
        if pos == at:  # _FIRST matches here, _pattern does not: on to the next character
            pos = at + 1
            continue
        date, pct, num, unit1, num2, unit = m.group(*first_groups)
        if date:
            continue
        if pct:
            q = _percent_words(text, m)
        elif unit1 is None and num2 is None and unit is None and not _ARABIC_CHAR.search(num):
            continue  # most matches (一些, 统一, 十四五): Chinese numerals need a unit
        elif num2 is None and unit1 is not None and _never_counts(num, unit1):
            pos = m.end(unit1_group)
            continue  # 一批, 两个, 三项: a formulation wherever it stands (see _never_counts)
        else:
            q, pos = _numeric(text, m, g, num, unit1, num2, unit)
        if q is not None:
            out.append(q)


_PCT_UNITS = {"百分之": "%", "千分之": "‰", "万分之": "‱"}


def _percent_words(text: str, m: re.Match[str]) -> Quantity | None:
    unit = _PCT_UNITS[m.group("pct")]
    low = parse_number(m.group("pnum"))
    if low is None:
        return None
    high = parse_number(m.group("pnum2")) if m.group("pnum2") else None
    end = m.end("pnum2") if high is not None else m.end("pnum")
    start, end, approx = _approx(text, m.start("pct"), end, None)
    return _build(text, start, end, low, high, unit, approx, redacted=False)


def _numeric(
    text: str,
    m: re.Match[str],
    g: dict[str, int],
    num: str,
    unit1: str | None,
    num2: str | None,
    unit: str | None,
) -> tuple[Quantity | None, int]:
    """The quantity for a number match, and where to resume scanning. ``g`` numbers the
    groups of the match's pattern by name; the caller has read the groups named as the
    parameters (each group read costs a new string)."""
    start = m.start(g["num"])
    fuzzy = m.group(g["fuzzy"])
    # 从60%到65% is a change between two quantities, not a range.
    blocked = (
        num2 is not None
        and m.group(g["sep"]) in ("至", "到")
        and text.endswith(_RANGE_BLOCKERS, 0, start)
    )
    if unit1 is None and unit is None and not _ARABIC_CHAR.search(num):
        # No unit, so _make would reject them (一到两, 二十至三十).
        return None, (m.end(g["num"]) if blocked else m.end())
    if unit1 is not None:
        # A range repeats the unit (6%－6.5%); otherwise only "num unit1" is a quantity.
        same = unit is not None and (unit == unit1 or unit.startswith(unit1))
        if num2 is None or not same or blocked:
            num2, unit, fuzzy, end = None, unit1, None, m.end(g["unit1"])
        else:
            end = m.end(g["unit"])
    elif num2 is not None and blocked:
        num2, unit, fuzzy, end = None, None, None, m.end(g["num"])
    else:
        end = max(m.end(g["num"]), m.end(g["num2"]), m.end(g["fuzzy"]), m.end(g["unit"]))
    q = _make(text, start, end, num, num2, unit, fuzzy)
    return q, (q.end if q is not None else end)


def _make(
    text: str,
    start: int,
    end: int,
    num: str,
    num2: str | None,
    unit: str | None,
    fuzzy: str | None,
) -> Quantity | None:
    redacted = num.startswith("x")
    explicit_unit = unit is not None
    # 2158亿元 -> 2158 + 亿元: the magnitude belongs to the unit as written.
    last = num2 if num2 is not None else num
    mag = _MAGNITUDE_TAIL.search(last) if last[-1] in _MAGNITUDES else None
    if mag and mag.start() > 0:
        if num.endswith(mag.group()) and len(num) > len(mag.group()):
            num = num[: -len(mag.group())]
        if num2 is not None:
            num2 = num2[: mag.start()]
        unit = mag.group() + (unit or "")
    arabic = _arabic(num)
    if not explicit_unit and not arabic:
        return None  # Chinese numerals need a unit: 十四五, 一是, 十万火急
    unit = unit or ""
    before = text[max(0, start - 2) : start]
    # With a unit the test does not need the value: most rejections (两个, 三项) skip parsing.
    if unit and _not_a_quantity(text, start, end, num, None, unit, arabic, fuzzy or num2, before):
        return None
    value = None if redacted else parse_number(num)
    if value is None and not redacted:
        return None
    value_high = None
    if num2 is not None and not num2.startswith("x"):
        value_high = parse_number(num2)
        if value_high is None:
            return None
    if not unit and _not_a_quantity(
        text, start, end, num, value, unit, arabic, fuzzy or num2, before
    ):
        return None
    if unit.endswith("成") and text.startswith("半", end):
        value = None if value is None else value + 0.5
        end += 1
    if unit and text[end : end + 1] in ("/", "／") and _unit_info(unit) is not None:
        per = per_pattern().match(text, end)
        if per:
            unit += "/" + per.group(1)
            end = per.end()
    start, end, approx = _approx(text, start, end, fuzzy)
    return _build(text, start, end, value, value_high, unit, approx, redacted)


@lru_cache(maxsize=4096)
def _never_counts(num: str, unit: str) -> bool:
    """Whether ``_make`` rejects a Chinese numeral with this unit and no range, whatever
    stands around it: 两个, 三项, 一批 (a generic unit with no magnitude, but 年, which can
    be a span), 一公里 (一 before most units), or a unit the table lacks. Matches like
    these are a third of a speech's numbers: _scan drops them without calling _make."""
    if num.startswith("x") or num[-1] in _MAGNITUDES or _arabic(num):
        return False
    info = _unit_info(unit)
    if info is None:
        return True
    row = info[0]
    mag_len = len(unit) - len(row.unit) if row.kind != "magnitude" else 0
    if mag_len:
        return False
    if row.kind == "generic":
        return unit != "年"
    return num == "一" and row.kind != "percent" and unit != "倍"


@lru_cache(maxsize=4096)
def _arabic(num: str) -> bool:
    """Whether a numeral is Arabic: an Arabic digit and no Chinese one (numerals repeat)."""
    return _ARABIC_CHAR.search(num) is not None and _CN_CHAR.search(num) is None


def _approx(text: str, start: int, end: int, fuzzy: str | None) -> tuple[int, int, str | None]:
    """Widen the span over 约 before and 左右 after; the approximating word (first wins)."""
    # (Both forms end in 约: most numbers do not follow one, and skip the search.)
    found = None
    if start and text[start - 1] == "约":
        found = _APPROX_BEFORE.search(text, max(0, start - 3), start)
    approx = found.group() if found else None
    if approx:
        start -= len(approx)
    approx = approx or fuzzy
    if text.startswith("左右", end):
        end += 2
        approx = approx or "左右"
    return start, end, approx


def _not_a_quantity(
    text: str,
    start: int,
    end: int,
    num: str,
    value: float | None,
    unit: str,
    arabic: bool,
    loose: str | None,
    before: str,
) -> bool:
    """True for dates' neighbours, ordinals, list markers and formulations.

    ``loose`` is set for 二十多个 or 两到三个: a count, though the unit is generic.
    ``value`` is read only when there is no unit.
    """
    prev = before[-1:]
    if prev == "第" or (prev.isascii() and prev.isalpha()):
        return True  # 第三, 第10; PM2.5, G20
    nxt = text[end : end + 1]
    if not unit:
        if (nxt.isascii() and nxt.isalpha()) or (nxt and nxt in _NOT_AFTER_BARE):
            return True  # 5G, list numbers 1、 and （1）, times, 1:8, 1+1=2, “7·20”
        bare_year = value is not None and 1900 <= value <= 2100 and len(num) == 4
        return bool(prev and prev in _NOT_BEFORE_BARE) or bare_year  # (1), [1], “1.8”; a year
    if arabic or num.startswith("x"):
        return False
    info = _unit_info(unit)
    if info is None:
        return True
    mag_len = len(unit) - len(info[0].unit) if info[0].kind != "magnitude" else 0
    kind = info[0].kind
    if prev in ("“", "「"):
        return True  # “两个确立”, “三区三州”
    if kind == "generic" and not loose and not mag_len:
        # 两个维护, 三项制度, 十九届, 五年规划; but 用两年时间, 分两年完成, 在五年或更长的
        # 时间内: a span of years
        span = unit == "年" and (_YEARS_AFTER.match(text, end) or before.endswith(_SPAN_BEFORE))
        return not span
    # 一家人, 一天天, 最后一公里, 一度: an article or a formulation, not a count
    return num == "一" and not mag_len and kind != "percent" and unit != "倍"


def _build(
    text: str,
    start: int,
    end: int,
    value: float | None,
    value_high: float | None,
    unit: str,
    approx: str | None,
    redacted: bool,
) -> Quantity | None:
    info = _unit_info(unit) if unit else None
    if unit and info is None:
        return None
    factor = info[1] if info else 1.0
    unit_base = info[0].base if info else ""
    base = None if value is None else _scaled(value, factor)
    high = None if value_high is None else _scaled(value_high, factor)
    # (tuple.__new__ skips the named tuple's __new__, a Python function: quantities abound.)
    fields = (start, end, text[start:end], value, value_high, unit, base, high, unit_base)
    return _tuple_new(Quantity, (*fields, approx, redacted))


_tuple_new = tuple.__new__


@lru_cache(maxsize=4096)
def _scaled(value: float | None, factor: float) -> float | None:
    """``value * factor`` (numbers and units repeat: most calls hit the cache)."""
    if value is None:
        return None
    # Round away binary noise: 1.46 * 1e12 should be 1460000000000.0 exactly.
    return float(f"{value * factor:.15g}")
