"""A corpus's tasks read in a forked child, while this process does something else first.

A Dask run must import distributed (0.4-0.6 s) and connect before it can send a task, and the
first task of a dump waits for the whole file to be read, decoded and split (0.15-0.2 s on
20 MB). Forked before the import, a child does the reading meanwhile, on the other core,
and sends the tasks through a pipe as they are taken, their raw slices ``packed`` (this
process only passes them on to the workers, which unpack them); what ``Corpus.tasks()``
leaves behind (each dump's cleaning report) comes last, and an error (an unreadable input)
is raised here as it would have been. The pipe holds at most about a megabyte, so the child
reads little ahead of what is taken.

The child dies with this process (``PR_SET_PDEATHSIG``), at Ctrl-C (the default action of
SIGINT), and when the tasks are left unfinished (this process kills it).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import weakref
from collections.abc import Iterator
from typing import Any

from speechkit.engines.tasks import packed
from speechkit.ingest.build import SpeechTask
from speechkit.workers import PIPE_BYTES, die_with_parent, widen

_TASK, _DONE, _ERROR = "task", "done", "error"


def can_read_ahead() -> bool:
    return hasattr(os, "fork")


def read_ahead(corpus: Any, batch: int) -> Iterator[SpeechTask]:
    """``corpus.tasks(batch)``, read in a child forked now; ``corpus.reports`` is filled in
    here once the last task is taken. Dropped before its end (or before it starts, as when
    the scheduler cannot be reached), the iterator ends the child."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(corpus, batch, write_end)
    os.close(write_end)
    child = _Child(pid, os.fdopen(read_end, "rb"))
    tasks = _taken(corpus, child)
    weakref.finalize(tasks, child.end)
    return tasks


class _Child:
    """The reading child, and this process's end of its pipe."""

    def __init__(self, pid: int, stream):
        self.pid = pid
        self.stream = stream
        self.done = False  # reaped: its pid may be another process's now

    def end(self, finished: bool = False) -> None:
        """Close the pipe and reap the child, killing it first unless it ``finished``."""
        if self.done:
            return
        self.done = True
        self.stream.close()
        if not finished:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _child(corpus: Any, batch: int, write_end: int) -> None:
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: end quietly
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # the parent gone: end quietly
        die_with_parent()
        with os.fdopen(write_end, "wb", buffering=PIPE_BYTES) as out:
            widen(out)
            try:
                for task in corpus.tasks(batch):
                    task = SpeechTask(tuple(map(packed, task.items)))  # passed on, not read
                    pickle.dump((_TASK, task), out, pickle.HIGHEST_PROTOCOL)
                message: tuple = (_DONE, corpus.reports)
            except Exception as exc:
                message = (_ERROR, exc)
            try:
                pickle.dump(message, out, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an error that does not pickle
                pickle.dump((_ERROR, RuntimeError(f"{type(exc).__name__}: {exc}")), out)
        code = 0
    finally:
        os._exit(code)


def _taken(corpus: Any, child: _Child) -> Iterator[SpeechTask]:
    finished = False
    try:
        while True:
            try:
                kind, value = pickle.load(child.stream)
            except EOFError:
                raise RuntimeError("the process reading the input ended unexpectedly") from None
            if kind == _TASK:
                yield value
            elif kind == _DONE:
                corpus.reports.update(value)
                finished = True
                return
            else:
                raise value
    finally:
        child.end(finished)
