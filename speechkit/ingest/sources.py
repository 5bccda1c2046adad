"""Load raw dumps and corpus directories into a stream of ``Speech`` records."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from speechkit.errors import SpeechkitError
from speechkit.ingest import corpus_dir
from speechkit.ingest.build import (
    DocumentReport,
    SpeechTask,
    build_all,
    build_speech,
)
from speechkit.ingest.clean import Finding, clean
from speechkit.ingest.decode import decode_bytes
from speechkit.ingest.split import find_spans
from speechkit.ingest.stream import StreamedDocument, should_stream
from speechkit.ingest.urls import is_url, url_bytes
from speechkit.model import Speech
from speechkit.resources import user_bytes

Notice = Callable[[str], None]
# Files larger than this are streamed (see speechkit.ingest.stream) rather than read whole.
STREAM_MIN_BYTES = 64 << 20
# Below this size a file is cleaned in this process: forking costs more than it saves.
# 400,000 characters are about 1 MB of Chinese in UTF-8, the engines' threshold.
PARALLEL_MIN_CHARS = 400_000


@dataclass
class Document(DocumentReport):
    """One raw dump: its decoded text, where its speeches lie, and what cleaning found."""

    source: str
    raw: str
    encoding: str
    spans: list[tuple[int, int]]
    openings: Sequence[str] | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def preamble(self) -> str:
        return self.raw[: self.spans[0][0]]

    def speeches(self, jobs: int | None = None) -> Iterator[Speech]:
        """Clean and convert each speech, in order; a large file with several speeches is
        worked on by ``jobs`` processes (default every core)."""
        parallel = len(self.raw) >= PARALLEL_MIN_CHARS and len(self.spans) > 1
        return build_all(self.items(), jobs, parallel)

    def items(self, spill: bool = False) -> Iterator[tuple]:
        """``build_speech`` arguments for each speech, in order (``spill`` matters for
        streamed documents only: the text is in memory already). The preamble of a file of
        one speech heads that speech (its title block); that of several speeches heads the
        page, not its first speech."""
        preamble = self.preamble if len(self.spans) == 1 else ""
        return (
            (self.source, self.stem, ordinal, start, self.raw[start:end], preamble)
            for ordinal, (start, end) in enumerate(self.spans, 1)
        )

    def speech(self, ordinal: int) -> Speech:
        """Speech number ``ordinal`` (1-based), cleaned and converted."""
        return build_speech(*next(islice(self.items(), ordinal - 1, None)))

    def findings(self) -> list[Finding]:
        """Damaged glosses and mojibake runs in the whole file, preamble included."""
        found: list[Finding] = []
        cuts = [0, *(s for s, _ in self.spans), len(self.raw)]
        for start, end in zip(cuts, cuts[1:]):
            if end > start:
                found.extend(clean(self.raw[start:end], start).findings)
        return found


def read_document(
    path: str,
    encoding: str | None = None,
    openings: Sequence[str] | None = None,
    data: bytes | None = None,
) -> Document:
    """Read, decode and split one raw dump (``-`` is standard input)."""
    name = "<stdin>" if path == "-" else path
    if data is None:
        data = sys.stdin.buffer.read() if path == "-" else user_bytes(path, "raw dump")
    raw, used = decode_bytes(data, name, encoding)
    if not raw.strip():
        raise SpeechkitError(f"{name}: holds only whitespace; give a file with speech text.")
    spans = find_spans(raw, openings)
    doc = Document(path, raw, used, spans or [(0, len(raw))], openings)
    if not spans:
        doc.notices.append(
            f"{name}: no opening line (such as 同志们：) found; "
            "treating the whole text as one speech. Use --opening to name the openings."
        )
    return doc


@dataclass
class SourceReport(DocumentReport):
    """What a raw dump's cleaning report needs once its speeches have gone by."""

    source: str
    encoding: str
    preamble: str


