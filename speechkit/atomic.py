"""Atomic writes: outputs are built beside their target and renamed into place, with the
user's umask. Temporary paths are registered so an interrupt can remove them (see
``speechkit.cli.interrupt``), and the renames that commit a write hold off interrupts."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

# Temporary files and folders of writes in progress (removed by an interrupt handler).
PENDING: set[str] = set()
REMOVE_TRIES, REMOVE_PAUSE = 50, 0.01  # a folder still there is tried again, for up to 0.5 s
_LOCK = threading.Lock()


def umask() -> int:
    with _LOCK:  # os.umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def with_umask(path: str | Path, directory: bool = False) -> None:
    """Give ``path`` the mode a plain ``open``/``mkdir`` would have (mkstemp/mkdtemp use
    0600/0700 whatever the umask)."""
    os.chmod(path, (0o777 if directory else 0o666) & ~umask())


def register(path: str | Path) -> None:
    PENDING.add(str(path))


def release(path: str | Path) -> None:
    PENDING.discard(str(path))


def remove(path: str | Path) -> None:
    """Remove a temporary file or folder, whichever it is, and forget it. A folder is tried
    again while it is still there: an interrupt removes it right after killing the workers
    that write into it, and a worker's last file can land after the folder was listed."""
    path = str(path)
    if os.path.isdir(path) and not os.path.islink(path):
        for _ in range(REMOVE_TRIES):
            shutil.rmtree(path, ignore_errors=True)
            if not os.path.lexists(path):
                break
            time.sleep(REMOVE_PAUSE)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    release(path)


def remove_pending() -> None:
    for path in list(PENDING):
        remove(path)


@contextlib.contextmanager
def no_interrupts() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while renames commit a write (main thread only): a signal
    that comes meanwhile is delivered right after, never between two renames."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def atomic_file(path: str | Path, mode: str = "w", **open_args) -> Iterator[IO]:
    """Open a temporary sibling of ``path`` for writing; on success it replaces ``path``
    (old content intact until then); on any failure or interrupt it is removed."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    register(tmp)
    try:
        with os.fdopen(fd, mode, **open_args) as stream:
            yield stream
        with_umask(tmp)
        with no_interrupts():
            os.replace(tmp, path)
            release(tmp)
    finally:
        if str(tmp) in PENDING:
            remove(tmp)
