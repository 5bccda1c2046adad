"""`slogans`: how often each political formulation (提法) occurs, and in how many speeches.

Lexicon entries (``speechkit/data/formulations.tsv`` plus ``--lexicon`` files) and, with
``--discover``, numbered and quoted formulations discovered across the corpus. Two rounds:
``scan`` finds each speech's discovery candidates, ``gather`` decides which recur across the
corpus, and ``per_speech`` counts the lexicon and the discoveries together on ``speech.text``
(Simplified) and on the report's title block that heads it (``speech.title_block``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING, Any

from speechkit.analyzers.base import Analyzer, Option
from speechkit.errors import SpeechkitError
from speechkit.model import Speech

if TYPE_CHECKING:
    from speechkit.analyzers.slogans.discovery import LongerForms

COLUMNS = (
    "slogan",
    "count",
    "speeches",
    "kind",
    "category",
    "first_year",
    "source",
    "per_10k",
    "first_speech",
    "first_start",
    "variants",
)
TABLE_COLUMNS = ("slogan", "count", "speeches", "kind", "category", "first_year", "first_speech")
BY_SPEECH_COLUMNS = ("speech", "slogan", "count")
KINDS = ("lexicon", "numbered", "quoted", "local")
RANKER_MODES = ("add", "replace")
# A quoted phrase is reported when it stands in quotes at least this often in the corpus.
MIN_QUOTED = 2
# An unquoted N个XX (never quoted anywhere) needs this many occurrences in the corpus.
MIN_UNQUOTED_NUMBERED = 2

_MATCHERS: dict[str, Any] = {}  # one Matcher per context, built once per process


class Slogans(Analyzer):
    name = "slogans"
    title = "Slogans"
    help = "Count political formulations (提法) such as 两个确立 or 放管服 in each speech."
    description = """
    Counts are on the Simplified text of each speech. A file's preamble (before its first
    opening line) is no speech, but in a file of one speech its lines after any page chrome
    (up to a 【site】 tag line) are the report's title block, and every occurrence there
    counts with the speech: title, subtitle (——在…会议上), dateline, speaker. Every
    occurrence counts; a variant (碳达峰、碳中和)
    counts toward its canonical form (碳达峰碳中和) and is listed. Entries are counted
    independently: 碳达峰 inside 碳达峰碳中和 counts for both; the forms of one entry never
    overlap (the longest wins).

    With --discover, numbered formulations are discovered too (kind numbered: quoted ones
    such as “七个必须”, “一会三卡”, and unquoted N个XX that recur, minus counting phrases such
    as 三个方面), and short quoted phrases that recur (kind quoted: “清廉交通”), as rows with
    source discovered.

    Columns: slogan, count, speeches (distinct speeches), kind (lexicon, numbered, quoted),
    category (core, policy, campaign, local; empty when discovered), first_year (first
    appearance in central documents), source (lexicon, user, discovered), per_10k
    (occurrences per 10,000 characters of the whole input), first_speech, first_start (raw
    offset of the first occurrence, in the preamble when the title block holds it), variants
    (|-separated, most frequent first).
    With --by-speech: speech, slogan, count.

    \b
    Examples:
      speechkit slogans corpus/speeches_2022_traditional_dump.txt --top 20
      speechkit slogans corpus/speeches_2022_traditional_dump.txt --era 1990s
      speechkit slogans corpus/speeches_2022_traditional_dump.txt --discover --kind numbered
      speechkit slogans speeches/ --by-speech --lexicon my_slogans.tsv --json
    """
    options = (
        Option("top", "Keep the N most frequent.", kind="int", minimum=1, metavar="N"),
        Option(
            "kind",
            "Keep one kind: lexicon entries, discovered numbered formulations, or quoted phrases.",
            kind="choice",
            choices=KINDS,
        ),
        Option(
            "by_speech", "One row per speech and slogan instead: speech, slogan, count.", "flag"
        ),
        Option(
            "discover",
            "Also discover numbered and quoted formulations that are not in the lexicon "
            "(rows with source discovered).",
            "flag",
            default=False,
            flags=("--discover/--no-discover",),
        ),
        Option(
            "ranker",
            "With --discover, the learned ranker (issue 12, round 18; off by default: it did "
            "not beat the hand-written families): 'add' keeps what it ranks high besides "
            "them, 'replace' keeps only what it ranks high.",
            kind="choice",
            choices=RANKER_MODES,
        ),
        Option(
            "era",
            "Keep lexicon entries first used in this era: a decade (1990s), a year (2012) "
            "or a range (1992-2002, 2013-).",
            metavar="ERA",
        ),
        Option(
            "lexicon",
            "Add entries from a TSV in the bundled format (repeatable): "
            "canonical<TAB>variants(|)<TAB>core|policy|campaign<TAB>gloss.",
            kind="path",
            multiple=True,
            metavar="FILE",
        ),
    )
    columns = COLUMNS
    table_columns = TABLE_COLUMNS
    rounds = 2

    def resolve(self, **options: Any) -> dict[str, Any]:
        resolved = super().resolve(**options)
        if resolved["era"] is not None:
            era_range(resolved["era"])  # a one-line error for a malformed era
        return resolved

    def output_columns(self, by_speech: bool = False, **_: Any) -> list[str]:
        return list(BY_SPEECH_COLUMNS if by_speech else COLUMNS)

    def heading(self, by_speech: bool = False, **_: Any) -> str:
        return "Slogans by speech" if by_speech else "Slogans"

    def warm(
        self, discover: bool = False, lexicon: tuple = (), context: dict | None = None, **_: Any
    ) -> None:
        """A worker builds the lexicon's matcher (numpy, the lexicon: 0.2 s) while the main
        process reads the input, from ``context`` when the engine has it; with --discover
        the forms depend on the corpus."""
        from speechkit.analyzers.slogans.matcher import Matcher

        if discover:
            return
        if context is None:
            try:
                context = self.gather([], lexicon=lexicon)
            except SpeechkitError:
                return  # a bad lexicon file: the main process reports it, in one line
        _MATCHERS.setdefault(context["key"], Matcher(context["forms"]))

    def needs_scan(self, discover: bool = False, **_: Any) -> bool:
        return discover  # the lexicon alone needs no look at the corpus first

    def scan(
        self,
        speech: Speech,
        discover: bool = False,
        lexicon: tuple = (),
        ranker: str | None = None,
        **_: Any,
    ) -> tuple[list[str], Counter, Counter, list[str], list[str]]:
        """Discovery candidates of one speech: quoted numbered, unquoted N个XX, quoted
        phrases, local slogans that one speech is enough for (local.py, series.py), and those
        of them inside a longer lexicon form that stand without it here (free fragments)."""
        if not discover:
            return [], Counter(), Counter(), [], []
        from speechkit.analyzers.slogans import discovery
        from speechkit.analyzers.slogans.families import families, rule_candidates

        text = counted_text(speech)
        found = families(text)
        quoted_numbered, unquoted, quoted, local_phrases = rule_candidates(found)
        if ranker is not None:
            from speechkit.analyzers.slogans.ranker import ranked

            kept = [phrase for phrase, _ in ranked(text, found)]
            if ranker == "replace":
                quoted_numbered, unquoted, quoted, local_phrases = [], Counter(), Counter(), []
            # a kept 七个必须 is still of kind numbered, anything else it keeps is local
            numbered = [p for p in kept if discovery.is_numbered(p, quoted=True)]
            quoted_numbered = quoted_numbered + numbered
            local_phrases = local_phrases + [p for p in kept if p not in numbered]
        candidates = {*quoted_numbered, *unquoted, *quoted, *local_phrases}
        free = discovery.free_fragments(text, candidates, _longer_forms(tuple(lexicon)))
        return quoted_numbered, unquoted, quoted, local_phrases, free

    def gather(self, scans: Iterable[tuple], lexicon: tuple = (), **_: Any) -> dict:
        """The forms to count (form -> slogan) and each slogan's kind and category."""
        from speechkit.analyzers.slogans.context import bundled_context, make_context

        scans = list(scans)
        if not lexicon and not any(chain.from_iterable(scans)):
            return bundled_context()  # nothing discovered: the bundled lexicon's, kept
        from speechkit.text.lexicon import load_lexicon

        entries = load_lexicon(lexicon)
        return make_context(entries, _discoveries(scans, entries.form_map(reworded=False)))

    def per_speech(self, speech: Speech, context: dict, **_: Any) -> list[dict]:
        """One record: the speech's id, its length (``chars``) and what was found in it
        (``found``), one tuple per (slogan, form) seen, in order of first occurrence:
        ``(slogan, form, count, first_start, kind, category, first_year, source)``, where
        ``first_start`` is the raw offset of the slogan's first match (``summary.FOUND``).
        Tuples rather than a dict each: a speech's record pickles, on a worker, and unpickles,
        in the main process while the workers run, in about half the time."""
        matcher = _MATCHERS.get(context["key"])
        if matcher is None:
            from speechkit.analyzers.slogans.matcher import Matcher

            matcher = _MATCHERS[context["key"]] = Matcher(context["forms"])
        # A report's title block stands before its first opening line, outside the text:
        # it counts too (the counting rule: titles included), and it comes first.
        block = speech.title_block
        titled = matcher.find(block.text) if block else []
        matches = matcher.find(speech.text)
        pairs = Counter((m.slogan, m.form) for m in [*titled, *matches])
        first: dict[str, int] = {}  # slogan -> raw offset of its first match
        for m in titled:
            first.setdefault(m.slogan, block.offsets.raw(m.start))
        for m in matches:
            if m.slogan not in first:
                first[m.slogan] = speech.offsets.raw(m.start)
        terms = context["terms"]
        found = [
            (slogan, form, count, first[slogan], *terms[slogan])
            for (slogan, form), count in pairs.items()
        ]
        return [{"speech": speech.id, "chars": len(speech.text), "found": found}]

    def combine(
        self,
        records: Iterable[dict],
        top: int | None = None,
        kind: str | None = None,
        by_speech: bool = False,
        era: str | None = None,
        **_: Any,
    ) -> list[dict]:
        from speechkit.analyzers.slogans.summary import by_speech_rows, summary_rows

        # Summed as the records come in, while the workers still run; --by-speech reads
        # them twice, so only then are they kept.
        if by_speech:
            records = list(records)
        rows = summary_rows(records, KINDS)
        if kind is not None:
            rows = [row for row in rows if row["kind"] == kind]
        if era is not None:
            low, high = era_range(era)
            rows = [
                r for r in rows if r["first_year"] is not None and low <= r["first_year"] <= high
            ]
        rows = rows[:top]
        return by_speech_rows(records, {row["slogan"] for row in rows}) if by_speech else rows


