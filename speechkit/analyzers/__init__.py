"""The analyzer registry: the one place that names every analyzer.

``REGISTRY`` maps a name to an analyzer object (see ``speechkit.analyzers.base`` for the
contract). The built-in analyzers are listed here; other installed packages add theirs
through the entry-point group ``speechkit.analyzers`` (a ``name = module:object`` line in
their metadata), and they appear as ``speechkit NAME`` and in ``speechkit.analyze``.
Analyzer packages are imported when first asked for, so ``speechkit --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from speechkit.analyzers.base import Analyzer, Option
from speechkit.errors import SpeechkitError

__all__ = ["REGISTRY", "Analyzer", "Option", "get"]

ENTRY_POINT_GROUP = "speechkit.analyzers"
BUILTIN: dict[str, str] = {
    "slogans": "speechkit.analyzers.slogans:SLOGANS",
    "directives": "speechkit.analyzers.directives:DIRECTIVES",
    "targets": "speechkit.analyzers.targets:TARGETS",
    "words": "speechkit.analyzers.words:WORDS",
    "kwic": "speechkit.analyzers.kwic:KWIC",
    "keyness": "speechkit.analyzers.keyness:KEYNESS",
    "meta": "speechkit.analyzers.meta:META",
}


def _load(reference: str) -> Analyzer:
    module, _, attribute = reference.partition(":")
    return getattr(import_module(module), attribute)


class Registry(Mapping[str, Analyzer]):
    """Name -> analyzer, built-ins first, then plugins; each loaded on first use."""

    def __init__(self) -> None:
        self._loaded: dict[str, Analyzer] = {}
        self._references: dict[str, object] | None = None

    def _names(self) -> dict[str, object]:
        if self._references is None:
            references: dict[str, object] = dict(BUILTIN)
            from importlib.metadata import entry_points

            for entry in entry_points(group=ENTRY_POINT_GROUP):
                references.setdefault(entry.name, entry)
            self._references = references
        return self._references

    def __getitem__(self, name: str) -> Analyzer:
        if name not in self._loaded:
            # A built-in needs no look at the installed packages' entry points (importing
            # importlib.metadata and reading every package's metadata costs 30-100 ms).
            reference = BUILTIN.get(name) or self._names()[name]
            loaded = _load(reference) if isinstance(reference, str) else reference.load()
            self._check(name, loaded)
            self._loaded[name] = loaded
        return self._loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in BUILTIN or name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    @staticmethod
    def _check(name: str, analyzer: object) -> None:
        missing = [
            attribute
            for attribute in ("name", "help", "options", "columns", "per_speech", "combine")
            if not hasattr(analyzer, attribute)
        ]
        if missing:
            raise SpeechkitError(
                f"analyzer {name!r} lacks {', '.join(missing)}; see speechkit.analyzers.base"
            )


REGISTRY = Registry()


def get(name: str) -> Analyzer:
    """The analyzer called ``name``, or a one-line error listing the known ones."""
    if name not in REGISTRY:
        raise SpeechkitError(f"unknown analyzer {name!r}; known: {', '.join(REGISTRY)}")
    return REGISTRY[name]
