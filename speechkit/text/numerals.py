"""Parse a whole string as a number: Arabic, Chinese (incl. financial) and mixed numerals,
fractions and percentages. Percent forms return the percent value (百分之五十五 -> 55.0)."""

from __future__ import annotations

import functools
import re

__all__ = ["COUNT_NUMERALS", "parse_number", "small_number"]

# The numerals that count things in a numbered formulation (两个维护, 十四个坚持, 三个一批).
COUNT_NUMERALS = "一二两三四五六七八九十"

# Traditional / variant / full-width forms folded to one spelling before parsing.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "，": ",",
        "％": "%",
        "－": "-",
        "−": "-",
        "＋": "+",
        "／": "/",
        "萬": "万",
        "億": "亿",
        "兩": "两",
        "倆": "两",
        "俩": "两",
        "貳": "贰",
        "陸": "陆",
        "參": "叁",
        "叄": "叁",
        "負": "负",
        "點": "点",
        "個": "个",
        "幾": "几",
        "\u202f": None,  # narrow no-break space: a thousands separator
    }
)
_WHITESPACE = re.compile(r"\s+")

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
    # 几 ("some") counts as 0, so 二十几万 -> 200000 as in Recognizers-Text.
    "几": 0,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8, "兆": 10**12}
_ZEROS = "零〇"

_ARABIC = r"(?:[0-9]+(?:,[0-9]{3})*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[kK]?"
_TOKEN = re.compile(rf"({_ARABIC})|(.)")
_ARABIC_WHOLE = re.compile(rf"{_ARABIC}")
_POWER = re.compile(rf"({_ARABIC})\^([+-]*)({_ARABIC})")
_CN_DIGIT_RUN = re.compile(r"[0-9零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖两]+")
# 余/多 after a numeral ("十余万", "一千多万") only blur the value; drop them.
_FUZZY = re.compile(r"(?<=[0-9零〇一二三四五六七八九十百千万亿拾佰仟两])[余多](?=[万亿]|$)")
# A percent/per-mille denominator written without a leading digit (百分之, 千分之, 百万分之).
# With a leading digit (一百分之五) it is an ordinary fraction, as in Recognizers-Text.
_PERCENT_DENOM = re.compile(r"[百千万亿佰仟]+")
_CHENG = re.compile(r"(.+?)成(半|[0-9一二三四五六七八九])?")


class _NotANumber(ValueError):
    pass


# Speeches repeat a few hundred numerals (一, 两, 5, 30…): three calls in four hit the cache.
@functools.lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """Return the value of ``text`` read as one number, or None if it is not one.

    >>> parse_number("两千四百五"), parse_number("1.46万亿"), parse_number("三成半")
    (2450.0, 1460000000000.0, 35.0)
    """
    s = _WHITESPACE.sub("", text.translate(_FOLD))
    if not s:
        return None
    try:
        return _signed(s)
    except (_NotANumber, ZeroDivisionError, OverflowError):
        return None


def _signed(s: str) -> float:
    sign = 1.0
    if s[0] in "-+负":
        sign = -1.0 if s[0] != "+" else 1.0
        s = s[1:]
        if not s:
            raise _NotANumber
    return sign * _unsigned(s)


def _unsigned(s: str) -> float:
    # Percentages and per-mille: the value is returned in percent.
    if s.endswith("%"):
        return _plain(s[:-1])
    if s.endswith("‰"):
        return _plain(s[:-1]) / 10
    if s.endswith("个百分点"):
        return _plain(s[: -len("个百分点")])
    if "分之" in s:
        return _fraction(s)
    if "成" in s:  # 三成 = 30%, 三成半 = 35%, 七成六 = 76%, 半成 = 5%
        m = _CHENG.fullmatch(s)
        if not m:
            raise _NotANumber
        tenths, extra = m.groups()
        value = 5.0 if tenths == "半" else _plain(tenths) * 10
        if extra:
            value += 5 if extra == "半" else _plain(extra)
        return value
    if "/" in s:
        num, _, den = s.partition("/")
        return _plain(num) / _plain(den)
    return _plain(s)


def _fraction(s: str) -> float:
    whole = 0.0
    if "又" in s:
        head, _, s = s.partition("又")
        whole = _plain(head)
    den, _, num = s.partition("分之")
    if not num:
        raise _NotANumber
    if not whole and _PERCENT_DENOM.fullmatch(den):
        # 百分之五 -> 5 (percent); 千分之一 -> 0.1 (percent).
        return _plain(num) * 100 / _cn_integer(den, allow_bare_unit=True)
    return whole + _plain(num) / _plain(den)


