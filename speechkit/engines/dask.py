"""The Dask engine: per-speech work runs on a ``distributed`` cluster (a running scheduler,
or a ``LocalCluster`` started for the run), with the same records, in the same order, as the
local engine.

This process reads and splits the inputs (in a child forked before it imports distributed:
``read_ahead``) and ships each batch of raw slices (``Corpus.tasks()``) to a worker, which
cleans, converts and analyses them (``speechkit.engines.tasks``) and sends back plain
records: workers never read the input files. Results are taken in submission order, with a
bounded number of tasks in flight; two-round analyzers run their first round over the whole
corpus, ``gather`` here, then the second round. Ctrl-C cancels what was submitted and
leaves the cluster as it was; a worker that dies has its tasks rerun elsewhere by the
scheduler.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from itertools import chain, islice
from typing import Any

from speechkit.analyzers.base import Analyzer
from speechkit.engines.dask_import import INSTALL_HINT, import_distributed
from speechkit.engines.read_ahead import can_read_ahead, read_ahead
from speechkit.engines.tasks import (
    Batch,
    analyse_batch,
    build_batch,
    reference,
    resolve,
    scan_batch,
    sized_tasks,
)
from speechkit.errors import Failures, SpeechkitError, failures_or_raise
from speechkit.ingest.build import SpeechTask
from speechkit.model import Speech

# Characters of raw text per task (about 3 MB of Chinese): each task costs the scheduler,
# the worker's event loop and this process 15-20 ms of CPU besides its work, which on a small
# cluster competes with the work itself (16 speeches a task, 57 tasks for the 100x sample,
# spent 1.2-1.5 s of CPU on it; 256K characters, 29 tasks, 0.5 s). Towards the end of the
# input tasks get smaller, down to LAST_TASK_CHARS, so that the workers finish together: 11
# tasks on the 100x sample. The look-ahead this takes (TASK_CHARS for each of at most
# MOST_WAYS workers) bounds the raw text held here.
TASK_CHARS = 1 << 20
LAST_TASK_CHARS = 1 << 17
MOST_WAYS = 8
IN_FLIGHT_PER_THREAD = 4  # tasks submitted and not yet taken, per worker thread
WORKER_WAIT = 60  # seconds to wait for a scheduler's first worker

# on_progress(stage, done, submitted, all_submitted): stage is "scan", "analyse" or "build".
Progress = Callable[[str, int, int, bool], None]


FORK_SERVER_PRELOAD = ["distributed", "speechkit.engines.dask_preload"]


def start_fork_server() -> bool:
    """Start the fork server that a ``LocalCluster``'s workers are forked from (where the
    platform has one), now: it imports distributed, speechkit's task functions and OpenCC's
    tables (``speechkit.engines.dask_preload``) on another core while this process imports
    distributed itself and reads the input. False where there is no fork server. A server
    already running (an earlier cluster in this process) keeps the modules it has."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(FORK_SERVER_PRELOAD)
    forkserver.ensure_running()
    return True


@contextmanager
def _local_cluster(distributed, workers: int, tasks: Iterator[SpeechTask]):
    """A ``LocalCluster`` of ``workers`` single-threaded worker processes for one run (no
    profiler, the dashboard on any free port, no log lines but errors), and ``tasks``, whose
    first is read (the first input read and split) while the cluster starts.

    Where the platform has a fork server (Linux, macOS), the workers are forked from it
    (``start_fork_server``), so a worker starts without importing distributed and speechkit
    itself (1–2 s each on a quiet machine, 10 s and more on a loaded one). Forking this
    process instead would be faster still, but it runs the cluster's threads: a worker
    forked while one of them held a lock can wait on it for ever."""
    import logging
    from concurrent.futures import ThreadPoolExecutor

    import dask

    # A worker's statistical profiler samples the task thread every 10 ms (for the
    # dashboard, which this cluster does not have): pure-Python work pays for it.
    settings: dict[str, Any] = {"distributed.worker.profile.enabled": False}
    if start_fork_server():
        settings["distributed.worker.multiprocessing-method"] = "forkserver"
        _keep_our_preload()
    # The setting holds while the cluster runs: a worker that dies is forked again.
    with dask.config.set(settings), ThreadPoolExecutor(1) as starter:
        starting = starter.submit(
            distributed.LocalCluster,
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be another cluster's
            silence_logs=logging.ERROR,
        )
        try:
            first = list(islice(tasks, 1))
        except BaseException:
            starting.result().close()
            raise
        with starting.result() as cluster:
            yield cluster, chain(first, tasks)


def _keep_our_preload() -> bool:
    """Tell distributed that the fork server's preload list is set (it is ours, and the server
    is running): else distributed imports numpy, pandas and other packages here (0.5 s) to
    choose a list for a server that has started already. The flag is private to distributed:
    where a release has no such flag, nothing is set and distributed does as it does (slower,
    the same output; False)."""
    import distributed.utils

    if not isinstance(getattr(distributed.utils, "_forkserver_preload_set", None), bool):
        return False
    distributed.utils._forkserver_preload_set = True
    return True


