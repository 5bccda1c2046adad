"""Document variables for the report: a CSV whose ``id`` (speech id) or ``file`` (input path)
column names the speeches, and whose other columns (year, level, region…) the page shows."""

from __future__ import annotations

import csv
import io

from speechkit.errors import SpeechkitError
from speechkit.resources import user_text


def read_meta(path: str) -> dict[str, dict[str, str]]:
    """``{speech id or file: {column: value}}`` from the CSV at ``path``."""
    reader = csv.DictReader(io.StringIO(user_text(path, "metadata CSV")))
    fields = reader.fieldnames or []
    key = "id" if "id" in fields else "file" if "file" in fields else None
    if key is None:
        raise SpeechkitError(
            f"{path}: the metadata CSV needs an 'id' (speech id) or 'file' column; add one."
        )
    meta = {}
    for row in reader:
        name = (row.pop(key) or "").strip()
        if name:
            meta[name] = {k: (v or "").strip() for k, v in row.items() if k and k != "id"}
    return meta
