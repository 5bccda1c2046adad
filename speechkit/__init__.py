"""speechkit: load, split and analyse corpora of Chinese political speeches.

>>> import speechkit
>>> corpus = speechkit.load("corpus/speeches_2022_traditional_dump.txt")
>>> speechkit.analyze("slogans", corpus, top=3)["slogan"].tolist()
['高质量发展', '清廉交通', '十四五']
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from speechkit import backend as _backend
from speechkit.errors import AnalysisError, SpeechFailure, SpeechkitError

# The mypyc-compiled modules or the pure Python ones (``speechkit.backend``): decided before
# any of them is imported; ``speechkit --version`` says which.
BACKEND = _backend.choose()

if TYPE_CHECKING:
    from speechkit.ingest.sources import Corpus, Document, load
    from speechkit.model import Speech

__all__ = [
    "AnalysisError",
    "Corpus",
    "Document",
    "Speech",
    "SpeechFailure",
    "SpeechFailureWarning",
    "SpeechkitError",
    "analyze",
    "keyness",
    "kwic",
    "load",
    "rows",
]
__version__ = "0.1.0"
# Loaded on first use, so `speechkit --help` does not import the ingest stack.
_LAZY = {
    "Corpus": "speechkit.ingest.sources",
    "Document": "speechkit.ingest.sources",
    "load": "speechkit.ingest.sources",
    "Speech": "speechkit.model",
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'speechkit' has no attribute {name!r}")


ON_ERROR = ("warn", "skip", "raise")


class SpeechFailureWarning(UserWarning):
    """Some speeches failed and their rows are missing; ``failures`` lists them
    (``SpeechFailure`` records: id, source, start, end, step, error, message, traceback)."""

    def __init__(self, message: str, failures: list[SpeechFailure]):
        super().__init__(message)
        self.failures = failures


def rows(name: str, corpus, **options: Any) -> list[dict]:
    """The rows of analyzer ``name`` over ``corpus`` (a ``Corpus``, a path or paths, or an
    iterable of ``Speech``), as dicts keyed by the analyzer's output columns.

    Besides the analyzer's own options: ``meta`` (a metadata CSV joined by id or file name),
    ``by`` (a document variable to group by), ``pivot`` (where the analyzer has one), and
    ``on_error``: what a speech whose cleaning or analysis raises does. ``"warn"`` (the
    default, the command's rule) leaves its rows out and ends with one
    ``SpeechFailureWarning`` naming the failed speeches (its ``failures`` lists them);
    ``"skip"`` leaves them out silently; ``"raise"`` stops at the first with
    ``AnalysisError``."""
    return _view(name, corpus, **options)[0]


def _view(
    name: str, corpus, on_error: str = "warn", **options: Any
) -> tuple[list[dict], list[str], list[SpeechFailure]]:
    from speechkit.analyzers import get
    from speechkit.analyzers.runner import run_view
    from speechkit.errors import Failures

    if on_error not in ON_ERROR:
        raise SpeechkitError(f"on_error={on_error!r}: use one of {', '.join(ON_ERROR)}")
    if _is_paths(corpus):
        from speechkit.ingest.sources import load

        corpus = load(corpus)
    failures = Failures(stop=on_error == "raise")
    found, columns = run_view(get(name), corpus, failures=failures, **options)
    if failures and on_error == "warn":
        import warnings

        named = ", ".join(f"{f.id} ({f.error}: {f.message})" for f in failures.failed[:5])
        more = f" and {len(failures) - 5} more" if len(failures) > 5 else ""
        message = f"{failures.summary()}: {named}{more}"
        warnings.warn(SpeechFailureWarning(message, failures.failed), stacklevel=3)
    return found, columns, failures.failed


def _is_paths(corpus) -> bool:
    if isinstance(corpus, (str, os.PathLike)):
        return True
    return isinstance(corpus, (list, tuple)) and all(
        isinstance(p, (str, os.PathLike)) for p in corpus
    )


def analyze(name: str, corpus, **options: Any):
    """The rows of analyzer ``name`` as a pandas DataFrame (columns in the documented order;
    ``frame.attrs`` holds the analyzer's metadata, such as the tokenizer words used, and,
    when speeches failed, ``failures``: one dict per failed speech). Options and
    ``on_error`` as for ``rows``."""
    import pandas as pd

    from speechkit.analyzers import get

    found, columns, failed = _view(name, corpus, **options)
    frame = pd.DataFrame(found, columns=columns)
    if failed:
        frame.attrs["failures"] = [failure.record() for failure in failed]
    analyzer = get(name)
    if hasattr(analyzer, "metadata"):  # what made the rows (words: the tokenizer's version)
        own = {option.name for option in analyzer.options}
        resolved = analyzer.resolve(**{k: v for k, v in options.items() if k in own})
        frame.attrs.update(analyzer.metadata(**resolved))
    return frame


def kwic(corpus, pattern: str | None = None, **options: Any):
    """Keywords in context (``speechkit kwic``) as a DataFrame: ``kwic(corpus, "发展")``,
    ``kwic(corpus, slogan="放管服", window=8)``, ``kwic(corpus, category="core")``."""
    return analyze("kwic", corpus, pattern=pattern, **options)


def keyness(corpus, by: str, target: Any, **options: Any):
    """The words (``slogans=True``: lexicon entries) that set the speeches whose ``by`` is
    ``target`` apart from the rest, as a DataFrame (``speechkit keyness``)."""
    return analyze("keyness", corpus, by=by, target=str(target), **options)