def _once(client, context: Any):
    """``context`` as a future that every second-round task names: it is pickled once here,
    unpickled once on a worker and copied once to each other worker, instead of travelling
    with every task. (As a task's argument, Dask would also walk every item of it looking for
    futures: slogans' context of 20,000 forms cost the client 0.1 s per task.) It is a task's
    result, not scattered data, so a worker lost with it is no loss: it is made again."""
    import pickle

    blob = pickle.dumps(context, pickle.HIGHEST_PROTOCOL)
    return client.submit(pickle.loads, blob, pure=False)


def _tasks(corpus: Iterable[Speech], batch: int | None, ways: Callable[[], int]):
    """``corpus`` as tasks in order: ``batch`` speeches each, or (None) whole speeches of
    about ``TASK_CHARS`` characters, less at the end for ``ways()`` workers to finish
    together. A ``Corpus`` gives raw slices (built on the workers); other iterables of
    speeches travel built."""
    if hasattr(corpus, "tasks"):
        # Read in a child, now, while this process imports distributed and connects.
        read = read_ahead if can_read_ahead() else _tasks_here
        pieces: Iterator[SpeechTask] = read(corpus, batch or 1)
    else:
        speeches = iter(corpus)
        pieces = iter(lambda: SpeechTask(tuple(islice(speeches, batch or 1))), SpeechTask(()))
    if batch is not None:
        return pieces
    return sized_tasks(pieces, TASK_CHARS, LAST_TASK_CHARS, lambda: min(ways(), MOST_WAYS))


def _tasks_here(corpus: Any, batch: int) -> Iterator[SpeechTask]:
    return corpus.tasks(batch)


