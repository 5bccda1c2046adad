"""The analyzer registry: the one place that names every analyzer.

``REGISTRY`` maps a name to an analyzer object (see ``speechkit.analyzers.base`` for the
contract). The built-in analyzers are listed here; other installed packages add theirs
through the entry-point group ``speechkit.analyzers`` (a ``name = module:object`` line in
their metadata), and they appear as ``speechkit NAME`` and in ``speechkit.analyze``.
Analyzer packages are imported when first asked for, so ``speechkit --help`` stays fast.
"""

from __future__ import annotations

import os
import re
import sys
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
    """The object ``module:attribute`` names (``attribute`` may be dotted, and an entry
    point's ``[extras]`` are ignored, as ``importlib.metadata`` does)."""
    module, _, attribute = reference.partition(":")
    loaded = import_module(module.strip())
    for part in attribute.split("[")[0].strip().split(".") if attribute else ():
        loaded = getattr(loaded, part)
    return loaded


def plugin_entries(group: str) -> list[tuple[str, object]]:
    """``(name, reference)`` of every entry point in ``group``, in the order
    ``importlib.metadata.entry_points`` gives them (the first distribution of a name on
    ``sys.path`` wins); a reference is ``module:attribute`` or an ``EntryPoint``.

    Read straight from each ``sys.path`` folder's ``*.dist-info`` and ``*.egg-info``: importing
    ``importlib.metadata`` and parsing every distribution's metadata took 0.1-0.2 s, half of
    ``speechkit --help``. Where a ``sys.path`` entry is an archive, or a finder on
    ``sys.meta_path`` offers distributions of its own, ``importlib.metadata`` is asked.
    """
    from importlib.machinery import PathFinder

    finders = [f for f in sys.meta_path if hasattr(f, "find_distributions")]
    if finders != [PathFinder]:
        return _metadata_entries(group)
    entries: list[tuple[str, object]] = []
    distributions: set[str] = set()
    for entry in sys.path:
        try:
            folder = os.fspath(entry)
            children = os.listdir(folder or ".")
        except TypeError:  # not a path: the import system skips it too
            continue
        except NotADirectoryError:
            return _metadata_entries(group)
        except OSError:
            continue
        if folder.lower().endswith(".egg"):  # an unpacked egg: its EGG-INFO is read there
            return _metadata_entries(group)
        for child in children:
            stem, dot, kind = child.rpartition(".")
            if not dot or kind.lower() not in ("dist-info", "egg-info"):
                continue
            distribution = re.sub(r"[-_.]+", "_", stem.partition("-")[0]).lower()
            if distribution in distributions:
                continue
            distributions.add(distribution)
            entries += _read_entries(os.path.join(folder or ".", child, "entry_points.txt"), group)
    return entries


def _read_entries(path: str, group: str) -> list[tuple[str, object]]:
    """The ``name = value`` lines of section ``[group]`` of an ``entry_points.txt``."""
    try:
        with open(path, encoding="utf-8") as lines:
            text = lines.read()
    except OSError:
        return []
    entries, section = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            name, _, value = line.partition("=")
            entries.append((name.strip(), value.strip()))
    return entries


def _metadata_entries(group: str) -> list[tuple[str, object]]:
    from importlib.metadata import entry_points

    return [(entry.name, entry) for entry in entry_points(group=group)]


class Registry(Mapping[str, Analyzer]):
    """Name -> analyzer, built-ins first, then plugins; each loaded on first use."""

    def __init__(self) -> None:
        self._loaded: dict[str, Analyzer] = {}
        self._references: dict[str, object] | None = None

    def _names(self) -> dict[str, object]:
        if self._references is None:
            references: dict[str, object] = dict(BUILTIN)
            for name, reference in plugin_entries(ENTRY_POINT_GROUP):
                references.setdefault(name, reference)
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
