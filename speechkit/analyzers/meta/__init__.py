"""`meta`: the document variables speechkit infers for each speech, as the start of a
metadata file for ``--meta`` (see ``speechkit.analyzers.docvars``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from speechkit.analyzers.base import Analyzer
from speechkit.analyzers.docvars import INFERRED, inferred
from speechkit.model import Speech


class Meta(Analyzer):
    name = "meta"
    title = "Document variables"
    help = "The variables speechkit infers for each speech (id, file, title, year), as a CSV."
    description = """
    Columns: id, file (the source file's name), title (the meeting the opening names),
    year and year_source (where the year was read: title, text, or file for the file's
    name; empty when none), chars. Save it with --csv, add columns (level, region,
    speaker, date…) and give it back to any command as --meta FILE.csv: rows join by id
    (or, without an id column, by file name).

    \b
    Examples:
      speechkit meta corpus/speeches_2022_traditional_dump.txt --csv > meta.csv
      speechkit slogans corpus/speeches_2022_traditional_dump.txt --meta meta.csv --by level
    """
    columns = INFERRED
    speech_column = "id"

    def per_speech(self, speech: Speech, **_: Any) -> list[dict]:
        return [inferred(speech)]

    def combine(self, records: Iterable[dict], **_: Any) -> list[dict]:
        return list(records)


META = Meta()
