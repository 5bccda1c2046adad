"""Worker processes forked from one process that has warmed up for them (a zygote): the
local engine's analyzers and ``split``, the loader's parallel build, and the tokenizer.

Why not a ``multiprocessing.Pool`` of workers that each warm up:
- every worker would load the same tables itself (OpenCC, an analyzer's lexicon and
  matcher, jieba's dictionary), all at once, while this process reads the corpus: three
  processes on two cores, and the loads one too many;
- loading them here before forking keeps this process deaf to Ctrl-C for the length of the
  load (one C call for jieba) and the other core idle meanwhile;
- CPython's pool also wakes its worker-handler thread on every result waiting in the pipe.

So this process forks one child, the zygote, which warms up once (``warm``) and forks the
workers from itself (they share its tables, copy-on-write), then only waits for them.
Each worker has a pipe for items and a pipe for results. A thread here sends the items
(each to the worker with the least work still to do, by ``size``); the calling thread
receives the results and hands them on in order, at most ``IN_FLIGHT_PER_JOB`` per worker
not yet consumed, so memory stays bounded however long the input is. What this process
holds when it makes ``Workers`` (loaded modules, a shared context) the workers inherit.

Ctrl-C reaches every process of the group: the zygote and the workers ignore it; this
process's handler (``speechkit.cli.interrupt``) kills the workers (``kill_all``) and the
zygote. If this process dies, the kernel kills the zygote, and the zygote's death its
workers (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import os
import signal
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from speechkit.errors import SpeechkitError

IN_FLIGHT_PER_JOB = 4  # items queued per worker: keeps memory bounded on huge inputs
# A worker's result (a speech's tokens: ~45 KB) goes out in one write, and its next tasks wait
# whole in its pipe.
PIPE_BYTES = 1 << 20
_LIVE: weakref.WeakSet[Workers] = weakref.WeakSet()


class Workers:
    """``jobs`` worker processes, forked (after ``warm()``) from a zygote forked from this
    process. ``imap(func, items)`` runs ``func`` on the workers, results in order; as a
    context manager, the workers end with the block."""

    def __init__(self, jobs: int, warm: Callable[[], None] | None = None):
        import multiprocessing
        from multiprocessing.connection import Pipe

        self.jobs = jobs
        self.closed = False
        ends = [(Pipe(duplex=False), Pipe(duplex=False)) for _ in range(jobs)]
        self._tasks = [task_send for (_, task_send), _ in ends]
        for conn in self._tasks:
            # A task (16 speeches: 0.35 MB for the sample) then waits in its worker's pipe:
            # the one thread that sends blocks no more on a worker busy with its last task
            # while the other has none (0.5 s idle per worker of a 3 s run).
            widen(conn)
        self._results = [result_recv for _, (result_recv, _) in ends]
        children = [(task_recv, result_send) for (task_recv, _), (_, result_send) in ends]
        # The workers' pids, written by the zygote as it forks them: shared memory.
        self._pids = mmap.mmap(-1, 8 * jobs)
        self._zygote = multiprocessing.get_context("fork").Process(
            target=_zygote,
            args=(warm, children, self._results, self._tasks, self._pids),
            name="speechkit-workers",
            daemon=True,
        )
        self._zygote.start()
        for task_recv, result_send in children:
            task_recv.close()
            result_send.close()
        _LIVE.add(self)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def imap(
        self,
        func: Callable[[Any], Any],
        items: Iterable[Any],
        size: Callable[[Any], int] | None = None,
    ) -> Iterator[Any]:
        """``func(item)`` for each item, in order. A worker's exception is raised here.
        ``size(item)`` weighs an item, for sending it to the worker with the least work still
        to do (default: a text's length, else 1)."""
        from multiprocessing.connection import wait

        if self.closed:
            raise RuntimeError("the workers are closed")
        feed = _Feed(self, func, items, size or _size)
        ready: dict[int, Any] = {}
        taken = 0
        finished = False
        try:
            while True:
                while taken in ready:
                    result = ready.pop(taken)
                    taken += 1
                    feed.slots.release()
                    yield result
                if feed.error is not None:
                    raise feed.error
                if feed.total is not None and taken >= feed.total:
                    finished = True
                    return
                for conn in wait([*self._results, feed.wake_recv]):
                    if isinstance(conn, int):  # the feeder is done (or failed)
                        os.read(conn, 64)
                        continue
                    try:
                        index, result, error = conn.recv()
                    except EOFError:
                        raise _worker_gone() from None
                    if error is not None:
                        raise error
                    feed.done(index)
                    ready[index] = result
        finally:
            feed.stop()
            if not finished:
                # Stopped early or failed: end the workers first, so that a send the
                # feeder is blocked in fails, then start afresh next time.
                self._end_zygote()
            feed.join()
            if not finished:
                self.close()

    def close(self) -> None:
        """End the workers: their item pipes closed, they finish and exit."""
        if self.closed:
            return
        self.closed = True
        for conn in self._tasks:
            conn.close()
        self._zygote.join(timeout=5)
        self._end_zygote()
        for conn in self._results:
            conn.close()
        _LIVE.discard(self)

    def _end_zygote(self) -> None:
        if self._zygote.exitcode is None:
            self._zygote.terminate()  # the zygote kills and reaps its workers
            self._zygote.join()

    def kill(self) -> None:
        """SIGKILL the workers (not the zygote): for a signal handler, which then kills the
        zygote; a pid is in the table only while the zygote has not reaped it."""
        killed = []
        for pid in memoryview(self._pids).cast("q"):
            if pid:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
        for pid in killed:  # dead before the handler removes what they were writing into
            _wait_dead(pid)


def _wait_dead(pid: int, timeout: float = 1.0) -> None:
    """Wait (at most ``timeout`` s) until ``pid`` is dead: gone, or a zombie its parent has
    not reaped yet (Linux: ``/proc``; elsewhere it returns at once)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                state = stat.read().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state in (b"Z", b"X"):
            return
        time.sleep(0.002)


def can_fork(jobs: int | None) -> bool:
    """Whether ``jobs`` workers are worth forking here (two or more, and fork exists)."""
    import multiprocessing

    return (jobs or os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


def die_with_parent() -> None:
    """Linux: the kernel kills this process when the thread that forked it ends, so a killed
    parent leaves no orphan."""
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # elsewhere the parent's interrupt handler kills its workers


def kill_all() -> None:
    """Kill the workers of every live ``Workers`` (from a signal handler)."""
    for workers in list(_LIVE):
        workers.kill()


class _Feed:
    """The thread that sends ``imap``'s items to the workers, at most ``IN_FLIGHT_PER_JOB``
    per worker not yet consumed, each to the worker with the least work still to do."""

    def __init__(self, workers: Workers, func: Callable, items: Iterable[Any], size: Callable):
        self.slots = threading.Semaphore(workers.jobs * IN_FLIGHT_PER_JOB)
        self.total: int | None = None
        self.error: BaseException | None = None
        self.wake_recv, self._wake_send = os.pipe()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._load = [0] * workers.jobs  # the size of what each worker was sent and not back
        self._sent: dict[int, tuple[int, int]] = {}  # item index: (worker, characters)
        self._thread = threading.Thread(
            target=self._run, args=(workers._tasks, func, items, size), daemon=True
        )
        self._thread.start()

    def _run(self, tasks, func, items, size) -> None:
        # A send to a worker that was killed fails with EPIPE here, never a SIGPIPE (which
        # the command line sets to end the process, for `| head`).
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGPIPE})
        count = 0
        try:
            for count, item in enumerate(items, 1):
                while not self.slots.acquire(timeout=0.1):
                    if self._stopped.is_set():
                        return
                if self._stopped.is_set():
                    return
                weight = size(item)
                with self._lock:
                    worker = self._load.index(min(self._load))
                    self._load[worker] += weight
                    self._sent[count - 1] = (worker, weight)
                try:
                    tasks[worker].send((count - 1, func, item))
                except OSError:
                    if not self._stopped.is_set():
                        self.error = _worker_gone()
                    return
            self.total = count
        except BaseException as exc:  # the items' own error
            self.error = exc
        finally:
            os.write(self._wake_send, b"x")

    def done(self, index: int) -> None:
        with self._lock:
            worker, size = self._sent.pop(index)
            self._load[worker] -= size

    def stop(self) -> None:
        self._stopped.set()
        self.slots.release(len(self._sent) + 1)  # a feeder waiting for a slot sees the stop

    def join(self) -> None:
        self._thread.join(timeout=1)
        if not self._thread.is_alive():  # else it is still waiting for an item
            os.close(self.wake_recv)
            os.close(self._wake_send)


def _size(item: Any) -> int:
    return len(item) if isinstance(item, str) else 1


def _worker_gone() -> SpeechkitError:
    return SpeechkitError(
        "a worker process ended unexpectedly (out of memory?); run again, or with --jobs 1"
    )


def _zygote(warm, children, parent_results, parent_tasks, pids) -> None:
    """The zygote: warm up, fork the workers, wait for them."""
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()
    if os.getppid() != parent:  # the parent was gone before the line above
        os._exit(1)
    for conn in (*parent_results, *parent_tasks):
        conn.close()
    # The workers are the parallelism: a BLAS thread pool (numpy's OpenBLAS starts one per
    # core as it loads, and it spins) would only take the other core from the main process,
    # 0.05 s of CPU while it reads the input.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        if warm is not None:
            warm()
    except Exception as exc:
        for _, results in children:
            _send(results, (-1, None, exc))
        return
    gc.freeze()  # the workers' collections then leave the shared pages alone
    table = memoryview(pids).cast("q")
    forked: list[int] = []

    def end(signum, _frame):
        for pid in forked:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:  # reaped already
                pass
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, end)
    for number, (tasks, results) in enumerate(children):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        pid = os.fork()
        if pid == 0:
            _worker(tasks, results, children)  # never returns
        forked.append(pid)
        table[number] = pid
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    for tasks, results in children:
        tasks.close()
        results.close()
    for number, pid in enumerate(forked):
        os.waitpid(pid, 0)
        table[number] = 0


def _worker(tasks, results, children) -> None:
    """A worker: run the items it is sent until its item pipe closes, then exit (never
    return into the zygote's code)."""
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        die_with_parent()  # the zygote's death is this worker's
        for other_tasks, other_results in children:
            if other_tasks is not tasks:
                other_tasks.close()
                other_results.close()
        widen(results)
        while True:
            try:
                index, func, item = tasks.recv()
            except EOFError:
                break
            try:
                reply = (index, func(item), None)
            except Exception as exc:
                reply = (index, None, exc)
            _send(results, reply)
        code = 0
    finally:
        os._exit(code)


def _send(conn, reply) -> None:
    try:
        conn.send(reply)
    except Exception as exc:  # an exception that does not pickle
        conn.send((reply[0], None, RuntimeError(f"{type(exc).__name__}: {exc}")))


def widen(conn) -> None:
    """Linux: a pipe buffer of ``PIPE_BYTES``, so a result goes out without waiting for
    this process to read its first 64 KB, and a task without waiting for its worker."""
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass
