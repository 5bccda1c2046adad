"""Tokens of speeches: the jieba segmenter (``segment``) and the token cache (``cache``).

``token_counts(corpus)`` gives each speech's bag of words, from the cache beside a corpus
directory where it can, else from a pool of segmenter processes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from speechkit.errors import SpeechkitError
from speechkit.model import Speech
from speechkit.tokens.arrays import Joined, integers


def token_counts(
    corpus, jobs: int | None = None, tokenizer: str | None = None
) -> Iterator[tuple[Speech, dict[str, int]]]:
    """``(speech, {token: count})`` for every speech of ``corpus``, in order, segmented by
    backend ``tokenizer`` (see ``speechkit.tokens.segment.backend``).

    Raw dumps stream through the segmenter; a corpus directory's tokens come from (and go
    to) its ``tokens.arrow`` cache. Speeches are cut and counted on the workers, and each
    count is handed on as it comes back, so the analysis runs while the workers cut.
    """
    from speechkit.tokens import cache
    from speechkit.tokens.segment import TokenizerPool, fingerprint

    # A plain iterable of speeches is one source with no corpus directory.
    sources = corpus.sources() if hasattr(corpus, "sources") else [(None, iter(corpus))]
    with TokenizerPool(jobs, tokenizer) as pool:
        for path, speeches in sources:
            directory = None if path is None else corpus.corpus_dir(path)
            if directory is None or not (directory / cache.CACHE_FILE).exists():
                pool.start()  # workers warm up jieba while this process reads
            if directory is None:
                yield from _counted(speeches, pool)
                continue
            notify = getattr(corpus, "on_notice", None)
            if not (directory / cache.CACHE_FILE).exists():
                yield from _first_counts(corpus, path, directory, speeches, pool, notify)
                continue
            whole = cache.read_whole(directory, fingerprint(pool.name), pool.name)
            if whole is not None:
                # Unchanged since the cache was written: its rows are the speeches, in
                # order, which then stream (none is held until all are read).
                speeches, counted = iter(speeches), 0
                for counts, speech in zip(_arrow_counts(whole[0]), speeches):
                    counted += 1
                    yield speech, counts
                if counted != whole[1] or next(speeches, None) is not None:
                    raise SpeechkitError(f"{directory}: changed while it was read; run again.")
                continue
            speeches = list(speeches)  # read through: the directory was checked
            checked = getattr(corpus, "checked", {}).get(path)
            yield from _cached_counts(directory, speeches, pool, notify, checked)


def _counted(speeches: Iterable[Speech], pool):
    """Stream: speeches are pulled only as fast as the tokenizer takes their texts."""
    for speech, _joined, counts in _counted_with_tokens(speeches, pool):
        yield speech, counts


def _counted_with_tokens(speeches: Iterable[Speech], pool):
    """``(speech, joined tokens, counts)`` as the pool gives them (``TokenizerPool.counted``)."""
    pending: deque[Speech] = deque()

    def texts():
        for speech in speeches:
            pending.append(speech)
            yield speech.text

    for joined, counts in pool.counted(texts()):
        yield pending.popleft(), joined, counts


def _first_counts(corpus, path, directory, speeches: Iterable[Speech], pool, notify):
    """The counts of a corpus directory with no cache yet, streamed as ``_counted`` streams
    a dump's (no speech is held once counted), and its cache written from their tokens."""
    from speechkit.tokens import cache
    from speechkit.tokens.segment import fingerprint

    marks = fingerprint(pool.name)
    keys: list[str] = []
    fresh = Joined()
    kept = True  # every speech's tokens (a long speech's are not kept: segment.LONG_TEXT)
    for speech, joined, counts in _counted_with_tokens(speeches, pool):
        if joined is None:
            kept = False
            fresh, keys = Joined(), []  # the cache cannot hold them all: it is not written
        elif kept:
            keys.append(cache.text_key(speech.text, marks))
            fresh.add(joined)
        yield speech, counts
    checked = getattr(corpus, "checked", {}).get(path)  # known once all are read
    if kept:
        memo = None if checked is None else cache.corpus_memo(checked)
        rows = [None] * len(keys)
        cache.store(directory, keys, None, rows, fresh.array(), pool.name, notify, memo)


