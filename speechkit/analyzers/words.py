"""Word frequencies on jieba tokens (after quanteda's textstat_frequency).

The one analyzer that needs tokens. Tokens of a corpus directory are cached beside it.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from speechkit.errors import SpeechkitError
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
    try:
        return frozenset(_lines(Path(path).read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError) as exc:
        raise SpeechkitError(f"{path}: cannot read the stopword list ({exc}).") from None


def _lines(text: str) -> list[str]:
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def speech_tokens(corpus, jobs: int | None = None) -> Iterator[tuple[Speech, list[str]]]:
    """Each speech with its tokens: from a corpus directory's cache where it has them."""
    from speechkit import token_cache
    from speechkit.tokenize import fingerprint, tokenize_many

    for path, speeches in corpus.sources():
        directory = corpus.corpus_dir(path)
        if directory is None:
            yield from _zip_tokens(speeches, jobs)
            continue
        cached = token_cache.read(directory)
        speeches = list(speeches)
        keys = [token_cache.text_key(s.text, fingerprint()) for s in speeches]
        missing = [(s, k) for s, k in zip(speeches, keys) if k not in cached]
        fresh: dict[str, list[str]] = {}
        if missing:
            texts = (s.text for s, _ in missing)
            fresh = dict(zip((k for _, k in missing), tokenize_many(texts, jobs)))
        if fresh:
            token_cache.write(directory, {k: cached.get(k) or fresh[k] for k in keys})
        for speech, key in zip(speeches, keys):
            yield speech, cached.get(key) or fresh[key]


def _zip_tokens(speeches: Iterable[Speech], jobs: int | None):
    """Stream: speeches are pulled only as fast as the tokenizer takes their texts."""
    from speechkit.tokenize import tokenize_many

    pending: deque[Speech] = deque()

    def texts():
        for speech in speeches:
            pending.append(speech)
            yield speech.text

    for words in tokenize_many(texts(), jobs):
        yield pending.popleft(), words


def analyze(
    corpus,
    top: int | None = None,
    by_speech: bool = False,
    jobs: int | None = None,
    stopwords: frozenset[str] | None = None,
) -> pd.DataFrame:
    """Count words: ``word, count, speeches, per_10k`` (per 10,000 characters of text).

    ``by_speech`` gives the long table ``speech, word, count`` instead.
    """
    stop = bundled_stopwords() if stopwords is None else stopwords
    totals: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    rows = []
    chars = 0
    for speech, words in speech_tokens(corpus, jobs):
        counts = Counter(w for w in words if w not in stop and WORDLIKE.search(w))
        chars += speech.chars
        totals.update(counts)
        spread.update(counts.keys())
        if by_speech:
            rows.extend((speech.id, w, n) for w, n in counts.most_common(top))
    if by_speech:
        return pd.DataFrame(rows, columns=BY_SPEECH_COLUMNS)
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:top]
    frame = pd.DataFrame(
        [(w, n, spread[w], round(n * 10_000 / chars, 3) if chars else 0.0) for w, n in ranked],
        columns=COLUMNS,
    )
    return frame
