"""One row of a corpus directory's manifest made a checked ``Speech``: where ``read`` goes
through the manifest, and, for a long speech, on the worker that analyses it
(``StoredSpeech``: the main process checks the row's head and passes on where the row is,
so that a 100 MB speech is read, checked and held once, by that worker, and not also read
here and sent over).
"""

from __future__ import annotations

import hashlib
import json
import re
from array import array
from itertools import islice
from operator import le
from pathlib import Path

from speechkit.errors import SpeechkitError
from speechkit.ingest.heap import give_back
from speechkit.model import CleaningStats, OffsetMap, Speech, TitleBlock

MANIFEST = "speeches.jsonl"
LONG_ROW = 1 << 22  # characters of a speech whose manifest row goes through a file
_CHANGED = "the corpus was changed after it was written: write it again with `speechkit split -o`."


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def speech_from_line(
    folder: Path, line: bytes, number: int, ends: dict[str, int]
) -> tuple[Speech, str]:
    """The speech of manifest line ``number`` (``line``, as bytes) of the corpus directory
    ``folder``, checked against its row and against ``ends`` (each source's last speech end
    so far: speeches never overlap); and the name of its text file."""
    manifest = folder / MANIFEST
    try:
        row, offsets = parsed_row(line)
        if offsets is None:
            offsets = OffsetMap.from_breaks(row["offsets"], row["end"])
        text = (folder / row["file"]).read_text(encoding="utf-8")
        speech = Speech(
            id=row["id"],
            source=row["source"],
            ordinal=row["ordinal"],
            start=row["start"],
            end=row["end"],
            title=row["title"],
            original=row["original"],
            text=text,
            offsets=offsets,
            stats=CleaningStats(**row["stats"]),
            title_block=_title_block(row.get("title_block")),
        )
    except (KeyError, ValueError, TypeError, OSError) as exc:
        raise SpeechkitError(
            f"{manifest}:{number}: unreadable manifest entry ({exc}); "
            "write the corpus again with `speechkit split -o`."
        ) from None
    problem = _check(speech, row, ends.get(speech.source, 0))
    if problem:
        raise SpeechkitError(f"{manifest}:{number}: {problem}; {_CHANGED}")
    if len(line) > LONG_ROW:
        give_back()  # what parsing a long row and reading its text freed
    return speech, row["file"]


class StoredSpeech:
    """A long speech of a corpus directory, as a task carries it: where its manifest row is
    (``offset``, ``size`` bytes into the manifest), and what the row's head says (``id``,
    ``source``, ``start``, ``end``, ``chars``), already checked against the speeches before
    it. ``load()`` reads and checks the rest where the task runs."""

    __slots__ = ("folder", "head", "number", "offset", "previous_end", "size")

    def __init__(self, folder: str, offset: int, size: int, number: int, previous_end: int, head):
        self.folder = folder
        self.offset = offset
        self.size = size
        self.number = number
        self.previous_end = previous_end
        self.head = head

    def __reduce__(self):
        fields = (self.folder, self.offset, self.size, self.number, self.previous_end, self.head)
        return StoredSpeech, fields

    @classmethod
    def of(cls, folder: Path, offset: int, line: bytes, number: int, ends: dict[str, int]):
        """The line's speech as a ``StoredSpeech``; None when its head does not read as
        written (the whole line is then parsed, with the usual errors)."""
        cut = line.find(b', "original": "')  # (a quote in a JSON string is escaped)
        try:
            head = json.loads(line[:cut] + b"}") if cut > 0 else None
            keys = ("id", "source", "start", "end", "chars", "file")
            head = {key: head[key] for key in keys} if isinstance(head, dict) else None
        except (KeyError, ValueError):
            head = None
        if head is None:
            return None
        previous_end = ends.get(head["source"], 0)
        problem = _order_problem(previous_end, head["start"], head["end"])
        if problem:
            raise SpeechkitError(f"{folder / MANIFEST}:{number}: {problem}; {_CHANGED}")
        return cls(str(folder), offset, len(line), number, previous_end, head)

    @property
    def source(self) -> str:
        return self.head["source"]

    @property
    def end(self) -> int:
        return self.head["end"]

    @property
    def chars(self) -> int:
        return self.head["chars"]

    def load(self) -> Speech:
        """The speech, read and checked (as ``read`` checks it)."""
        folder = Path(self.folder)
        with (folder / MANIFEST).open("rb") as manifest:
            manifest.seek(self.offset)
            line = manifest.read(self.size)
        ends = {self.source: self.previous_end}
        speech, _ = speech_from_line(folder, line, self.number, ends)
        found = (speech.id, speech.source, speech.start, speech.end, speech.chars)
        if found != tuple(self.head[key] for key in ("id", "source", "start", "end", "chars")):
            raise SpeechkitError(f"{folder / MANIFEST}:{self.number}: {_CHANGED}")
        return speech


