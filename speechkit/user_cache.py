"""Tables kept between runs in a per-user cache folder (``$XDG_CACHE_HOME/speechkit``): made
once, read back in a few milliseconds by the next run.

A table is stored under a ``name`` with a ``key`` that says what it was made from (the data
file's hash, the code that made it, speechkit's version); a table made from anything else
is a miss. Each key has its own file (``name.<key prefix>.marshal``), and the newest
``KEEP`` files of a name are kept: two checkouts or versions of speechkit used in turn each
find their own table instead of overwriting each other's. Nothing in the file is trusted:
it is the key, a BLAKE2b hash of the payload and the payload (``marshal``: plain dicts,
tuples, strings and numbers, which it reads several times faster than ``pickle`` and never
runs code for). A file that is missing, of another key,
damaged or unreadable is a miss: the caller makes the table and it is written again
(atomically, so a reader never sees half a file). A cache folder that cannot be written
costs the making, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

_MAGIC = b"speechkit-cache 1\n"
KEEP = 4  # files kept per table name (one per key: code or data versions used in turn)


def cache_dir() -> Path:
    """The per-user cache folder, made if need be; a temporary one where that fails (a
    read-only home)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    path = Path(base) / "speechkit"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        path = Path(tempfile.gettempdir()) / f"speechkit-{os.getuid()}"
        path.mkdir(parents=True, exist_ok=True)
    return path


def digest(*parts: bytes | str) -> str:
    """A key made of ``parts`` (the bytes a table is made from), with speechkit's and
    Python's versions: marshal's format is Python's."""
    from speechkit import __version__

    hasher = hashlib.blake2b(f"{__version__}\0{sys.version_info[:2]}\0".encode(), digest_size=32)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(b"%d\0" % len(data))
        hasher.update(data)
    return hasher.hexdigest()


def source_of(module: str) -> bytes:
    """The bytes of ``module``'s file (its source, or what was compiled from it), found
    without importing it: for a key, so that a table made by other code is a miss."""
    from importlib.util import find_spec

    spec = find_spec(module)
    if spec is None or not spec.origin:
        raise ImportError(f"no module {module}")
    return Path(spec.origin).read_bytes()


def cached(
    name: str, key: str, make: Callable[[], Any], valid: Callable[[Any], bool] = lambda _: True
) -> Any:
    """The table stored as ``name`` if it was made from ``key`` and ``valid`` accepts it;
    else ``make()``, stored for the next run (``make`` must give what ``marshal`` stores)."""
    found = load(name, key)
    if found is not None and valid(found):
        return found
    table = make()
    store(name, key, table)
    return table


def load(name: str, key: str) -> Any:
    """The table stored as ``name`` from ``key``, or None (a miss)."""
    try:
        data = _path(name, key).read_bytes()
    except OSError:
        return None
    parts = data.split(b"\n", 3)  # the magic, the key, the payload's hash, the payload
    if len(parts) < 4 or parts[0] + b"\n" != _MAGIC:
        return None
    _, stored_key, checksum, payload = parts
    if stored_key != key.encode() or checksum != _checksum(payload).encode():
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def store(name: str, key: str, table: Any) -> None:
    """Write ``table`` as ``name`` from ``key`` (atomically); nothing if the folder cannot
    be written."""
    payload = marshal.dumps(table)
    checksum = _checksum(payload)
    with contextlib.suppress(OSError):
        path = _path(name, key)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(b"%s%s\n%s\n" % (_MAGIC, key.encode(), checksum.encode()))
                file.write(payload)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        _prune(name)


def _prune(name: str) -> None:
    """Remove all but the newest ``KEEP`` files of ``name`` (another process may be
    removing them too: a file already gone is fine)."""
    files = []
    for path in cache_dir().glob(f"{name}.*.marshal"):
        with contextlib.suppress(OSError):
            files.append((path.stat().st_mtime_ns, path))
    for _, path in sorted(files, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            path.unlink()


def _checksum(data: bytes) -> str:
    # BLAKE2b: in software three times quicker than SHA-256 (the key hashes the 0.4 MB
    # lexicon file, the check the 0.3 MB payload, while the workers wait)
    return hashlib.blake2b(data, digest_size=32).hexdigest()


def _path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}.{key[:16]}.marshal"
