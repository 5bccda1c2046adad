"""Segmentation (jieba, or rjieba, its Rust port): loaded lazily, warmed once, run on all cores.

Only analyses that need tokens (`speechkit words`) import this module. The user dictionary
comes from the slogan lexicon, so every formulation (两个确立, 四个意识…) stays one token;
both backends load it. jieba's cut runs as ``speechkit.tokens.jieba_fast`` rewrites it
(the same tokens, faster). The backend is chosen by name (``--tokenizer``, else the environment
variable ``SPEECHKIT_TOKENIZER``, else jieba); rjieba comes with ``pip install speechkit[fast]``.

Why not ``jieba.enable_parallel``: it does not parallelise ``lcut`` at all, and words added
after it never reach its workers. Instead forked workers share one load of jieba and the
user words (``speechkit.workers``: made while the main process reads the corpus),
and each worker returns one joined string per speech (cheap to send back; Arrow splits it
without a Python object per token).
"""

from __future__ import annotations

import hashlib
import os
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache, partial
from pathlib import Path

from speechkit.errors import SpeechkitError
from speechkit.user_cache import cache_dir  # jieba's default temp file is shared, may be unreadable

SEPARATOR = "\x1f"  # joins a speech's tokens for the trip back from a worker
BACKENDS = ("jieba", "rjieba")
DEFAULT_BACKEND = "jieba"
ENVIRONMENT = "SPEECHKIT_TOKENIZER"


def backend(name: str | None = None) -> str:
    """The backend to use: ``name``, else ``$SPEECHKIT_TOKENIZER``, else jieba."""
    chosen = name or os.environ.get(ENVIRONMENT) or DEFAULT_BACKEND
    if chosen not in BACKENDS:
        where = "--tokenizer" if name else ENVIRONMENT
        raise SpeechkitError(f"{where}: unknown tokenizer {chosen!r}; use one of jieba, rjieba")
    return chosen


def backend_version(name: str | None = None) -> str:
    """``"rjieba 0.2.2"``: the backend and its installed version (read without importing it)."""
    return _backend_version(backend(name))


@cache
def _backend_version(name: str) -> str:
    found = _dist_info_version(name)
    if found is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version(name)
        except PackageNotFoundError:
            raise _missing(name) from None
    return f"{name} {found}"


def _dist_info_version(name: str) -> str | None:
    """The version in the name of ``name``'s ``NAME-VERSION.dist-info`` folder on ``sys.path``
    (the first, as the import system finds it), or None: then ``importlib.metadata``, whose
    import costs a cached `words` run 0.05-0.1 s, is asked."""
    for folder in sys.path:
        try:
            children = os.listdir(folder or ".")
        except OSError:
            continue
        for child in children:
            if child.endswith(".dist-info"):
                project, _, version = child[: -len(".dist-info")].partition("-")
                if version and project.replace("-", "_").lower() == name:
                    return version
    return None


def _missing(name: str) -> SpeechkitError:
    return SpeechkitError(
        f"the {name} tokenizer is not installed; pip install 'speechkit[fast]' "
        "(or choose --tokenizer jieba)"
    )


@cache
def user_words() -> list[str]:
    """The words the tokenizer keeps whole (``speechkit.text.lexicon.jieba_words``), kept
    between runs (``speechkit.user_cache``) under the bytes of the bundled lexicon and of
    the code that reads it: a re-run that finds its tokens cached, which needs them only
    for the cache key, does not parse the lexicon (0.1 s)."""
    from speechkit import user_cache
    from speechkit.resources import bundled_bytes

    key = user_cache.digest(
        bundled_bytes("formulations.tsv"),
        user_cache.source_of("speechkit.text.lexicon"),
        user_cache.source_of("speechkit.tokens.segment"),
    )
    return user_cache.cached("user_words", key, _lexicon_words, _is_word_list)


def _lexicon_words() -> list[str]:
    from speechkit.text.lexicon import jieba_words

    return jieba_words()


def _is_word_list(table) -> bool:
    return isinstance(table, list) and all(type(word) is str for word in table)


