"""The corpus directory `split -o` writes: one Simplified .txt per speech plus a manifest.

Every analyzer accepts such a directory in place of a raw dump. The manifest keeps each
speech's offset map, so rows found in a directory still point into the raw file. It is read
with checks (offsets that tile, texts unchanged since they were written), not trusted.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from functools import cache
from itertools import islice
from operator import le
from pathlib import Path
from typing import NamedTuple

from speechkit import atomic
from speechkit.errors import SpeechkitError
from speechkit.model import CleaningStats, OffsetMap, Speech, TitleBlock, speech_record

MANIFEST = "speeches.jsonl"
FORMAT = "speechkit-corpus/1"
PIECE = 1 << 20  # characters encoded at a time when a speech is written
LONG_ROW = 1 << 22  # characters of a speech whose manifest row goes through a file


class Checked(NamedTuple):
    """A corpus directory as ``read`` checked it: the SHA-256 of its manifest, and its
    speeches' files in order. The checks depend on nothing else than the manifest and the
    files' text, so while both are unchanged they need not run again."""

    manifest_sha256: str
    files: list[str]


def is_corpus(path: Path) -> bool:
    return (path / MANIFEST).is_file()


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read(path: Path, on_read: Callable[[Checked], None] | None = None) -> Iterator[Speech]:
    """The speeches of the corpus directory ``path``, each checked against its manifest row.
    Once all are read and checked, ``on_read`` (if given) hears what was checked: the
    token cache keeps it, so that a later run can tell that nothing changed without
    reading the speeches again (``speechkit.tokens.cache.read_whole``)."""
    manifest = path / MANIFEST
    if not manifest.is_file():
        raise SpeechkitError(
            f"{path}: is a directory but not a speechkit corpus (no {MANIFEST}); "
            "give a raw dump, or a directory written by `speechkit split -o`."
        )
    number = 0
    ends: dict[str, int] = {}  # each source's last speech end: speeches never overlap
    hasher, files = hashlib.sha256(), []
    # Read as bytes, so the bytes hashed are the ones parsed (json.loads decodes UTF-8).
    with manifest.open("rb") as lines:
        for number, line in enumerate(lines, 1):
            hasher.update(line)
            try:
                row, offsets = _parsed_row(line)
                del line  # (a long speech's row holds its original text: let it go now)
                if offsets is None:
                    offsets = OffsetMap.from_breaks(row["offsets"], row["end"])
                text = (path / row["file"]).read_text(encoding="utf-8")
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
                raise SpeechkitError(
                    f"{manifest}:{number}: {problem}; the corpus was changed after it was "
                    "written: write it again with `speechkit split -o`."
                )
            ends[speech.source] = speech.end
            files.append(row["file"])
            yield speech
    if number == 0:
        raise SpeechkitError(
            f"{manifest}: holds no speeches; write the corpus again with `speechkit split -o`."
        )
    if on_read is not None:
        on_read(Checked(hasher.hexdigest(), files))


# A long row's offset breaks, as ``_write_breaks`` writes them. The sequence cannot occur
# inside a JSON string (its quote after ``offsets`` would be escaped there).
_BREAKS = b'"offsets": ['
_PAIR = re.compile(rb"\[(-?\d+), (-?\d+)\]")
_BREAK_BYTES = b"0123456789-[], "


def _parsed_row(line: bytes) -> tuple[dict, OffsetMap | None]:
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
    if not 0 <= previous_end <= speech.start <= speech.end:
        return f"offsets {speech.start}-{speech.end} overlap or run backwards"
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


def entry(folder: Path, speech: Speech) -> tuple[str, str | None]:
    """Write ``speech``'s text into ``folder``; return its file name and manifest line. The
    line of a long speech (as long as its text) is written to a file beside it instead, and
    None returned: ``write`` copies it into the manifest a piece at a time."""
    name = f"{speech.id}.txt"
    sha1 = _write_text(folder / name, speech.text)
    if len(speech.original) > LONG_ROW:
        with (folder / _row_file(name)).open("w", encoding="utf-8") as out:
            _write_row(out, speech, name, sha1)
        return name, None
    out = io.StringIO()
    _write_row(out, speech, name, sha1)
    return name, out.getvalue()


def entry_if_shared(folder: Path, speech: Speech) -> tuple[str, str | None] | Speech:
    """``entry(folder, speech)`` where ``folder`` is visible (this machine, or a worker on a
    file system shared with it); on a worker that does not see it, ``speech`` itself, for
    the caller to write. ``folder`` is ``write``'s temporary folder, whose name is unique and
    whose manifest is open before any entry is asked for."""
    if not _visible(str(folder)):
        return speech
    return entry(folder, speech)


@cache
def _visible(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, MANIFEST))


def _row_file(name: str) -> str:
    return f".{name}.row"


