"""A batch's records on their way from a worker: in one message when they are few, through a
file a chunk at a time when they are many.

One long speech can give hundreds of thousands of records (``targets --all`` on one 100 MB
speech: 183,000). Sent in one message, they are held three times at once: as dicts in the
worker, as the pickled message, and as dicts again in the main process (690 MB against a
budget of 600). Past ``CHUNK_RECORDS`` a worker writes them to a file in the run's spill
folder a chunk at a time as ``per_speech`` yields them, and sends the file's name
(``Spilled``); the main process reads them back a chunk at a time (``spilled_records``).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
from collections.abc import Iterable, Iterator
from typing import NamedTuple

CHUNK_RECORDS = 4096


class Spilled(NamedTuple):
    """A batch's records, in the file ``path`` (chunks pickled one after another)."""

    path: str


class Records:
    """The records of a batch as ``analyse_batch`` collects them, a speech at a time: held in
    memory, or, given a ``folder``, written to a file there once ``chunk`` are held. A speech
    whose analysis raises takes its own records back (``drop``), spilled ones included."""

    def __init__(self, folder: str | None = None, chunk: int | None = None):
        self.held: list[dict] = []
        self.folder = folder
        self.chunk = chunk or CHUNK_RECORDS
        self.file = None
        self.path = ""
        self.speech_held = 0  # where the current speech's records begin in ``held``
        self.speech_written = 0  # ...and in the file

    def begin(self) -> None:
        """A new speech's records come next."""
        self.speech_held = len(self.held)
        self.speech_written = self.file.tell() if self.file else 0

    def extend(self, records: Iterable[dict]) -> None:
        if self.folder is None:
            self.held.extend(records)
            return
        records = iter(records)
        while True:
            room = self.chunk - len(self.held)
            piece = list(itertools.islice(records, room))
            self.held.extend(piece)
            if len(self.held) >= self.chunk:
                self._write()
            if len(piece) < room:
                return

    def drop(self) -> None:
        """Take back the current speech's records."""
        del self.held[self.speech_held :]
        if self.file is not None:
            self.file.seek(self.speech_written)
            self.file.truncate()

    def result(self) -> list[dict] | Spilled:
        """The records: a list, or the file they were written to (closed)."""
        if self.file is None:
            return self.held
        if self.held:
            pickle.dump(self.held, self.file, pickle.HIGHEST_PROTOCOL)
        self.file.close()
        self.held = []
        return Spilled(self.path)

    def _write(self) -> None:
        if self.file is None:
            fd, self.path = _new_file(self.folder)
            self.file = os.fdopen(fd, "wb")
        if self.speech_held:  # the earlier speeches' records: a chunk never taken back
            pickle.dump(self.held[: self.speech_held], self.file, pickle.HIGHEST_PROTOCOL)
            self.speech_written = self.file.tell()
        pickle.dump(self.held[self.speech_held :], self.file, pickle.HIGHEST_PROTOCOL)
        self.held = []
        self.speech_held = 0


def _new_file(folder: str | None) -> tuple[int, str]:
    import tempfile

    return tempfile.mkstemp(prefix="records-", suffix=".pickle", dir=folder)


def spilled_records(records: list[dict] | Spilled) -> Iterator[dict]:
    """A batch's records, read back a chunk at a time from a ``Spilled`` file (which is then
    removed, read to the end or not)."""
    if not isinstance(records, Spilled):
        yield from records
        return
    try:
        with open(records.path, "rb") as file:
            while True:
                try:
                    chunk = pickle.load(file)
                except EOFError:
                    return
                yield from chunk
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(records.path)
