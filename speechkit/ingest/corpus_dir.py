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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from functools import cache
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from speechkit import atomic
from speechkit.errors import SpeechkitError
from speechkit.ingest.manifest_row import (
    LONG_ROW,
    MANIFEST,
    StoredSpeech,
    speech_from_line,
)
from speechkit.model import OffsetMap, Speech, speech_record

FORMAT = "speechkit-corpus/1"
PIECE = 1 << 20  # characters encoded at a time when a speech is written


class Checked(NamedTuple):
    """A corpus directory as ``read`` checked it: the SHA-256 of its manifest, and its
    speeches' files in order. The checks depend on nothing else than the manifest and the
    files' text, so while both are unchanged they need not run again."""

    manifest_sha256: str
    files: list[str]


def is_corpus(path: Path) -> bool:
    return (path / MANIFEST).is_file()


def read(
    path: Path, on_read: Callable[[Checked], None] | None = None, defer: bool = False
) -> Iterator[Speech | StoredSpeech]:
    """The speeches of the corpus directory ``path``, each checked against its manifest row.
    Once all are read and checked, ``on_read`` (if given) hears what was checked: the
    token cache keeps it, so that a later run can tell that nothing changed without
    reading the speeches again (``speechkit.tokens.cache.read_whole``). ``defer``: a long
    speech comes as a ``StoredSpeech``, read and checked by whoever ``load()``s it (a
    worker on this machine)."""
    manifest = path / MANIFEST
    if not manifest.is_file():
        raise SpeechkitError(
            f"{path}: is a directory but not a speechkit corpus (no {MANIFEST}); "
            "give a raw dump, or a directory written by `speechkit split -o`."
        )
    number = offset = 0
    ends: dict[str, int] = {}  # each source's last speech end: speeches never overlap
    hasher, files = hashlib.sha256(), []
    # Read as bytes, so the bytes hashed are the ones parsed (json.loads decodes UTF-8).
    with manifest.open("rb") as lines:
        for line in lines:  # (not enumerate: its reused tuple would keep the line alive)
            number += 1
            hasher.update(line)
            stored = None
            if defer and len(line) > LONG_ROW:
                stored = StoredSpeech.of(path, offset, line, number, ends)
            offset += len(line)
            if stored is not None:
                speech, file = stored, stored.head["file"]
            else:
                speech, file = speech_from_line(path, line, number, ends)
            del line  # (a long speech's row holds its original text: let it go now)
            ends[speech.source] = speech.end
            files.append(file)
            yield speech
    if number == 0:
        raise SpeechkitError(
            f"{manifest}: holds no speeches; write the corpus again with `speechkit split -o`."
        )
    if on_read is not None:
        on_read(Checked(hasher.hexdigest(), files))


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
