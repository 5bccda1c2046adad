"""Which tokens are words, and word counts summed over speeches."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from speechkit.resources import bundled_lines, data_lines, user_text

# A word must hold a Han character, a letter or a digit: punctuation and spaces are not words.
WORDLIKE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


@cache
def bundled_stopwords() -> frozenset[str]:
    return frozenset(w.strip() for w in bundled_lines("stopwords.txt"))


@cache
def read_stopwords(path: str | Path) -> frozenset[str]:
    return frozenset(w.strip() for w in data_lines(user_text(path, "stopword list")))


@cache
def word_filter(stopwords_file: str | None = None):
    """A cached test ``is_word(token)``: not a stopword, and holds a Han character, letter or
    digit."""
    stopwords = bundled_stopwords() if stopwords_file is None else read_stopwords(stopwords_file)

    @cache
    def is_word(token: str) -> bool:
        return token not in stopwords and WORDLIKE.search(token) is not None

    return is_word


def total_rows(records: Iterable[dict], top: int | None) -> list[dict]:
    """``word, count, speeches, per_10k`` (per 10,000 characters), most frequent first."""
    import numpy as np

    # Every (speech, word) count goes into two flat lists; numpy then sums them per word.
    # (Counter.update adds one pair at a time in Python: ~0.3 s on 1.3 M pairs.)
    words: list[str] = []
    counts: list[int] = []
    chars = 0
    for record in records:
        chars += record["chars"]
        words.extend(record["counts"])
        counts.extend(record["counts"].values())
    index: dict[str, int] = {}
    ids = np.fromiter(map(index.setdefault, words, itertools.count()), np.int64, len(words))
    totals = np.bincount(ids, np.array(counts, np.float64)).astype(np.int64).tolist()
    spread = np.bincount(ids).tolist()  # a word appears once in each speech's counts
    ranked = sorted(((w, totals[i], spread[i]) for w, i in index.items()), key=_by_count)[:top]
    per_10k = 10_000 / chars if chars else 0.0
    return [
        {"word": w, "count": n, "speeches": k, "per_10k": round(n * per_10k, 3)}
        for w, n, k in ranked
    ]


def _by_count(row: tuple[str, int, int]) -> tuple[int, str]:
    return -row[1], row[0]


def by_speech_rows(records: Iterable[dict], top: int | None) -> list[dict]:
    """``speech, word, count``: each speech's most frequent words."""
    return [
        {"speech": record["speech"], "word": w, "count": n}
        for record in records
        for w, n in sorted(record["counts"].items(), key=lambda item: (-item[1], item[0]))[:top]
    ]
