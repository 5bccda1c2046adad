"""Count political formulations (提法) per speech: lexicon entries, plus numbered and quoted
formulations discovered in the corpus. Counting is on ``speech.text`` (Simplified)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

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
_COUNT_PREFIX = set(discovery.NUMERALS) | set("百千万零〇0123456789第")


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
        by_first: dict[str, list[str]] = defaultdict(list)
        for form in forms:
            by_first[form[0]].append(form)
        self._by_first = {ch: sorted(fs, key=len, reverse=True) for ch, fs in by_first.items()}

    def find(self, text: str) -> list[Match]:
        matches = []
        i, n = 0, len(text)
        while i < n:
            match = None
            if text[i] in self._by_first and not self._inside_count(text, i):
                form = next((f for f in self._by_first[text[i]] if text.startswith(f, i)), None)
                if form is not None:
                    match = Match(self.forms[form], form, i, i + len(form))
            if match is None:
                i += 1
            else:
                matches.append(match)
                i = match.end
        return matches

    @staticmethod
    def _inside_count(text: str, i: int) -> bool:
        # 第三个一律 is an ordinal and 十三个 a larger count: a form that starts with a
        # numeral does not match right after another numeral or 第.
        return i > 0 and text[i] in discovery.NUMERALS and text[i - 1] in _COUNT_PREFIX


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
        for slogan in {m.slogan for m in matches}:
            speeches[slogan] += 1
            first.setdefault(slogan, speech.id)
        for m in matches:
            counts[m.slogan] += 1
            if m.form != m.slogan:
                variants[m.slogan][m.form] += 1
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
