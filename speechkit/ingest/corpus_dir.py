"""The corpus directory `split -o` writes: one Simplified .txt per speech plus a manifest.

Every analyzer accepts such a directory in place of a raw dump. The manifest keeps each
speech's offset map, so rows found in a directory still point into the raw file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from speechkit.errors import SpeechkitError
from speechkit.model import CleaningStats, OffsetMap, Speech, speech_record

MANIFEST = "speeches.jsonl"
FORMAT = "speechkit-corpus/1"


def is_corpus(path: Path) -> bool:
    return (path / MANIFEST).is_file()


def read(path: Path) -> Iterator[Speech]:
    manifest = path / MANIFEST
    if not manifest.is_file():
        raise SpeechkitError(
            f"{path}: is a directory but not a speechkit corpus (no {MANIFEST}); "
            "give a raw dump, or a directory written by `speechkit split -o`."
        )
    number = 0
    with manifest.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                row = json.loads(line)
                text = (path / row["file"]).read_text(encoding="utf-8")
                yield Speech(
                    id=row["id"],
                    source=row["source"],
                    ordinal=row["ordinal"],
                    start=row["start"],
                    end=row["end"],
                    title=row["title"],
                    original=row["original"],
                    text=text,
                    offsets=OffsetMap.from_breaks(row["offsets"], row["end"]),
                    stats=CleaningStats(**row["stats"]),
                )
            except (KeyError, ValueError, TypeError, OSError) as exc:
                raise SpeechkitError(
                    f"{manifest}:{number}: unreadable manifest entry ({exc}); "
                    "write the corpus again with `speechkit split -o`."
                ) from None
    if number == 0:
        raise SpeechkitError(
            f"{manifest}: holds no speeches; write the corpus again with `speechkit split -o`."
        )


def write(speeches: Iterable[Speech], target: Path) -> int:
    """Write ``speeches`` to ``target`` atomically; return how many were written.

    Everything goes to a temporary sibling first and is renamed into place at the end, so an
    interrupted run leaves no half corpus. An existing corpus at ``target`` is replaced; any
    other existing directory is refused.
    """
    target = Path(target)
    if target.exists() and not (target.is_dir() and is_corpus(target)):
        raise SpeechkitError(
            f"{target}: exists and is not a speechkit corpus; choose a new directory name."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    count = 0
    try:
        with (tmp / MANIFEST).open("w", encoding="utf-8") as manifest:
            for speech in speeches:
                name = f"{speech.id}.txt"
                (tmp / name).write_text(speech.text, encoding="utf-8")
                row = speech_record(speech, texts=False)
                row.update(
                    format=FORMAT,
                    file=name,
                    original=speech.original,
                    offsets=[list(b) for b in speech.offsets.breaks],
                    stats=asdict(speech.stats),
                )
                manifest.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return count
