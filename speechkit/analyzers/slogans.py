"""Count political formulations (提法) per speech: lexicon entries, plus numbered and quoted
formulations discovered in the corpus. Counting is on ``speech.text`` (Simplified)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from speechkit import discovery
from speechkit.errors import SpeechkitError
from speechkit.lexicon import Lexicon, load_lexicon
from speechkit.model import Speech

COLUMNS = ["slogan", "count", "speeches", "kind", "category", "per_10k", "first_speech", "variants"]
BY_SPEECH_COLUMNS = ["speech", "slogan", "count"]
KINDS = ("lexicon", "numbered", "quoted")
# A quoted phrase is reported when it stands in quotes at least this often in the corpus.
MIN_QUOTED = 2
# An unquoted N个XX (never quoted anywhere) needs this many occurrences in the corpus.
MIN_UNQUOTED_NUMBERED = 2
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
    """One regex alternation for ``forms``, shaped as their prefix trie.

    re tries alternatives in order and stops at the first that matches; in a trie the
    branches of a node start with different characters, so at most one can go on, and a
    node that ends a form makes the rest optional (greedy, so it tries the longer first):
    两(?:个(?:确立|维护)|会) is longest-first at one position; Matcher.find supplies the
    leftmost positions.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a form

    def alternation(node: dict, top: bool) -> str:
        branches = []
        for ch in sorted(c for c in node if c):
            head = re.escape(ch)
            if top and ch in discovery.NUMERALS:
                # 第三个一律 is an ordinal and 十三个 a larger count: a form that starts
                # with a numeral does not match right after another numeral or 第. The
                # check sits after the literal so that re can still skip to candidates.
                head += f"(?<![{_COUNT_PREFIX}]{head})"
            child = node[ch]
            rest = alternation(child, False) if len(child) > ("" in child) else ""
            if rest:
                several = sum(1 for c in child if c) > 1
                group = f"(?:{rest})" if several or "" in child else rest
                head += group + ("?" if "" in child else "")
            branches.append(head)
        return "|".join(branches)

    return alternation(trie, True) or "(?!)"


def discover(
    texts: Sequence[str], lexicon_forms: Iterable[str], stops: discovery.StopList | None = None
) -> dict[str, str]:
    """Formulations not in the lexicon, found across all ``texts``: phrase -> kind."""
    forms = set(lexicon_forms)

    def new(phrase: str) -> bool:
        # Neither around a lexicon form (the lexicon entry is what gets counted) nor a
        # fragment of one: “两不愁、三保障” quotes 两不愁三保障, not a new 三保障.
        return not discovery.contains_any(phrase, forms) and not any(
            phrase in form for form in forms
        )

    numbered: dict[str, str] = {}
    unquoted: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    for text in texts:
        for c in discovery.quoted_numbered(text, stops):
            numbered[c.phrase] = "numbered"
        unquoted.update(c.phrase for c in discovery.unquoted_numbered(text, stops))
        quoted.update(c.phrase for c in discovery.quoted_phrases(text, stops))
    for phrase, count in unquoted.items():
        if count >= MIN_UNQUOTED_NUMBERED:
            numbered[phrase] = "numbered"
    found = {p: k for p, k in numbered.items() if new(p)}
    for phrase, count in quoted.items():
        if count >= MIN_QUOTED and new(phrase) and phrase not in found:
            found[phrase] = "quoted"
    return found


def count_speeches(
    speeches: Sequence[Speech], lexicon: Lexicon, *, discover_new: bool = True
) -> tuple[dict[str, Term], list[tuple[Speech, list[Match]]]]:
    """The terms counted and the matches in each speech."""
    terms = {e.canonical: Term(e.canonical, "lexicon", e.category) for e in lexicon}
    forms = lexicon.form_map()
    if discover_new:
        for phrase, kind in discover([s.text for s in speeches], forms).items():
            terms[phrase] = Term(phrase, kind)
            forms[phrase] = phrase
    matcher = Matcher(forms)
    return terms, [(speech, matcher.find(speech.text)) for speech in speeches]


def analyze(
    corpus: Iterable[Speech],
    *,
    top: int | None = None,
    kind: str | None = None,
    by_speech: bool = False,
    lexicon: Sequence[str | Path] = (),
    discover_new: bool = True,
) -> pd.DataFrame:
    """One row per slogan seen (columns ``COLUMNS``), most frequent first.

    ``lexicon`` lists user lexicon files added to the bundled one. ``kind`` keeps one kind,
    ``top`` the N most frequent slogans. With ``by_speech`` the result is the long table
    ``speech, slogan, count`` for those same slogans, in corpus order.
    """
    if kind is not None and kind not in KINDS:
        raise SpeechkitError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if top is not None and top < 1:
        raise SpeechkitError(f"--top must be at least 1, got {top}")
    speeches = list(corpus)
    terms, matched = count_speeches(speeches, load_lexicon(lexicon), discover_new=discover_new)
    table = summary(terms, matched)
    if kind is not None:
        table = table[table["kind"] == kind]
    if top is not None:
        table = table.head(top)
    table = table.reset_index(drop=True)
    if not by_speech:
        return table
    keep = set(table["slogan"])
    rows = [
        (speech.id, slogan, count)
        for speech, matches in matched
        for slogan, count in Counter(m.slogan for m in matches).most_common()
        if slogan in keep
    ]
    return pd.DataFrame(rows, columns=BY_SPEECH_COLUMNS)


def summary(terms: dict[str, Term], matched: list[tuple[Speech, list[Match]]]) -> pd.DataFrame:
    """Aggregate per-speech matches into the documented columns."""
    total_chars = sum(len(speech.text) for speech, _ in matched)
    counts: Counter[str] = Counter()
    speeches: Counter[str] = Counter()
    first: dict[str, str] = {}
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    for speech, matches in matched:
        # in order of first occurrence, so variants keep their corpus order on ties
        pairs = Counter((m.slogan, m.form) for m in matches)
        for slogan in {slogan for slogan, _ in pairs}:
            speeches[slogan] += 1
            first.setdefault(slogan, speech.id)
        for (slogan, form), count in pairs.items():
            counts[slogan] += count
            if form != slogan:
                variants[slogan][form] += count
    rows = [
        {
            "slogan": slogan,
            "count": count,
            "speeches": speeches[slogan],
            "kind": terms[slogan].kind,
            "category": terms[slogan].category,
            "per_10k": round(count * 10_000 / total_chars, 3) if total_chars else 0.0,
            "first_speech": first[slogan],
            "variants": "|".join(form for form, _ in variants[slogan].most_common()),
        }
        for slogan, count in counts.items()
    ]
    rows.sort(key=lambda r: (-r["count"], -r["speeches"], KINDS.index(r["kind"]), r["slogan"]))
    return pd.DataFrame(rows, columns=COLUMNS)
