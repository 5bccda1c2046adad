"""Writings of a formulation that differ from its lexicon form only mechanically, and that the
slogans matcher folds back: the space of a line wrap inside it (工业 化、信息化), its characters
set apart with 、 (“专、精、特、新” for 专精特新), an ordinal written with a digit (发展是第1要务
for 发展是第一要务). ``sites`` finds where a text is written so, ``fold`` gives a piece of it
folded with the source offset of every folded character, and ``needed`` tells a match that
only the fold made."""

from __future__ import annotations

import re
from typing import NamedTuple

_HAN = "\u4e00-\u9fff"
_ORDINAL_DIGITS = str.maketrans("123456789１２３４５６７８９", "一二三四五六七八九一二三四五六七八九")
_SITES = re.compile(
    # a line wrap's space (never a line end: a form split by one is no occurrence) between
    # two characters of a form, or after the 、 or ， of a series
    rf"(?P<space>(?<=[{_HAN}、，])[ \t\u3000]+(?=[{_HAN}]))"
    # three or more single characters set apart with 、, the whole run (not 党、政 of
    # 党、政、军, nor the 老、少、边 of 老、少、边、穷地区, whose last item is no character)
    rf"|(?P<run>(?<![{_HAN}、])[{_HAN}](?:、[{_HAN}]){{2,}}(?![{_HAN}、]))"
    # an ordinal's digit (第1要务; not 第14位)
    r"|(?P<ordinal>(?<=第)[1-9１-９](?![0-9０-９]))"
)


class Site(NamedTuple):
    """``text[start:end]`` is written in a way ``kind`` folds: ``space`` (dropped), ``run``
    (its 、 dropped) or ``ordinal`` (the digit as a numeral)."""

    kind: str
    start: int
    end: int


def sites(text: str) -> list[Site]:
    """Where ``text`` holds a writing that folds, in order."""
    if "第" not in text and "、" not in text and " " not in text and "\u3000" not in text:
        return []
    return [Site(m.lastgroup or "", m.start(), m.end()) for m in _SITES.finditer(text)]


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


def windows(text: str, found: list[Site], reach: int) -> list[tuple[int, int, list[Site]]]:
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