class Corpus:
    """A stream of speeches from raw dumps and corpus directories, read one file at a time."""

    def __init__(
        self,
        paths: Iterable[str],
        encoding: str | None = None,
        openings: Sequence[str] | None = None,
        on_notice: Notice | None = None,
        on_speech: Callable[[Speech], None] | None = None,
        meta: str | Path | None = None,
    ):
        self.on_speech = on_speech
        # A metadata CSV whose columns every analysis of this corpus joins (document
        # variables; see speechkit.analyzers.docvars).
        self.meta = meta
        if isinstance(paths, bytes):
            paths = [os.fsdecode(paths)]
        # The same input named twice (`split - -`) is read once.
        self.paths = list(dict.fromkeys(_input_path(p) for p in paths))
        if not self.paths:
            raise SpeechkitError("no input given; name a raw dump, a corpus directory or -.")
        self.stems = _unique_stems(self.paths)
        self.encoding = encoding
        self.openings = tuple(openings) if openings else None
        self.on_notice = on_notice
        self._stdin: bytes | None = None
        self._fetched: dict[str, bytes] = {}  # URL -> its bytes
        self.reports: dict[str, SourceReport] = {}
        # Each corpus directory read through, as it was checked (for the token cache).
        self.checked: dict[str, corpus_dir.Checked] = {}
        self._noticed: set[str] = set()

    def documents(self) -> Iterator[Document]:
        """Raw dumps only, one at a time (corpus directories have no raw text)."""
        for path in self.paths:
            if path != "-" and Path(path).is_dir():
                continue
            yield self._read(path)

    def _read(self, path: str) -> Document | StreamedDocument:
        if should_stream(path, STREAM_MIN_BYTES):
            streamed = StreamedDocument(path, self.encoding, self.openings, self._notify)
            streamed.id_stem = self.stems.get(path, "")
            return streamed
        data = None
        if path == "-":
            if self._stdin is None:
                self._stdin = sys.stdin.buffer.read()
            data = self._stdin
        elif is_url(path):
            data = self._fetched.pop(path, None) or url_bytes(path)  # held no longer
        doc = read_document(path, self.encoding, self.openings, data)
        doc.id_stem = self.stems.get(path, "")
        for notice in doc.notices:
            self._notify(notice)
        return doc

    def _url_bytes(self, url: str) -> bytes:
        """A URL's bytes, fetched once per run (``size`` and the reading both need them)."""
        if url not in self._fetched:
            self._fetched[url] = url_bytes(url)
        return self._fetched[url]

    def _notify(self, notice: str) -> None:
        if self.on_notice and notice not in self._noticed:
            self._noticed.add(notice)
            self.on_notice(notice)

    def __iter__(self) -> Iterator[Speech]:
        for _path, speeches in self.sources():
            yield from speeches

    def sources(self) -> Iterator[tuple[str, Iterator[Speech]]]:
        """``(path, speeches)`` per input, for analyses that keep state per source (caches)."""
        try:
            for path in self.paths:
                if path != "-" and Path(path).is_dir():
                    checked = partial(self.checked.__setitem__, path)
                    yield path, self._observed(corpus_dir.read(Path(path), checked))
                else:
                    doc = self._read(path)
                    yield path, self._observed(doc.speeches())
                    # The speeches are through: keep what a cleaning report needs (not the
                    # raw text), so `split` need not read the file again.
                    self.reports[path] = SourceReport(doc.source, doc.encoding, doc.preamble)
        finally:
            finish = getattr(self.on_speech, "finish", None)
            if finish:
                finish()

    def size(self) -> int:
        """Bytes of input, all files together (a corpus directory counts its files): engines
        decide from it whether starting workers pays."""
        total = 0
        for path in self.paths:
            if path == "-":
                if self._stdin is None:
                    self._stdin = sys.stdin.buffer.read()
                total += len(self._stdin)
            elif is_url(path):
                total += len(self._url_bytes(path))
            elif Path(path).is_dir():
                total += sum(f.stat().st_size for f in Path(path).iterdir() if f.is_file())
            else:
                total += Path(path).stat().st_size
        return total

    def tasks(self, batch: int = 16, spill: bool = False) -> Iterator[SpeechTask]:
        """The corpus as batches of work, in order (by input, then speech), for engines that
        build and analyse speeches on workers: raw slices of a dump (cleaned where the task
        runs) or speeches read from a corpus directory. A dump's cleaning report is kept as
        its last batch is handed out, as ``sources`` does. ``spill``: a streamed speech too
        long to hold comes as a file name (``SpilledRaw``), and a long speech of a corpus
        directory as where its row is (``StoredSpeech``), for workers on this machine."""
        for path in self.paths:
            if path != "-" and Path(path).is_dir():
                # A long speech is read where its task runs, when that is on this machine.
                items: Iterator = corpus_dir.read(Path(path), defer=spill)
                doc = None
            else:
                doc = self._read(path)
                items = doc.items(spill)
            while chunk := tuple(islice(items, batch)):
                yield SpeechTask(chunk)
            if doc is not None:
                self.reports[path] = SourceReport(doc.source, doc.encoding, doc.preamble)

    def _observed(self, speeches: Iterator[Speech]) -> Iterator[Speech]:
        for speech in speeches:
            if self.on_speech:
                self.on_speech(speech)
            yield speech

    def corpus_dir(self, path: str) -> Path | None:
        """The corpus directory ``path`` names, or None for a raw dump."""
        return Path(path) if path != "-" and Path(path).is_dir() else None

    def to_frame(self, texts: bool = True):
        """One row per speech (``texts=False`` leaves out the two text columns)."""
        import pandas as pd

        from speechkit.model import speech_record

        return pd.DataFrame([speech_record(s, texts) for s in self], columns=_columns(texts))