def counted_text(speech: Speech) -> str:
    """What discovery reads of ``speech``: its title block (a line or more, ending in a line
    end) and its text, one after the other."""
    block = speech.title_block
    return block.text + speech.text if block else speech.text


_ERA = re.compile(r"(?P<decade>\d{3}0)s|(?P<low>\d{4})?\s*(?P<dash>[-–~至])?\s*(?P<high>\d{4})?")


def era_range(era: str) -> tuple[int, int]:
    """``1990s`` -> (1990, 1999); ``2012`` -> (2012, 2012); ``1992-2002``; ``2013-``; ``-1999``."""
    m = _ERA.fullmatch(era.strip())
    if m and m["decade"]:
        return int(m["decade"]), int(m["decade"]) + 9
    if m and (m["low"] or m["high"]) and (m["dash"] or not (m["low"] and m["high"])):
        low = int(m["low"]) if m["low"] else 0
        high = int(m["high"]) if m["high"] else (9999 if m["dash"] else low)
        if low <= high:
            return low, high
    raise SpeechkitError(
        f"--era: cannot read {era!r}; write a decade (1990s), a year (2012) or a range (1992-2002)"
    )


def _discoveries(scans: Iterable[tuple], forms: dict[str, str]) -> dict[str, str]:
    """Formulations not in the lexicon, found across all speeches: phrase -> kind."""
    numbered: dict[str, str] = {}
    unquoted: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    local_found: list[str] = []
    free: set[str] = set()
    for quoted_numbered, unquoted_counts, quoted_counts, local_phrases, free_here in scans:
        free.update(free_here)
        for phrase in quoted_numbered:
            numbered[phrase] = "numbered"
        unquoted.update(unquoted_counts)
        quoted.update(quoted_counts)
        local_found.extend(local_phrases)
    if not (numbered or unquoted or quoted or local_found):
        return {}  # nothing to check (no --discover): discovery is not even imported

    from speechkit.analyzers.slogans import discovery

    new = discovery.novelty(forms, free)

    for phrase, count in unquoted.items():
        if count >= MIN_UNQUOTED_NUMBERED:
            numbered[phrase] = "numbered"
    found = {p: k for p, k in numbered.items() if new(p)}
    for phrase, count in quoted.items():
        if count >= MIN_QUOTED and new(phrase) and phrase not in found:
            found[phrase] = "quoted"
    for phrase in local_found:
        if phrase not in found and new(phrase):
            found[phrase] = "local"
    return found


@cache
def _longer_forms(lexicon: tuple) -> LongerForms:
    """The lexicon's forms, for ``discovery.free_fragments``."""
    from speechkit.analyzers.slogans import discovery
    from speechkit.text.lexicon import load_lexicon

    return discovery.LongerForms.of(load_lexicon(lexicon).form_map(reworded=False))


SLOGANS = Slogans()
