"""jieba segmentation: loaded lazily, warmed once, and run on all cores.

Only analyses that need tokens (`speechkit words`) import this module. The user dictionary
comes from the slogan lexicon, so every formulation (两个确立, 四个意识…) stays one token.

Why not ``jieba.enable_parallel``: it does not parallelise ``lcut`` at all, and words added
after it never reach its workers. Instead a ``multiprocessing`` pool is forked *after* the
dictionary and user words are loaded, so every worker inherits a warm tokenizer for free,
and each worker returns one joined string per speech (cheap to send back).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

SEPARATOR = "\x1f"  # joins a speech's tokens for the trip back from a worker
IN_FLIGHT_PER_JOB = 4  # speeches queued per worker: keeps memory bounded on huge inputs


def cache_dir() -> Path:
    """A per-user cache folder: jieba's default temp file is shared and may be unreadable."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    path = Path(base) / "speechkit"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        path = Path(tempfile.gettempdir()) / f"speechkit-{os.getuid()}"
        path.mkdir(parents=True, exist_ok=True)
    return path


def user_words() -> list[str]:
    from speechkit.lexicon import jieba_words

    return jieba_words()


@cache
def tokenizer():
    """A ready jieba Tokenizer with the user dictionary loaded (built once per process)."""
    import jieba

    from speechkit.lexicon import USERDICT_FREQ

    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir())
    tk.initialize()
    for word in user_words():
        tk.add_word(word, freq=USERDICT_FREQ)
    return tk


@cache
def fingerprint() -> str:
    """Identifies the segmentation: jieba's version plus the user words. Keys the token cache."""
    import jieba

    digest = hashlib.sha1(jieba.__version__.encode())
    digest.update("\n".join(user_words()).encode("utf-8"))
    return digest.hexdigest()[:16]


def tokens(text: str) -> list[str]:
    """Segment ``text`` into words (punctuation and whitespace tokens included)."""
    return tokenizer().lcut(text)


def _cut_joined(text: str) -> str:
    return SEPARATOR.join(tokenizer().lcut(text))


def tokenize_many(texts: Iterable[str], jobs: int | None = None) -> Iterator[list[str]]:
    """Segment each text, in order, on ``jobs`` processes (default: every core).

    At most ``jobs * IN_FLIGHT_PER_JOB`` texts are in flight, so memory stays bounded however
    long the input is, while the workers never wait for this process to count.
    """
    jobs = jobs or os.cpu_count() or 1
    tokenizer()  # warm before forking, so workers inherit it
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for text in texts:
            yield tokens(text)
        return
    capacity = jobs * IN_FLIGHT_PER_JOB
    slots = threading.Semaphore(capacity)
    stop = threading.Event()

    def feed():
        for text in texts:
            slots.acquire()
            if stop.is_set():
                return
            yield text

    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        try:
            for joined in pool.imap(_cut_joined, feed(), chunksize=1):
                slots.release()
                yield joined.split(SEPARATOR) if joined else []
        finally:
            # The consumer stopped early (or failed): unblock the feeding thread so the
            # pool can shut down.
            stop.set()
            for _ in range(capacity):
                slots.release()