def _input_path(path) -> str:
    if isinstance(path, bytes):
        return os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        raise SpeechkitError(f"{path!r}: is not a path; name a raw dump, a corpus directory or -.")
    return str(path)


def _unique_stems(paths: list[str]) -> dict[str, str]:
    """Id stems for raw dumps whose file name another input already has: ``x``, ``x~2``…
    (ids name the speeches' files in a corpus directory, so they must not clash)."""
    stems: dict[str, str] = {}
    seen: dict[str, int] = {}
    for path in paths:
        stem = "stdin" if path == "-" else Path(path).stem
        seen[stem] = seen.get(stem, 0) + 1
        if seen[stem] > 1:
            stems[path] = f"{stem}~{seen[stem]}"
    return stems


def _columns(texts: bool) -> list[str]:
    from speechkit.model import SPEECH_COLUMNS, TEXT_COLUMNS

    return SPEECH_COLUMNS + (TEXT_COLUMNS if texts else [])


def cleaning_summary(corpus: Corpus, speeches: list[Speech]) -> list[str]:
    """One line per raw dump read: its encoding, speeches, characters and what cleaning did."""
    lines = []
    for doc in corpus.reports.values():
        totals = doc.summary(s for s in speeches if s.source == doc.source)
        lines.append(
            f"{doc.source} ({doc.encoding}): {totals['speeches']} speeches, "
            f"{totals['chars']:,} characters; cleaning: {totals['glosses']:,} pinyin glosses "
            f"stripped, {totals['suspects']} damaged-gloss suspects, {totals['mojibake']} "
            f"mojibake runs, {totals['html']} HTML residues, preamble of "
            f"{totals['preamble_lines']} lines kept apart."
        )
    return lines


def load(
    paths: str | Path | Iterable[str | Path],
    encoding: str | None = None,
    openings: Sequence[str] | None = None,
    on_notice: Notice | None = None,
    on_speech: Callable[[Speech], None] | None = None,
    meta: str | Path | None = None,
) -> Corpus:
    """Open raw dumps and/or corpus directories as one ``Corpus``; ``meta`` names a metadata
    CSV whose columns (joined by speech id or file name) analyses of it carry.

    >>> corpus = load("corpus/speeches_2022_traditional_dump.txt")
    >>> [s.ordinal for s in corpus][-1]
    9
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    if paths is None or not hasattr(paths, "__iter__"):
        raise SpeechkitError(f"{paths!r}: is not a path; name a raw dump, a corpus directory or -.")
    return Corpus(list(paths), encoding, openings, on_notice, on_speech, meta)
