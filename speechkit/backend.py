"""Which code runs: the modules compiled with mypyc (``make compiled``, a ``.so`` beside each
``.py``, which Python imports first), or the pure Python ones.

The compiled modules are one group: they call each other in C, so they run all together or
not at all. Pure Python runs when ``SPEECHKIT_PURE`` is set (to anything but ``0`` or the
empty string), when nothing was compiled, or when a compiled module is older than its source
(edited since the build: a warning says so).
"""

from __future__ import annotations

import importlib.machinery
import os
import sys

# (os.path, not pathlib: this runs on every import of speechkit, `speechkit --help` too.)
PURE_VARIABLE = "SPEECHKIT_PURE"
PACKAGE = os.path.dirname(os.path.abspath(__file__))
# Written by the build (benchmarks/compile.py): the compiled modules, one name a line.
MANIFEST = os.path.join(PACKAGE, "_compiled.txt")
_SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def compiled_modules() -> list[str]:
    """The modules a build compiled (relative to the package: ``text.quantities``), or []."""
    try:
        with open(MANIFEST, encoding="utf-8") as lines:
            return lines.read().split()
    except OSError:
        return []


def _paths(module: str) -> tuple[str, str]:
    base = os.path.join(PACKAGE, *module.split("."))
    return base + ".py", base + _SUFFIX


def stale_modules(modules: list[str]) -> list[str]:
    """The compiled modules whose ``.so`` is missing or older than their ``.py``."""
    out = []
    for module in modules:
        source, extension = _paths(module)
        try:
            if os.stat(extension).st_mtime < os.stat(source).st_mtime:
                out.append(module)
        except OSError:
            out.append(module)
    return out


def pure_requested() -> bool:
    return os.environ.get(PURE_VARIABLE, "") not in ("", "0")


class SourceOnly:
    """A finder for speechkit's modules that sees only ``.py`` files: placed first on
    ``sys.meta_path``, it hides the compiled modules."""

    def find_spec(self, fullname: str, path=None, target=None):
        if not fullname.startswith(__package__ + ".") or path is None:
            return None
        loaders = (importlib.machinery.SourceFileLoader, importlib.machinery.SOURCE_SUFFIXES)
        for entry in path:
            spec = importlib.machinery.FileFinder(entry, loaders).find_spec(fullname, target)
            if spec is not None and spec.loader is not None:
                return spec  # (a namespace package, speechkit.data, is left to PathFinder)
        return None


def choose() -> str:
    """Decide once, before any compiled module is imported: ``compiled`` or ``pure``."""
    modules = compiled_modules()
    if not modules:
        return "pure"  # nothing to hide: no finder on every import of a plain install
    if pure_requested():
        return _pure()
    stale = stale_modules(modules)
    if stale:
        sys.stderr.write(
            f"speechkit: {len(stale)} compiled modules are older than their source "
            f"({stale[0]}.py…): pure Python runs; `make compiled` rebuilds them\n"
        )
        return _pure()
    return "compiled"


def _pure() -> str:
    if not modules_hidden():
        sys.meta_path.insert(0, SourceOnly())
    return "pure"


def modules_hidden() -> bool:
    return any(isinstance(finder, SourceOnly) for finder in sys.meta_path)


def describe() -> str:
    """One line for ``speechkit --version``: what runs."""
    modules = compiled_modules()
    if not modules:
        return "pure Python (nothing compiled)"
    if modules_hidden():
        why = f"{PURE_VARIABLE} set" if pure_requested() else "compiled modules out of date"
        return f"pure Python ({why})"
    groups = sorted({m.rpartition(".")[0].rpartition(".")[2] or m for m in modules})
    return f"compiled with mypyc: {', '.join(groups)} ({len(modules)} modules)"
