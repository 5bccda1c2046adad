"""What every raw dump offers, read whole or streamed: its speeches and a cleaning report."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import groupby, islice
from pathlib import Path

from speechkit.ingest.clean import WindowedClean, clean
from speechkit.ingest.convert import to_simplified
from speechkit.ingest.heap import give_back
from speechkit.ingest.preamble import block_title, title_block_start
from speechkit.ingest.title import guess_title
from speechkit.model import Speech, TitleBlock
from speechkit.text.windows import windows
from speechkit.workers import Workers, can_fork

BATCH = 16  # speeches per task for worker processes
# A speech longer than this (characters) is cleaned and converted a window at a time, so
# that the intermediates of cleaning (about ten copies of what is cleaned) stay small.
WINDOW = 1 << 20


def build_speech(
    source: str, stem: str, ordinal: int, start: int, raw: str, preamble: str = ""
) -> Speech:
    """Speech number ``ordinal`` from its raw slice ``raw``, which starts at ``start``:
    a str, or a long slice kept outside memory (``windows(size)`` gives its text in pieces
    that end at line ends, such as a streamed document's spilled speech). ``preamble`` is
    the raw text from the file's start to ``start`` when it heads this speech (the file's
    one speech): its title block goes with the speech, and its title line is the title."""
    if isinstance(raw, str) and len(raw) <= WINDOW:
        cleaned = clean(raw, start)
        original, text = cleaned.text, to_simplified(cleaned.text)
        offsets, stats = cleaned.offsets, cleaned.stats
    else:
        # Cleaning and conversion never look across a line end: window by window gives
        # the same text, offsets and counts as the whole slice at once.
        pieces = raw.windows(WINDOW) if not isinstance(raw, str) else windows(raw, WINDOW)
        cleaner = WindowedClean(start)
        originals, texts = [], []
        for window in pieces:
            originals.append(cleaner.add(window))
            texts.append(to_simplified(originals[-1]))
        original = "".join(originals)
        del originals
        text = "".join(texts)
        del texts
        offsets, stats = cleaner.offsets, cleaner.stats
        give_back()  # the windows' copies, freed: not kept for the steps that follow
    block = title_block(preamble)
    title = block_title(block.text) if block else ""
    return Speech(
        id=f"{stem}-{ordinal}",
        source=source,
        ordinal=ordinal,
        start=start,
        end=offsets.raw_end,
        title=title or guess_title(text),
        original=original,
        text=text,
        offsets=offsets,
        stats=stats,
        title_block=block,
    )


def title_block(preamble: str) -> TitleBlock | None:
    """The title block of ``preamble`` (raw, from the file's start), cleaned and converted;
    None when it has none (no preamble, or nothing but page chrome and blanks)."""
    at = title_block_start(preamble)
    if not preamble[at:].strip():
        return None
    cleaned = clean(preamble[at:], at)
    return TitleBlock(to_simplified(cleaned.text), cleaned.offsets)


@dataclass(frozen=True)
class SpeechTask:
    """A batch of speeches for one worker: ``build_speech`` argument tuples (raw slices, to
    be cleaned and converted where the task runs) or speeches already built (from a corpus
    directory). Picklable, and small: a slice of raw text, not a ``Speech``. Engines build it
    with ``speechkit.engines.tasks.build_batch``."""

    items: tuple


def build_speeches(items: list[tuple]) -> list[Speech]:
    """``build_speech`` over a batch of argument tuples (the unit of work of a worker)."""
    return [build_speech(*item) for item in items]


def build_all(items: Iterator[tuple], jobs: int | None, parallel: bool) -> Iterator[Speech]:
    """``build_speech`` over ``items`` (argument tuples), in order: on forked workers when
    ``parallel`` and the machine allows, with few speeches in flight; else in this process.
    """
    if not parallel or not can_fork(jobs):
        for item in items:
            yield build_speech(*item)
        return
    # OpenCC's tables are loaded once, where the workers are forked from.
    with Workers(jobs or os.cpu_count() or 1, partial(to_simplified, "")) as workers:
        # A speech spilled to a file is built here: sent back from a worker, it would be
        # pickled whole on both sides.
        for spilled, run in groupby(items, key=_spilled):
            if spilled:
                yield from (build_speech(*item) for item in run)
                continue
            for batch in workers.imap(build_speeches, _batches(run), size=_batch_chars):
                yield from batch


def _batches(items: Iterator[tuple]) -> Iterator[list[tuple]]:
    # Batches per task: one speech per task spends more time in hand-offs than in cleaning.
    while batch := list(islice(items, BATCH)):
        yield batch


def _spilled(item: tuple) -> bool:
    return not isinstance(item[4], str)


def _batch_chars(batch: list[tuple]) -> int:
    return sum(len(item[4]) for item in batch)


class DocumentReport:
    """The cleaning report shared by in-memory and streamed documents."""

    source: str
    preamble: str
    # Set by the corpus when two inputs share a file name, so that ids stay unique.
    id_stem: str = ""

    @property
    def stem(self) -> str:
        if self.id_stem:
            return self.id_stem
        return "stdin" if self.source == "-" else Path(self.source).stem

    def summary(self, speeches: Iterable[Speech]) -> dict[str, int]:
        """What cleaning did to the whole file: ``speeches`` are this document's speeches."""
        preamble = clean(self.preamble, 0).stats
        totals = {"speeches": 0, "chars": 0, "glosses": preamble.glosses}
        totals.update(suspects=preamble.suspects, mojibake=preamble.mojibake, html=preamble.html)
        for speech in speeches:
            totals["speeches"] += 1
            totals["chars"] += speech.chars
            for key in ("glosses", "suspects", "mojibake", "html"):
                totals[key] += getattr(speech.stats, key)
        totals["preamble_lines"] = len(self.preamble.splitlines())
        return totals
