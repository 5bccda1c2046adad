"""`targets`: quantitative goals in speeches, each number classified as target, achieved or
other. The classification is ``classify`` (on one speech's Simplified text); a number's
fields are read in ``fields``, its sentence block in ``blocks``, cue words in ``cues``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from speechkit.analyzers.base import Analyzer, Option
from speechkit.model import Speech

COLUMNS = (
    "source",
    "speech",
    "kind",
    "indicator",
    "value",
    "value_high",
    "unit",
    "value_base",
    "unit_base",
    "comparator",
    "hardness",
    "year",
    "sentence",
    "start",
    "end",
)
_FLOATS = ("value", "value_high", "value_base")


class Targets(Analyzer):
    name = "targets"
    help = "Quantitative targets: 确保今年净增规模工业企业40家以上 -> 40 家 以上 binding 2022."
    description = """
    Each number is classified as a target (a forward-looking goal), achieved (a past
    result) or other (facts, comparisons, rules) from its sentence's cue words, tense
    markers and section (回顾 vs 今年工作安排). --csv and --json write the columns
    source, speech, kind, indicator, value, value_high, unit, value_base, unit_base,
    comparator, hardness, year, sentence, start, end (start/end: raw-file offsets).

    \b
    Examples:
      speechkit targets corpus/speeches_2022_traditional_dump.txt
      speechkit targets gov_work_report_2023.txt --all --csv -o targets.csv
    """
    options = (
        Option(
            "all",
            "Also list achieved results and other numeric mentions, with their kind.",
            "flag",
        ),
    )
    columns = COLUMNS
    feature = pivot_index = "indicator"  # --by and --pivot; becomes indicator_id (issue 15)
    table_columns = (
        "speech",
        "kind",
        "indicator",
        "value",
        "unit",
        "comparator",
        "hardness",
        "year",
    )

    def per_speech(self, speech: Speech, all: bool = False, **_: Any) -> list[dict]:
        from speechkit.analyzers.targets.classify import _classified
        from speechkit.analyzers.targets.cues import speech_year

        year = speech_year(speech.text, title=speech.title, source=speech.source)
        rows = []
        for found in _classified(speech.text, None, year, targets_only=not all):
            # found is (start, end, kind, …, sentence): Target's fields, as are COLUMNS[2:-2].
            start, end = speech.raw_span(found[0], found[1])
            row = dict(zip(COLUMNS, (speech.source, speech.id, *found[2:], start, end)))
            for column in _FLOATS:
                if row[column] is not None:
                    row[column] = float(row[column])
            rows.append(row)
        return rows

    def combine(self, records: Iterable[dict], **_: Any) -> list[dict]:
        return list(records)


TARGETS = Targets()
