"""speechkit: load, split and analyse corpora of Chinese political speeches.

>>> import speechkit
>>> corpus = speechkit.load("corpus/speeches_2022_traditional_dump.txt")
>>> speechkit.analyze("slogans", corpus, top=3)["slogan"].tolist()
['高质量发展', '清廉交通', '十四五']
"""

from __future__ import annotations

import os
from typing import Any

from speechkit.errors import SpeechkitError
from speechkit.ingest.sources import Corpus, Document, load
from speechkit.model import Speech

__all__ = ["Corpus", "Document", "Speech", "SpeechkitError", "analyze", "load", "rows"]
__version__ = "0.1.0"


def rows(name: str, corpus, **options: Any) -> list[dict]:
    """The rows of analyzer ``name`` over ``corpus`` (a ``Corpus``, a path or paths, or an
    iterable of ``Speech``), as dicts keyed by the analyzer's output columns."""
    from speechkit.analyzers import get
    from speechkit.analyzers.runner import run

    if _is_paths(corpus):
        corpus = load(corpus)
    return run(get(name), corpus, **options)


def _is_paths(corpus) -> bool:
    if isinstance(corpus, (str, os.PathLike)):
        return True
    return isinstance(corpus, (list, tuple)) and all(
        isinstance(p, (str, os.PathLike)) for p in corpus
    )


def analyze(name: str, corpus, **options: Any):
    """The rows of analyzer ``name`` as a pandas DataFrame (columns in the documented order)."""
    import pandas as pd

    from speechkit.analyzers import get

    analyzer = get(name)
    resolved = analyzer.resolve(**options)
    return pd.DataFrame(rows(name, corpus, **options), columns=analyzer.output_columns(**resolved))
