"""The local engine: this process, with forked workers for cleaning and tokenizing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from speechkit.analyzers.base import Analyzer
from speechkit.model import Speech


class LocalEngine:
    """Speeches are built as the corpus yields them (large dumps on forked workers) and
    analysed in this process."""

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs

    def records(
        self, analyzer: Analyzer, corpus: Iterable[Speech], options: dict
    ) -> Iterator[dict]:
        extra: dict[str, Any] = {}
        speeches: Iterable[Speech] = corpus
        if analyzer.rounds == 2:
            # The first round needs every speech before the second can start: keep them.
            speeches = list(corpus)
            scans = [analyzer.scan(speech, **options) for speech in speeches]
            extra["context"] = analyzer.gather(scans, **options)
        if analyzer.needs_tokens:
            from speechkit.tokens import token_counts

            jobs = options.get("jobs") or self.jobs
            for speech, counts in token_counts(speeches, jobs):
                yield from analyzer.per_speech(speech, token_counts=counts, **options)
            return
        for speech in speeches:
            yield from analyzer.per_speech(speech, **extra, **options)
