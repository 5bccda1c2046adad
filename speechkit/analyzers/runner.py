"""Run an analyzer over a corpus: the engine runs its rounds and per-speech work, then the
analyzer's combine step gives the rows.

This is the one place that drives the contract of ``speechkit.analyzers.base``; the CLI, the
library (``speechkit.analyze``), the benchmark and the tests all come through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from speechkit.analyzers.base import Analyzer
from speechkit.model import Speech


def run(
    analyzer: Analyzer, corpus: Iterable[Speech], engine: Any = None, **options: Any
) -> list[dict]:
    """The rows of ``analyzer`` over ``corpus`` (a ``Corpus`` or any iterable of speeches),
    keyed by exactly ``analyzer.output_columns(**options)``. ``engine`` (default: the local
    one) says where the per-speech work runs."""
    options = analyzer.resolve(**options)
    if engine is None:
        from speechkit.engines.local import LocalEngine

        engine = LocalEngine()
    return analyzer.combine(engine.records(analyzer, corpus, options), **options)
