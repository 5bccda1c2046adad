"""The unit of work an engine ships to a worker: build a batch of speeches, run one round of
an analyzer on them, return plain records (never ``Speech`` objects).

Analyzers are named, not pickled: a worker looks the name up in its own registry, so plugin
analyzers work too. Both functions are pure and top-level, so any pool or cluster can call
them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from speechkit.errors import AnalysisError
from speechkit.ingest.build import SpeechTask, build_speech
from speechkit.model import Speech


def scan_task(name: str, options: dict, task: SpeechTask) -> list[Any]:
    """The first round (``scan``) of analyzer ``name`` on each speech of ``task``."""
    from speechkit.analyzers import REGISTRY

    analyzer = REGISTRY[name]
    return [analyzer.scan(speech, **options) for speech in build(task)]


def run_task(name: str, options: dict, task: SpeechTask, context: Any = None) -> list[dict]:
    """``per_speech`` of analyzer ``name`` on each speech of ``task``, records in order.

    ``context`` is what the analyzer's ``gather`` gave (two-round analyzers). An analyzer
    that needs tokens gets them from the segmenter of this process (the backend named by
    its ``tokenizer`` option, if it has one).
    """
    from speechkit.analyzers import REGISTRY

    analyzer = REGISTRY[name]
    extra: dict[str, Any] = {} if analyzer.rounds == 1 else {"context": context}
    records: list[dict] = []
    for speech in build(task):
        if analyzer.needs_tokens:
            from speechkit.tokens.segment import tokens

            extra["token_counts"] = Counter(tokens(speech.text, options.get("tokenizer")))
        records.extend(analyzer.per_speech(speech, **extra, **options))
    return records


def resolve(analyzer: Any):
    """The analyzer ``analyzer`` names (a registry name), or ``analyzer`` itself."""
    if not isinstance(analyzer, str):
        return analyzer
    from speechkit.analyzers import REGISTRY

    return REGISTRY[analyzer]


def reference(analyzer) -> Any:
    """How to send ``analyzer`` to another machine: its name if the registry holds it, else
    the object itself, pickled (such as a view's wrapper around an analyzer)."""
    from speechkit.analyzers import REGISTRY

    return analyzer.name if REGISTRY.get(analyzer.name) is analyzer else analyzer


def build(task: SpeechTask) -> list[Speech]:
    """The speeches of ``task``, built where the task runs; a failure is an ``AnalysisError``
    that names the speech (its id) it happened in — the rule of every engine."""
    speeches = []
    for item in task.items:
        if isinstance(item, Speech):
            speeches.append(item)
            continue
        try:
            speeches.append(build_speech(*item))
        except Exception as exc:
            _, stem, ordinal, *_ = item
            raise AnalysisError(f"{stem}-{ordinal}: cleaning failed: {describe(exc)}") from exc
    return speeches


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
