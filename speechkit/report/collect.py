"""What the report shows, gathered from the library: the speeches and their cleaning, and the
rows of the slogans, directives and targets analyzers, exactly as the CLI writes them.

Rows are kept as the analyzers give them (every column, in the analyzer's order, extra columns
included), so the page shows what ``speechkit NAME --json`` prints and nothing is recomputed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from speechkit.analyzers import get
from speechkit.analyzers.base import Analyzer
from speechkit.analyzers.docvars import Docvars, infer_year
from speechkit.analyzers.kwic import Kwic
from speechkit.errors import Failures, SpeechFailure
from speechkit.ingest.sources import Corpus
from speechkit.model import CleaningStats, Speech, speech_record
from speechkit.output import _json_cell as json_cell

# The analyzer runs the page is made of: (key, analyzer, options). Each key's rows equal
# `speechkit NAME [flags] --json` on the same input.
RUNS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("slogans", "slogans", {}),
    ("slogans_by_speech", "slogans", {"by_speech": True}),
    ("directives", "directives", {}),
    ("announcements", "directives", {"check": True}),
    ("targets", "targets", {"all": True}),
)
CLEANING = ("glosses", "suspects", "mojibake", "html", "invisible", "punctuation")


def table(
    name: str | Analyzer,
    speeches: Corpus | Sequence[Speech],
    on_failure: Callable[[SpeechFailure], None] | None = None,
    **options: Any,
) -> dict:
    """An analyzer's rows as ``{"columns": [...], "rows": [[...], ...]}`` (compact JSON), over
    ``speeches`` (a corpus: read again, on the workers for a large one). A speech the analyzer
    (or its cleaning) raises on gives no rows and goes to ``on_failure``; without it, the
    first one raises ``AnalysisError``."""
    from speechkit.analyzers.runner import run_view

    analyzer = get(name) if isinstance(name, str) else name
    columns = list(analyzer.output_columns(**analyzer.resolve(**options)))
    failures = Failures(stop=on_failure is None, on_failure=on_failure)
    # Each row made compact as the analysis gives it (lazy): the rows as dicts are never
    # all held. Cells as `--json` writes them (NaN and empty text are null), so the page
    # equals the CLI.
    rows, _ = run_view(analyzer, speeches, failures=failures, lazy=True, **options)
    compact = []
    for row in rows:  # tolerate columns an analyzer adds that it does not declare
        columns.extend(key for key in row if key not in columns)
        compact.append([json_cell(row.get(c)) for c in columns])
    for cells in compact:  # a column first seen in a later row: null in the earlier ones
        cells.extend([None] * (len(columns) - len(cells)))
    return {"columns": columns, "rows": compact}


class Glance(NamedTuple):
    """What the page keeps of a speech, made where the speech is built: its overview row
    and what the source rows sum, not its text (the analyzers read the corpus again)."""

    id: str
    source: str
    chars: int
    stats: CleaningStats
    record: dict


def glances(corpus: Corpus | Sequence[Speech], failures: Failures) -> list[Glance]:
    """A ``Glance`` at each speech of ``corpus``; one whose cleaning raises goes to
    ``failures`` (which counts the speeches) and is left out."""
    from speechkit.engines.local import LocalEngine

    return list(LocalEngine().each(corpus, glance, failures))


def glance(speech: Speech) -> Glance:
    record = speech_record(speech, texts=False)
    year, where = infer_year(speech)
    record.update(year=year, year_source=where)
    for key in CLEANING:
        record[key] = getattr(speech.stats, key)
    return Glance(speech.id, speech.source, speech.chars, speech.stats, record)


def records(section: dict) -> list[dict]:
    """A compact table back as dicts."""
    return [dict(zip(section["columns"], row)) for row in section["rows"]]


def speech_rows(speeches: Sequence[Glance], meta: Docvars | None) -> dict:
    """The overview: one row per speech (the ``split`` columns, the inferred year with where it
    was read, as ``speechkit meta`` prints them, the other cleaning counts, and the columns of
    the ``--meta`` file as ``meta_X``)."""
    rows = []
    for speech in speeches:
        record = dict(speech.record)
        if meta is not None:
            values = meta.lookup(speech) or {}  # by its id or its file's name
            for key in meta.columns:
                record["meta_" + key] = values.get(key)
        rows.append(record)
    columns = list(rows[0]) if rows else []
    return {"columns": columns, "rows": [[r[c] for c in columns] for r in rows]}


def source_rows(corpus: Corpus | Sequence[Speech], speeches: Sequence[Glance]) -> list[dict]:
    """One row per raw dump: its encoding and what cleaning did to the whole file."""
    out = []
    for report in getattr(corpus, "reports", {}).values():  # a list of speeches has none
        totals = report.summary(s for s in speeches if s.source == report.source)
        out.append({"source": report.source, "encoding": report.encoding, **totals})
    return out


def heatmap(
    slogans: dict,
    by_speech: dict,
    speeches: dict,
    top: int,
    max_rows: int,
    by: str | None = None,
) -> dict:
    """Cells of the speech (or group) × formulation heatmap: the ``top`` formulations by count,
    and at most ``max_rows`` speeches or groups (those with most hits among them)."""
    formulations = [r["slogan"] for r in records(slogans)][:top]
    keep = set(formulations)
    group_of = {}
    for row in records(speeches):
        group_of[row["id"]] = str(row.get("meta_" + by) or "—") if by else row["id"]
    cells: dict[tuple[str, str], int] = Counter()
    for row in records(by_speech):
        if row["slogan"] in keep:
            cells[group_of.get(row["speech"], row["speech"]), row["slogan"]] += row["count"]
    order = list(dict.fromkeys(group_of.values()))
    totals: dict[str, int] = defaultdict(int)
    for (group, _), count in cells.items():
        totals[group] += count
    shown = order
    if len(order) > max_rows:
        best = set(sorted(order, key=lambda g: -totals[g])[:max_rows])
        shown = [g for g in order if g in best]
    kept = set(shown)
    return {
        "formulations": formulations,
        "rows": shown,
        "all_rows": len(order),
        "all_formulations": len(slogans["rows"]),
        "by": by or "speech",
        "cells": [{"row": g, "slogan": s, "count": c} for (g, s), c in cells.items() if g in kept],
    }


def shared_indicators(targets: dict, min_speeches: int = 2) -> list[dict]:
    """Indicators that several speeches set a target for, with each speech's values.

    Grouped by ``indicator_id`` when the targets analyzer gives one, else by ``indicator``;
    only rows of kind ``target`` (when there is a kind) with a value count.
    """
    key = "indicator_id" if "indicator_id" in targets["columns"] else "indicator"
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in records(targets):
        if row.get("kind", "target") != "target" or row.get("value") is None:
            continue
        if row.get(key):
            groups[str(row[key])].append(row)
    shared = []
    for name, rows in groups.items():
        if len({r["speech"] for r in rows}) >= min_speeches:
            shared.append({"indicator": name, "key": key, "rows": rows})
    shared.sort(key=lambda g: (-len({r["speech"] for r in g["rows"]}), g["indicator"]))
    return shared


def kwic(
    slogans: dict,
    by_speech: dict,
    speeches: Corpus | Sequence[Speech],
    top: int,
    max_speeches: int,
    window: int = 5,
    on_failure: Callable[[SpeechFailure], None] | None = None,
) -> dict:
    """KWIC lines (``speechkit kwic --slogan NAME``) for the ``top`` lexicon formulations by
    count, one table; its ``pattern`` column says which formulation a line is for.

    KWIC segments every speech it reads with jieba, so each formulation is looked for only in
    the speeches ``slogans --by-speech`` found it in, and in at most ``max_speeches`` of them
    (the first in corpus order): a large corpus gets a sample of lines, with a note."""
    names = [r["slogan"] for r in records(slogans) if r.get("kind", "lexicon") == "lexicon"]
    names = names[:top]
    found: dict[str, list[str]] = defaultdict(list)
    for row in records(by_speech):
        if row["slogan"] in names and row["count"]:
            found[row["slogan"]].append(row["speech"])
    out: dict = {"columns": [], "rows": [], "formulations": names, "window": window}
    out["speeches"] = {
        name: [len(found[name]), min(len(found[name]), max_speeches)] for name in names
    }
    if not names:
        return out
    keep = {name: frozenset(found[name][:max_speeches]) for name in names}
    part = table(ChosenKwic(names, keep), speeches, on_failure, window=window)
    order = {name: i for i, name in enumerate(names)}
    out["columns"] = part["columns"]
    pattern = part["columns"].index("pattern")
    out["rows"] = sorted(part["rows"], key=lambda row: order[row[pattern]])  # stable
    return out


class ChosenKwic(Kwic):
    """``kwic --slogan NAME`` for several formulations in one run, each only in its chosen
    speeches (``keep``: name -> speech ids), run where the speeches are built: a long speech
    is cut once for all of them and never sent back (a 100 MB one took 800 MB more)."""

    def __init__(self, names: Sequence[str], keep: dict[str, frozenset[str]]):
        self.names = tuple(names)
        self.keep = keep

    def resolve(self, **options: Any) -> dict[str, Any]:
        return Analyzer.resolve(self, **options)  # no PATTERN and no --slogan: names instead

    def gather(self, scans: Iterable[Any], **_: Any) -> dict:
        from speechkit.analyzers.slogans import SLOGANS

        return {**SLOGANS.gather(scans, **SLOGANS.resolve()), "wanted": frozenset(self.names)}

    def per_speech(self, speech: Speech, context: dict | None = None, **options: Any):
        wanted = {name for name in self.names if speech.id in self.keep[name]}
        if not wanted or context is None:
            return []
        return super().per_speech(speech, context={**context, "wanted": wanted}, **options)
