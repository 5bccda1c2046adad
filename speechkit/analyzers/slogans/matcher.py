"""Find formulations in a text: for each entry, its leftmost-longest non-overlapping matches.

Entries are counted independently of each other (the counting rule of README and
eval/LABELLING.md): a form inside a longer form of another entry counts for both
(碳达峰 inside 碳达峰碳中和), while the forms of one entry never overlap each other (at one
place the longest of them).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from typing import ClassVar, NamedTuple

import numpy as np

from speechkit.resources import bundled_rows
from speechkit.text import folds
from speechkit.text.numerals import COUNT_NUMERALS
from speechkit.text.windows import windows

WINDOW = 1 << 20  # characters matched at a time
HEAD = 5  # forms are looked up by their first five characters

# A form that starts with a numeral does not match right after one of these: 第三个一律 is an
# ordinal and 十三个一律 a larger count.
_COUNT_PREFIX = frozenset(COUNT_NUMERALS + "百千万零〇0123456789第")
# Quotation marks do not matter: “三公”经费 is 三公经费 and 揭批“四人帮” is 揭批四人帮.
# Forms are stored without them (speechkit.text.lexicon) and matched on the text without them.
QUOTES = '“”‘’"「」『』'
_OPENING, _CLOSING = '“‘"「『', '”’"」』'


@cache
def guards() -> dict[str, tuple[str, ...]]:
    """Forms that are also ordinary words (十五 of 十五届) and the words that may follow
    them: ``speechkit/data/guarded_forms.tsv``."""
    return {form: tuple(after.split("|")) for form, after in bundled_rows("guarded_forms.tsv")}


@cache
def bound_heads() -> dict[str, frozenset[str]]:
    """Forms whose first character also ends a common word (稳 of 平稳) and the characters
    before them that make it so: ``speechkit/data/bound_heads.tsv``."""
    return {form: frozenset(before.split("|")) for form, before in bundled_rows("bound_heads.tsv")}


def _bound(text: str, start: int, before: frozenset[str]) -> bool:
    """Whether the form at ``start`` begins inside a word: 稳增长 in 平稳增长."""
    return start > 0 and text[start - 1] in before


def _stands(text: str, start: int, end: int, after: tuple[str, ...]) -> bool:
    """Whether the guarded form at ``text[start:end]`` stands as the formulation: in
    quotation marks (“十五”), or followed by one of its continuations (十五期间)."""
    quoted = start > 0 and text[start - 1] in _OPENING and text[end : end + 1] in _CLOSING
    return quoted or text.startswith(after, end)


def _inside(match: Match, matches: list[Match]) -> bool:
    """Whether a guarded match is part of a longer form of another entry that is not the
    form with one of its continuations: 七五 in “七五”普法 is the law campaign, not the plan
    (十五 in 十五计划 is the plan)."""
    after = guards()[match.form]
    return any(
        m.start <= match.start
        and match.end <= m.end
        and m.slogan != match.slogan
        and not (m.form.startswith(match.form) and m.form[len(match.form) :].startswith(after))
        for m in matches
    )


class Match(NamedTuple):
    """One occurrence: ``text[start:end] == form``, counted toward ``slogan``."""

    slogan: str
    form: str
    start: int
    end: int


class Matcher:
    """Every entry's own leftmost-longest, non-overlapping matches.

    For one entry the scan is left to right: at each position its longest form that starts
    there wins and that entry's scan continues after it, so 外防输入 is not counted twice in
    外防输入、内防反弹 if both are forms of one entry. Different entries do not shadow each
    other: 碳达峰 counts inside 碳达峰碳中和.

    At a position the forms that start there are the longest one and those of its prefixes
    that are forms too (kept per form). The longest is found among the forms that share the
    position's first ``HEAD`` characters (one dict lookup, then ``str.startswith``, longest
    first), else among the shorter forms (one set lookup per length).
    """

    def __init__(self, forms: dict[str, str]):
        self.forms = forms
        self._guards = {form: after for form, after in guards().items() if form in forms}
        self._bound = {form: before for form, before in bound_heads().items() if form in forms}
        self._long: dict[str, list[str]] = {}  # first HEAD characters -> forms, longest first
        for form in sorted(forms, key=len, reverse=True):
            if len(form) >= HEAD:
                self._long.setdefault(form[:HEAD], []).append(form)
        self._short = frozenset(form for form in forms if len(form) < HEAD)
        self._short_lengths = sorted({len(form) for form in self._short}, reverse=True)
        self._nested = _nested(forms)
        self._starts = _StartFilter(forms)
        self._reach = max(map(len, forms), default=0)  # how far a fold site can matter

    def find(self, text: str) -> list[Match]:
        """Matches in order of start (at one start, longest first), with offsets into
        ``text``; quotation marks inside a match are skipped over."""
        if len(text) <= WINDOW:
            return self._find_folded(text)
        # No form holds a line end, so a long text is matched a window at a time (cut at line
        # ends) with the same result and bounded memory.
        matches: list[Match] = []
        at = 0
        for window in windows(text, WINDOW):
            for m in self._find_folded(window):
                matches.append(Match(m.slogan, m.form, m.start + at, m.end + at))
            at += len(window)
        return matches

    def _find_folded(self, text: str) -> list[Match]:
        """``_find_quoted``'s matches and those of the forms written another way by a line
        wrap's space, 、 between their characters or an ordinal's digit (``speechkit.text.
        folds``): found in the text folded around such places, with the source's offsets,
        the form as written there (quotation marks left out), and counted only where the
        entry has no match of its own already."""
        matches = self._find_quoted(text)
        found = folds.sites(text)
        if not found:
            return matches
        taken: dict[str, list[tuple[int, int]]] = {}
        for m in matches:
            taken.setdefault(m.slogan, []).append((m.start, m.end))
        extra: list[Match] = []
        for start, end, here in folds.pieces(text, found, self._reach):
            folded, at = folds.fold(text, start, end, here)
            for m in self._find_quoted(folded):
                s, e = at[m.start], at[m.end - 1] + 1
                spans = taken.setdefault(m.slogan, [])
                if not any(folds.needed(site, s, e) for site in here) or any(
                    s < other_end and other_start < e for other_start, other_end in spans
                ):
                    continue
                spans.append((s, e))
                written = text[s:e]
                for quote in QUOTES:
                    written = written.replace(quote, "")
                extra.append(Match(m.slogan, written, s, e))
        if not extra:
            return matches
        return sorted([*matches, *extra], key=lambda m: (m.start, -m.end))

    def _find_quoted(self, text: str) -> list[Match]:
        matches = self._find_bare(text)
        if self._bound:
            bound = self._bound
            matches = [
                m
                for m in matches
                if m.form not in bound or not _bound(text, m.start, bound[m.form])
            ]
        if not self._guards:
            return matches
        guarded = self._guards
        return [
            m
            for m in matches
            if m.form not in guarded
            or (_stands(text, m.start, m.end, guarded[m.form]) and not _inside(m, matches))
        ]

    def _find_bare(self, text: str) -> list[Match]:
        present = [quote for quote in QUOTES if quote in text]
        bare = text
        for quote in present:
            bare = bare.replace(quote, "")
        found = self._find(bare, _codes(bare))
        if not present or not found:
            return [Match(*f) for f in found]
        # Back to ``text``: the k-th quotation mark (from 0) stands where the bare text has
        # ``at - k`` characters before it, so a bare position moves right by the number of
        # marks whose bare position is at or before it.
        marks = [at - k for k, at in enumerate(_positions(text, present))]
        return [
            Match(
                slogan,
                form,
                start + bisect_right(marks, start),
                end + bisect_right(marks, end - 1),
            )
            for slogan, form, start, end in found
        ]

    def _find(self, text: str, codes: np.ndarray) -> list[tuple[str, str, int, int]]:
        """``Match`` fields (plain tuples: this is the hot loop) of every match in ``text``,
        whose characters are ``codes``."""
        forms, nested, long = self.forms, self._nested, self._long
        short, lengths = self._short, self._short_lengths
        ends: dict[str, int] = {}  # slogan -> end of its last match
        matches = []
        # Positions the filter rejects have no form starting there.
        for i in self._starts.candidates(codes):
            # The longest form that starts at i (inline: this loop is the matcher's cost).
            for found in long.get(text[i : i + HEAD], ()):
                if text.startswith(found, i):
                    break
            else:
                for k in lengths:
                    if (found := text[i : i + k]) in short:
                        break
                else:
                    continue
            if text[i] in COUNT_NUMERALS and i and text[i - 1] in _COUNT_PREFIX:
                continue
            seen: set[str] = set()
            for form in nested[found]:  # longest first
                slogan = forms[form]
                if slogan in seen or ends.get(slogan, 0) > i:
                    continue
                seen.add(slogan)
                end = ends[slogan] = i + len(form)
                matches.append((slogan, form, i, end))
        return matches


def _positions(text: str, chars: Iterable[str]) -> list[int]:
    """Where each of ``chars`` stands in ``text``, in order (few: the quotation marks)."""
    found = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found


def _codes(text: str) -> np.ndarray:
    """One uint32 per character of ``text`` (surrogatepass keeps a stray surrogate one unit,
    as ``str`` indexing does)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _nested(forms: Iterable[str]) -> dict[str, list[str]]:
    """Each form's prefixes that are forms, itself included, longest first. In sorted order
    a form's prefixes come before it and are prefixes of each other: a stack holds them."""
    nested: dict[str, list[str]] = {}
    stack: list[str] = []
    for form in sorted(forms):
        while stack and not form.startswith(stack[-1]):
            stack.pop()
        nested[form] = [form, *reversed(stack)]
        stack.append(form)
    return nested


