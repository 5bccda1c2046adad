"""Sentences and top-level headings of a speech text, with offsets into that text.

Pure functions on a ``str`` (a speech's Simplified ``text``); no tokenizer, no jieba.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A sentence ends after 。！？； (full-width; the loader normalises ASCII ! ? ; to these),
# after a run of them, or at a line break. Closing quotes/brackets after the terminator
# stay with the sentence. Written to open with a character class, so that re can skip ahead
# to the next terminator instead of trying both alternatives at every character.
_SENTENCE_END = re.compile(r"[。！？；\n](?:(?<=\n)|[。！？；]*[”’」』）]*)")
# 。！？ end a "block"; ； only ends a sentence inside one. Cue words (今年…目标是：) scope
# over a whole block such as "今年发展主要预期目标是：A；B；C。". A terminator run made only
# of these characters keeps the block open.
_BLOCK_KEEP = "；”’」』）"
_BLOCK_CLOSE = re.compile("[。！？]")

# Top-level heading markers: "一、" and "第一，/第一、/第一是" at a line start. Second-level
# markers such as "（一）" or "一是" do not open a new section.
_TOP_HEADING = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[，、：])"
)
_HEADING_MAX = 60
_HEADING_END = re.compile(r"[。！？；]")


@dataclass(frozen=True)
class Sentence:
    """``text[start:end]`` is the sentence (terminator included, line break excluded).

    ``block_start`` is where its 。-delimited block starts: equal to ``start`` unless the
    sentence follows a ； inside the same block.
    """

    start: int
    end: int
    block_start: int


@dataclass(frozen=True)
class Heading:
    """A top-level heading: ``text[start:end]`` is the heading wording (first sentence)."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into non-empty sentences (whitespace-only pieces are dropped)."""
    return [Sentence(*span) for span in sentence_spans(text)]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, block_start) of each sentence, as in ``split_sentences``.

    With ``start``/``end``, only the sentences of ``text[start:end]``: whole lines, or the
    whole text.
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int, int]] = []
    pos = start
    block = -1  # no block open
    for m in _SENTENCE_END.finditer(text, start, end):
        term, after = m.span()
        newline = text[term] == "\n"
        # Whitespace at either end is not part of the sentence (a terminator is not space).
        first, stop = _strip(text, pos, term if newline else after)
        if stop > first:
            if block < 0:
                block = first
            out.append((first, stop, block))
        # Only ；s (and closing quotes) keep the block open.
        if newline or m.group().strip(_BLOCK_KEEP):
            block = -1
        pos = after
    first, stop = _strip(text, pos, end)
    if stop > first:
        out.append((first, stop, first if block < 0 else block))
    return out


def block_span(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    """(lo, hi) such that ``sentence_spans(text, lo, hi)`` are the sentences of the block
    holding ``pos`` (all sharing one ``block_start``), as splitting the whole text gives them.

    ``text[start:end]`` is the line holding ``pos``; ``pos`` is not inside a terminator run.
    The block runs from the end of the 。！？ run before ``pos`` to the end of the one after.
    """
    last = max(text.rfind(ch, start, pos) for ch in "。！？")
    # From inside a run, the pattern matches to the run's end, as it does from its start.
    lo = start if last < 0 else _SENTENCE_END.match(text, last).end()
    nxt = _BLOCK_CLOSE.search(text, pos, end)
    hi = end if nxt is None else _SENTENCE_END.match(text, nxt.start()).end()
    return lo, hi


def _strip(text: str, start: int, stop: int) -> tuple[int, int]:
    """``text[start:stop]`` without whitespace at either end, as offsets."""
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return start, stop


def find_headings(text: str) -> list[Heading]:
    """Top-level headings: lines opening with 一、 or 第一， whose first sentence is short."""
    out: list[Heading] = []
    pos = 0
    for line in text.split("\n"):
        if _TOP_HEADING.match(line):
            first = _HEADING_END.split(line, maxsplit=1)[0]
            if len(first) <= _HEADING_MAX:
                lead = len(line) - len(line.lstrip())
                out.append(Heading(pos + lead, pos + len(first), first.strip()))
        pos += len(line) + 1
    return out


def windows(text: str, size: int) -> Iterator[str]:
    """``text`` in consecutive pieces of about ``size`` characters, each ending at a line end
    (LF; a line longer than ``size`` is one piece)."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size - 1) + 1 if start + size < len(text) else 0
        end = cut or len(text)
        yield text[start:end]
        start = end
