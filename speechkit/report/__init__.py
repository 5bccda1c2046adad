"""`speechkit report`: one self-contained HTML page over a corpus (overview, slogans, targets,
outline), its data taken from the analyzers and its charts drawn by Vega-Lite inlined.

>>> import speechkit, speechkit.report as report
>>> data = report.build(speechkit.load("corpus/speeches_2022_traditional_dump.txt"))
>>> len(data["speeches"]["rows"])
9
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from speechkit.errors import Failures, SpeechFailure, SpeechkitError, failures_or_raise
from speechkit.report import charts, collect
from speechkit.resources import bundled_rows

LANGS = ("en", "zh")
# Large corpora: the heatmap shows at most this many formulations and speeches (or groups).
HEATMAP_FORMULATIONS = 30
HEATMAP_ROWS = 60
# At most this many per-indicator charts (the indicators set by the most speeches first).
INDICATOR_CHARTS = 24
# KWIC lines for this many of the top lexicon formulations.
KWIC_FORMULATIONS = 5
# ...from at most this many speeches each (KWIC segments each speech it reads with jieba).
KWIC_SPEECHES = 20


def labels(lang: str = "en") -> dict[str, str]:
    if lang not in LANGS:
        raise SpeechkitError(f"--lang: unknown language {lang!r}; use one of {', '.join(LANGS)}")
    column = LANGS.index(lang) + 1
    return {row[0]: row[column] for row in bundled_rows("report/labels.tsv")}


def build(
    corpus,
    meta=None,
    by: str | None = None,
    lang: str = "en",
    heatmap_formulations: int = HEATMAP_FORMULATIONS,
    heatmap_rows: int = HEATMAP_ROWS,
    failures: Failures | None = None,
) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data: the rows of each analyzer run in
    ``collect.RUNS`` (as the CLI prints them), the speeches, and the chart specs.

    ``meta`` is a metadata CSV (a path or a ``Docvars``, as ``--meta`` takes); ``by`` names
    one of its columns to group the heatmap by.

    A speech whose cleaning raises is left out of the page, and one an analyzer raises on has
    no rows in that analyzer's sections; each goes to ``failures`` once (per step), which
    counts the speeches. Without ``failures``, the first one raises ``AnalysisError``."""
    import speechkit
    from speechkit.analyzers.docvars import as_docvars

    if isinstance(corpus, (str, Path)):
        corpus = speechkit.load(corpus)
    text = labels(lang)
    failures = failures_or_raise(failures)
    on_failure = _once(failures)
    # The speeches are not held: each analyzer reads the corpus again (a page of a large
    # corpus would otherwise hold its every text, twice: cleaned and original).
    seen = Failures(stop=failures.stop, on_failure=on_failure)
    glances = collect.glances(corpus, seen)
    failures.count(seen.speeches)
    if not glances:
        raise SpeechkitError("the input holds no speech; nothing to report.")
    from speechkit import __version__

    data: dict[str, Any] = {"lang": lang, "labels": text, "version": __version__}
    data["speeches"] = collect.speech_rows(glances, as_docvars(meta))
    data["sources"] = collect.source_rows(corpus, glances)
    del glances
    if by and "meta_" + by not in data["speeches"]["columns"]:
        raise SpeechkitError(f"--by {by}: no such column in --meta; name one of its columns.")
    for key, name, options in collect.RUNS:
        data[key] = collect.table(name, corpus, on_failure, **options)
        if key == "slogans_by_speech":
            # KWIC's lines before the large tables are made: the speech it cuts (on a
            # worker) and they would be held at once (on one 100 MB speech, 250 MB more).
            kwic = collect.kwic(
                data["slogans"],
                data["slogans_by_speech"],
                corpus,
                KWIC_FORMULATIONS,
                KWIC_SPEECHES,
                on_failure=on_failure,
            )
    data["kwic"] = kwic
    speech_list = collect.records(data["speeches"])
    row_labels = _row_labels(speech_list)
    cells = collect.heatmap(
        data["slogans"],
        data["slogans_by_speech"],
        data["speeches"],
        heatmap_formulations,
        heatmap_rows,
        by,
    )
    shared = collect.shared_indicators(data["targets"])
    slogan_rows = collect.records(data["slogans"])
    data["heatmap"] = {k: v for k, v in cells.items() if k != "cells"}
    data["indicators"] = {"shown": min(len(shared), INDICATOR_CHARTS), "all": len(shared)}
    data["labels_of"] = row_labels
    data["charts"] = {
        "chars": charts.chars_per_speech(speech_list, row_labels, text),
        "slogans": charts.top_slogans(slogan_rows, text),
        "heatmap": charts.heatmap(cells, {} if by else row_labels, text),
        "targets": charts.targets_per_speech(collect.records(data["targets"]), row_labels, text),
        "indicators": [charts.indicator(g, row_labels, text) for g in shared[:INDICATOR_CHARTS]],
    }
    return data


def _once(failures: Failures):
    """``failures.add`` for each failure of the analyzer runs, once per speech and step
    (slogans runs twice, for its table and its per-speech rows)."""
    seen: set[tuple[str, str]] = set()

    def add(failure: SpeechFailure) -> None:
        if (failure.id, failure.step) not in seen:
            seen.add((failure.id, failure.step))
            failures.add(failure)

    return add


def _row_labels(speeches: list[dict]) -> dict[str, str]:
    """Short axis labels: ``3 病有所医`` for one input file, the id where there are several."""
    single = len({s["source"] for s in speeches}) == 1
    out = {}
    for s in speeches:
        title = s["title"] if len(s["title"]) <= 14 else s["title"][:13] + "…"
        out[s["id"]] = f"{s['ordinal']} {title}" if single else f"{s['id']} {title}"
    return out


def render(data: dict[str, Any]) -> str:
    """The page: the template with the styles, Vega scripts, page script and data inlined."""
    from speechkit.report.page import render_page

    return render_page(data)


def write(data: dict[str, Any], path: str | Path) -> Path:
    """Render the page and write it atomically to ``path``."""
    from speechkit.report.page import page_pieces, write_atomic

    return write_atomic(Path(path), page_pieces(data))
