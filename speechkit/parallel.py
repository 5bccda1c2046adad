"""Ordered, bounded fan-out over forked worker processes (shared by loading and tokenizing)."""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT_PER_JOB = 4  # items queued per worker: keeps memory bounded on huge inputs


def can_fork(jobs: int | None) -> bool:
    return (jobs or os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


def fork_pool(jobs: int | None, initializer: Callable[[], None] | None = None):
    """A pool of ``jobs`` forked workers: they inherit this process's memory (loaded tables,
    the raw text) instead of pickling it. Workers ignore SIGINT: a Ctrl-C reaches the whole
    process group, and it is the parent's to handle (no worker tracebacks)."""
    return _Pool(
        jobs or os.cpu_count(),
        _worker_init,
        (initializer,),
        context=multiprocessing.get_context("fork"),
    )


class _Pool(multiprocessing.pool.Pool):
    """``multiprocessing.Pool`` whose worker-keeping thread wakes only when a worker exits or
    the pool changes state. The standard one also waits on the result pipe, so while a result
    waits there for the result thread (every result, under load) that thread wakes again and
    again: 0.5-0.8 CPU-s of the main process on the 20 MB sample, taken from the workers."""

    def _get_sentinels(self) -> list:
        return [self._change_notifier._reader]


def _worker_init(initializer: Callable[[], None] | None) -> None:
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()
    if os.getppid() != parent:  # the parent was gone before the line above
        os._exit(1)
    if initializer is not None:
        initializer()


def die_with_parent() -> None:
    """Linux: the kernel kills this worker when the thread that forked it ends, so a killed
    parent (or one that exits while the pool is forking a replacement) leaves no orphan."""
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # elsewhere the parent's interrupt handler kills its workers


def bounded_imap(pool, func: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """``pool.imap(func, items)`` in order, with at most ``jobs * IN_FLIGHT_PER_JOB`` items
    taken from ``items`` and not yet consumed: a slow consumer never makes results pile up,
    and the workers never wait for it either."""
    capacity = jobs * IN_FLIGHT_PER_JOB
    slots = threading.Semaphore(capacity)
    stop = threading.Event()

    def feed():
        # Runs in the pool's task thread. It must notice a pool being terminated, or the
        # pool's terminate() would wait for it forever (the consumer is gone).
        for item in items:
            while not slots.acquire(timeout=0.1):
                if stop.is_set() or getattr(pool, "_state", "RUN") != "RUN":
                    return
            if stop.is_set():
                return
            yield item

    try:
        for result in pool.imap(func, feed(), chunksize=1):
            slots.release()
            yield result
    finally:
        # The consumer stopped early (or failed): unblock the feeding thread so the pool
        # can shut down.
        stop.set()
        for _ in range(capacity):
            slots.release()
