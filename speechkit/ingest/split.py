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


def _opening_tail(openings: Sequence[str] | None) -> re.Pattern[str]:
    """``opening_pattern`` without the line start: it begins with the words, so ``re`` can
    skip ahead to their first characters (a leading ``^`` or look-behind makes it try
    every position: 3-7 times slower on a 20 MB dump)."""
    words = _opening_words(openings)
    return re.compile(rf"(?:{words})[ \t\u3000]*[:：][ \t\u3000]*(?=[\r\n]|\Z)")


def find_spans(raw: str, openings: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each speech; the text before the first is the preamble.

    The spans tile ``raw[first_start:]`` exactly. With no opening the list is empty: the
    caller decides (the loader makes the whole text one speech). The starts are those of
    ``opening_pattern``'s matches: a match of the words and colon is kept when only blanks
    stand between it and the start of its line.
    """
    starts = []
    for m in _opening_tail(openings).finditer(raw):
        at = m.start()
        while at and raw[at - 1] in " \t\u3000":
            at -= 1
        if not at or raw[at - 1] in "\r\n":
            starts.append(at)
    ends = [*starts[1:], len(raw)]
    return list(zip(starts, ends))
