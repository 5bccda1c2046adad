"""The analyzer registry: the one place that names every analyzer.

Each analyzer is a module with ``analyze(corpus, **options) -> pandas.DataFrame``. Adding an
analyzer is one new module plus one line here (and its command in ``speechkit.cli``).
Modules are imported only when asked for, so ``speechkit --help`` stays fast.
"""

from __future__ import annotations

from importlib import import_module

ANALYZERS: dict[str, str] = {
    "directives": "speechkit.analyzers.directives",
    "slogans": "speechkit.analyzers.slogans",
    "targets": "speechkit.analyzers.targets",
    "words": "speechkit.analyzers.words",
}


def get(name: str):
    """The ``analyze`` function of analyzer ``name``."""
    try:
        return import_module(ANALYZERS[name]).analyze
    except KeyError:
        raise KeyError(f"unknown analyzer {name!r}; known: {', '.join(ANALYZERS)}") from None
