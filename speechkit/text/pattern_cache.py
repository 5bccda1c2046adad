"""Regular expressions compiled once per user, not once per run.

An analyzer compiles a hundred patterns or more as it warms up (targets: 122, 0.12 s of CPU,
a third of it the quantity scan's large character classes), and every run did it again,
in the process the workers wait for. Python's compiler turns a pattern into a list of
codes that ``_sre.compile`` makes a ``re.Pattern`` of; ``kept_patterns()`` keeps those codes
in the per-user cache (``speechkit.user_cache``, keyed by Python's exact version and its
regular expression engine's) and, inside its block, has ``re`` make a pattern it has kept
from them, without parsing or compiling it. The pattern made is the one compiling gives:
``re.Pattern`` equality compares the codes, and the tests compare every kept pattern so.

Each analyzer has a table of its own (``kept_patterns(scope)``), and engines keep only what it
compiles as it warms up: a run of ``targets`` reads the targets' patterns, never the large ones
of ``slogans`` (a shared table filled by every pattern any run compiled reached 10 MB and
took 0.23 s to read, twice what compiling targets' patterns costs).

``re``'s compiler is not a public interface: a pattern is kept only when the codes read
here make a pattern equal to the one compiling made (checked as it is first compiled), so
where the compiler differs (another Python) nothing is kept and patterns compile as usual.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

_NAME = "patterns"
# Patterns kept at most, and bytes: an analyzer's own are a few hundred (targets: 122, 0.2 MB),
# but patterns made from the options (a user's lexicon) would add up run after run; past
# either limit the table starts again.
MOST = 2000
MOST_BYTES = 2 << 20


@contextlib.contextmanager
def kept_patterns(scope: str = "") -> Iterator[None]:
    """Within the block, patterns compile from ``scope``'s table in the per-user cache
    where it has them; those it lacks are compiled, then kept there when the block ends."""
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:
        yield
        return
    original = getattr(_compiler, "compile", None)
    needed = (hasattr(_parser, "parse"), hasattr(_compiler, "_code"), hasattr(_sre, "compile"))
    if original is None or not all(needed):
        yield
        return
    from speechkit import user_cache

    name, key = table_name(scope), table_key()
    kept = kept_table(scope)
    made: dict = {}

    def compile(p, flags=0):
        if not isinstance(p, str) or flags & _DEBUG:
            return original(p, flags)
        parts = kept.get((p, flags))
        if parts is not None:
            with contextlib.suppress(Exception):
                return _sre.compile(p, *parts)
        compiled = original(p, flags)
        # Kept only if the parts read here make the very pattern compiling made (equality
        # compares the codes): a Python whose compiler works otherwise keeps nothing.
        with contextlib.suppress(Exception):
            parts = _parts(_compiler, _parser, p, flags)
            if _sre.compile(p, *parts) == compiled:
                made[(p, flags)] = parts
        return compiled

    _compiler.compile = compile
    try:
        yield
    finally:
        _compiler.compile = original
        if made:
            # (Another process, a zygote say, may have kept patterns of its own meanwhile.)
            now = user_cache.load(name, key)
            table = {**(now if isinstance(now, dict) else kept), **made}
            with contextlib.suppress(ValueError):  # a part marshal cannot store: keep none
                user_cache.store(name, key, table if _fits(table) else made)


def _fits(table: dict) -> bool:
    import marshal

    return len(table) <= MOST and len(marshal.dumps(table)) <= MOST_BYTES


def table_name(scope: str = "") -> str:
    """The per-user cache's name for ``scope``'s table (an analyzer's name: a plugin's may
    hold any character, and the name becomes a file name)."""
    import re

    return f"{_NAME}-{re.sub(r'[^A-Za-z0-9_-]', '_', scope)}" if scope else _NAME


def table_key() -> str:
    """The key of the kept table: Python's exact version and its regular expression
    engine's (the codes are that engine's)."""
    import _sre

    from speechkit import user_cache

    return user_cache.digest(sys.version, str(_sre.MAGIC), str(_sre.CODESIZE))


def kept_table(scope: str = "") -> dict:
    """The patterns kept for ``scope``, as {(pattern, flags): what ``_sre.compile`` takes
    after it}."""
    from speechkit import user_cache

    table = user_cache.load(table_name(scope), table_key())
    return table if isinstance(table, dict) else {}


_DEBUG = 128  # re.DEBUG: compiled as usual, so that it prints


def _parts(_compiler, _parser, pattern: str, flags: int) -> tuple:
    """What ``_sre.compile`` takes after the pattern, as ``re._compiler.compile`` makes it."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # (The codes are ints of a subclass that names them, which marshal does not store.)
    return (
        int(flags | parsed.state.flags),
        [int(c) for c in code],
        int(parsed.state.groups - 1),
        {str(name): int(index) for name, index in groupindex.items()},
        tuple(indexgroup),
    )
