"""A hit's context in tokens: its token positions and the tokens either side (quanteda's
``from``, ``to``, ``pre``, ``post``)."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable, Sequence


class TokenIndex:
    """Where the tokens of a text lie (whitespace tokens left out, as quanteda's tokens have
    no separators), as arrays of machine integers. ``tokens`` is read once, as it comes
    (``window_tokens``).

    Given ``around`` (the hits, as ``(start, end)``, whose contexts of ``window`` tokens
    will be asked for), it keeps only the tokens those contexts touch, with their positions:
    a 100 MB speech's index took 150 MB for every token, and a few KB for its hits. Without
    it, every token is kept and any span can be asked for."""

    def __init__(
        self,
        text: str,
        tokens: Iterable[str],
        around: Sequence[tuple[int, int]] | None = None,
        window: int = 0,
    ):
        self.text = text
        kind = "i" if len(text) < 2**31 else "q"
        self.starts = array(kind)
        self.ends = array(kind)
        # The kept tokens' positions (1 less than quanteda's), when not every token is kept.
        self.positions = None if around is None else array(kind)
        hits = sorted(around or ())
        recent: deque[tuple[int, int, int]] = deque(maxlen=window)  # tokens not kept
        next_hit = 0
        inside = -1  # tokens starting before this lie in a hit that is being read
        keep_to = -1  # tokens up to this position are kept
        position = 0
        at = 0
        for token in tokens:
            if not text.startswith(token, at):
                # jieba's tokens tile the text; this only guards against a segmenter that
                # drops characters
                at = text.find(token, at)
            if at < 0:
                break
            end = at + len(token)
            if not token.strip():
                at = end
                continue
            if self.positions is None:
                self.starts.append(at)
                self.ends.append(end)
            else:
                while next_hit < len(hits) and end > hits[next_hit][0]:
                    # The hit's first token: the tokens before it are its ``pre``.
                    for kept in recent:
                        self._keep(*kept)
                    recent.clear()
                    inside = max(inside, hits[next_hit][1])
                    keep_to = max(keep_to, position + window)
                    next_hit += 1
                if at < inside:  # maybe the hit's last token: the tokens after are ``post``
                    keep_to = max(keep_to, position + window)
                if position <= keep_to:
                    self._keep(position, at, end)
                else:
                    recent.append((position, at, end))
            position += 1
            at = end
        if next_hit < len(hits):  # hits after the last token: it and those before are ``pre``
            for kept in recent:
                self._keep(*kept)
        self.count = position

    def _keep(self, position: int, start: int, end: int) -> None:
        self.positions.append(position)  # type: ignore[union-attr]
        self.starts.append(start)
        self.ends.append(end)

    def context(self, start: int, end: int, window: int) -> dict:
        """``from``/``to`` (1-based positions of the first and last token the hit touches) and
        ``pre``/``post``: up to ``window`` tokens each side, joined by single spaces. A token
        the hit cuts leaves its outside part as one token of the context."""
        found = bisect_right(self.ends, start)  # first token ending after the hit starts
        first = self._position(found)
        before_end = bisect_left(self.starts, end) - 1  # last token starting before its end
        last = max(self._position(before_end) if before_end >= 0 else -1, first)
        pre = [self.text[a:b] for a, b in self._pieces(first - window, first)]
        if first < self.count and self._start(first) < start:
            pre.append(self.text[self._start(first) : start])
        post = []
        if last < self.count and self._end(last) > end and self._start(last) < end:
            post.append(self.text[end : self._end(last)])
        post += [self.text[a:b] for a, b in self._pieces(last + 1, last + 1 + window)]
        return {
            "from": first + 1,
            "to": last + 1,
            "pre": " ".join(pre[-window:] if window else []),
            "post": " ".join(post[:window]),
        }

    def _position(self, kept: int) -> int:
        """The position of the ``kept``-th token kept (``count`` past the last)."""
        if kept >= len(self.starts):
            return self.count
        return kept if self.positions is None else self.positions[kept]

    def _kept(self, position: int) -> int:
        """Where the token at ``position`` is among those kept."""
        if self.positions is None:
            return position
        return bisect_left(self.positions, position)

    def _start(self, position: int) -> int:
        return self.starts[self._kept(position)]

    def _end(self, position: int) -> int:
        return self.ends[self._kept(position)]

    def _pieces(self, lo: int, hi: int) -> list[tuple[int, int]]:
        lo, hi = max(lo, 0), min(hi, self.count)
        if hi <= lo:
            return []
        first = self._kept(lo)  # the tokens of a context are all kept, one after another
        return list(zip(self.starts[first : first + hi - lo], self.ends[first : first + hi - lo]))
