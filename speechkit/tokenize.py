"""jieba segmentation, loaded lazily (only for analyses that need tokens) and warmed once.

The user dictionary is generated from the slogan lexicon, so every formulation (两个确立,
四个意识…) stays one token.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

USER_FREQ = 200000  # high enough that jieba never prefers splitting a formulation


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


def userdict_words() -> list[str]:
    """Every canonical form and variant of the bundled slogan lexicon."""
    from speechkit.lexicon import load_lexicon

    words: list[str] = []
    for entry in load_lexicon():
        words.append(entry.canonical)
        words.extend(entry.variants)
    return words


@cache
def tokenizer():
    """A ready jieba Tokenizer with the user dictionary loaded (built once per process)."""
    import jieba

    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir())
    tk.initialize()
    for word in userdict_words():
        tk.add_word(word, freq=USER_FREQ)
    return tk


def tokens(text: str) -> list[str]:
    """Segment ``text`` into words (punctuation and whitespace tokens included)."""
    return tokenizer().lcut(text)
