"""Tokens of speeches: the jieba segmenter (``segment``) and the token cache (``cache``).

``token_counts(corpus)`` gives each speech's bag of words, from the cache beside a corpus
directory where it can, else from a pool of segmenter processes.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator

from speechkit.model import Speech


def token_counts(
    corpus, jobs: int | None = None, tokenizer: str | None = None
) -> Iterator[tuple[Speech, dict[str, int]]]:
    """``(speech, {token: count})`` for every speech of ``corpus``, in order, segmented by
    backend ``tokenizer`` (see ``speechkit.tokens.segment.backend``).

    Raw dumps stream through the segmenter; a corpus directory's tokens come from (and go
    to) its ``tokens.arrow`` cache.
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
                for speech, tokens in _zip_tokens(speeches, pool):
                    yield speech, Counter(tokens)
            else:
                speeches = list(speeches)
                notify = getattr(corpus, "on_notice", None)
                tokens = cache.aligned_tokens(
                    directory, speeches, fingerprint(pool.name), pool.joined, notify, pool.name
                )
                yield from zip(speeches, _arrow_counts(tokens))


def _zip_tokens(speeches: Iterable[Speech], pool):
    """Stream: speeches are pulled only as fast as the tokenizer takes their texts."""
    from speechkit.tokens.segment import SEPARATOR

    pending: deque[Speech] = deque()

    def texts():
        for speech in speeches:
            pending.append(speech)
            yield speech.text

    for joined in pool.joined(texts()):
        yield pending.popleft(), joined.split(SEPARATOR) if joined else []


def _arrow_counts(tokens) -> Iterator[dict[str, int]]:
    """Each row of a pyarrow list array of tokens as ``{token: count}``: the tokens are
    dictionary-encoded and counted with numpy, so no Python object is made per token."""
    import numpy as np
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(pc.list_flatten(tokens))
    vocabulary = encoded.dictionary.to_pylist()
    word_ids = _integers(encoded.indices)
    bounds = np.concatenate(([0], np.cumsum(_integers(pc.list_value_length(tokens)))))
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
