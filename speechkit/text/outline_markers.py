"""Outline markers: the styles (一、 （一） 1. （1） ① 第一 首先 一是 一方面) and finding them.

Pure functions on a ``str``; ``speechkit.text.outline`` builds the tree from the markers found.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from speechkit.text.numerals import small_number

_CN = "[一二三四五六七八九十]{1,3}"
# What re's \s matches, spelled out: a class of plain characters is quicker to test than one
# that holds \s (tests/test_outline_markers.py checks that the two agree).
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# The character before any marker: a clause boundary (a line break or other whitespace, a
# clause-ending mark, an opening quote). Heading styles check the line start in Python.
_BEFORE = "[" + re.escape(_WHITESPACE) + "。！？；：，!?;:,“]"
# The first character of every style's shape below.
_FIRST = r"[\d一二三四五六七八九十（(①-⑳第首其再最另【]"

_BOX_NUMBER = re.compile(r"\d+$")  # 3 of 重点任务3
LAST = -1  # number of 最后: "one more than the previous item"
# number of a 最后 in the speaker's own voice (最后，我还要强调的是): it closes a 首先…其次 run,
# but after 第一…第四 it is the speech's closing word, no item of that run
CLOSING = -2
_CLOSING_VOICE = re.compile(r"[，,]\s*(?:我(?!们)|再|还要)")


def roman_number(s: str) -> int:
    """Value of a lowercase Roman numeral (i … xx); 0 if malformed."""
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for a, b in zip(s, [*s[1:], ""], strict=True):
        total += -values[a] if b and values[b] > values[a] else values[a]
    return total if 0 < total <= 39 else 0


@dataclass(frozen=True)
class Style:
    name: str
    rank: int  # lower is higher in the document hierarchy
    shape: str  # regex for the marker itself, 一、 or （一）
    trim: tuple[int, int]  # characters before and after the number in the marker
    # None: a clause boundary before the marker is enough (start of text or line, a
    # clause-ending mark, optionally followed by spaces or an opening quote). Otherwise the
    # marker must begin its line (after indentation: spaces, \u3000, \u2003 …) or follow one
    # of these marks.
    after: str | None = None

    def starts(self, text: str, start: int, lo: int) -> bool:
        """Whether a marker of this style may start at ``start`` (parsing from ``lo``)."""
        if self.after is None or (start > 0 and text[start - 1] in self.after):
            return True
        line = text.rfind("\n", 0, start) + 1
        return lo <= line and (line == start or text[line:start].isspace())


# Ordered from the top of the official hierarchy down. A new list of rank 1-6 (the heading styles
# and 第N) closes any open list of the same or a lower style; a new 首先 or inline list nests in
# whatever item is open (首先 often sits under an inline 一是, as in sample speech 2).
STYLES = (
    Style("一、", 1, f"{_CN}、", (0, 1), ""),
    Style("（一）", 2, f"[（(]{_CN}[）)]", (1, 1), ""),
    Style("1.", 3, r"\d{1,2}(?:[.．](?!\d)|、)", (0, 1), ""),
    # the numbered boxes of a plan on lines of their own (【重点任务3】, 【专栏2】)
    Style("【N】", 3, r"【[^\W\d_]{0,6}\d{1,3}】", (1, 1), ""),
    Style("（1）", 4, r"[（(]\d{1,2}[）)]", (1, 1), "。；：;:"),
    Style("（i）", 5, r"[（(][ivx]{1,5}[）)]", (1, 1), "。；：;:"),
    Style("①", 5, "[①-⑳]", (0, 0), "。；：，;:,"),
    Style("第一", 6, f"第{_CN}(?=[，、：,:]|是)", (1, 0)),
    Style("首先", 7, "(?:首先|其次|再次|最后)(?=[，、：,:]|是)", (0, 0)),
    Style("一是", 8, f"{_CN}[是要]", (0, 1)),
    Style("一方面", 9, "(?:另一方面|一方面)", (0, 0)),
)
# All styles in one pass; the empty group at the end of each alternative names its style. The
# scan starts at the character before the marker: a pattern that started with ^ or a
# look-behind would be tried at every position of the text. No two styles can match at one
# position, and no marker can start inside another (no marker character is in _BEFORE), so one
# pass finds what a pass per style would.
_ANY_STYLE = "|".join(f"{style.shape}(?P<s{i}>)" for i, style in enumerate(STYLES))
_MARKER = re.compile(f"{_BEFORE}(?={_FIRST})(?:{_ANY_STYLE})")
_MARKER_AT_START = re.compile(f"(?:{_ANY_STYLE})")  # at the very start of the text
_STYLE_OF_GROUP = {_MARKER.groupindex[f"s{i}"]: style for i, style in enumerate(STYLES)}
STYLE_BY_NAME = {s.name: s for s in STYLES}
_SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": LAST, "一方面": 1, "另一方面": 2}
# 一是一、二是二 ("one is one, two is two") and similar idioms are not enumerations.
_IDIOM = re.compile(r"一是一[、，,]?二是二")


class Marker(NamedTuple):
    """One candidate outline marker found in the text (a tuple: a parse makes thousands)."""

    start: int
    end: int
    style: str
    rank: int
    number: int
    text: str


_new_marker = functools.partial(tuple.__new__, Marker)  # Marker(...) without a Python call


def _number_reader(style: Style) -> Callable[[str], int | None]:
    """How to read the number inside a marker of ``style`` (0 or None when it is malformed)."""
    if style.name in ("首先", "一方面"):
        return _SEQUENCE_WORDS.get
    if style.name == "①":
        return {chr(ord("①") + i): i + 1 for i in range(20)}.get
    if style.name in ("1.", "（1）"):
        return int  # \d: decimal digits of any script, which int() reads
    if style.name == "【N】":
        return lambda label: int(_BOX_NUMBER.search(label)[0])  # type: ignore[index]
    if style.name == "（i）":
        return roman_number
    return _chinese_number


# a few dozen numerals make nearly all markers: each is read once
_chinese_number = functools.cache(small_number)


# Per regex group (see _ANY_STYLE): the style, then what find_markers needs of it, unpacked
_GROUPS = {
    group: (style, style.after, *style.trim, style.name, style.rank, _number_reader(style))
    for group, style in _STYLE_OF_GROUP.items()
}


def find_markers(text: str, lo: int = 0, hi: int | None = None) -> list[Marker]:
    """Every candidate marker in ``text[lo:hi]``, in text order, idioms excluded."""
    hi = len(text) if hi is None else hi
    idioms = [m.span() for m in _IDIOM.finditer(text, lo, hi)]
    hits: Iterable[re.Match[str]] = _MARKER.finditer(text, max(lo - 1, 0), hi)
    if lo == 0 and (first := _MARKER_AT_START.match(text, 0, hi)):
        hits = itertools.chain([first], hits)
    # The markers come in text order, each at a new start: the matches do not overlap, and
    # one of _MARKER starts one character (the boundary) before its marker, so after 0.
    found: list[Marker] = []
    for m in hits:
        start, end = m.span()
        if m.re is _MARKER:
            start += 1  # the boundary character before the marker
        style, after, before_number, after_number, name, rank, read = _GROUPS[m.lastindex or 0]
        if after is not None and not style.starts(text, start, lo):
            continue
        number = read(text[start + before_number : end - after_number])
        if number == LAST and _CLOSING_VOICE.match(text, end):
            number = CLOSING
        if not number or (idioms and any(a <= start < b for a, b in idioms)):
            continue
        found.append(_new_marker((start, end, name, rank, number, text[start:end])))
    return found
