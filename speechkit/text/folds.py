"""Writings of a formulation that differ from its lexicon form only mechanically, and that the
slogans matcher folds back: the space of a line wrap inside it (工业 化、信息化), its characters
set apart with 、 (“专、精、特、新” for 专精特新), an ordinal written with a digit (发展是第1要务
for 发展是第一要务). ``sites`` finds where a text is written so, ``pieces`` the stretches around
them to match, ``fold`` one stretch folded with the source offset of every character, and
``needed`` tells a match that only the fold made."""

from __future__ import annotations

import re
from typing import NamedTuple

_HAN = "\u4e00-\u9fff"
_ORDINAL_DIGITS = str.maketrans(
    "123456789１２３４５６７８９", "一二三四五六七八九一二三四五六七八九"
)
# Each pattern starts with one character of its own, which re skips to quickly (a pattern led
# by a class or a lookbehind reads every character: 0.2 µs each, 60 times slower).
# A line wrap's space (never a line end: a form split by one is no occurrence) between two
# characters of a form, or after the 、 or ， of a series; one pattern per first space.
_SPACES = tuple(
    re.compile(f"{space}(?<=[{_HAN}、，]{space})[ \t\u3000]*(?=[{_HAN}])") for space in " \t\u3000"
)
# Three or more single characters set apart with 、: found by a middle item (、精、), then the
# whole run (not 党、政 of 党、政、军, nor the 老、少、边 of 老、少、边、穷地区, whose last item
# is no single character).
_MIDDLE = re.compile(f"、(?=[{_HAN}]、)")
_RUN = re.compile(f"(?<![{_HAN}、])[{_HAN}](?:、[{_HAN}]){{2,}}(?![{_HAN}、])")
_HAN_CHAR = re.compile(f"[{_HAN}]")
# An ordinal's digit (第1要务; not 第14位).
_ORDINAL = re.compile("第([1-9１-９])(?![0-9０-９])")


class Site(NamedTuple):
    """``text[start:end]`` is written in a way ``kind`` folds: ``space`` (dropped), ``run``
    (its 、 dropped) or ``ordinal`` (the digit as a numeral)."""

    kind: str
    start: int
    end: int


def sites(text: str) -> list[Site]:
    """Where ``text`` holds a writing that folds, in order."""
    found = [Site("ordinal", m.start(1), m.end(1)) for m in _ORDINAL.finditer(text)]
    for spaces in _SPACES:
        found.extend(Site("space", m.start(), m.end()) for m in spaces.finditer(text))
    at = 0
    while (middle := _MIDDLE.search(text, at)) is not None:
        # the run starts at the first item of the chain of items before this one
        start = middle.start() - 1
        while start >= 2 and text[start - 1] == "、" and _HAN_CHAR.match(text, start - 2):
            start -= 2
        run = _RUN.match(text, start) if start >= 0 else None
        if run is not None:
            found.append(Site("run", run.start(), run.end()))
            at = run.end()
        else:
            at = middle.end()
    found.sort(key=lambda site: site.start)
    return found


def fold(text: str, start: int, end: int, found: list[Site]) -> tuple[str, list[int]]:
    """``text[start:end]`` with the ``found`` sites in it folded, and for each character of
    the result (and one past its end) its offset in ``text``."""
    pieces: list[str] = []
    at: list[int] = []
    pos = start
    for site in found:
        pieces.append(text[pos : site.start])
        at.extend(range(pos, site.start))
        written = text[site.start : site.end]
        if site.kind == "ordinal":
            pieces.append(written.translate(_ORDINAL_DIGITS))
            at.append(site.start)
        elif site.kind == "run":
            pieces.append(written[::2])
            at.extend(range(site.start, site.end, 2))
        pos = site.end
    pieces.append(text[pos:end])
    at.extend(range(pos, end + 1))
    return "".join(pieces), at


def needed(site: Site, start: int, end: int) -> bool:
    """Whether a match at ``text[start:end]`` (source offsets) is there by the fold of
    ``site``: it spans the space, covers the whole run, or holds the ordinal's digit."""
    if site.kind == "space":
        return start < site.start and site.end < end
    if site.kind == "run":
        return start <= site.start and site.end <= end
    return start <= site.start < end


def pieces(text: str, found: list[Site], reach: int) -> list[tuple[int, int, list[Site]]]:
    """Pieces of ``text`` to match folded: around each site up to ``reach`` characters on
    either side, within its line (no form holds a line end), sites close together in one."""
    pieces: list[tuple[int, int, list[Site]]] = []
    for site in found:
        line_start = text.rfind("\n", 0, site.start) + 1
        line_end = text.find("\n", site.end)
        start = max(line_start, site.start - reach)
        end = min(len(text) if line_end < 0 else line_end, site.end + reach)
        if pieces and start <= pieces[-1][1]:
            last_start, _, last_sites = pieces[-1]
            pieces[-1] = (last_start, max(end, pieces[-1][1]), [*last_sites, site])
        else:
            pieces.append((start, end, [site]))
    return pieces
