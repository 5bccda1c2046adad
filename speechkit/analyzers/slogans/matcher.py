"""Find formulations in a text: leftmost, then longest, non-overlapping matches of many forms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from speechkit.analyzers.slogans import discovery
from speechkit.text.trie import trie_pattern

_COUNT_PREFIX = discovery.NUMERALS + "百千万零〇0-9第"  # a regex character set


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
    """Leftmost, then longest, non-overlapping matching of many forms.

    At each position the longest form that starts there wins and the scan continues after
    it, so 外防输入、内防反弹 is one match and its 外防输入 is not counted again.
    """

    def __init__(self, forms: dict[str, str]):
        self.forms = forms
        self._pattern = re.compile(_trie_pattern(forms))
        self._starts = _StartFilter(forms)

    def find(self, text: str) -> list[Match]:
        forms, match = self.forms, self._pattern.match
        matches = []
        end = 0
        # Positions the filter rejects have no form starting there, so trying only the
        # candidates in order is the same left-to-right scan.
        for i in self._starts.candidates(text):
            if i >= end and (m := match(text, i)):
                form = m.group()
                end = m.end()
                matches.append(Match(forms[form], form, i, end))
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


def _trie_pattern(forms: Iterable[str]) -> str:
    """The trie regex of ``forms`` (longest first at a position; Matcher.find supplies the
    leftmost positions)."""

    def first(ch: str) -> str:
        head = re.escape(ch)
        if ch in discovery.NUMERALS:
            # 第三个一律 is an ordinal and 十三个 a larger count: a form that starts with a
            # numeral does not match right after another numeral or 第. The check sits after
            # the literal so that re can still skip to candidates.
            head += f"(?<![{_COUNT_PREFIX}]{head})"
        return head

    return trie_pattern(forms, first)