# A long row's offset breaks, as ``_write_breaks`` writes them. The sequence cannot occur
# inside a JSON string (its quote after ``offsets`` would be escaped there).
_BREAKS = b'"offsets": ['
_PAIR = re.compile(rb"\[(-?\d+), (-?\d+)\]")
_BREAK_BYTES = b"0123456789-[], "


def parsed_row(line: bytes) -> tuple[dict, OffsetMap | None]:
    """``json.loads(line)``; for a long row (a speech over ``LONG_ROW``), with its offset
    breaks read straight into the map's arrays, and the map: a million breaks as lists cost
    150 MB while the row is parsed."""
    at = line.find(_BREAKS) if len(line) > LONG_ROW else -1
    start = at + len(_BREAKS) - 1
    end = start + 2 if line.startswith(b"[]", start) else line.find(b"]]", start) + 2
    if at < 0 or end < start + 2:
        return json.loads(line), None
    breaks = memoryview(line)[start:end]
    clean_at, raw_at, size = array("q"), array("q"), 0
    for pair in _PAIR.finditer(breaks):
        clean_at.append(int(pair[1]))
        raw_at.append(int(pair[2]))
        size += pair.end() - pair.start()
    # Nothing but the pairs, as they were written: what json.loads would have checked.
    pairs = len(clean_at)
    if (
        bytes(breaks).translate(None, _BREAK_BYTES)
        or line.count(b"[", start, end) != pairs + 1
        or line.count(b"], [", start, end) != max(pairs - 1, 0)
        or size + 2 * max(pairs - 1, 0) + 2 != end - start
    ):
        raise ValueError("malformed offset breaks")
    row = json.loads(line[:start] + b"[]" + line[end:])
    return row, OffsetMap(clean_at, raw_at, row["end"])


def _title_block(row: dict | None) -> TitleBlock | None:
    """The title block of a manifest row (None when the speech has none, or when the
    corpus was written before title blocks were kept)."""
    if row is None:
        return None
    return TitleBlock(row["text"], OffsetMap.from_breaks(row["offsets"], row["end"]))


def _check(speech: Speech, row: dict, previous_end: int) -> str:
    """What is wrong with one manifest entry and its text, or "" if nothing."""
    problem = _order_problem(previous_end, speech.start, speech.end)
    if problem:
        return problem
    block = speech.title_block
    if block and not _tiles(block.offsets, len(block.text), previous_end, speech.start):
        return "the title block does not lie before the speech"
    if speech.end - speech.start < len(speech.original):  # cleaning only deletes
        return f"offsets {speech.start}-{speech.end} are shorter than the text"
    if len(speech.text) != len(speech.original) or len(speech.text) != row.get("chars"):
        return f"{row['file']} does not have the length the manifest gives"
    if "sha1" in row and text_hash(speech.text) != row["sha1"]:
        return f"{row['file']} was edited"
    if not _tiles(speech.offsets, len(speech.text), speech.start, speech.end):
        return "the offset map does not tile the speech"
    return ""


def _order_problem(previous_end: int, start: int, end: int) -> str:
    """What is wrong with a speech's raw offsets after its source's previous speech, or ""."""
    if not 0 <= previous_end <= start <= end:
        return f"offsets {start}-{end} overlap or run backwards"
    return ""


def _tiles(offsets: OffsetMap, length: int, start: int, end: int) -> bool:
    """Whether ``offsets`` maps a text of ``length`` characters into raw ``[start, end]``."""
    clean_at, raw_at = offsets.clean_at, offsets.raw_at
    return bool(
        clean_at
        and _ascending(clean_at)
        and _ascending(raw_at)
        and clean_at[0] == 0
        and clean_at[-1] <= length
        and raw_at[0] >= start
        and raw_at[-1] <= end
        and offsets.raw_end <= end
    )


def _ascending(values) -> bool:
    """Whether ``values`` never decrease (compared in place: no sorted copy)."""
    return all(map(le, values, islice(values, 1, None)))
