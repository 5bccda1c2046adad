"""Which tokens are words, and word counts summed over speeches."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import repeat
from operator import add
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


class WordCounts:
    """Keeps the words of a speech's token counts, with set operations in C rather than a
    test per token: each distinct token is judged once per process (``word_filter``), and a
    speech's non-words are then those of its tokens among the ones judged out. On 900
    speeches (1.3 M distinct pairs) this takes 40% of the time of a test per token."""

    def __init__(self, stopwords_file: str | None = None) -> None:
        self.is_word = word_filter(stopwords_file)
        self.judged: set[str] = set()
        self.out: set[str] = set()

    def __call__(self, token_counts: dict[str, int]) -> dict[str, int]:
        """The counts of ``token_counts``' words (a new dict; stopwords and punctuation left
        out), in the same order."""
        if not self.judged.issuperset(token_counts):  # lookups only: no set is built
            new = token_counts.keys() - self.judged
            self.judged |= new
            self.out.update(token for token in new if not self.is_word(token))
        kept = dict(token_counts)
        for token in self.out.intersection(token_counts):
            del kept[token]
        return kept


@cache
def word_counts(stopwords_file: str | None = None) -> WordCounts:
    """The per-process ``WordCounts`` for a stopword list (None: the bundled one)."""
    return WordCounts(stopwords_file)


def total_rows(records: Iterable[dict], top: int | None) -> list[dict]:
    """``word, count, speeches, per_10k`` (per 10,000 characters), most frequent first."""
    totals: dict[str, int] = {}
    spread: Counter[str] = Counter()
    chars = 0
    total = totals.get
    for record in records:
        chars += record["chars"]
        counts = _counts(record)
        # totals[w] += n for every word of the speech, iterated in C (Counter.update adds one
        # pair at a time in Python: 0.3 s on the 1.3 M pairs of 900 speeches). A speech's
        # words are distinct, so each is read before it is written.
        totals.update(zip(counts, map(add, map(total, counts, repeat(0)), counts.values())))
        spread.update(counts.keys())
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:top]
    per_10k = 10_000 / chars if chars else 0.0
    return [
        {"word": w, "count": n, "speeches": spread[w], "per_10k": round(n * per_10k, 3)}
        for w, n in ranked
    ]


def whole_rows(whole, top: int | None, stopwords_file: str | None = None) -> list[dict]:
    """``total_rows`` of a whole corpus's tokens (``speechkit.tokens.WholeCorpus``), counted
    at once (``speechkit.tokens.stats``), or taken from the token cache, which keeps those
    counts. The same rows, in the same order, with the same floats as ``total_rows`` over
    ``per_speech``."""
    from speechkit.tokens.stats import token_stats

    vocabulary, totals, spread = whole.stats or token_stats(whole.tokens)
    is_word = word_filter(stopwords_file)
    kept = [(-totals[i], word, i) for i, word in enumerate(vocabulary) if is_word(word)]
    per_10k = 10_000 / whole.characters if whole.characters else 0.0
    return [
        {"word": w, "count": -n, "speeches": spread[i], "per_10k": round(-n * per_10k, 3)}
        for n, w, i in sorted(kept)[:top]
    ]


def by_speech_rows(records: Iterable[dict], top: int | None) -> Iterator[dict]:
    """``speech, word, count``: each speech's most frequent words, a speech at a time as its
    record comes (a 100 MB corpus has 1.3 M such rows: a writer takes them as they come)."""
    for record in records:
        ranked = sorted(_counts(record).items(), key=lambda item: (-item[1], item[0]))[:top]
        for w, n in ranked:
            yield {"speech": record["speech"], "word": w, "count": n}


def _counts(record: dict) -> dict[str, int]:
    """A record's counts: a dict, or packed (``Words.held``)."""
    counts = record["counts"]
    if isinstance(counts, dict):
        return counts
    from speechkit.tokens.segment import unpacked_counts

    return unpacked_counts(*counts)
