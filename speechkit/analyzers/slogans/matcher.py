"""Find formulations in a text: for each entry, its leftmost-longest non-overlapping matches.

Entries are counted independently of each other (the counting rule of README and
eval/LABELLING.md): a form inside a longer form of another entry counts for both
(碳达峰 inside 碳达峰碳中和), while the forms of one entry never overlap each other (at one
place the longest of them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from speechkit.analyzers.slogans import discovery
from speechkit.text.sentences import windows

WINDOW = 1 << 20  # characters matched at a time

# A form that starts with a numeral does not match right after one of these: 第三个一律 is an
# ordinal and 十三个一律 a larger count.
_COUNT_PREFIX = frozenset(discovery.NUMERALS + "百千万零〇0123456789第")
_END = ""  # trie key under which a node keeps the form that ends there
# Quotation marks do not matter: “三公”经费 is 三公经费 and 揭批“四人帮” is 揭批四人帮.
# Forms are stored without them (speechkit.text.lexicon) and matched on the text without them.
QUOTES = '“”‘’"「」『』'
_DROP_QUOTES = str.maketrans("", "", QUOTES)
_QUOTE_CODES = np.array([ord(q) for q in QUOTES], dtype=np.uint32)


@dataclass(frozen=True)
class Match:
    """One occurrence: ``text[start:end] == form``, counted toward ``slogan``."""

    slogan: str
    form: str
    start: int
    end: int


@dataclass(frozen=True)
class Term:
    """A countable slogan: its written forms, and where it came from."""

    slogan: str
    kind: str
    category: str = ""


class Matcher:
    """Every entry's own leftmost-longest, non-overlapping matches.

    For one entry the scan is left to right: at each position its longest form that starts
    there wins and that entry's scan continues after it, so 外防输入 is not counted twice in
    外防输入、内防反弹 if both are forms of one entry. Different entries do not shadow each
    other: 碳达峰 counts inside 碳达峰碳中和.
    """

    def __init__(self, forms: dict[str, str]):
        self.forms = forms
        self._trie: dict = {}
        for form in forms:
            node = self._trie
            for ch in form:
                node = node.setdefault(ch, {})
            node[_END] = form
        self._starts = _StartFilter(forms)

    def find(self, text: str) -> list[Match]:
        """Matches in order of start (at one start, longest first), with offsets into
        ``text``; quotation marks inside a match are skipped over."""
        if len(text) <= WINDOW:
            return self._find_quoted(text)
        # No form holds a line end, so a long text is matched a window at a time (cut at line
        # ends) with the same result: the numpy work below costs ~60 bytes a character.
        matches: list[Match] = []
        at = 0
        for window in windows(text, WINDOW):
            for m in self._find_quoted(window):
                matches.append(Match(m.slogan, m.form, m.start + at, m.end + at))
            at += len(window)
        return matches

    def _find_quoted(self, text: str) -> list[Match]:
        bare = text.translate(_DROP_QUOTES)
        if len(bare) == len(text):
            return self._find(text)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        kept = np.flatnonzero(~np.isin(codes, _QUOTE_CODES)).tolist()
        return [
            Match(m.slogan, m.form, kept[m.start], kept[m.end - 1] + 1) for m in self._find(bare)
        ]

    def _find(self, text: str) -> list[Match]:
        forms, trie, n = self.forms, self._trie, len(text)
        ends: dict[str, int] = {}  # slogan -> end of its last match
        matches = []
        # Positions the filter rejects have no form starting there.
        for i in self._starts.candidates(text):
            node = trie.get(text[i])
            if node is None:
                continue
            if text[i] in discovery.NUMERALS and i and text[i - 1] in _COUNT_PREFIX:
                continue
            here: list[str] = []
            j = i + 1
            while True:
                if _END in node:
                    here.append(node[_END])
                if j >= n or (node := node.get(text[j])) is None:
                    break
                j += 1
            seen: set[str] = set()
            for form in reversed(here):  # longest first
                slogan = forms[form]
                if slogan in seen or ends.get(slogan, 0) > i:
                    continue
                seen.add(slogan)
                ends[slogan] = i + len(form)
                matches.append(Match(slogan, form, i, i + len(form)))
        return matches


class _StartFilter:
    """Positions where some form may start, from a hash of its first three characters.

    The trie regex alone is slow on real text: re tries its top-level alternatives one by one
    (one per first character, 200 with discovered forms) at every position whose character
    starts some form, a fifth of the text. Hashing each window of three characters in numpy
    leaves about 1.3 candidates per match; hash collisions only add candidates, which the
    regex then rejects.
    """

    _BITS = 20
    _MULTIPLIERS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D)

    def __init__(self, forms: Iterable[str]):
        self._tables: dict[int, np.ndarray] = {}
        for form in forms:
            k = min(len(form), 3)
            if k not in self._tables:
                self._tables[k] = np.zeros(1 << self._BITS, dtype=bool)
            self._tables[k][self._hash(form[:k])] = True

    @classmethod
    def _hash(cls, chars: str) -> int:
        h = 0
        for ch, mul in zip(chars, cls._MULTIPLIERS, strict=False):
            h = (h + ord(ch) * mul) & 0xFFFFFFFF
        return h >> (32 - cls._BITS)

    def candidates(self, text: str) -> list[int]:
        """Sorted positions in ``text`` where a form may start."""
        n = len(text)
        # one uint32 per character (surrogatepass keeps a stray surrogate one unit), padded
        # so that every position has a full window of three
        codes = np.frombuffer(
            (text + "\0\0").encode("utf-32-le", "surrogatepass"), dtype="<u4"
        ).astype(np.uint32, copy=False)
        shift = np.uint32(32 - self._BITS)
        hit = np.zeros(n, dtype=bool)
        h = codes * np.uint32(self._MULTIPLIERS[0])
        for k in (1, 2, 3):
            if k > 1:
                h = h[:-1]
                h += codes[k - 1 :] * np.uint32(self._MULTIPLIERS[k - 1])
            if k in self._tables:
                hit |= self._tables[k][h[:n] >> shift]
        return np.flatnonzero(hit).tolist()