class _StartFilter:
    """Positions where some form may start, from a hash of its first ``HEAD`` characters
    (all of a shorter form).

    A fifth of the text starts with a character some form starts with, and one position in
    seven with the first two characters of one; looking each of them up in Python would be
    slow. So the filter hashes, in numpy, every window of two characters, then at the
    positions whose pair some form starts with, the window of up to five: about 1.5
    candidates per match are left (three characters in one pass left 2.5). Hash collisions
    only add candidates, which the lookup then rejects.
    """

    _BITS: ClassVar[int] = 20
    _MULTIPLIERS: ClassVar[tuple[int, ...]] = (
        0x9E3779B1,
        0x85EBCA77,
        0xC2B2AE3D,
        0x27D4EB2F,
        0x165667B1,
    )

    def __init__(self, forms: Iterable[str]):
        heads: dict[int, list[str]] = {}
        for form in forms:
            heads.setdefault(min(len(form), HEAD), []).append(form[:HEAD])
        # each length of head (k: the first k characters, all of a shorter form), and the
        # first two characters of every form of two or more
        self._tables = {k: self._table(starts, k) for k, starts in heads.items()}
        pairs = [form[:2] for form in forms if len(form) >= 2]
        self._pairs = self._table(pairs, 2)

    @classmethod
    def _table(cls, heads: list[str], k: int) -> np.ndarray:
        """A table with the hash of every head of ``k`` characters set: the heads' hashes at
        once, as ``candidates`` hashes the text's windows."""
        table = np.zeros(1 << cls._BITS, dtype=bool)
        if heads:
            codes = np.frombuffer("".join(heads).encode("utf-32-le"), dtype="<u4").reshape(-1, k)
            h = np.zeros(len(heads), dtype=np.uint32)
            for i in range(k):
                h += codes[:, i].astype(np.uint32) * np.uint32(cls._MULTIPLIERS[i])
            table[h >> np.uint32(32 - cls._BITS)] = True
        return table

    @classmethod
    def _hash(cls, chars: str) -> int:
        h = 0
        for ch, mul in zip(chars, cls._MULTIPLIERS, strict=False):
            h = (h + ord(ch) * mul) & 0xFFFFFFFF
        return h >> (32 - cls._BITS)

    def candidates(self, codes: np.ndarray) -> list[int]:
        """Sorted positions where a form may start in the text whose characters are
        ``codes`` (``_codes``)."""
        n = len(codes)
        # padded, so that every position has a full window of HEAD characters
        padded = np.zeros(n + HEAD - 1, dtype=np.uint32)
        padded[:n] = codes
        shift = np.uint32(32 - self._BITS)
        multipliers = [np.uint32(m) for m in self._MULTIPLIERS]
        # (``take`` rather than indexing with an array: a quarter fewer instructions)
        first = padded[:n] * multipliers[0]
        pair = padded[1 : n + 1] * multipliers[1]
        pair += first
        pair >>= shift
        hit = self._pairs.take(pair)
        if 1 in self._tables:
            hit |= self._tables[1].take(first >> shift)
        at = np.flatnonzero(hit)
        # the windows of one to HEAD characters at those positions
        h = first.take(at)
        kept = np.zeros(len(at), dtype=bool)
        for k in range(1, HEAD + 1):
            if k > 1:
                h += padded.take(at + (k - 1)) * multipliers[k - 1]
            if k in self._tables:
                kept |= self._tables[k].take(h >> shift)
        return at[kept].tolist()
