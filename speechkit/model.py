"""The records passed between stages: a loaded source document and its speeches."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions in cleaned text back to positions in the decoded raw file.

    Cleaning only deletes characters or replaces one character by one, so the map is
    piecewise linear: ``breaks`` holds ``(clean_pos, raw_pos)`` pairs, sorted, and a
    position between two breaks moves with the later of them.
    """

    breaks: tuple[tuple[int, int], ...]
    raw_end: int
    keys: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", tuple(b[0] for b in self.breaks))

    def raw(self, pos: int) -> int:
        """Raw-file offset of cleaned position ``pos`` (``pos == len(text)`` maps to the end)."""
        i = bisect_right(self.keys, pos) - 1
        clean_at, raw_at = self.breaks[max(i, 0)]
        return min(raw_at + (pos - clean_at), self.raw_end)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file ``(start, end)`` of the cleaned slice ``[start, end)``."""
        if end <= start:
            at = self.raw(start)
            return at, at
        return self.raw(start), self.raw(end - 1) + 1


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
class Speech:
    """One speech: its place in the raw file, its cleaned text and its Simplified text.

    ``original`` and ``text`` have the same length, so one ``offsets`` map serves both.
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

    @property
    def chars(self) -> int:
        return len(self.text)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file offsets of ``text[start:end]``."""
        return self.offsets.raw_span(start, end)
