"""Parse the numbered outline of one speech text (一、 / （一） / 1. / （1） / 第一， / 一是 …).

Pure functions on a ``str``: offsets are relative to that text. ``speechkit.analyzers.directives``
maps them to raw-file offsets.

How items are told from ordinary numbers:

- Heading styles (一、 （一） 1. （1）) count only at the start of a line; 第N / 首先 and the
  inline enumerations (一是, 一要, 一方面) only after a clause boundary (line start or one of
  。！？；：，), so 第一次, 十五届, 第二届, 倒数第二 and 统一是 never match.
- A marker is an item only as part of a sequence: a marker numbered N > 1 must continue an open
  sequence of its style that expects N, and a sequence that never gets a second item is
  dropped (a lone 第一 in a sentence). Numbering restarts inside each parent.
- 首先/其次/再次/第N/最后 form one mixed run (首先…其次…第三…最后).
- 一是一、二是二 is an idiom, not an enumeration.

Levels and paths: ``level`` is the depth of the item in the tree, so level 1 is the highest
style present in the speech. Inline or 第N lists that come before the first item of a higher
style (an introduction listing achievements before 第一，…) are put under a virtual item ``0``
(paths ``0.1``, ``0.2``… at level 2), so the top level stays the speech's real outline.

Appendices: a line that is just ``附件N`` (optionally followed by a short title) ends the body's
outline. Each appendix becomes one more top-level item (marker ``附件N``) and its own numbering,
which usually restarts at 一、, is parsed as an independent outline beneath it (level 2 down).
So Guangdong's report has top level 一、 二、 附件1 附件2; its ten 民生实事 are ``3.1``…``3.10``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from speechkit.text.numerals import small_number
from speechkit.text.outline_markers import (  # noqa: F401 (re-exported)
    _WHITESPACE,
    CLOSING,
    LAST,
    STYLE_BY_NAME,
    STYLES,
    Marker,
    Style,
    find_markers,
    roman_number,
)

_APPENDIX = re.compile(
    r"^[^\S\n]*附件\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})?[^\n]{0,30}$", re.M
)
# A heading: after the separators (，、：,:.．是) and spaces, up to 。！？!? or the line end.
_HEADING = re.compile(r"[，、：,:.．是\s]*([^。！？!?\n]*)")


@dataclass(slots=True, eq=False)
class Sequence:
    style: str
    rank: int
    items: list[Node] = field(default_factory=list)

    @property
    def expects(self) -> int:
        return self.items[-1].number + 1


@dataclass(slots=True, eq=False)
class Node:
    marker: Marker | None
    number: int = 0
    seq: Sequence | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    start: int = 0
    end: int = 0
    label: str = ""  # marker text for virtual nodes (附件1, 0)
    heading: str = ""
    para: int = 0  # the paragraph of the marker (numbered within the part parsed)
    inline: bool = False  # holds only the rest of its paragraph (see _build)


class Item(NamedTuple):
    """One outline item, with offsets relative to the parsed text (a tuple: cheap to make)."""

    path: str
    level: int
    number: int
    marker: str
    style: str
    heading: str
    start: int
    end: int


@dataclass(frozen=True)
class Outline:
    """A parsed speech: items in document order, and each numbered list with its length."""

    items: list[Item]
    sequences: list[tuple[int, str, int]]  # (start of first item, style, number of items)


_ORDINAL_RUN = frozenset({"第一", "首先"})
# Chinese-numeral headings on a line of their own (一、 （一）) are items even alone or when
# their list does not start at 一: a text cut to one part of a report keeps its （二）, （七）.
_HEADING_RANK = 2
# ... and so are a plan's numbered boxes (【重点任务3】, 【重点任务10】: it quotes some tasks)
_STAND_ALONE = frozenset({"【N】"})


def _stands_alone(m: Marker) -> bool:
    return m.rank <= _HEADING_RANK or m.style in _STAND_ALONE


def _continues(seq: Sequence, m: Marker) -> bool:
    """Can marker ``m`` be the next item of ``seq``?"""
    if seq.style in _ORDINAL_RUN and m.style in _ORDINAL_RUN:
        # 第一…第二…最后 and 首先…其次…第三…最后 mix; only 首先 itself always starts a run.
        if m.number == LAST:
            return True
        if m.number == CLOSING:
            return seq.style == "首先"
        return m.number == seq.expects and m.text != "首先"
    return m.style == seq.style and m.number == seq.expects


_SUBHEADING_CHARS = 30
_SENTENCE_END = re.compile("[。！？；!?;]")


_INDENT = " \t\u3000\u2003“"  # what may come before a marker that opens its paragraph


class _Place(NamedTuple):
    """Where a marker sits: what ``_build`` needs besides the marker, found once per part."""

    marker: Marker
    para: int  # its paragraph (line), counted from the start of the part
    opens: bool  # nothing but indentation before it on its line
    inline: bool  # an item there would hold only the rest of its paragraph


_new_place = functools.partial(tuple.__new__, _Place)  # _Place(...) without a Python call


def _places(text: str, markers: list[Marker]) -> list[_Place]:
    places = []
    para, before = 0, markers[0].start if markers else 0
    for m in markers:
        pos = m.start
        para += text.count("\n", before, pos)
        before = pos
        line = text.rfind("\n", 0, pos) + 1
        opens = line == pos or (text[pos - 1] in _INDENT and text[line:pos].strip(_INDENT) == "")
        # 一是/一要/一方面 hold only their paragraph, unless their line is a sub-heading
        # (一是治理体系重构。); 第一，/首先， hold the paragraphs after theirs when they open
        # one (a speech whose parts are paragraphs opening 第一，…)
        holds = opens and (m.rank < 8 or _is_heading(text, pos))
        places.append(_new_place((m, para, opens, m.rank >= 6 and not holds)))
    return places


def _is_heading(text: str, pos: int) -> bool:
    """Whether the line from ``pos`` is a short heading (一是治理体系重构。), not prose."""
    end = text.find("\n", pos)
    line = text[pos : len(text) if end < 0 else end].strip()
    return len(line) <= _SUBHEADING_CHARS and not _SENTENCE_END.search(line[:-1])


def _build(places: list[_Place], root: Node) -> list[Sequence]:
    """Nest the markers into a tree under ``root``; the lists, in order of their first item.

    An inline item (一是, 一要, 一方面, and a 第一 or 首先 inside a paragraph) holds only the
    rest of its paragraph: in the next paragraph it is no parent, and its list restarts there
    (only an item that opens the paragraph may continue it). A heading, or a 第一/首先 that
    opens its paragraph, holds the paragraphs that follow, up to its next sibling.
    """
    stack = [root]
    sequences: list[Sequence] = []
    for m, para, opens, inline in places:
        placed = None
        for depth in range(len(stack) - 1, 0, -1):
            seq = stack[depth].seq
            assert seq is not None
            last = seq.items[-1]
            if _continues(seq, m) and (opens or not (last.inline and last.para != para)):
                del stack[depth:]
                number = seq.expects if m.number in (LAST, CLOSING) else m.number
                placed = Node(m, number, seq, stack[-1])
                seq.items.append(placed)
                break
        if placed is None:
            if m.number != 1 and not _stands_alone(m):
                continue
            while len(stack) > 1 and stack[-1].inline and stack[-1].para != para:
                stack.pop()  # an inline item of an earlier paragraph
            while len(stack) > 1:
                top = stack[-1].seq
                assert top is not None and top.items[0].marker is not None
                # a new inline list that opens its paragraph ends an open list of its style
                # (一要… after 一是…四是); one inside a paragraph nests under the item that
                # holds the paragraph, whatever its style
                closes = top.rank >= m.rank if m.rank <= 6 else top.style == m.style and opens
                if not closes:
                    break
                stack.pop()
            seq = Sequence(m.style, m.rank)
            placed = Node(m, m.number if _stands_alone(m) else 1, seq, stack[-1])
            seq.items.append(placed)
            sequences.append(seq)
        placed.para, placed.inline = para, inline
        stack[-1].children.append(placed)
        stack.append(placed)
    return sequences


def _line_end(text: str, pos: int, hi: int) -> int:
    nl = text.find("\n", pos, hi)
    return hi if nl < 0 else nl


def _set_spans(text: str, node: Node, hi: int) -> None:
    """Give every descendant of ``node`` its [start, end); ``hi`` bounds ``node``'s span."""
    kids = node.children
    bounds = [kid.marker.start for kid in kids[1:]]  # type: ignore[union-attr]
    bounds.append(hi)
    for kid, bound in zip(kids, bounds, strict=False):  # no kids: one bound, not used
        marker, seq = kid.marker, kid.seq
        assert marker is not None and seq is not None
        start = kid.start = marker.start
        if kid.children:
            _set_spans(text, kid, bound)
        end = bound
        if seq.items[-1] is kid and (
            seq.rank >= 7 or text[text.rfind("\n", 0, start) + 1 : start].strip() != ""
        ):
            # the last item of an inline list (or of a 第N run inside a paragraph) runs to the
            # end of its paragraph, not to the end of the parent: what follows is the
            # parent's own text. Its children may still carry it further.
            end = min(bound, _line_end(text, start, hi))
            for grandchild in kid.children:
                end = max(end, grandchild.end)
        while end > start and text[end - 1].isspace():
            end -= 1
        kid.end = end
        heading = _HEADING.match(text, marker.end, end)
        kid.heading = heading[1].strip() if heading else ""


