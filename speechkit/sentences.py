"""Sentences and top-level headings of a speech text, with offsets into that text.

Pure functions on a ``str`` (a speech's Simplified ``text``); no tokenizer, no jieba.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends after 。！？； (full-width; the loader normalises ASCII ! ? ; to these),
# after a run of them, or at a line break. Closing quotes/brackets after the terminator
# stay with the sentence.
_SENTENCE_END = re.compile(r"[。！？；]+[”’」』）]*|\n")
# 。！？ end a "block"; ； only ends a sentence inside one. Cue words (今年…目标是：) scope
# over a whole block such as "今年发展主要预期目标是：A；B；C。".
_BLOCK_END = set("。！？\n")

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
    out: list[Sentence] = []
    pos = 0
    block = None
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        _add(text, pos, end, block, out)
        if out and out[-1].start >= pos:
            block = out[-1].block_start
        if m.group() == "\n" or any(ch in _BLOCK_END for ch in m.group()):
            block = None
        pos = m.end()
    _add(text, pos, len(text), block, out)
    return out


def _add(text: str, start: int, end: int, block: int | None, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        out.append(Sentence(start, stop, start if block is None else block))


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