def _cached_counts(directory, speeches: list[Speech], pool, notify, checked=None):
    """The counts of a corpus directory's speeches: from its cache where it has them, else
    from the pool; the cache is then rewritten with exactly these speeches, and with the
    memo of the directory as ``checked`` (``speechkit.ingest.corpus_dir.Checked``), which
    lets the next run take the tokens without reading the speeches (``whole_corpus``)."""
    from speechkit.tokens import cache
    from speechkit.tokens.segment import fingerprint

    found = cache.lookup(directory, speeches, fingerprint(pool.name), pool.name)
    keys, column, rows, memo = found
    new_memo = None if checked is None else cache.corpus_memo(checked)
    missing = [speeches[i].text for i, row in enumerate(rows) if row is None]
    if column is not None and len(missing) < len(rows):
        order = [row for row in rows if row is not None]
        in_order = order == list(range(len(column)))
        from_cache = _arrow_counts(column if in_order else column.take(integers(order)))
    fresh = Joined()
    from_pool = pool.counted(missing)
    kept = True  # every speech's tokens (a long speech's are not kept: segment.LONG_TEXT)
    for speech, row in zip(speeches, rows):
        if row is not None:
            yield speech, next(from_cache)
        else:
            joined, counts = next(from_pool)
            if joined is None:
                kept = False
            elif kept:
                fresh.add(joined)
            yield speech, counts
    if not kept:
        return  # the cache cannot hold every speech: it stays as it was
    if missing:
        cache.store(directory, keys, column, rows, fresh.array(), pool.name, notify, new_memo)
    elif new_memo is not None and new_memo != memo:
        # All cached, but not the memo: written so the next run reads no speech. One that
        # cannot be written costs that only, so it is not worth a notice.
        cache.store(directory, keys, column, rows, fresh.array(), pool.name, _quiet, new_memo)


def _quiet(_message: str) -> None:
    """A notice no one needs."""


class WholeCorpus(NamedTuple):
    """Every speech's tokens, one row per speech, with how many speeches and characters."""

    tokens: Any  # a pyarrow list<string> array
    speeches: int
    characters: int
    stats: Any = None  # its ``speechkit.tokens.stats.TokenStats``, when the cache had them


def whole_corpus(corpus, tokenizer: str | None = None) -> WholeCorpus | None:
    """The tokens of every speech of ``corpus`` straight from the caches, when each input
    is a corpus directory whose cache holds it whole and knows it unchanged since it was
    last read and checked (``speechkit.tokens.cache.read_whole``); else None, and nothing
    is read (use ``token_counts``). No speech is read, cleaned or hashed but as bytes."""
    from speechkit.tokens import cache
    from speechkit.tokens.segment import backend, fingerprint

    if not hasattr(corpus, "corpus_dir"):
        return None
    observer = getattr(corpus, "on_speech", None)
    if observer is not None and not hasattr(observer, "add"):
        return None  # it wants each Speech: read them
    directories = [corpus.corpus_dir(path) for path in corpus.paths]
    if any(d is None or not (d / cache.CACHE_FILE).is_file() for d in directories):
        return None
    name = backend(tokenizer)
    found = [cache.read_whole(d, fingerprint(name), name) for d in directories]
    if any(whole is None for whole in found):
        return None
    import pyarrow as pa

    tokens = [whole[0] for whole in found]
    whole = WholeCorpus(
        tokens[0] if len(tokens) == 1 else pa.concat_arrays(tokens),
        sum(whole[1] for whole in found),
        sum(whole[2] for whole in found),
        found[0][3] if len(found) == 1 else None,  # (several caches' would need merging)
    )
    if observer is not None:  # a progress display: it hears the totals
        observer.add(whole.speeches, whole.characters)
    return whole


def tokenized_whole(corpus, jobs: int | None = None, tokenizer: str | None = None):
    """``whole_corpus`` for a first run: when every input is a corpus directory, its
    speeches are read, those its cache lacks are cut on the workers (their tokens only:
    nothing is counted a speech at a time), the caches are rewritten as ``token_counts``
    rewrites them, and every speech's tokens come back at once, to be counted as a re-run
    counts them. None, with nothing read, when an input is not a corpus directory."""
    from speechkit.tokens.segment import TokenizerPool, fingerprint

    if not hasattr(corpus, "corpus_dir") or not hasattr(corpus, "sources"):
        return None
    directories = [corpus.corpus_dir(path) for path in corpus.paths]
    if any(directory is None or _has_long_speech(directory) for directory in directories):
        return None  # (a long speech is counted by window, speech by speech: token_counts)
    columns, stats, speeches_read, characters = [], [], 0, 0
    with TokenizerPool(jobs, tokenizer) as pool:
        for path, speeches in corpus.sources():
            read = _Read(fingerprint(pool.name))
            found = _directory_tokens(corpus, path, read.texts(speeches), pool, read)
            columns.append(found[0])
            stats.append(found[1])
            speeches_read += len(read.keys)
            characters += read.characters
    import pyarrow as pa

    tokens = columns[0] if len(columns) == 1 else pa.concat_arrays(columns)
    return WholeCorpus(tokens, speeches_read, characters, stats[0] if len(stats) == 1 else None)


