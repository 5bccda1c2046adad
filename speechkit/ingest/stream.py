"""Raw dumps too large to hold whole: decoded in chunks and split line by line.

Memory stays bounded by the largest speech (plus the few in flight), not by the file: a
1 GB dump is never in memory at once. Offsets are counted as the text streams by, so the
speeches are the same, character for character, as those of an in-memory ``Document``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from speechkit.errors import SpeechkitError
from speechkit.ingest.build import DocumentReport, build_all
from speechkit.ingest.clean import Finding, clean
from speechkit.ingest.decode import decode_bytes
from speechkit.ingest.spill import Pending, SpilledRaw
from speechkit.ingest.split import opening_pattern
from speechkit.model import Speech

CHUNK = 1 << 20  # bytes decoded at a time
LINE = re.compile(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)")  # the place after each line ending
SAMPLE_BYTES = 4 << 20  # bytes read to detect the encoding


class StreamedDocument(DocumentReport):
    """One large raw dump, read as a stream. ``speeches()`` may be called more than once
    (each call reads the file again); ``preamble`` and ``spans`` fill in as it goes."""

    def __init__(
        self,
        path: str,
        encoding: str | None = None,
        openings: Sequence[str] | None = None,
        notify: Callable[[str], None] | None = None,
    ):
        self.source = path
        self.openings = openings
        self.notify = notify
        self.notices: list[str] = []
        self._preamble: str | None = None
        self.spans: list[tuple[int, int]] = []
        with open(path, "rb") as stream:
            sample = stream.read(SAMPLE_BYTES)
        partial = len(sample) == SAMPLE_BYTES
        if partial:
            sample = _trim_partial(sample)
        _, self.encoding = decode_bytes(sample, path, encoding, final=not partial)

    @property
    def preamble(self) -> str:
        """The text before the first opening (read up to there if no pass has yet)."""
        if self._preamble is None:
            pattern = opening_pattern(self.openings)
            lines = []
            for line in self.lines():
                if pattern.match(line):
                    self._preamble = "".join(lines)
                    break
                lines.append(line)
            else:
                self._preamble = ""  # no opening: the whole text is the one speech
        return self._preamble

    def lines(self) -> Iterator[str]:
        """The decoded text, a line at a time, each with its ending (LF, CRLF or a lone CR;
        the last line may have none)."""
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="strict")
        pending = ""
        read = 0
        with open(self.source, "rb") as stream:
            while chunk := stream.read(CHUNK):
                try:
                    pending += decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    raise SpeechkitError(
                        f"{self.source}: not valid {self.encoding} near byte {read + exc.start}; "
                        "pass --encoding, or fix the file."
                    ) from None
                read += len(chunk)
                # A CR at the end may be the first half of a CRLF: keep it for the next chunk.
                complete = len(pending) - 1 if pending.endswith("\r") else len(pending)
                *lines, rest = LINE.split(pending[:complete])
                yield from lines
                pending = rest + pending[complete:]
            pending += decoder.decode(b"", final=True)
        yield from (line for line in LINE.split(pending) if line)

    def pieces(self, spill: bool = False) -> Iterator[tuple[int, str | SpilledRaw, bool]]:
        """``(start, raw, only)`` per speech; ``only`` is true for a document's single speech.
        With ``spill``, a speech longer than ``spill.SPILL_CHARS`` comes as a ``SpilledRaw``
        (its text in a temporary file), never whole in memory."""
        pattern = opening_pattern(self.openings)
        self.spans = []
        offset = 0
        start: int | None = None
        pending = Pending(spill)
        for line in self.lines():
            if pattern.match(line):
                raw = pending.take()
                pending = Pending(spill)
                if start is None:
                    self._preamble = raw if isinstance(raw, str) else raw.read()
                else:
                    self.spans.append((start, offset))
                    yield start, raw, False
                del raw
                start = offset
            pending.add(line)
            offset += len(line)
        if start is None:
            if pending.blank:
                raise SpeechkitError(f"{self.source}: holds only whitespace; give speech text.")
            self._preamble, start = "", 0
            self._notice(
                f"{self.source}: no opening line (such as 同志们：) found; treating the whole "
                "text as one speech. Use --opening to name the openings."
            )
        self.spans.append((start, offset))
        raw = pending.take()
        del pending
        yield start, raw, len(self.spans) == 1

    def _notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)
            if self.notify:
                self.notify(message)

    def speeches(self, jobs: int | None = None) -> Iterator[Speech]:
        return build_all(self.items(spill=True), jobs, parallel=True)

    def items(self, spill: bool = False) -> Iterator[tuple]:
        """``build_speech`` arguments for each speech, in order (the raw file is read as
        they are taken). With ``spill``, a long speech's raw text is a ``SpilledRaw``: for
        this process and workers on this machine only. As in ``Document.items``, only the
        preamble of a file of one speech heads it."""
        return (
            (self.source, self.stem, ordinal, start, raw, self.preamble if only else "")
            for ordinal, (start, raw, only) in enumerate(self.pieces(spill), 1)
        )

    def findings(self) -> list[Finding]:
        """Damaged glosses and mojibake runs in the whole file, preamble included."""
        found: list[Finding] = []
        for start, raw, _only in self.pieces():
            found.extend(clean(raw, start).findings)
        return [*clean(self.preamble, 0).findings, *found]


def _trim_partial(sample: bytes) -> bytes:
    """Cut a sample back to a line end, so detection never sees half a character.

    A newline byte is never part of a multi-byte character in UTF-8, GB18030 or Big5; in
    UTF-16 the newline is a two-byte unit, found at an even offset.
    """
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        unit = b"\n\x00" if sample.startswith(codecs.BOM_UTF16_LE) else b"\x00\n"
        cut = len(sample) - 2
        while cut > 2 and (cut % 2 or sample[cut : cut + 2] != unit):
            cut -= 1
        return sample[: cut + 2] if cut > 2 else sample[: len(sample) // 2 * 2]
    cut = sample.rfind(b"\n")
    return sample[: cut + 1] if cut > 0 else sample


def should_stream(path: str, threshold: int) -> bool:
    return path != "-" and Path(path).is_file() and Path(path).stat().st_size > threshold
