"""Document variables: what speechkit infers about each speech, and a user's metadata file
(``--meta FILE.csv``) joined to speeches by ``id`` or by file name.

The inferred variables (``INFERRED``) are what ``speechkit meta`` prints; its CSV, edited, is
a valid metadata file. Metadata columns override inferred ones of the same name.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from speechkit.errors import SpeechkitError
from speechkit.model import Speech

INFERRED = ("id", "file", "title", "year", "year_source", "chars")
KEYS = ("id", "file")  # the columns a metadata file may join on, in order of preference


def infer_year(speech: Speech) -> tuple[int | None, str]:
    """The year a speech was given and where it was read: ``title``, ``text``, ``heading``,
    ``file`` or ``""`` (none). The same year and source as targets' ``speech_year`` column."""
    from speechkit.analyzers.targets.year import speech_year

    return speech_year(speech.text, title=speech.title, source=speech.source)


def file_name(speech: Speech) -> str:
    return PurePath(speech.source).name


def inferred(speech: Speech, year: bool = True) -> dict:
    """The variables of ``INFERRED`` for ``speech`` (``year=False`` skips reading the year)."""
    found, where = infer_year(speech) if year else (None, "")
    return {
        "id": speech.id,
        "file": file_name(speech),
        "title": speech.title,
        "year": found,
        "year_source": where,
        "chars": speech.chars,
    }


@dataclass
class Docvars:
    """A metadata table: rows keyed by speech id or by file name. Picklable (plain dicts)."""

    path: str = ""
    key: str = "id"
    columns: tuple[str, ...] = ()  # the variables, key column left out
    rows: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def read(cls, path: str) -> Docvars:
        """Read a metadata CSV (UTF-8, a BOM allowed); one-line errors name the file."""
        from speechkit.resources import user_text

        text = user_text(path, "metadata CSV")
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        header = [name.strip() for name in reader.fieldnames or []]
        key = next((k for k in KEYS if k in header), None)
        if key is None:
            raise SpeechkitError(
                f"{path}: a metadata CSV needs an `id` or `file` column (as `speechkit meta "
                f"INPUT --csv` writes); found: {', '.join(header) or 'no header'}."
            )
        reader.fieldnames = header
        rows: dict[str, dict] = {}
        for line, row in enumerate(reader, 2):
            value = (row.get(key) or "").strip()
            if not value:
                raise SpeechkitError(f"{path}:{line}: empty `{key}`; fill it in or drop the row.")
            if value in rows:
                raise SpeechkitError(f"{path}:{line}: `{key}` {value} appears twice; keep one.")
            rows[value] = {c: _cell(row.get(c)) for c in header if c != key}
        return cls(str(path), key, tuple(c for c in header if c != key), rows)

    def lookup(self, speech: Speech) -> dict | None:
        """The variables of ``speech``, or None when the file has no row for it."""
        value = speech.id if self.key == "id" else file_name(speech)
        return self.rows.get(value)

    def unused(self, seen: set[str]) -> list[str]:
        """Keys of the file that matched no speech of ``seen`` (ids or file names)."""
        return [key for key in self.rows if key not in seen]


def _cell(value: str | None) -> str | int | float | None:
    """A CSV cell as a value: empty is None, whole numbers are ints (a year groups as 2022,
    as the inferred year does), anything else stays text."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.lstrip("-").isdigit() and value.isascii():
        return int(value)
    return value


def as_docvars(meta) -> Docvars | None:
    """``meta`` as a ``Docvars``: None, a path, or a ``Docvars`` already."""
    if meta is None or isinstance(meta, Docvars):
        return meta
    return Docvars.read(str(meta))
