"""The unit of work an engine ships to a worker: build a batch of speeches, run one round of
an analyzer on them, return plain records (never ``Speech`` objects).

Analyzers are named, not pickled: a worker looks the name up in its own registry, so plugin
analyzers work too. The functions are pure and top-level, so any pool or cluster can call
them. The batch functions (``build_batch``, ``scan_batch``, ``analyse_batch``) are what the
engines run: a speech whose cleaning or analysis raises becomes a ``SpeechFailure`` and the
rest of its batch goes on — the rule of every engine.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from speechkit.engines.spilled import Records, Spilled
from speechkit.errors import SpeechFailure, SpeechkitError, failure_of
from speechkit.ingest.build import SpeechTask, build_speech
from speechkit.ingest.manifest_row import StoredSpeech
from speechkit.model import Speech


class Batch(NamedTuple):
    """What a worker made of a task: the speeches built, the failures (cleaning, and a first
    round's), and how many speeches the task held."""

    speeches: list[Speech]
    failures: list[SpeechFailure]
    size: int


class PackedRaw:
    """A raw slice on its way to a worker as UTF-8 bytes (lone surrogates kept): a process
    that only passes a task on (a Dask run's client) copies bytes instead of decoding and
    encoding the text, which it did twice over, once per side (0.3 s of its CPU for 20 MB).
    ``len()`` is the slice's length in characters, as the str's was."""

    __slots__ = ("chars", "data")

    def __init__(self, data: bytes, chars: int):
        self.data = data
        self.chars = chars

    def __len__(self) -> int:
        return self.chars

    def __reduce__(self):
        return PackedRaw, (self.data, self.chars)

    def text(self) -> str:
        return self.data.decode("utf-8", "surrogatepass")


def packed(item: Any) -> Any:
    """A ``build_speech`` argument tuple with its raw str slice as ``PackedRaw``; anything
    else (a built speech, a slice kept in a file) as it is."""
    if isinstance(item, tuple) and isinstance(item[4], str):
        raw = item[4]
        return (*item[:4], PackedRaw(raw.encode("utf-8", "surrogatepass"), len(raw)), *item[5:])
    return item


def unpacked(item: Any) -> Any:
    """``packed``'s inverse."""
    if isinstance(item, tuple) and isinstance(item[4], PackedRaw):
        return (*item[:4], item[4].text(), *item[5:])
    return item


def build_batch(task: SpeechTask) -> Batch:
    """The speeches of ``task``, built where the task runs; one whose cleaning raises is a
    failure (with its id and raw offsets), the others are built. Raw slices may come
    ``packed``."""
    speeches: list[Speech] = []
    failures: list[SpeechFailure] = []
    for item in map(unpacked, task.items):
        if isinstance(item, Speech):
            speeches.append(item)
            continue
        if isinstance(item, StoredSpeech):
            speeches.append(item.load())  # (a SpeechkitError: the corpus changed)
            continue
        try:
            speeches.append(build_speech(*item))
        except SpeechkitError:
            raise
        except Exception as exc:
            source, stem, ordinal, start, raw, *_ = item
            where = (f"{stem}-{ordinal}", source, start, start + len(raw))
            failures.append(failure_of(exc, *where, "cleaning"))
    return Batch(speeches, failures, len(task.items))


def sized_tasks(
    tasks: Iterable[SpeechTask], most: int, least: int, ways: Callable[[], int]
) -> Iterator[SpeechTask]:
    """``tasks``' speeches regrouped, in order, into tasks of whole speeches of about ``most``
    characters; towards the end of the input, each task takes a ``ways()``-th of what is left
    (down to ``least`` characters), so that ``ways()`` workers taking tasks in turn finish
    together (guided self-scheduling). It looks ``ways() * most`` characters ahead to see
    the end coming."""
    items = (item for task in tasks for item in task.items)
    ahead: deque = deque()
    held = 0  # characters in ``ahead``
    end = False
    while True:
        parts = max(1, ways())
        while not end and held < parts * most:
            item = next(items, None)
            if item is None:
                end = True
            else:
                ahead.append(item)
                held += _chars(item)
        if not ahead:
            return
        size = min(most, max(least, -(-held // parts))) if end else most
        taken: list = []
        chars = 0
        while ahead and chars < size:
            taken.append(ahead.popleft())
            chars += _chars(taken[-1])
        held -= chars
        yield SpeechTask(tuple(taken))


def _chars(item: Speech | tuple) -> int:
    return item.chars if isinstance(item, (Speech, StoredSpeech)) else len(item[4])


def task_size(work: SpeechTask | tuple | str) -> int:
    """The characters of a task, or of a first round's ``(task, spill path)``, to balance
    workers by; 1 for a second round's spill path (its size is no longer known here)."""
    if isinstance(work, tuple):
        work = work[0]
    return sum(map(_chars, work.items)) if isinstance(work, SpeechTask) else 1


def scan_batch(analyzer: Any, options: dict, batch: Batch) -> tuple[Batch, list[Any]]:
    """The first round over ``batch``: the batch less the speeches whose ``scan`` raised
    (they are failures now, and get no second round), and the scans of the others."""
    speeches: list[Speech] = []
    failures = list(batch.failures)
    scans: list[Any] = []
    for speech in batch.speeches:
        try:
            scans.append(analyzer.scan(speech, **options))
        except SpeechkitError:
            raise
        except Exception as exc:
            failures.append(_failure(exc, speech, f"{analyzer.name} scan"))
        else:
            speeches.append(speech)
    return Batch(speeches, failures, batch.size), scans


def analyse_batch(
    analyzer: Any, options: dict, batch: Batch, context: Any = None, spill: str | None = None
) -> tuple[list[dict] | Spilled, list[SpeechFailure]]:
    """``per_speech`` over ``batch``: the records in order, and the batch's failures (those it
    came with, and those of ``per_speech``, whose speech then gives no record at all). With
    ``spill`` (a folder), many records go to a file there as they come and the records are
    that file (``speechkit.engines.spilled``)."""
    extra: dict[str, Any] = {} if analyzer.rounds == 1 else {"context": context}
    failures = list(batch.failures)
    records = Records(spill)
    for speech in batch.speeches:
        records.begin()
        try:
            if analyzer.needs_tokens:
                from speechkit.tokens.segment import count_tokens

                extra["token_counts"] = count_tokens(speech.text, options.get("tokenizer"))
            records.extend(analyzer.per_speech(speech, **extra, **options))
        except SpeechkitError:
            raise
        except Exception as exc:
            records.drop()
            failures.append(_failure(exc, speech, analyzer.name))
    return records.result(), failures


def _failure(exc: BaseException, speech: Speech, step: str) -> SpeechFailure:
    return failure_of(exc, speech.id, speech.source, speech.start, speech.end, step)


def resolve(analyzer: Any):
    """The analyzer ``analyzer`` names (a registry name), or ``analyzer`` itself."""
    if not isinstance(analyzer, str):
        return analyzer
    from speechkit.analyzers import REGISTRY

    return REGISTRY[analyzer]


def reference(analyzer) -> Any:
    """How to send ``analyzer`` to another machine: its name if the registry holds it, else
    the object itself, pickled (such as a view's wrapper around an analyzer)."""
    from speechkit.analyzers import REGISTRY

    return analyzer.name if REGISTRY.get(analyzer.name) is analyzer else analyzer
