"""A streamed speech too long to hold as one string: its raw lines go to a temporary file as
they stream by, and the speech is cleaned from that file a window at a time.

A 100 MB speech then never sits whole in the reading process, and what a worker is sent is
a file name, not the text (a pickled 100 MB string costs its size again on both sides).
"""

from __future__ import annotations

import atexit
import os
import tempfile
from collections.abc import Iterator

from speechkit import atomic

# A speech's raw text goes to a file once it is longer than this (characters); it is written
# in blocks of BLOCK characters.
SPILL_CHARS = 1 << 22
BLOCK = 1 << 20
_ENCODING = dict(encoding="utf-8", errors="surrogatepass", newline="")


class SpilledRaw:
    """A raw slice of ``length`` characters in the UTF-8 file ``path`` (picklable: a worker
    on this machine reads it). Read once: the file is removed when ``windows`` is done."""

    def __init__(self, path: str, length: int):
        self.path = path
        self.length = length

    def __len__(self) -> int:
        return self.length

    def windows(self, size: int) -> Iterator[str]:
        """The text in consecutive pieces of at most about ``size`` characters that end at
        line ends (LF); the last may not."""
        with open(self.path, **_ENCODING) as stream:
            rest = ""
            while block := stream.read(size):
                block = rest + block
                cut = block.rfind("\n") + 1
                if cut:
                    yield block[:cut]
                rest = block[cut:]
            if rest:
                yield rest
        atomic.remove(self.path)

    def read(self) -> str:
        return "".join(self.windows(BLOCK))


class Pending:
    """The lines of the speech being read: kept in memory, or, past ``SPILL_CHARS``
    characters (when ``spill``), appended to a temporary file."""

    def __init__(self, spill: bool):
        self.spill = spill
        self.lines: list[str] = []
        self.buffered = 0  # characters in ``lines``
        self.length = 0
        self.blank = True  # only whitespace so far
        self._path = ""

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.buffered += len(line)
        self.length += len(line)
        if self.blank and line and not line.isspace():
            self.blank = False
        if self.spill and self.length > SPILL_CHARS and self.buffered >= BLOCK:
            self._flush()

    def _flush(self) -> None:
        if not self._path:
            fd, self._path = tempfile.mkstemp(prefix="speechkit-raw-", suffix=".txt")
            os.close(fd)
            atomic.register(self._path)  # an interrupt removes it
            _LEFT.add(self._path)
        with open(self._path, "a", **_ENCODING) as spill:
            spill.write("".join(self.lines))
        self.lines, self.buffered = [], 0

    def take(self) -> str | SpilledRaw:
        """What was added: a str, or a ``SpilledRaw`` if it went to a file."""
        if not self._path:
            return "".join(self.lines)
        self._flush()
        return SpilledRaw(self._path, self.length)


_LEFT: set[str] = set()  # spill files this process made: removed at exit if still there


@atexit.register
def _remove_left() -> None:
    for path in _LEFT:
        if os.path.exists(path):
            atomic.remove(path)
