"""Traditional to Simplified with OpenCC, whichever backend is installed, plus a 著 fix list."""

from __future__ import annotations

import re
from functools import cache

from speechkit.resources import bundled_lines


@cache
def _converter():
    import opencc  # the C++ package or opencc-python-reimplemented: both install `opencc`

    try:
        return opencc.OpenCC("t2s.json")  # the C++ backend's name for the config
    except Exception:  # the pure-Python port knows only the bare name; any failure means that
        return opencc.OpenCC("t2s")


def backend() -> str:
    """Name of the OpenCC backend in use, for reports and benchmarks."""
    import opencc

    return "opencc (C++)" if hasattr(opencc, "clib") else "opencc-python-reimplemented"


@cache
def _zhe_pattern() -> re.Pattern[str]:
    words = [w.strip() for w in bundled_lines("zhe_fixes.tsv")]
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def to_simplified(text: str) -> str:
    """Convert ``text`` to Simplified, keeping its length so offsets still line up."""
    out = _converter().convert(text)
    if len(out) != len(text):
        # A phrase table changed a length: convert line by line, and character by character
        # where a line still differs, so that every position keeps its place.
        lines = []
        for line in text.split("\n"):
            converted = _converter().convert(line)
            if len(converted) != len(line):
                converted = "".join(_converter().convert(ch) or ch for ch in line)
            lines.append(converted)
        out = "\n".join(lines)
    return _zhe_pattern().sub(lambda m: m.group().replace("著", "着"), out)
