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
    words = sorted(openings or DEFAULT_OPENINGS, key=len, reverse=True)
    alternatives = "|".join(re.escape(word.rstrip(":：")) for word in words)
    return re.compile(
        rf"(?:^|(?<=\r))[ \t\u3000]*(?:{alternatives})[ \t\u3000]*[:：][ \t\u3000]*(?=[\r\n]|\Z)",
        re.M,
    )


def find_spans(raw: str, openings: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each speech; the text before the first is the preamble.

    The spans tile ``raw[first_start:]`` exactly. With no opening the list is empty: the
    caller decides (the loader makes the whole text one speech).
    """
    starts = [m.start() for m in opening_pattern(openings).finditer(raw)]
    ends = [*starts[1:], len(raw)]
    return list(zip(starts, ends))
