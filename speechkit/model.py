"""The records passed between stages: a speech, its offset map, and its flat row."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions in cleaned text back to positions in the decoded raw file.

    Cleaning only deletes characters or replaces one character by one, so the map is
    piecewise linear: ``breaks`` holds ``(clean_pos, raw_pos)`` pairs, sorted, and a
    position between two breaks moves with the later of them. The pairs are kept as two
    flat integer arrays (a tuple of tuples cost ~100 bytes a pair: 1.3 GB on a 1 GB dump).
    """

    clean_at: array
    raw_at: array
    raw_end: int

    @classmethod
    def from_breaks(cls, breaks: Iterable[Sequence[int]], raw_end: int) -> OffsetMap:
        breaks = breaks if isinstance(breaks, (list, tuple)) else list(breaks)
        if breaks and set(map(len, breaks)) != {2}:
            raise ValueError("each break is a (clean, raw) pair")
        flat = array("q", chain.from_iterable(breaks))  # in C: a corpus has ~500 k pairs
        return cls(flat[0::2], flat[1::2], raw_end)

    @property
    def breaks(self) -> tuple[tuple[int, int], ...]:
        return tuple(zip(self.clean_at, self.raw_at))

    def raw(self, pos: int) -> int:
        """Raw-file offset of cleaned position ``pos`` (``pos == len(text)`` maps to the end)."""
        i = max(bisect_right(self.clean_at, pos) - 1, 0)
        return min(self.raw_at[i] + (pos - self.clean_at[i]), self.raw_end)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file ``(start, end)`` of the cleaned slice ``[start, end)``."""
        if end <= start:
            at = self.raw(start)
            return at, at
        return self.raw(start), self.raw(end - 1) + 1

    def raw_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """``raw_span`` of each cleaned slice, in one call (an outline maps thousands)."""
        clean_at, raw_at, raw_end = self.clean_at, self.raw_at, self.raw_end
        found = []
        for start, end in spans:  # raw_span inlined: no calls to raw, min or max
            i = bisect_right(clean_at, start) - 1
            i = i if i > 0 else 0
            raw_start = raw_at[i] + (start - clean_at[i])
            raw_start = raw_start if raw_start < raw_end else raw_end
            if end <= start:
                found.append((raw_start, raw_start))
                continue
            # the break that moves end - 1 is at i or after: nothing before i lies past start
            j = bisect_right(clean_at, end - 1, i) - 1
            j = j if j > 0 else 0
            raw_last = raw_at[j] + (end - 1 - clean_at[j])
            found.append((raw_start, (raw_last if raw_last < raw_end else raw_end) + 1))
        return found


@dataclass(frozen=True)
class CleaningStats:
    """What cleaning did to one speech (or one preamble)."""

    glosses: int = 0
    html: int = 0
    invisible: int = 0
    punctuation: int = 0
    suspects: int = 0
    mojibake: int = 0


@dataclass(frozen=True)
class TitleBlock:
    """The lines that head a report in its file's preamble (title, subtitles, dateline,
    speaker; see ``speechkit.ingest.preamble``): cleaned, Simplified, with the map back to the
    raw file. Not part of the speech's text, which starts at its opening line."""

    text: str
    offsets: OffsetMap


@dataclass(frozen=True)
class Speech:
    """One speech: its place in the raw file, its cleaned text and its Simplified text.

    ``original`` and ``text`` have the same length, so one ``offsets`` map serves both.
    ``title_block`` is the report's title block in the preamble before it, for the one speech
    of a file that has one (None otherwise): it lies before ``start``.
    """

    id: str
    source: str
    ordinal: int
    start: int
    end: int
    title: str
    original: str
    text: str
    offsets: OffsetMap
    stats: CleaningStats = field(default_factory=CleaningStats)
    title_block: TitleBlock | None = None

    @property
    def chars(self) -> int:
        return len(self.text)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file offsets of ``text[start:end]``."""
        return self.offsets.raw_span(start, end)

    def raw_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """Raw-file offsets of ``text[start:end]`` for each ``(start, end)``."""
        return self.offsets.raw_spans(spans)


SPEECH_COLUMNS = [
    "id",
    "source",
    "ordinal",
    "start",
    "end",
    "title",
    "chars",
    "glosses",
    "suspects",
    "mojibake",
]
TEXT_COLUMNS = ["text", "original"]


def speech_record(speech: Speech, texts: bool = True) -> dict:
    record = {
        "id": speech.id,
        "source": speech.source,
        "ordinal": speech.ordinal,
        "start": speech.start,
        "end": speech.end,
        "title": speech.title,
        "chars": speech.chars,
        "glosses": speech.stats.glosses,
        "suspects": speech.stats.suspects,
        "mojibake": speech.stats.mojibake,
    }
    if texts:
        record["text"] = speech.text
        record["original"] = speech.original
    return record


def first_words(text: str) -> str:
    """The first 20 characters of a speech after its first line (what a table shows)."""
    return text.split("\n", 1)[-1].strip()[:20]


def split_row(speech: Speech, texts: bool = False) -> tuple[dict, CleaningStats]:
    """What ``speechkit split`` needs of a speech, made where the speech is built (so that
    not the speech but this travels back from a worker): its row, with ``begins`` (and the
    texts with ``texts``), and its cleaning counts (for the summary under the table)."""
    return speech_record(speech, texts) | {"begins": first_words(speech.text)}, speech.stats
