"""Run an analyzer over a corpus: the engine runs its rounds and per-speech work, then the
analyzer's combine step gives the rows.

This is the one place that drives the contract of ``speechkit.analyzers.base``; the CLI, the
library (``speechkit.analyze``), the benchmark and the tests all come through it. The views
every analyzer has (``meta``, ``by``, ``pivot``; see ``speechkit.analyzers.grouping``) are
applied here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from speechkit.analyzers.base import Analyzer
from speechkit.errors import Failures
from speechkit.model import Speech


def run(
    analyzer: Analyzer, corpus: Iterable[Speech], engine: Any = None, **options: Any
) -> list[dict]:
    """The rows of ``analyzer`` over ``corpus`` (a ``Corpus`` or any iterable of speeches),
    keyed by exactly the columns ``run_view`` gives. ``engine`` (default: the local one) says
    where the per-speech work runs."""
    return run_view(analyzer, corpus, engine, **options)[0]


def run_view(
    analyzer: Analyzer,
    corpus: Iterable[Speech],
    engine: Any = None,
    meta: Any = None,
    by: str | None = None,
    pivot: bool = False,
    on_notice: Callable[[str], None] | None = None,
    failures: Failures | None = None,
    lazy: bool = False,
    **options: Any,
) -> tuple[list[dict], list[str]]:
    """``(rows, columns)`` of ``analyzer`` over ``corpus``. ``meta`` (a metadata CSV or a
    ``Docvars``; default the corpus's own ``meta``) joins document variables, ``by`` groups
    the rows by one of them, ``pivot`` pivots them; ``on_notice`` hears about speeches the
    metadata lacks (default: the corpus's notices, else ``warnings``). ``lazy``: the rows
    may be an iterator that runs the analysis as it is read (when ``combine`` passes the
    records through), so that a writer works while the engine does.

    A speech whose cleaning or analysis raises is left out, as if it were not in the corpus
    (its rows are missing; in a two-round analyzer it gives no scan either), and goes to
    ``failures``; without ``failures``, the first one raises ``AnalysisError``."""
    options = analyzer.resolve(**options)
    if failures is None:
        failures = Failures(stop=True)
    if engine is None:
        from speechkit.engines.local import LocalEngine

        engine = LocalEngine()
    meta = meta if meta is not None else getattr(corpus, "meta", None)
    if meta is None and by is None and not pivot and not analyzer.needs_groups:
        whole = _whole_corpus(analyzer, corpus, engine, options)
        if whole is not None:
            failures.count(whole.speeches)
            rows = analyzer.combine_whole(whole, **options)
        else:
            rows = analyzer.combine(engine.records(analyzer, corpus, options, failures), **options)
        if not lazy and not isinstance(rows, list):
            rows = list(rows)
        return rows, analyzer.output_columns(**options)
    from speechkit.analyzers import grouping
    from speechkit.analyzers.docvars import as_docvars

    docvars = as_docvars(meta)
    grouping.check_view(analyzer, docvars, by, pivot)
    read_year = by in ("year", "year_source") and not (docvars and by in docvars.columns)
    annotated = grouping.Annotated(analyzer, docvars, read_year)
    records = engine.records(annotated, corpus, options, failures)
    notify = on_notice or getattr(corpus, "on_notice", None)
    rows, columns = grouping.finish(analyzer, records, options, docvars, by, pivot, notify)
    return (rows if lazy or isinstance(rows, list) else list(rows)), columns


def _whole_corpus(analyzer: Analyzer, corpus: Any, engine: Any, options: dict) -> Any:
    """Every speech's tokens at once (``speechkit.tokens.WholeCorpus``) for an analyzer
    that counts them whole, from an engine that keeps them (the local one's token cache);
    None when either cannot, or when the cache lacks a speech."""
    whole_tokens = getattr(engine, "whole_tokens", None)
    if whole_tokens is None or not analyzer.counts_whole(**options):
        return None
    return whole_tokens(corpus, options)
