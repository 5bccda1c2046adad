"""Tokens of speeches: the jieba segmenter (``segment``) and the token cache (``cache``).

``token_counts(corpus)`` gives each speech's bag of words, from the cache beside a corpus
directory where it can, else from a pool of segmenter processes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from speechkit.model import Speech


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
    from speechkit.tokens.segment import TokenizerPool

    # A plain iterable of speeches is one source with no corpus directory.
    sources = corpus.sources() if hasattr(corpus, "sources") else [(None, iter(corpus))]
    with TokenizerPool(jobs, tokenizer) as pool:
        for path, speeches in sources:
            directory = None if path is None else corpus.corpus_dir(path)
            if directory is None or not (directory / cache.CACHE_FILE).exists():
                pool.start()  # workers warm up jieba while this process reads
            if directory is None:
                yield from _counted(speeches, pool)
            else:
                notify = getattr(corpus, "on_notice", None)
                yield from _cached_counts(directory, list(speeches), pool, notify)


def _counted(speeches: Iterable[Speech], pool):
    """Stream: speeches are pulled only as fast as the tokenizer takes their texts."""
    pending: deque[Speech] = deque()

    def texts():
        for speech in speeches:
            pending.append(speech)
            yield speech.text

    for _joined, counts in pool.counted(texts()):
        yield pending.popleft(), counts


def _cached_counts(directory, speeches: list[Speech], pool, notify):
    """The counts of a corpus directory's speeches: from its cache where it has them, else
    from the pool; the cache is then rewritten with exactly these speeches."""
    from speechkit.tokens import cache
    from speechkit.tokens.segment import fingerprint

    keys, column, rows = cache.lookup(directory, speeches, fingerprint(pool.name), pool.name)
    missing = [speeches[i].text for i, row in enumerate(rows) if row is None]
    if column is not None and len(missing) < len(rows):
        order = [row for row in rows if row is not None]
        in_order = order == list(range(len(column)))
        from_cache = _arrow_counts(column if in_order else column.take(cache.integers(order)))
    fresh = cache.Joined()
    from_pool = pool.counted(missing)
    for speech, row in zip(speeches, rows):
        if row is not None:
            yield speech, next(from_cache)
        else:
            joined, counts = next(from_pool)
            fresh.add(joined)
            yield speech, counts
    if missing:
        cache.store(directory, keys, column, rows, fresh.array(), pool.name, notify)


def _arrow_counts(tokens) -> Iterator[dict[str, int]]:
    """Each row of a pyarrow list array of tokens as ``{token: count}``: the tokens are
    dictionary-encoded and counted with numpy, so no Python object is made per token."""
    import numpy as np
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(tokens.flatten())
    vocabulary = encoded.dictionary.to_pylist()
    word_ids = _integers(encoded.indices)
    bounds = np.concatenate(([0], np.cumsum(_integers(tokens.value_lengths()))))
    for index in range(len(tokens)):
        ids, counts = np.unique(word_ids[bounds[index] : bounds[index + 1]], return_counts=True)
        yield dict(zip(map(vocabulary.__getitem__, ids), counts.tolist()))


def _integers(array):
    """A numpy view of an integer Arrow array without nulls (``to_numpy`` would import
    pandas, 0.5 s)."""
    import numpy as np

    dtype = np.dtype(str(array.type))
    values = array.buffers()[1]
    return np.frombuffer(values, dtype, count=len(array), offset=array.offset * dtype.itemsize)
