"""Run an analyzer over a corpus: its rounds, its per-speech work, then its combine step.

This is the one place that drives the contract of ``speechkit.analyzers.base``; the CLI, the
library (``speechkit.analyze``), the benchmark and the tests all come through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from speechkit.analyzers.base import Analyzer
from speechkit.model import Speech


def run(analyzer: Analyzer, corpus: Iterable[Speech], **options: Any) -> list[dict]:
    """The rows of ``analyzer`` over ``corpus`` (a ``Corpus`` or any iterable of speeches),
    keyed by exactly ``analyzer.output_columns(**options)``."""
    options = analyzer.resolve(**options)
    return analyzer.combine(records(analyzer, corpus, options), **options)


def records(analyzer: Analyzer, corpus: Iterable[Speech], options: dict) -> Iterator[dict]:
    """The per-speech records of ``analyzer`` (options already resolved), in corpus order."""
    extra: dict[str, Any] = {}
    speeches: Iterable[Speech] = corpus
    if analyzer.rounds == 2:
        # The first round needs every speech before the second can start: keep them.
        speeches = list(corpus)
        scans = [analyzer.scan(speech, **options) for speech in speeches]
        extra["context"] = analyzer.gather(scans, **options)
    if analyzer.needs_tokens:
        from speechkit.tokens import token_counts

        jobs = options.get("jobs")
        for speech, counts in token_counts(speeches, jobs):
            yield from analyzer.per_speech(speech, token_counts=counts, **options)
        return
    for speech in speeches:
        yield from analyzer.per_speech(speech, **extra, **options)