def _with_intro(root: Node) -> None:
    """Move lower-style lists that precede the speech's top list under a virtual item 0."""
    tops = [k for k in root.children if k.seq is not None and k.seq.items[0] is k]
    if not tops:
        return
    best = min(k.seq.rank for k in tops if k.seq is not None)
    if best > 6:
        return
    first_top = next(k for k in tops if k.seq is not None and k.seq.rank == best)
    intro = [k for k in root.children if k.start < first_top.start]
    if not intro or all(k.seq is not None and k.seq.rank == best for k in intro):
        return
    zero = Node(None, 0, None, root, intro, intro[0].start, intro[-1].end, label="0")
    for k in intro:
        k.parent = zero
    root.children = [zero, *root.children[len(intro) :]]


_WORD_STYLES = frozenset({"首先", "一方面"})


def _cut_off(text: str, places: list[_Place], lo: int, hi: int) -> Marker | None:
    """The marker that opens the text's last paragraph, if any: a list there may have been cut
    off by the end of an excerpt (一是学前教育得到较快发展。… and nothing after), so it is an item
    even alone. Only a numeral's list (一是, 第一) after other paragraphs: 首先 and 一方面 are
    words that often stand alone (首先，我代表州委向大家表示感谢。)."""
    if not places or not places[-1].opens:
        return None
    last = places[-1].marker
    if not text[lo : text.rfind("\n", lo, last.start) + 1].strip():
        return None  # the text's only paragraph
    if last.number != 1 or last.style in _WORD_STYLES:
        return None
    line_end = text.find("\n", last.start, hi)
    return None if line_end >= 0 and text[line_end:hi].strip() else last


