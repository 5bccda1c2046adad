"""Find the speeches of a raw dump: each runs from an opening line to the next one."""

from __future__ import annotations

import re
from collections.abc import Sequence

# An opening is a whole line of address ending in a colon: 同志們： or 各位代表：. The same
# words inside a line (同志們, …) are not openings. A line ends at LF, CRLF or a lone CR.
DEFAULT_OPENINGS = (
    "同志們",
    "同志们",
    "同志們、朋友們",
    "同志们、朋友们",
    "各位代表",
    "各位委員",
    "各位委员",
)


def opening_pattern(openings: Sequence[str] | None = None) -> re.Pattern[str]:
    alternatives = _opening_words(openings)
    return re.compile(
        rf"(?:^|(?<=\r))[ \t\u3000]*(?:{alternatives})[ \t\u3000]*[:：][ \t\u3000]*(?=[\r\n]|\Z)",
        re.M,
    )


def _opening_words(openings: Sequence[str] | None) -> str:
    words = sorted(openings or DEFAULT_OPENINGS, key=len, reverse=True)
    return "|".join(re.escape(word.rstrip(":：")) for word in words)


# An opening line ends in a colon and blanks. A pattern that begins with one literal lets
# ``re`` skip ahead in C between colons (one that begins with the words, or with a class of
# the two colons, tries them at every position: 6 times slower on a 20 MB dump), so each
# colon has its own, and the words before it are checked on the line after.
_BLANKS = " \t\u3000"
_COLONS_AT_LINE_END = tuple(
    re.compile(rf"{colon}[{_BLANKS}]*(?=[\r\n]|\Z)") for colon in (":", "：")
)


def find_spans(raw: str, openings: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each speech; the text before the first is the preamble.

    The spans tile ``raw[first_start:]`` exactly. With no opening the list is empty: the
    caller decides (the loader makes the whole text one speech). The starts are those of
    ``opening_pattern``'s matches: a line that holds one of the opening words, with only
    blanks before it and blanks, a colon and blanks after it.
    """
    words = [word.rstrip(":：") for word in openings or DEFAULT_OPENINGS]
    colons = sorted(m.start() for pattern in _COLONS_AT_LINE_END for m in pattern.finditer(raw))
    starts = []
    for colon in colons:
        line_start = raw.rfind("\n", 0, colon) + 1
        line_start = raw.rfind("\r", line_start, colon) + 1 or line_start
        line = raw[line_start:colon].lstrip(_BLANKS)
        if any(line.startswith(word) and not line[len(word) :].strip(_BLANKS) for word in words):
            starts.append(line_start)
    ends = [*starts[1:], len(raw)]
    return list(zip(starts, ends))
