"""A long text in pieces cut at line ends, so that work which never looks across a line end
(cleaning, conversion, slogan matching, tokenizing) runs on bounded memory."""

from __future__ import annotations

from collections.abc import Iterator


def windows(text: str, size: int) -> Iterator[str]:
    """``text`` in consecutive pieces of about ``size`` characters, each ending at a line end
    (LF; a line longer than ``size`` is one piece)."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size - 1) + 1 if start + size < len(text) else 0
        end = cut or len(text)
        yield text[start:end]
        start = end