def _parse_part(text: str, lo: int, hi: int) -> tuple[Node, list[Sequence]]:
    places = _places(text, find_markers(text, lo, hi))
    cut_off = _cut_off(text, places, lo, hi)
    for _ in range(10):  # dropping a one-item list can change what the rest attaches to
        root = Node(None, start=lo, end=hi)
        sequences = _build(places, root)
        lone = {
            s.items[0].marker
            for s in sequences
            if len(s.items) == 1
            and not _stands_alone(s.items[0].marker)  # type: ignore[arg-type]
            and s.items[0].marker is not cut_off
        }
        if not lone:
            break
        places = [p for p in places if p.marker not in lone]
    _set_spans(text, root, hi)
    _with_intro(root)
    return root, sequences


def _appendix_lines(text: str) -> list[re.Match[str]]:
    """What ``_APPENDIX.finditer(text)`` finds, trying only lines that contain 附件."""
    found: list[re.Match[str]] = []
    end = 0
    at = text.find("附件")
    while at >= 0:
        line = text.rfind("\n", 0, at) + 1
        # a match can run over blank lines (附件\s*), and the scan resumes where it ended
        if line >= end and (m := _APPENDIX.match(text, line)):
            found.append(m)
            end = m.end()
        at = text.find("附件", at + 2)
    return found


_new_item = functools.partial(tuple.__new__, Item)  # Item(...) without a Python call


def _walk(nodes: list[Node], prefix: str, level: int, items: list[Item]) -> None:
    """Append the items of ``nodes`` and their descendants, numbering their paths."""
    number = 0
    for node in nodes:
        if node.label == "0":  # the virtual intro is numbered 0: it takes no sibling's slot
            _walk(node.children, f"{prefix}0.", level + 1, items)
            continue
        number += 1
        path = f"{prefix}{number}"
        marker = node.marker
        text, style = (node.label, "附件") if marker is None else (marker.text, marker.style)
        items.append(
            _new_item((path, level, node.number, text, style, node.heading, node.start, node.end))
        )
        if node.children:
            _walk(node.children, path + ".", level + 1, items)


def parse(text: str) -> Outline:
    """The outline of one speech text, appendices (附件N) included as top-level items."""
    cuts = [m for m in _appendix_lines(text) if len(m.group().strip()) <= 30]
    bounds = [0, *(m.start() for m in cuts), len(text)]
    body, sequences = _parse_part(text, bounds[0], bounds[1])
    top = list(body.children)
    for i, cut in enumerate(cuts):
        part, seqs = _parse_part(text, cut.end(), bounds[i + 2])
        sequences += seqs
        label = re.sub(r"\s+", "", cut.group())
        n = cut.group("n")
        number = int(n) if n and n.isdigit() else (small_number(n) if n else None) or i + 1
        end = bounds[i + 2]
        while end > cut.start() and text[end - 1].isspace():
            end -= 1
        appendix = Node(None, number, None, None, part.children, cut.start(), end)
        appendix.label = "附件" + (n or "")
        appendix.heading = label
        if label == appendix.label:  # title on the next line
            nxt = text[cut.end() : end].strip().split("\n", 1)[0]
            appendix.heading = f"{label} {nxt[:40]}".strip()
        top.append(appendix)

    items: list[Item] = []
    _walk(top, "", 1, items)
    # No sort: the walk is in document order. Children are the markers that follow their
    # parent up to its next sibling, the intro's are the first of the body, appendices come last.
    seq_rows = sorted((s.items[0].start, s.style, len(s.items)) for s in sequences)
    return Outline(items, seq_rows)
