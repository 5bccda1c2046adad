"""The sentence block around each number, for the targets analyzer: its sentences, cue words
and times, found block by block and only where a number needs them.
"""

from __future__ import annotations

import bisect

from speechkit.analyzers.targets.cues import Cue, Time, cues_and_times, quoted_spans
from speechkit.text.sentences import Sentence, block_span, sentence_spans


class BlockContext:
    """Sentences, cues and times of a speech, found only where a quantity needs them.

    A number is classified from its own sentence block (cues from the block's start, times,
    the sentence), so the blocks without numbers, most of a speech, are never split or
    searched. Quantities come in text order: one line and one block are kept at a time.
    """

    def __init__(self, text: str, year: int | None) -> None:
        self.text = text
        self.year = year
        self.line = (0, -1)
        self.quoted: list[tuple[int, int]] = []
        self.span = (0, -1)  # of the block: from after a 。！？ run to the end of the next
        self.sentences: list[Sentence] = []
        self.starts: list[int] = []
        self.cues: tuple[list[Cue], list[int], list[Time], list[int]] | None = None

    def sentence(self, pos: int) -> Sentence | None:
        """The sentence holding ``pos``, or None if it is in no sentence (blank space)."""
        lo, hi = self.span
        if not lo <= pos < hi:
            self._enter(pos)
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0 or pos >= self.sentences[i].end:
            return None
        return self.sentences[i]

    def block(self) -> tuple[list[Cue], list[int], list[Time], list[int]]:
        """(cues, their starts, times, their starts) of the last sentence's block."""
        if self.cues is None:
            cues: list[Cue] = []
            times: list[Time] = []
            if self.sentences:
                lo, stop = self.span[0], self.sentences[-1].end
                cues, times = cues_and_times(self.text, self.year, lo, stop, self.quoted)
            self.cues = (cues, [c.start for c in cues], times, [t.start for t in times])
        return self.cues

    def _enter(self, pos: int) -> None:
        text = self.text
        start, end = self.line
        if not start <= pos < end:
            # A line break ends every sentence, block and quote: a line stands alone.
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            self.line = (start, end)
            self.quoted = quoted_spans(text, start, end)
        lo, hi = self.span = block_span(text, pos, start, end)
        self.sentences = [Sentence(*s) for s in sentence_spans(text, lo, hi)]
        self.starts = [s.start for s in self.sentences]
        self.cues = None  # found when a number here needs them


def within(items: list, starts: list[int], lo: int, hi: int) -> list:
    """Items starting in [lo, hi) and ending before ``hi``, in text order."""
    a = bisect.bisect_left(starts, lo)
    b = bisect.bisect_left(starts, hi)
    return [x for x in items[a:b] if x.end <= hi]