class DaskEngine:
    """Runs analyzers on the scheduler at ``scheduler`` (``host:port`` or
    ``tcp://host:port``), or on a ``LocalCluster`` of ``workers`` processes (default: one
    per core) started for each run when no address is given. A task holds ``batch``
    speeches, or by default whole speeches of about ``TASK_CHARS`` characters in all."""

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        batch: int | None = None,
        retries: int = 2,
        on_progress: Progress | None = None,
    ):
        if find_spec("distributed") is None:
            raise SpeechkitError(INSTALL_HINT)  # now, rather than after reading
        if scheduler is None:
            start_fork_server()  # its imports run beside this process's own
        self.scheduler = scheduler
        self.workers = workers
        self.batch = batch
        self.retries = retries
        self.on_progress = on_progress
        self._threads = workers or 2  # the cluster's worker threads, once connected

    def records(
        self,
        analyzer: Analyzer,
        corpus: Iterable[Speech],
        options: dict,
        failures: Failures | None = None,
    ) -> Iterator[dict]:
        """The records of ``analyzer``'s rounds over ``corpus``, in order. A speech that
        raises goes to ``failures`` and gives no record (default: the first one raises
        ``AnalysisError``)."""
        failures = failures_or_raise(failures)
        name = reference(analyzer)
        with self._client(_tasks(corpus, self.batch, lambda: self._threads)) as (client, tasks):
            context = None
            built: list = []
            dropped: list[frozenset] = []
            # A two-round analyzer whose options need no first round (slogans without
            # --discover) runs its second round alone, with the context of no scans.
            scanning = analyzer.rounds == 2 and analyzer.needs_scan(**options)
            try:
                if scanning:
                    # Both rounds need the built speeches: build each batch once and keep
                    # it on its worker (the local engine keeps them all in memory too); a
                    # batch lost with its worker is rebuilt by the scheduler.
                    built = [
                        client.submit(_build, task, pure=False, retries=self.retries)
                        for task in tasks
                    ]
                    tasks = built
                    scans: list[Any] = []
                    for found, failed, size, ids in self._ordered(
                        client, "scan", _scan, ((name, options, task) for task in tasks)
                    ):
                        scans.extend(found)
                        failures.count(size)
                        failures.extend(failed)
                        dropped.append(frozenset(ids))
                    context = _once(client, analyzer.gather(scans, **options))
                    calls: Iterable[tuple] = (
                        (name, options, task, context, skip)
                        for task, skip in zip(tasks, dropped, strict=True)
                    )
                elif analyzer.rounds == 2:
                    context = _once(client, analyzer.gather([], **options))
                    calls = ((name, options, task, context) for task in tasks)
                else:
                    calls = ((name, options, task) for task in tasks)
                for records, failed, size in self._ordered(client, "analyse", _analyse, calls):
                    if not scanning:
                        failures.count(size)
                    failures.extend(failed)
                    yield from records
            finally:
                if built:
                    client.cancel(built, force=True)
                if context is not None:
                    client.cancel([context], force=True)

    def each(self, corpus: Iterable[Speech], func: Callable, failures: Failures | None = None):
        """``func(speech)`` for every speech of ``corpus``, run on the worker that builds it,
        results in order (for ``split``: a row, or a written file's manifest line, travels
        back rather than the speech). A speech whose cleaning raises goes to ``failures``
        and gives no result (default: the first one raises ``AnalysisError``)."""
        failures = failures_or_raise(failures)
        with self._client(_tasks(corpus, self.batch, lambda: self._threads)) as (client, tasks):
            calls = ((func, task) for task in tasks)
            for results, failed, size in self._ordered(client, "build", _each, calls):
                failures.count(size)
                failures.extend(failed)
                yield from results

    @contextmanager
    def _client(self, tasks: Iterator[SpeechTask]):
        """A client of the cluster, and ``tasks`` to run on it."""
        distributed = import_distributed()
        if self.scheduler is None:
            workers = self._threads = self.workers or os.cpu_count() or 1
            with (
                _local_cluster(distributed, workers, tasks) as (cluster, tasks),
                distributed.Client(cluster, set_as_default=False) as client,
            ):
                yield client, tasks
            return
        try:
            client = distributed.Client(self.scheduler, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise SpeechkitError(
                f"cannot reach the Dask scheduler at {self.scheduler} ({exc}); start one with "
                "`dask scheduler`, or check --scheduler / SPEECHKIT_SCHEDULER."
            ) from None
        with client:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT)
            except TimeoutError:
                raise SpeechkitError(
                    f"the Dask scheduler at {self.scheduler} has no workers after "
                    f"{WORKER_WAIT} s; start some with `dask worker {self.scheduler}`."
                ) from None
            self._threads = sum(client.nthreads().values()) or 1
            yield client, tasks

    def _ordered(self, client, stage: str, func: Callable, calls: Iterable[tuple]) -> Iterator[Any]:
        """``func(*args)`` for each of ``calls`` on the cluster, results in order, with at
        most ``IN_FLIGHT_PER_THREAD`` tasks per worker thread submitted and not yet taken.
        Results are fetched as tasks finish, whatever their order, and handed out in order.
        Leaving early (Ctrl-C, an error, a consumer that stops) cancels the rest."""
        distributed = import_distributed()
        capacity = IN_FLIGHT_PER_THREAD * self._threads
        finished = distributed.as_completed(loop=client.loop, with_results=True)
        position: dict[str, int] = {}  # task key -> its place in ``calls``
        pending: dict[str, Any] = {}  # task key -> future, until its result is here
        ready: dict[int, Any] = {}  # place -> result, until its turn comes
        calls = iter(calls)
        exhausted = False
        submitted = taken = 0

        def submit() -> None:
            nonlocal exhausted, submitted
            while not exhausted and submitted - taken < capacity:
                args = next(calls, None)
                if args is None:
                    exhausted = True
                    return
                future = client.submit(func, *args, pure=False, retries=self.retries)
                position[future.key] = submitted
                pending[future.key] = future
                finished.add(future)
                submitted += 1

        try:
            submit()
            for future, result in finished:
                del pending[future.key]
                ready[position.pop(future.key)] = result
                self._progress(stage, submitted - len(pending), submitted, exhausted)
                while taken in ready:
                    yield ready.pop(taken)
                    taken += 1
                submit()
        finally:
            if pending:
                client.cancel(list(pending.values()), force=True)

    def _progress(self, stage: str, done: int, submitted: int, exhausted: bool) -> None:
        if self.on_progress:
            self.on_progress(stage, done, submitted, exhausted)


# The tasks a worker runs. The rule for a failure is the local engine's: the speech becomes a
# ``SpeechFailure`` that travels back with the batch's records, and the run goes on.


def _build(task: SpeechTask | Batch) -> Batch:
    return build_batch(task) if isinstance(task, SpeechTask) else task  # built earlier


def _each(func: Callable[[Speech], Any], task: SpeechTask) -> tuple[list, list, int]:
    built = build_batch(task)
    return [func(speech) for speech in built.speeches], built.failures, built.size


def _scan(ref: Any, options: dict, task: SpeechTask | Batch) -> tuple[list[Any], list, int, list]:
    """Round 1: the scans, the failures (cleaning and scan), the task's size, and the ids of
    the speeches that failed their scan (the second round leaves them out)."""
    built = _build(task)
    scanned, scans = scan_batch(resolve(ref), options, built)
    kept = {speech.id for speech in scanned.speeches}
    dropped = [speech.id for speech in built.speeches if speech.id not in kept]
    return scans, scanned.failures, scanned.size, dropped


def _analyse(
    ref: Any,
    options: dict,
    task: SpeechTask | Batch,
    context: Any = None,
    dropped: frozenset = frozenset(),
) -> tuple[list[dict], list, int]:
    built = _build(task)
    if isinstance(task, Batch):  # a second round: its failures were reported by the first
        speeches = [speech for speech in built.speeches if speech.id not in dropped]
        built = Batch(speeches, [], 0)
    records, failures = analyse_batch(resolve(ref), options, built, context)
    return records, failures, built.size
