"""Views over any analyzer's rows: document variables joined (``--meta``), rows per group
(``--by COL``) and a pivot (``--pivot``), done after ``combine`` so every analyzer and every
engine gets them without knowing of them.

``Annotated`` wraps an analyzer so that each speech adds one record with its variables
(picklable, made where ``per_speech`` runs); ``finish`` takes those records out again and
builds the view:

- ``--by COL``: an analyzer that counts (slogans, words) combines each group's records on
  their own, so count, speeches (document frequency) and per_10k are per group; one whose
  rows are occurrences of a ``feature`` (targets' indicator, directives' level, kwic's
  pattern) is counted per group and feature: ``COL, feature, count, speeches, per_10k``;
- ``--meta``: rows that belong to one speech get the file's columns (``meta_X`` where the row
  already has an ``X``);
- ``--pivot``: one row per ``pivot_index`` value, one column per speech (or group), holding
  the quantities (value, unit, comparator) of the rows.
"""

from __future__ import annotations

import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from speechkit.analyzers.base import Analyzer
from speechkit.analyzers.docvars import INFERRED, Docvars, inferred
from speechkit.errors import SpeechkitError
from speechkit.model import Speech

INFO = "_docvars"  # marks the one record per speech that carries its variables
AGGREGATE_COLUMNS = ("count", "speeches", "per_10k")


class Annotated(Analyzer):
    """``inner`` plus one record per speech with its document variables."""

    def __init__(self, inner: Analyzer, docvars: Docvars | None, read_year: bool):
        self.inner = inner
        self.docvars = docvars
        self.read_year = read_year
        for attribute in ("name", "options", "columns", "rounds", "needs_tokens"):
            setattr(self, attribute, getattr(inner, attribute))

    def needs_scan(self, **options: Any) -> bool:
        return self.inner.needs_scan(**options)

    def warm(self, **options: Any) -> None:
        self.inner.warm(**options)

    def scan(self, speech: Speech, **options: Any) -> Any:
        return self.inner.scan(speech, **options)

    def gather(self, scans: Iterable[Any], **options: Any) -> Any:
        return self.inner.gather(scans, **options)

    def per_speech(self, speech: Speech, **options: Any) -> list[dict]:
        variables = inferred(speech, year=self.read_year)
        matched = None
        if self.docvars is not None:
            row = self.docvars.lookup(speech)
            matched = row is not None
            variables.update(row or dict.fromkeys(self.docvars.columns))
        info = {INFO: variables, "matched": matched}
        return [info, *map(self.inner.held, self.inner.per_speech(speech, **options))]


def check_view(analyzer: Analyzer, docvars: Docvars | None, by: str | None, pivot: bool) -> None:
    """One-line errors for a --by or --pivot this analyzer or these variables cannot give."""
    known = list(INFERRED) + [c for c in (docvars.columns if docvars else ()) if c not in INFERRED]
    if by is not None and by not in known:
        raise SpeechkitError(
            f"--by {by}: no such document variable; known: {', '.join(known)} "
            "(add columns with --meta FILE.csv; `speechkit meta INPUT --csv` starts one)."
        )
    if getattr(analyzer, "needs_groups", False) and by is None:
        raise SpeechkitError(f"{analyzer.name} compares groups of speeches; give --by COL.")
    if pivot and not analyzer.pivot_index:
        raise SpeechkitError(f"--pivot: {analyzer.name} has no pivot.")


def finish(
    analyzer: Analyzer,
    records: Iterable[dict],
    options: dict,
    docvars: Docvars | None = None,
    by: str | None = None,
    pivot: bool = False,
    notify: Callable[[str], None] | None = None,
) -> tuple[list[dict], list[str]]:
    """The rows and columns of the view, from an ``Annotated`` analyzer's records."""
    infos: dict[str, dict] = {}
    rest: list[dict] = []
    for record in records:
        if INFO in record:
            infos[record[INFO]["id"]] = record
        else:
            rest.append(record)
    if docvars is not None:
        _warn_unmatched(docvars, infos, notify or _warn)
    variables = {speech: info[INFO] for speech, info in infos.items()}
    speech_column = analyzer.speech_column
    if by is None:
        rows = analyzer.combine(rest, **options)
        columns = analyzer.output_columns(**options)
    else:
        group_of = {speech: v[by] for speech, v in variables.items()}
        rows, columns = _grouped(analyzer, rest, options, by, group_of, variables)
    if pivot:
        if by is None:
            order, column_of = list(variables), (lambda row: row[speech_column])
        else:
            order = _group_order(variables.values(), by)
            column_of = lambda row: variables[row[speech_column]][by]  # noqa: E731
        return _pivot(analyzer.combine(rest, **options), analyzer.pivot_index, order, column_of)
    if docvars is not None and speech_column in columns:
        rows, columns = _join(rows, columns, speech_column, variables, docvars.columns)
    return rows, columns


def _warn(message: str) -> None:
    warnings.warn(message, stacklevel=4)


def _warn_unmatched(docvars: Docvars, infos: dict[str, dict], notify) -> None:
    seen = set()
    for speech, info in infos.items():
        seen.add(info[INFO]["id" if docvars.key == "id" else "file"])
        if info["matched"] is False:
            notify(f"{docvars.path}: no row for speech {speech}; its variables are empty.")
    for key in docvars.unused(seen):
        notify(f"{docvars.path}: {docvars.key} {key} matches no speech of the input.")


def _group_order(variables: Iterable[dict], by: str) -> list:
    """The groups, numbers in order, then text, then speeches with no value."""
    return sorted({v[by] for v in variables}, key=_sort_key)


def _grouped(analyzer, records, options, by, group_of, variables):
    """Rows per group: each group's own combine, or occurrences counted per feature."""
    speech_column, feature = analyzer.speech_column, analyzer.feature
    columns = analyzer.output_columns(**options)
    name = f"meta_{by}" if by in columns or (feature and by == feature) else by
    if getattr(analyzer, "needs_groups", False):
        return analyzer.combine(records, groups=group_of, **options), columns
    if feature and feature in columns and speech_column in columns:
        rows = analyzer.combine(records, **options)
        return _count_per_group(rows, speech_column, feature, name, group_of, variables)
    per_group: dict[Any, list[dict]] = defaultdict(list)
    for record in records:
        per_group[group_of.get(record.get(speech_column))].append(record)
    rows = []
    for group in _group_order(variables.values(), by):
        # every group gets its speeches' records, even none (a group with no hits)
        group_rows = analyzer.combine(per_group.get(group, []), **options)
        rows.extend({name: group, **row} for row in group_rows)
    return rows, [name, *columns]


def _count_per_group(rows, speech_column, feature, name, group_of, variables):
    chars: Counter = Counter()
    for speech, v in variables.items():
        chars[group_of[speech]] += v["chars"]
    counts: Counter = Counter()
    speeches: dict[tuple, set] = defaultdict(set)
    for row in rows:
        key = (group_of.get(row[speech_column]), row[feature])
        counts[key] += 1
        speeches[key].add(row[speech_column])
    order = {g: i for i, g in enumerate(sorted(chars, key=_sort_key))}
    out = [
        {
            name: group,
            feature: value,
            "count": count,
            "speeches": len(speeches[(group, value)]),
            "per_10k": round(count * 10_000 / chars[group], 3) if chars[group] else 0.0,
        }
        for (group, value), count in counts.items()
    ]
    out.sort(key=lambda r: (order[r[name]], -r["count"], str(r[feature])))
    return out, [name, feature, *AGGREGATE_COLUMNS]


def _sort_key(value) -> tuple:
    return (value is None, isinstance(value, str), value if value is not None else 0)


def _join(rows, columns, speech_column, variables, meta_columns):
    """Each row with its speech's metadata columns; ``meta_X`` where ``X`` is taken."""
    names = {c: f"meta_{c}" if c in columns else c for c in meta_columns}
    joined = (  # as the rows come: a writer may take them one at a time
        row | {names[c]: variables.get(row[speech_column], {}).get(c) for c in meta_columns}
        for row in rows
    )
    return joined, [*columns, *names.values()]


def quantity(row: dict) -> str:
    """A row's value as written in a pivot cell: 40家以上, 5–6%, 1200万人左右."""
    value, high = row.get("value"), row.get("value_high")
    if value is None:
        return "x"  # a redacted number
    text = f"{value:g}" + (f"–{high:g}" if high is not None else "")
    comparator = row.get("comparator")
    return text + (row.get("unit") or "") + (comparator if comparator not in (None, "=") else "")


def _pivot(rows, index, order, column_of):
    """One row per ``index`` value (in order of first appearance), one column per entry of
    ``order``; a cell holds the quantities of that column, ``; ``-separated."""
    cells: dict[Any, dict[Any, list[str]]] = {}
    for row in rows:
        cells.setdefault(row[index], defaultdict(list))[column_of(row)].append(quantity(row))
    labels = ["" if column is None else str(column) for column in order]
    out = [
        {index: key} | {label: "; ".join(per[c]) or None for label, c in zip(labels, order)}
        for key, per in cells.items()
    ]
    return out, [index, *labels]
