"""A hit's context in tokens: its token positions and the tokens either side (quanteda's
``from``, ``to``, ``pre``, ``post``)."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class TokenIndex:
    """Where each token of a text lies (whitespace tokens left out, as quanteda's tokens
    have no separators), as two arrays of machine integers: 8 bytes a token, where lists of
    Python ints (and the tokens themselves) took 130 (a 100 MB speech: 2.3 GB). ``tokens``
    is read once, as it comes (``window_tokens``)."""

    def __init__(self, text: str, tokens: Iterable[str]):
        self.text = text
        kind = "i" if len(text) < 2**31 else "q"
        self.starts = array(kind)
        self.ends = array(kind)
        at = 0
        for token in tokens:
            if not text.startswith(token, at):
                # jieba's tokens tile the text; this only guards against a segmenter that
                # drops characters
                at = text.find(token, at)
            if at < 0:
                break
            if token.strip():
                self.starts.append(at)
                self.ends.append(at + len(token))
            at += len(token)

    def context(self, start: int, end: int, window: int) -> dict:
        """``from``/``to`` (1-based positions of the first and last token the hit touches) and
        ``pre``/``post``: up to ``window`` tokens each side, joined by single spaces. A token
        the hit cuts leaves its outside part as one token of the context."""
        first = bisect_right(self.ends, start)  # first token ending after the hit starts
        last = max(bisect_left(self.starts, end) - 1, first)  # last token starting before end
        pre = [self.text[a:b] for a, b in self._pieces(first - window, first)]
        if first < len(self.starts) and self.starts[first] < start:
            pre.append(self.text[self.starts[first] : start])
        post = []
        if last < len(self.ends) and self.ends[last] > end and self.starts[last] < end:
            post.append(self.text[end : self.ends[last]])
        post += [self.text[a:b] for a, b in self._pieces(last + 1, last + 1 + window)]
        return {
            "from": first + 1,
            "to": last + 1,
            "pre": " ".join(pre[-window:] if window else []),
            "post": " ".join(post[:window]),
        }

    def _pieces(self, lo: int, hi: int) -> list[tuple[int, int]]:
        lo, hi = max(lo, 0), min(hi, len(self.starts))
        return list(zip(self.starts[lo:hi], self.ends[lo:hi]))
