"""Word frequencies on jieba tokens (after quanteda's textstat_frequency).

The one analyzer that needs tokens. Tokens of a corpus directory are cached beside it.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from speechkit.errors import read_user_text
from speechkit.model import Speech

COLUMNS = ["word", "count", "speeches", "per_10k"]
BY_SPEECH_COLUMNS = ["speech", "word", "count"]
# A word must hold a Han character, a letter or a digit: punctuation and spaces are not words.
WORDLIKE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


@cache
def bundled_stopwords() -> frozenset[str]:
    text = files("speechkit.data").joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(_lines(text))


def read_stopwords(path: str | Path) -> frozenset[str]:
    return frozenset(_lines(read_user_text(path, "stopword list")))


def _lines(text: str) -> list[str]:
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def _zip_tokens(speeches: Iterable[Speech], pool):
    """Stream: speeches are pulled only as fast as the tokenizer takes their texts."""
    from speechkit.tokenize import SEPARATOR

    pending: deque[Speech] = deque()

    def texts():
        for speech in speeches:
            pending.append(speech)
            yield speech.text

    for joined in pool.joined(texts()):
        yield pending.popleft(), joined.split(SEPARATOR) if joined else []


def analyze(
    corpus,
    top: int | None = None,
    by_speech: bool = False,
    jobs: int | None = None,
    stopwords: frozenset[str] | None = None,
) -> pd.DataFrame:
    """Count words: ``word, count, speeches, per_10k`` (per 10,000 characters of text).

    ``by_speech`` gives the long table ``speech, word, count`` instead. Raw dumps stream
    through the tokenizer; a corpus directory's tokens come from (and go to) its cache.
    """
    from speechkit import token_cache
    from speechkit.tokenize import TokenizerPool, fingerprint

    tally = Tally(bundled_stopwords() if stopwords is None else stopwords, keep_speeches=by_speech)
    with TokenizerPool(jobs) as pool:
        for path, speeches in corpus.sources():
            directory = corpus.corpus_dir(path)
            if directory is None or not (directory / token_cache.CACHE_FILE).exists():
                pool.start()  # workers warm up jieba while this process reads
            if directory is None:
                for speech, words in _zip_tokens(speeches, pool):
                    tally.add(speech, Counter(words))
            else:
                speeches = list(speeches)
                tokens = token_cache.aligned_tokens(directory, speeches, fingerprint(), pool.joined)
                tally.add_arrow(speeches, tokens)
    return tally.by_speech(top) if by_speech else tally.totals(top)


class Tally:
    """Word counts over speeches: totals, spread (speeches per word) and per-speech counts."""

    def __init__(self, stopwords: frozenset[str], keep_speeches: bool = False):
        self.stopwords = stopwords
        self.keep_speeches = keep_speeches  # per-speech counts cost memory: only when asked
        self.count: Counter[str] = Counter()
        self.spread: Counter[str] = Counter()
        self.per_speech: list[tuple[str, dict[str, int]]] = []
        self.chars = 0
        self._verdicts: dict[str, bool] = {}

    def is_word(self, token: str) -> bool:
        verdict = self._verdicts.get(token)
        if verdict is None:
            verdict = token not in self.stopwords and WORDLIKE.search(token) is not None
            self._verdicts[token] = verdict
        return verdict

    def add(self, speech: Speech, counts: Counter[str]) -> None:
        kept = {w: n for w, n in counts.items() if self.is_word(w)}
        self.chars += speech.chars
        self.count.update(kept)
        self.spread.update(kept.keys())
        if self.keep_speeches:
            self.per_speech.append((speech.id, kept))

    def add_arrow(self, speeches: list[Speech], tokens) -> None:
        """Count a pyarrow list array of token lists at once: the words are dictionary-encoded
        and counted with numpy, so no Python object is made per token."""
        import numpy as np
        import pyarrow.compute as pc

        self.chars += sum(speech.chars for speech in speeches)
        encoded = pc.dictionary_encode(pc.list_flatten(tokens))
        vocabulary = encoded.dictionary.to_pylist()
        word_ids = encoded.indices.to_numpy(zero_copy_only=False)
        bounds = np.concatenate(([0], np.cumsum(pc.list_value_length(tokens).to_numpy())))
        keep = np.fromiter((self.is_word(w) for w in vocabulary), bool, len(vocabulary))
        totals = np.bincount(word_ids, minlength=len(vocabulary))
        spread = np.zeros(len(vocabulary), np.int64)
        for index, speech in enumerate(speeches):
            ids, counts = np.unique(word_ids[bounds[index] : bounds[index + 1]], return_counts=True)
            spread[ids] += 1
            if self.keep_speeches:
                wanted = keep[ids]
                kept = dict(zip(map(vocabulary.__getitem__, ids[wanted]), counts[wanted].tolist()))
                self.per_speech.append((speech.id, kept))
        for index in np.flatnonzero(keep & (totals > 0)):
            word = vocabulary[index]
            self.count[word] += int(totals[index])
            self.spread[word] += int(spread[index])

    def totals(self, top: int | None) -> pd.DataFrame:
        ranked = sorted(self.count.items(), key=lambda item: (-item[1], item[0]))[:top]
        per_10k = 10_000 / self.chars if self.chars else 0.0
        rows = [(w, n, self.spread[w], round(n * per_10k, 3)) for w, n in ranked]
        return pd.DataFrame(rows, columns=COLUMNS)

    def by_speech(self, top: int | None) -> pd.DataFrame:
        rows = [
            (speech_id, w, n)
            for speech_id, kept in self.per_speech
            for w, n in sorted(kept.items(), key=lambda item: (-item[1], item[0]))[:top]
        ]
        return pd.DataFrame(rows, columns=BY_SPEECH_COLUMNS)