@cache
def tokenizer(name: str | None = None):
    """A ready tokenizer of backend ``name`` with the user dictionary loaded (built once per
    process): anything with ``cut(text)`` giving tokens."""
    from speechkit.text.lexicon import USERDICT_FREQ

    name = backend(name)
    if name == "rjieba":
        try:
            import rjieba
        except ImportError:
            raise _missing(name) from None
        tk = rjieba.Jieba()
        for word in user_words():
            tk.add_word(word, USERDICT_FREQ, None)
        return tk
    from speechkit.tokens.jieba_fast import FastTokenizer

    return load_jieba(FastTokenizer).prepare()  # before workers are forked from here


def load_jieba(factory):
    """A jieba tokenizer made by ``factory`` (``jieba.Tokenizer`` or a subclass), with
    jieba's default dictionary and the user words loaded."""
    from speechkit.text.lexicon import USERDICT_FREQ

    _import_jieba().setLogLevel(60)
    tk = factory()
    tk.tmp_dir = str(cache_dir())
    _load_prefix_dict(tk)
    for word in user_words():
        tk.add_word(word, freq=USERDICT_FREQ)
    return tk


def _import_jieba():
    """``import jieba``, without the ``pkg_resources`` it imports only to open its own data
    files (0.1-0.2 s of its 0.15-0.25 s import); it then opens them by path, as it does
    wherever ``pkg_resources`` is missing."""
    if "pkg_resources" in sys.modules or "jieba" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import fails
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def _load_prefix_dict(tk) -> None:
    """Initialise jieba tokenizer ``tk`` with its default dictionary, as ``tk.initialize()``
    does, but 3-4x faster: jieba reads its prefix-dictionary cache with ``marshal.load`` on
    the open file, which calls the file's ``readinto`` once per string (0.8 s for its 500,000
    words); ``marshal.loads`` on the file's bytes builds the same dictionary in 0.25 s. Where
    that cache is missing or unreadable, jieba builds (and writes) it itself."""
    import marshal

    path = Path(tk.tmp_dir) / "jieba.cache"  # initialize()'s name for the default dictionary
    try:
        freq, total = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        freq = None
    if tk.dictionary or tk.cache_file or not isinstance(freq, dict) or not isinstance(total, int):
        tk.initialize()
        return
    tk.FREQ, tk.total = freq, total
    tk.initialized = True


@cache
def fingerprint(name: str | None = None) -> str:
    """Identifies the segmentation: the backend, its version and the user words. Keys the
    token cache."""
    digest = hashlib.sha1(backend_version(name).encode())
    digest.update("\n".join(user_words()).encode("utf-8"))
    return digest.hexdigest()[:16]


def tokens(text: str, name: str | None = None) -> list[str]:
    """Segment ``text`` into words (punctuation and whitespace tokens included)."""
    return list(tokenizer(name).cut(text))


# Text is segmented this many characters at a time (cut at line ends, which no token
# crosses), so a 100 MB speech never has all its tokens in one list.
COUNT_WINDOW = 1 << 20


def window_tokens(text: str, name: str | None = None) -> Iterator[str]:
    """The tokens of ``text`` (the same as ``tokens(text)``), segmented a window of text at a
    time, as they are read: a 100 MB speech never has all its tokens in one list."""
    from speechkit.text.windows import windows

    cut = tokenizer(name).cut
    for window in windows(text, COUNT_WINDOW):
        yield from cut(window)


def count_tokens(text: str, name: str | None = None) -> Counter[str]:
    """How often each token of ``text`` occurs (the same as ``Counter(tokens(text))``), with
    memory bounded by a window of text rather than by its tokens."""
    return Counter(window_tokens(text, name))


def _cut_joined(name: str | None, text: str) -> str:
    return SEPARATOR.join(tokenizer(name).cut(text))


def _cut_encoded(name: str | None, text: str) -> bytes:
    """A text's tokens joined by ``SEPARATOR`` in UTF-8 (the token cache's bytes)."""
    return SEPARATOR.join(tokenizer(name).cut(text)).encode("utf-8")


# A text longer than this (in characters) is counted a window at a time and its tokens are
# not kept for the token cache: a 100 MB speech's tokens would take 1.5 GB as a list.
LONG_TEXT = 1 << 22


def _cut_counted(name: str | None, text: str) -> tuple[bytes | None, str, bytes]:
    """A text's tokens joined by ``SEPARATOR`` in UTF-8 (the token cache's bytes: sent and
    stored without being decoded and encoded again), its distinct tokens joined the same
    way, and their counts as machine integers: three flat objects, quick to send back from a
    worker (a pickled dict costs twice as much on both sides). A text over ``LONG_TEXT`` is
    counted by window, and gives None for its tokens."""
    if len(text) > LONG_TEXT:
        return None, *packed_counts(count_tokens(text, name))
    tokens = list(tokenizer(name).cut(text))
    counts = Counter(tokens)
    joined = SEPARATOR.join(tokens).encode("utf-8")
    return joined, *packed_counts(counts)


