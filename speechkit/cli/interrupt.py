"""One Ctrl-C or SIGTERM ends a command at once and cleanly: worker processes are killed,
temporary files and folders of unfinished writes removed, one line printed, exit 130/143.

Outputs are committed by renames that hold off these signals (``speechkit.atomic``), so an
interrupt leaves either the old output or the new one, never a part.
"""

from __future__ import annotations

import os
import signal
import sys

NAMES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


def _stop(signum, _frame) -> None:
    for held in NAMES:
        signal.signal(held, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup short
    # Neither is imported by a command that starts no worker and writes no file (--help):
    # then there is nothing to stop or remove.
    workers = sys.modules.get("speechkit.workers")
    if workers is not None:  # the workers, children of a child of this process
        workers.kill_all()
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None:
        for child in multiprocessing.active_children():
            child.kill()
    atomic = sys.modules.get("speechkit.atomic")
    if atomic is not None:
        atomic.remove_pending()
    # os.write, not print: the signal may have come in the middle of a print.
    line = f"Aborted: {NAMES.get(signum, 'stopped')}; no output was left half-written.\n"
    os.write(2, line.encode())
    os._exit(128 + signum)


def install() -> None:
    for signum in NAMES:
        signal.signal(signum, _stop)