def _has_long_speech(directory) -> bool:
    """Whether a speech file of the corpus directory may be longer than ``LONG_TEXT``
    characters (judged by its size: a character takes one to four bytes in UTF-8)."""
    from speechkit.tokens.segment import LONG_TEXT

    return any(path.stat().st_size > LONG_TEXT for path in directory.glob("*.txt"))


class _Read:
    """What a first run keeps of the speeches it reads: their keys and length, not their
    text (a text sent to a worker also holds its UTF-8 copy while it lives)."""

    def __init__(self, fingerprint: str) -> None:
        self.keys: list[str] = []
        self.characters = 0
        self.fingerprint = fingerprint  # of the segmentation: part of each key

    def texts(self, speeches: Iterable[Speech]) -> Iterator[str]:
        from speechkit.tokens.cache import text_key

        for speech in speeches:
            self.keys.append(text_key(speech.text, self.fingerprint))
            self.characters += speech.chars
            yield speech.text


def _directory_tokens(corpus, path, texts: Iterator[str], pool, read: _Read):
    """The tokens of one corpus directory's speeches, in order, its cache brought up to
    date, and their ``TokenStats`` if it was written. With no cache, the texts go to the
    workers as they are read, and are let go."""
    from speechkit.tokens import cache

    directory = corpus.corpus_dir(path)
    if (directory / cache.CACHE_FILE).exists():
        listed = list(texts)
        column, rows, memo = cache.lookup_keys(directory, read.keys, pool.name)
        texts = iter([text for text, row in zip(listed, rows) if row is None])
        del listed
    else:
        pool.start()  # the workers warm up the tokenizer while this process reads
        column, rows, memo = None, None, None
    fresh = Joined()
    for encoded in pool.encoded(texts):
        fresh.add(encoded)
    del texts
    rows = rows or [None] * len(read.keys)
    checked = getattr(corpus, "checked", {}).get(path)  # known once all are read
    new_memo = None if checked is None else cache.corpus_memo(checked)
    if any(row is None for row in rows) or (new_memo is not None and new_memo != memo):
        notify = getattr(corpus, "on_notice", None)
        args = (read.keys, column, rows, fresh.array(), pool.name, notify, new_memo)
        return cache.store(directory, *args)
    return cache.assembled(column, rows, fresh.array()), None


def _arrow_counts(tokens) -> Iterator[dict[str, int]]:
    """Each row of a pyarrow list array of tokens as ``{token: count}``: the tokens are
    dictionary-encoded and counted with numpy, so no Python object is made per token."""
    import numpy as np
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(tokens.flatten())
    vocabulary = encoded.dictionary.to_pylist()
    word_ids = numpy_integers(encoded.indices)
    bounds = np.concatenate(([0], np.cumsum(numpy_integers(tokens.value_lengths()))))
    for index in range(len(tokens)):
        ids, counts = np.unique(word_ids[bounds[index] : bounds[index + 1]], return_counts=True)
        yield dict(zip(map(vocabulary.__getitem__, ids), counts.tolist()))


def arrow_function(name: str):
    """Arrow's compute function ``name``, called on arrays: from ``pyarrow._compute`` where
    it is, as importing ``pyarrow.compute`` wraps every function first (0.1 s of a
    cached run)."""
    try:
        from pyarrow._compute import call_function
    except ImportError:  # a pyarrow that moved it: the public module has it too
        from pyarrow.compute import call_function
    return lambda *arrays: call_function(name, list(arrays))


def numpy_integers(array):
    """A numpy view of an integer Arrow array without nulls (``to_numpy`` would import
    pandas, 0.5 s)."""
    import numpy as np

    dtype = np.dtype(str(array.type))
    values = array.buffers()[1]
    return np.frombuffer(values, dtype, count=len(array), offset=array.offset * dtype.itemsize)
