"""Engines: where an analyzer's per-speech work runs (this process and its workers, or a
cluster). Every engine gives the same records in the same order (by input, then speech).

An engine has ``records(analyzer, corpus, options) -> Iterator[dict]``: it runs the
analyzer's rounds and ``per_speech`` over ``corpus`` (options already resolved); the runner
then calls ``combine``. ``each(corpus, func)`` runs ``func`` on every speech where it is
built, results in order (for ``split``: rows, or the files of ``-o``). ``Corpus.tasks()``
cuts a corpus into picklable batches of work.
"""

from __future__ import annotations

from speechkit.errors import SpeechkitError

ENGINES = ("local", "dask")


def get_engine(name: str = "local", **settings):
    """The engine called ``name``, set up with ``settings`` (``jobs`` for local;
    ``scheduler``, ``workers``, ``on_progress`` for dask)."""
    if name == "local":
        from speechkit.engines.local import LocalEngine

        return LocalEngine(**settings)
    if name == "dask":
        from speechkit.engines.dask import DaskEngine

        return DaskEngine(**settings)
    raise SpeechkitError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