def _unpacked(result: tuple[bytes | None, str, bytes]) -> tuple[bytes | None, dict[str, int]]:
    joined, distinct, packed = result
    return joined, unpacked_counts(distinct, packed)


def packed_counts(counts: dict[str, int]) -> tuple[str, bytes]:
    """``counts`` as two flat objects: its tokens joined by ``SEPARATOR`` and its counts as
    machine ints. Quick to pickle (a dict costs twice as much on both sides), and 15 bytes
    a count where a dict held some 110 (its entry, its own token string, its int)."""
    return SEPARATOR.join(counts), array("q", counts.values()).tobytes()


def unpacked_counts(distinct: str, packed: bytes) -> dict[str, int]:
    """The dict ``packed_counts`` packed."""
    counts = array("q")
    counts.frombytes(packed)
    return dict(zip(distinct.split(SEPARATOR), counts)) if distinct else {}


def tokenize_many(
    texts: Iterable[str], jobs: int | None = None, name: str | None = None
) -> Iterator[list[str]]:
    """Segment each text, in order, on ``jobs`` processes (default: every core)."""
    for joined in tokenize_joined(texts, jobs, name):
        yield joined.split(SEPARATOR) if joined else []


def tokenize_joined(
    texts: Iterable[str], jobs: int | None = None, name: str | None = None
) -> Iterator[str]:
    """Like ``tokenize_many``, but each text's tokens come joined by ``SEPARATOR``."""
    with TokenizerPool(jobs, name) as pool:
        yield from pool.joined(texts)


def warm(name: str | None = None) -> None:
    """Load the tokenizer now (in a worker, before its first text)."""
    tokenizer(name)


class TokenizerPool:
    """Worker processes that share one load of the tokenizer and the user words, and
    segment texts (``speechkit.workers``).

    ``start()`` forks them, and they load the tokenizer while this process goes on reading;
    ``joined()`` starts them on first use otherwise. With one job, or where fork is
    unavailable, texts are segmented in this process.
    """

    def __init__(self, jobs: int | None = None, name: str | None = None):
        self.jobs = jobs or os.cpu_count() or 1
        self.name = backend(name)
        self._pool = None

    @property
    def parallel(self) -> bool:
        # Asked only when there is something to cut: a cached run never imports
        # multiprocessing.
        from speechkit.workers import can_fork

        return can_fork(self.jobs)

    def start(self) -> TokenizerPool:
        if (self._pool is None or self._pool.closed) and self.parallel:
            from speechkit.workers import Workers

            user_words()  # the lexicon parsed once, here: the workers are forked with it
            self._pool = Workers(self.jobs, partial(warm, self.name))
        return self

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> TokenizerPool:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def joined(self, texts: Iterable[str]) -> Iterator[str]:
        """Each text's tokens joined by ``SEPARATOR``, in order.

        Few texts are in flight at once (see ``speechkit.workers``), so memory stays
        bounded however long the input is.
        """
        cut = partial(_cut_joined, self.name)
        if not self.parallel:
            yield from map(cut, texts)
            return
        yield from self.start()._pool.imap(cut, texts)

    def encoded(self, texts: Iterable[str]) -> Iterator[bytes]:
        """Each text's tokens joined by ``SEPARATOR`` in UTF-8, in order, not counted: for a
        run that counts the whole corpus at once (``speechkit.tokens.tokenized_whole``)."""
        cut = partial(_cut_encoded, self.name)
        if not self.parallel:
            yield from map(cut, texts)
            return
        yield from self.start()._pool.imap(cut, texts)

    def counted(self, texts: Iterable[str]) -> Iterator[tuple[bytes, dict[str, int]]]:
        """Each text's tokens joined by ``SEPARATOR`` in UTF-8 (for the token cache) and
        counted, in order: the counting is done where the text is cut, on the workers."""
        cut = partial(_cut_counted, self.name)
        if not self.parallel:
            yield from map(_unpacked, map(cut, texts))
            return
        yield from map(_unpacked, self.start()._pool.imap(cut, texts))
