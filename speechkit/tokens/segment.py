"""jieba segmentation: loaded lazily, warmed once, and run on all cores.

Only analyses that need tokens (`speechkit words`) import this module. The user dictionary
comes from the slogan lexicon, so every formulation (两个确立, 四个意识…) stays one token.

Why not ``jieba.enable_parallel``: it does not parallelise ``lcut`` at all, and words added
after it never reach its workers. Instead a ``multiprocessing`` pool of forked workers loads
jieba and the user words once per worker (in parallel, while the main process reads the
corpus), and each worker returns one joined string per speech (cheap to send back; Arrow
splits it without a Python object per token).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from speechkit.parallel import bounded_imap, can_fork, fork_pool

SEPARATOR = "\x1f"  # joins a speech's tokens for the trip back from a worker


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
    from speechkit.text.lexicon import jieba_words

    return jieba_words()


@cache
def tokenizer():
    """A ready jieba Tokenizer with the user dictionary loaded (built once per process)."""
    import jieba

    from speechkit.text.lexicon import USERDICT_FREQ

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
    from importlib.metadata import version

    # The installed version, read without importing jieba (which costs 0.1 s).
    digest = hashlib.sha1(f"jieba {version('jieba')}".encode())
    digest.update("\n".join(user_words()).encode("utf-8"))
    return digest.hexdigest()[:16]


def tokens(text: str) -> list[str]:
    """Segment ``text`` into words (punctuation and whitespace tokens included)."""
    return tokenizer().lcut(text)


def _cut_joined(text: str) -> str:
    return SEPARATOR.join(tokenizer().lcut(text))


def tokenize_many(texts: Iterable[str], jobs: int | None = None) -> Iterator[list[str]]:
    """Segment each text, in order, on ``jobs`` processes (default: every core)."""
    for joined in tokenize_joined(texts, jobs):
        yield joined.split(SEPARATOR) if joined else []


def tokenize_joined(texts: Iterable[str], jobs: int | None = None) -> Iterator[str]:
    """Like ``tokenize_many``, but each text's tokens come joined by ``SEPARATOR``."""
    with TokenizerPool(jobs) as pool:
        yield from pool.joined(texts)


def _warm() -> None:
    tokenizer()


class TokenizerPool:
    """Worker processes that each load jieba and the user words once, then segment texts.

    ``start()`` forks the workers and lets them warm up (about 0.7 s each, in parallel)
    while this process goes on reading; ``joined()`` starts them on first use otherwise.
    With one job, or where fork is unavailable, texts are segmented in this process.
    """

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or os.cpu_count() or 1
        self.parallel = can_fork(self.jobs)
        self._pool = None

    def start(self) -> TokenizerPool:
        if self.parallel and self._pool is None:
            self._pool = fork_pool(self.jobs, initializer=_warm)
        return self

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> TokenizerPool:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def joined(self, texts: Iterable[str]) -> Iterator[str]:
        """Each text's tokens joined by ``SEPARATOR``, in order.

        Few texts are in flight at once (see ``speechkit.parallel``), so memory stays bounded
        however long the input is.
        """
        if not self.parallel:
            for text in texts:
                yield _cut_joined(text)
            return
        yield from bounded_imap(self.start()._pool, _cut_joined, texts, self.jobs)
