"""Ordered, bounded fan-out over forked worker processes (shared by loading and tokenizing)."""

from __future__ import annotations

import multiprocessing
import os
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
    the raw text) instead of pickling it."""
    return multiprocessing.get_context("fork").Pool(jobs or os.cpu_count(), initializer)


def bounded_imap(pool, func: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """``pool.imap(func, items)`` in order, with at most ``jobs * IN_FLIGHT_PER_JOB`` items
    taken from ``items`` and not yet consumed: a slow consumer never makes results pile up,
    and the workers never wait for it either."""
    capacity = jobs * IN_FLIGHT_PER_JOB
    slots = threading.Semaphore(capacity)
    stop = threading.Event()

    def feed():
        for item in items:
            slots.acquire()
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
