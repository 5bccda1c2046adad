"""One Ctrl-C or SIGTERM ends a command at once and cleanly: worker processes are killed,
temporary files and folders of unfinished writes removed, one line printed, exit 130/143.

Outputs are committed by renames that hold off these signals (``speechkit.atomic``), so an
interrupt leaves either the old output or the new one, never a part.
"""

from __future__ import annotations

import multiprocessing
import os
import signal

from speechkit import atomic

NAMES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


def _stop(signum, _frame) -> None:
    for held in NAMES:
        signal.signal(held, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup short
    for child in multiprocessing.active_children():
        child.kill()
    atomic.remove_pending()
    # os.write, not print: the signal may have come in the middle of a print.
    line = f"Aborted: {NAMES.get(signum, 'stopped')}; no output was left half-written.\n"
    os.write(2, line.encode())
    os._exit(128 + signum)


def install() -> None:
    for signum in NAMES:
        signal.signal(signum, _stop)
