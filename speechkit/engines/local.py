"""The local engine: this process and, for inputs of a megabyte or more, forked workers
(``speechkit.workers``: forked from one process that warmed up for them).

Each worker builds its batch of speeches from raw slices (clean, convert), runs the
analyzer on them and sends back records, never ``Speech`` objects: the main process only
reads, splits, combines and writes. A two-round analyzer (slogans) runs its first round in
the workers, which also keep the speeches they built in a spill file; the main process
gathers the scans, and the second round reads the spilled speeches back, so no speech is
cleaned twice and the main process never holds the corpus.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from speechkit import atomic
from speechkit.analyzers.base import Analyzer
from speechkit.engines.spilled import spilled_records
from speechkit.engines.tasks import (
    Batch,
    analyse_batch,
    build_batch,
    scan_batch,
    sized_tasks,
    task_size,
)
from speechkit.errors import Failures, SpeechkitError, failure_of, failures_or_raise
from speechkit.ingest.build import SpeechTask
from speechkit.model import Speech
from speechkit.text.pattern_cache import kept_patterns
from speechkit.workers import Workers, can_fork

# Inputs smaller than this (all files together) run in this process: starting workers
# costs more than they save (a 200 KB dump takes 0.3 s serially).
PARALLEL_MIN_BYTES = 1 << 20
# A task for a worker: whole speeches of about this many characters (the sample's 16 speeches
# are 115,000), down to LAST_TASK_CHARS towards the end of the input.
TASK_CHARS = 1 << 17
LAST_TASK_CHARS = 1 << 14


# Analyzers that are not in the registry as such (a view's wrapper around one), by key:
# forked workers inherit this table, so the object itself need not be pickled.
_UNREGISTERED: dict[str, Analyzer] = {}
# Second-round contexts by the path they were shared at (see ``_share``), in every process.
_CONTEXTS: dict[str, Any] = {}
CONTEXT_FILE = "context.pickle"


class Seen(NamedTuple):
    """What the main process learns of a speech a worker analysed (for progress)."""

    id: str
    chars: int


class LocalEngine:
    """Runs an analyzer in this process, or on ``jobs`` forked workers for large inputs."""

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs

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
        jobs = options.get("jobs") or self.jobs or os.cpu_count() or 1
        parallel = _parallel(corpus, jobs)
        if analyzer.needs_tokens and _has_corpus_dir(corpus):
            # The token cache lives beside a corpus directory: tokens come through it.
            yield from _cached_token_records(
                analyzer, corpus, options, jobs if parallel else 1, failures
            )
            return
        tasks = _tasks(corpus, jobs if parallel else 0)
        seen = getattr(corpus, "on_speech", None)
        ref = _reference(analyzer)
        # A second round that needs no first (slogans without --discover) has its context
        # made and shared before the workers fork (in the zygote): they inherit it, and the
        # tables behind it (the lexicon), instead of each making or reading them again.
        # A folder for a two-round analyzer's context and first round's speeches, and for the
        # workers' records of a batch that gives many (``speechkit.engines.spilled``).
        with _spill() if analyzer.rounds == 2 or parallel else nullcontext() as spill:
            unscanned = analyzer.rounds == 2 and not analyzer.needs_scan(**options)
            if not parallel:
                shared = None
                if unscanned:
                    shared = _share(analyzer.gather([], **options), spill, forked_later=True)
                # (The analyzer warms up as a zygote does: its patterns from the kept codes.)
                with kept_patterns(analyzer.name):
                    analyzer.warm(context=_shared(shared), **options)
                yield from _run(analyzer, ref, options, tasks, map, seen, failures, spill, shared)
                return
            # The zygote makes that context (and the tables behind it) while this process
            # reads and splits the input, the longer of the two jobs.
            shared = _context_path(spill) if unscanned else None
            with Workers(jobs, partial(_warm, analyzer, options, shared)) as workers:

                def fan_out(func, items):
                    return workers.imap(func, items, size=task_size)

                run = partial(_run, analyzer, ref, options, tasks, fan_out, seen, failures)
                yield from run(spill, shared, str(spill))

    def whole_tokens(self, corpus: Any, options: dict) -> Any:
        """Every speech's tokens at once (``speechkit.tokens.WholeCorpus``): from the token
        caches of ``corpus``'s directories when they hold them all, checked; else, when every
        input is a corpus directory, cut now and cached; else None."""
        from speechkit.tokens import tokenized_whole, whole_corpus

        whole = whole_corpus(corpus, options.get("tokenizer"))
        if whole is None:
            jobs = options.get("jobs") or self.jobs or os.cpu_count() or 1
            jobs = jobs if _parallel(corpus, jobs) else 1
            whole = tokenized_whole(corpus, jobs, options.get("tokenizer"))
        return whole

    def each(
        self,
        corpus: Iterable[Speech],
        func: Callable[[Speech], Any],
        failures: Failures | None = None,
    ) -> Iterator[Any]:
        """``func(speech)`` for every speech of ``corpus``, results in order, run where the
        speech is built (on the workers, for large inputs): for work that needs the whole
        speech but should not send it back, such as writing it out (``split -o``) or making
        its row (``split``). ``func`` must pickle (a top-level function, or a partial of one).
        A speech whose cleaning raises goes to ``failures`` and gives no result (default: the
        first one raises ``AnalysisError``)."""
        failures = failures_or_raise(failures)
        jobs = self.jobs or os.cpu_count() or 1
        parallel = _parallel(corpus, jobs)
        tasks = _tasks(corpus, jobs if parallel else 0)
        seen = getattr(corpus, "on_speech", None)
        work = partial(_each, func)
        try:
            if not parallel:
                yield from _one_round(work, tasks, map, seen, failures)
                return
            with Workers(jobs, _load_converter) as workers:

                def fan_out(func, items):
                    return workers.imap(func, items, size=task_size)

                yield from _one_round(work, tasks, fan_out, seen, failures)
        finally:
            finish = getattr(seen, "finish", None)
            if finish:
                finish()


def _parallel(corpus: Iterable[Speech], jobs: int) -> bool:
    return hasattr(corpus, "tasks") and can_fork(jobs) and corpus.size() >= PARALLEL_MIN_BYTES  # type: ignore[attr-defined]


def _tasks(corpus: Iterable[Speech], ways: int = 0) -> Iterable[SpeechTask]:
    """``corpus`` as tasks; for ``ways`` workers, of whole speeches of about ``TASK_CHARS``
    characters, smaller towards the end so that the workers finish together (on the 100x
    sample the one that finished first had waited 0.06–0.09 s for the other)."""
    if not hasattr(corpus, "tasks"):
        return (SpeechTask((speech,)) for speech in corpus)
    # Long streamed speeches travel as spill-file names: workers share this machine.
    tasks = corpus.tasks(spill=True)  # type: ignore[attr-defined]
    return sized_tasks(tasks, TASK_CHARS, LAST_TASK_CHARS, lambda: ways) if ways else tasks


def _load_converter() -> None:
    """Load OpenCC's tables where the workers are forked from (``speechkit.workers``), once,
    while this process reads and splits the input."""
    from speechkit.ingest.convert import to_simplified

    to_simplified("")


def _warm(analyzer: Analyzer, options: dict, shared: str | None = None) -> None:
    """A new worker loads OpenCC, the analyzer's own needs and the tokenizer, if any; with
    ``shared``, it first makes the second round's context of no first round
    (``gather([])``) and keeps it under that name (``_share``) for its workers. The
    patterns it compiles come from the analyzer's table in the per-user cache
    (``speechkit.text.pattern_cache``): the workers wait for this."""
    with kept_patterns(analyzer.name):
        _warm_up(analyzer, options, shared)


def _warm_up(analyzer: Analyzer, options: dict, shared: str | None) -> None:
    _load_converter()
    if shared is None:
        analyzer.warm(**options)
    else:
        context = _CONTEXTS[shared] = analyzer.gather([], **options)
        analyzer.warm(context=context, **options)
    if analyzer.needs_tokens:
        from speechkit.tokens.segment import warm

        warm(options.get("tokenizer"))


def _each(func: Callable[[Speech], Any], task: SpeechTask):
    batch = build_batch(task)
    results = [func(speech) for speech in batch.speeches]
    return results, batch.failures, batch.size, _seen(batch.speeches)


def _reference(analyzer: Analyzer) -> str:
    """How workers find ``analyzer``: its registry name (the tasks API), or a key into
    ``_UNREGISTERED`` for an object the registry does not hold."""
    from speechkit.analyzers import REGISTRY

    if analyzer.name in REGISTRY and REGISTRY[analyzer.name] is analyzer:
        return analyzer.name
    key = f"\0{id(analyzer)}"
    _UNREGISTERED[key] = analyzer
    return key


def _one_round(
    work: Callable, tasks: Iterable, fan_out: Callable, seen: Callable | None, failures: Failures
) -> Iterator[dict]:
    """``work`` over ``tasks`` as the only round: its records (or ``each``'s results), its
    failures counted."""
    for records, failed, size, speeches in fan_out(work, tasks):
        failures.count(size)
        failures.extend(failed)
        _report(seen, speeches)
        yield from spilled_records(records)


def _run(
    analyzer: Analyzer,
    name: str,
    options: dict,
    tasks: Iterable[SpeechTask],
    fan_out: Callable,
    seen: Callable | None,
    failures: Failures,
    spill: Path | None,
    shared: str | None = None,
    records_to: str | None = None,
) -> Iterator[dict]:
    """The rounds of ``analyzer`` over ``tasks``, each batch handed to ``fan_out`` (``map``
    in this process, or an ordered fan-out to workers). ``name`` is ``_reference``'s;
    ``spill`` a folder for the first round's speeches and the context (two rounds only);
    ``shared`` the context of a second round already shared (``_share``), which then runs
    alone; ``records_to`` a folder for the workers' records of a batch that gives many."""
    try:
        if analyzer.rounds == 1 or shared is not None:
            work = partial(_analyse, name, options, shared, records_to)
            yield from _one_round(work, tasks, fan_out, seen, failures)
            return
        batches = ((task, str(spill / f"{i}.pickle")) for i, task in enumerate(tasks))
        scans: list[Any] = []
        paths: list[str] = []
        for path, batch_scans, failed, size, speeches in fan_out(
            partial(_scan, name, options), batches
        ):
            paths.append(path)
            scans.extend(batch_scans)
            failures.count(size)
            failures.extend(failed)
            _report(seen, speeches)
        context = _share(analyzer.gather(scans, **options), spill)
        del scans
        analyse = partial(_analyse, name, options, context, records_to)
        for records, failed, _, _ in fan_out(analyse, paths):
            failures.extend(failed)
            yield from spilled_records(records)
    finally:
        _UNREGISTERED.pop(name, None)
        finish = getattr(seen, "finish", None)
        if finish:
            finish()


@contextmanager
def _spill() -> Iterator[Path]:
    """A folder for a run's spilled speeches, shared context and records, removed afterwards
    (and by an interrupt, which ends the process without unwinding: ``speechkit.atomic``)."""
    spill = Path(tempfile.mkdtemp(prefix="speechkit-spill-"))
    atomic.register(spill)
    try:
        yield spill
    finally:
        _CONTEXTS.pop(_context_path(spill), None)
        atomic.remove(spill)


def _share(context: Any, spill: Path, forked_later: bool = False) -> str:
    """A name for ``context`` that workers read once each (``_shared``), instead of an
    unpickling with every task: slogans' context takes 10 ms to unpickle, 57 times on the
    20 MB sample. With ``forked_later`` (no worker runs yet) nothing is written: the workers
    forked afterwards inherit it."""
    path = _context_path(spill)
    if not forked_later:
        with open(path, "wb") as file:
            pickle.dump(context, file, pickle.HIGHEST_PROTOCOL)
    _CONTEXTS[path] = context  # this process has it already
    return path


def _context_path(spill: Path) -> str:
    return str(spill / CONTEXT_FILE)


def _shared(path: str | None) -> Any:
    if path is None:
        return None
    if path not in _CONTEXTS:
        with open(path, "rb") as file:
            _CONTEXTS[path] = pickle.load(file)
    return _CONTEXTS[path]


def _report(seen: Callable | None, speeches: list[Seen]) -> None:
    if seen is not None:
        for speech in speeches:
            seen(speech)


def _resolve(name: str) -> Analyzer:
    if name in _UNREGISTERED:
        return _UNREGISTERED[name]
    from speechkit.analyzers import REGISTRY

    return REGISTRY[name]


def _scan(name: str, options: dict, work: tuple[SpeechTask, str]):
    """Round 1 on a worker: build the batch, scan it, keep the speeches that did not fail in
    ``path``; return the scans and the failures."""
    task, path = work
    batch, scans = scan_batch(_resolve(name), options, build_batch(task))
    with open(path, "wb") as spill:
        pickle.dump(batch.speeches, spill, pickle.HIGHEST_PROTOCOL)
    return path, scans, batch.failures, batch.size, _seen(batch.speeches)


def _analyse(
    name: str, options: dict, shared: str | None, records_to: str | None, work: SpeechTask | str
):
    """``per_speech`` on a worker over a task, or over the speeches a first round spilled;
    ``shared`` names the context (``_share``). Many records go back through a file in the
    folder ``records_to`` (``speechkit.engines.spilled``), when there is one."""
    context = _shared(shared)
    if isinstance(work, str):
        with open(work, "rb") as spill:
            batch = Batch(pickle.load(spill), [], 0)
        os.unlink(work)
    else:
        batch = build_batch(work)
    records, failures = analyse_batch(_resolve(name), options, batch, context, records_to)
    return records, failures, batch.size, _seen(batch.speeches)


def _seen(speeches: list[Speech]) -> list[Seen]:
    return [Seen(s.id, s.chars) for s in speeches]


def _has_corpus_dir(corpus: Any) -> bool:
    return hasattr(corpus, "corpus_dir") and any(
        corpus.corpus_dir(path) is not None for path in corpus.paths
    )


def _cached_token_records(
    analyzer: Analyzer, corpus: Any, options: dict, jobs: int, failures: Failures
) -> Iterator[dict]:
    from speechkit.tokens import token_counts

    for speech, counts in token_counts(corpus, jobs, options.get("tokenizer")):
        failures.count(1)
        try:
            records = analyzer.per_speech(speech, token_counts=counts, **options)
        except SpeechkitError:
            raise
        except Exception as exc:
            where = (speech.id, speech.source, speech.start, speech.end, analyzer.name)
            failures.add(failure_of(exc, *where))
            continue
        yield from records