def _plain(s: str) -> float:
    """A number with no percent/fraction syntax: Arabic, Chinese or mixed."""
    if not s:
        raise _NotANumber
    if s[0] in "-+负":
        return _signed(s)
    if _ARABIC_WHOLE.fullmatch(s):
        return _arabic(s)
    m = _POWER.fullmatch(s)
    if m:
        exponent = _arabic(m.group(3)) * (-1 if m.group(2).count("-") % 2 else 1)
        return _arabic(m.group(1)) ** exponent
    if s.endswith("打") and len(s) > 1:  # a dozen
        return 12 * _plain(s[:-1])
    if s == "半":
        return 0.5
    if s == "半百":
        return 50.0
    if s[0] == "几":  # 几十, 几万: "some tens" has no value
        raise _NotANumber
    s = _FUZZY.sub("", s)
    if "点" in s:
        int_part, _, frac_part = s.partition("点")
        if not _CN_DIGIT_RUN.fullmatch(frac_part) or "两" in frac_part:
            raise _NotANumber
        frac = "".join(str(_DIGITS[c]) if c in _DIGITS else c for c in frac_part)
        return (_cn_integer(int_part) if int_part else 0.0) + float("0." + frac)
    return _cn_integer(s)


def _arabic(s: str) -> float:
    factor = 1000.0 if s[-1] in "kK" else 1.0
    if factor != 1.0:
        s = s[:-1]
    return float(s.replace(",", "")) * factor


def _cn_integer(s: str, allow_bare_unit: bool = False) -> float:
    """Chinese or mixed integer (Arabic tokens may carry decimals: 1.46万亿, 5万4千6百)."""
    parts: list[list[float]] = []  # [value, scale] of completed 万/亿/兆 sections
    section = 0.0  # the part below 万 being built
    pending: float | None = None  # a digit not yet multiplied by a unit
    pending_single = False  # pending came from one character (may be an abbreviation)
    last_unit = 0  # unit just before `pending`, for 两千四百五 = 2450; 0 after 零
    prev_big = False
    seen_number = False
    for m in _TOKEN.finditer(s):
        arabic, ch = m.group(1), m.group(2)
        if arabic is not None or ch in _DIGITS:
            value = _arabic(arabic) if arabic is not None else float(_DIGITS[ch])
            single = arabic is None or len(arabic) == 1
            if pending is not None:
                # Digit strings such as 二〇二二 read positionally.
                if not (single and pending_single and arabic is None) or parts or section:
                    raise _NotANumber
                pending = pending * 10 + value
                last_unit = 0
            else:
                pending = value
                pending_single = single
            if ch is not None and ch in _ZEROS and pending == 0:
                pending = None
                last_unit = 0
            seen_number = True
            prev_big = False
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            section += (pending if pending is not None else 1) * unit
            pending, last_unit, prev_big, seen_number = None, unit, False, True
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            if prev_big and pending is None and section == 0:
                parts[-1][0] *= unit  # 万万, 万亿: multiplied magnitudes
                parts[-1][1] *= unit
            else:
                value = section + (pending or 0)
                if pending is None and section == 0:
                    if parts or not (seen_number or allow_bare_unit):
                        raise _NotANumber
                    value = 1.0
                while parts and parts[-1][1] < unit:
                    value += parts.pop()[0]
                parts.append([value * unit, unit])
            section, pending, last_unit, prev_big = 0.0, None, unit, True
        else:
            raise _NotANumber
    if not seen_number and not allow_bare_unit:
        raise _NotANumber
    tail = 0.0
    if pending is not None:
        # 两千四百五, 一万三, 百三: a lone digit after a unit is one order lower.
        tail = pending * last_unit / 10 if pending_single and last_unit >= 100 else pending
    return sum(p[0] for p in parts) + section + tail


@functools.cache
def small_number(s: str) -> int | None:
    """Value of a small whole numeral, Arabic (12) or Chinese from 一 to 九十九 (两 is 二), as
    list markers, months and announcements (讲五点) write them; None if it is not one."""
    if s.isdigit():
        return int(s)
    value = parse_number(s) if _SMALL.fullmatch(s) else None
    return int(value) if value else None


_SMALL = re.compile("[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]")