def _write_row(out, speech: Speech, name: str, sha1: str) -> None:
    """The manifest row of ``speech`` as json.dumps would write it, with the cleaned text
    (as long as the speech) encoded a piece at a time rather than copied whole."""
    row = speech_record(speech, texts=False)
    row.update(format=FORMAT, file=name, sha1=sha1)
    out.write(json.dumps(row, ensure_ascii=False)[:-1] + ', "original": "')
    for start in range(0, len(speech.original), PIECE):
        piece = speech.original[start : start + PIECE]
        out.write(json.dumps(piece, ensure_ascii=False)[1:-1])
    out.write('", "offsets": ')
    _write_breaks(out, speech.offsets)
    out.write(f', "stats": {json.dumps(asdict(speech.stats))}')
    block = speech.title_block
    if block is not None:  # a few lines: written whole
        cells = {"text": block.text, "offsets": block.offsets.breaks, "end": block.offsets.raw_end}
        out.write(f', "title_block": {json.dumps(cells, ensure_ascii=False)}')
    out.write("}\n")


def write(
    speeches: Iterable[Speech],
    target: Path,
    entries: Callable[[Path], Iterable[tuple[str, str | None]]] | None = None,
) -> int:
    """Write ``speeches`` to ``target`` atomically; return how many were written.

    Everything goes to a temporary sibling first and is swapped into place at the end, so an
    interrupted run leaves no half corpus. An existing corpus at ``target`` is replaced; any
    other existing directory is refused. What an earlier, killed run left is finished or
    rolled back first (see ``recover``). ``entries(folder)``, if given, stands for
    ``speeches``: it runs ``entry(folder, speech)`` for each speech, in order, wherever the
    speeches are built (workers write their files; only the manifest lines come back).
    """
    target = Path(os.path.abspath(target))
    recover(target)
    if target.exists() and not (target.is_dir() and is_corpus(target)):
        raise SpeechkitError(
            f"{target}: exists and is not a speechkit corpus; choose a new directory name."
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-{os.getpid()}-", dir=target.parent))
    except OSError as exc:
        raise SpeechkitError(
            f"{target}: cannot write there ({exc.strerror}); choose another directory."
        ) from None
    atomic.register(tmp)
    count = 0
    try:
        atomic.with_umask(tmp, directory=True)
        names: set[str] = set()
        with (tmp / MANIFEST).open("w", encoding="utf-8") as manifest:
            # Asked for once the manifest exists: it tells workers they see this folder.
            written = entries(tmp) if entries else (entry(tmp, speech) for speech in speeches)
            for item in written:
                name, line = entry(tmp, item) if isinstance(item, Speech) else item
                # Two speeches with one id would share a file: the corpus is refused (the
                # temporary folder goes), whichever of them was written last.
                if name in names:
                    raise SpeechkitError(
                        f"{target}: two speeches have the id {name[:-4]!r}; give inputs "
                        "with different names."
                    )
                names.add(name)
                if line is None:  # a long speech's row, written to a file by entry()
                    row_file = tmp / _row_file(name)
                    with row_file.open(encoding="utf-8") as row:
                        shutil.copyfileobj(row, manifest, PIECE)
                    row_file.unlink()
                else:
                    manifest.write(line)
                count += 1
        _commit(tmp, target)
    finally:
        if str(tmp) in atomic.PENDING:
            atomic.remove(tmp)
    return count


def _write_text(path: Path, text: str) -> str:
    """Write ``text`` as UTF-8 a piece at a time (no whole encoded copy); its sha1."""
    digest = hashlib.sha1()
    with path.open("wb") as out:
        for start in range(0, len(text), PIECE):
            data = text[start : start + PIECE].encode("utf-8")
            digest.update(data)
            out.write(data)
    return digest.hexdigest()


def _write_breaks(out, offsets: OffsetMap) -> None:
    """The offset breaks as json.dumps writes a list of pairs, a block of pairs at a time (a
    list of lists for a million breaks would cost a hundred bytes each)."""
    out.write("[")
    pairs = zip(offsets.clean_at, offsets.raw_at)
    first = True
    while block := list(islice(pairs, 1 << 16)):
        out.write(("" if first else ", ") + ", ".join(f"[{c}, {r}]" for c, r in block))
        first = False
    out.write("]")


def _commit(tmp: Path, target: Path) -> None:
    """Put the finished ``tmp`` at ``target``: one atomic swap where the system has one,
    else two renames with a backup that ``recover`` rolls back if a kill comes between."""
    with atomic.no_interrupts():
        if not target.exists():
            os.replace(tmp, target)
            atomic.release(tmp)
            return
        if _exchange(tmp, target):
            return  # tmp now holds the old corpus: removed by the caller
        backup = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.old-{os.getpid()}-", dir=target.parent)
        )
        os.replace(target, backup)
        os.replace(tmp, target)
        atomic.release(tmp)
        atomic.register(backup)
    atomic.remove(backup)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return done == 0


LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?P<kind>new|old)(?:-(?P<pid>\d+)-[^/]*)?")


def recover(target: Path) -> None:
    """Clean up what killed writers of ``target`` left beside it: their temp folders are
    removed, and a backup whose replace never finished is put back (or removed, if the new
    corpus made it into place). Folders of writers still running are left alone."""
    target = Path(os.path.abspath(target))
    if not target.parent.is_dir():
        return
    for entry in target.parent.iterdir():
        m = LEFTOVER.fullmatch(entry.name)
        if not m or m["name"] != target.name or not entry.is_dir():
            continue
        if m["pid"] and _alive(int(m["pid"])):
            continue
        if m["kind"] == "old" and not target.exists() and is_corpus(entry):
            os.replace(entry, target)  # roll back: the old corpus is whole
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
