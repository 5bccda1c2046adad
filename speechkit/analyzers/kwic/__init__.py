"""`kwic`: every hit of a word, a regular expression or a formulation, in its context of
tokens (after quanteda's ``kwic``), with offsets into the speech and the raw file.

Hits of ``--slogan``/``--category`` are slogans' own matches: the same two rounds (lexicon
plus discovered formulations across the corpus) and the same ``Matcher``, so a slogan has as
many rows here as ``speechkit slogans`` counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from speechkit.analyzers.base import Analyzer, Option
from speechkit.errors import SpeechkitError
from speechkit.model import Speech

COLUMNS = (
    "docname",
    "from",
    "to",
    "pre",
    "keyword",
    "post",
    "pattern",
    "start",
    "end",
    "raw_start",
    "raw_end",
    "part",
)
_MATCHERS: dict[str, Any] = {}  # one slogans Matcher per set of forms, built once per process


class Kwic(Analyzer):
    name = "kwic"
    title = "Keywords in context"
    help = "Every hit of a word, regex or slogan with the tokens around it (quanteda's kwic)."
    description = """
    PATTERN is literal text by default (matched on the Simplified text, hits never
    overlap); --regex makes it a Python regular expression. --slogan NAME gives every
    occurrence of a formulation with all its variants (a lexicon entry, or one slogans
    discovers such as 七个必须), the same occurrences `speechkit slogans` counts; --category
    C every lexicon entry of category C (core, policy, campaign). No PATTERN with those.

    Columns: docname (speech id), from, to (1-based positions of the first and last token
    the hit touches; jieba tokens, whitespace left out), pre, keyword, post (up to --window
    tokens each side, joined by single spaces), pattern (PATTERN, or the slogan's canonical
    form), start, end (offsets into the speech's text: keyword == text[start:end]),
    raw_start, raw_end (offsets into the raw file, as split's start and end), part (text;
    or title for a --slogan/--category hit in a report's title block, the title lines before
    its one speech, which slogans counts too: from, to, start and end are then within the
    block, whose rows come first).

    \b
    Examples:
      speechkit kwic 高质量发展 corpus/speeches_2022_traditional_dump.txt
      speechkit kwic --slogan 放管服 corpus/speeches_2022_traditional_dump.txt --window 8
      speechkit kwic '确保.{0,10}以上' --regex speeches/ --csv
      speechkit kwic --category core speeches/ --by level --meta meta.csv
    """
    options = (
        Option(
            "pattern",
            "Literal text to find (a regular expression with --regex).",
            positional=True,
            metavar="PATTERN",
            unless=("slogan", "category"),
        ),
        Option("regex", "PATTERN is a regular expression.", "flag"),
        Option(
            "slogan",
            "Every occurrence of this formulation, with its variants (as slogans counts).",
            metavar="NAME",
        ),
        Option("category", "Every lexicon entry of this category.", metavar="C"),
        Option("window", "Tokens each side (default 5).", "int", default=5, minimum=0),
        Option(
            "lexicon",
            "Add entries from a TSV in the bundled slogans format (repeatable).",
            kind="path",
            multiple=True,
            metavar="FILE",
        ),
    )
    columns = COLUMNS
    table_columns = ("docname", "from", "pre", "keyword", "post")
    table_writer = "kwic"
    speech_column = "docname"
    feature = "pattern"
    rounds = 2

    def resolve(self, **options: Any) -> dict[str, Any]:
        resolved = super().resolve(**options)
        given = [n for n in ("pattern", "slogan", "category") if resolved[n] is not None]
        if len(given) != 1:
            raise SpeechkitError("kwic: give a PATTERN, or --slogan NAME, or --category C.")
        if resolved["regex"] and resolved["pattern"] is None:
            raise SpeechkitError("--regex applies to PATTERN; --slogan and --category take none.")
        if resolved["pattern"] == "":
            raise SpeechkitError("kwic: PATTERN is empty; give the text to find.")
        if resolved["regex"]:
            try:
                re.compile(resolved["pattern"])
            except re.error as exc:
                raise SpeechkitError(f"--regex {resolved['pattern']!r}: {exc}") from None
        return resolved

    def needs_scan(self, **_: Any) -> bool:
        return False  # slogans' matches without discovery: its lexicon is all it needs

    def scan(self, speech: Speech, slogan=None, category=None, lexicon=(), **_: Any) -> Any:
        if slogan is None and category is None:
            return None
        from speechkit.analyzers.slogans import SLOGANS

        return SLOGANS.scan(speech, **SLOGANS.resolve(lexicon=lexicon))

    def gather(self, scans: Iterable[Any], slogan=None, category=None, lexicon=(), **_: Any):
        """slogans' context (forms to match) plus the slogans wanted, or None for PATTERN."""
        if slogan is None and category is None:
            return None
        from speechkit.analyzers.slogans import SLOGANS

        context = SLOGANS.gather(scans, **SLOGANS.resolve(lexicon=lexicon))
        terms, forms = context["terms"], context["forms"]
        if slogan is not None:
            if slogan not in forms:
                raise SpeechkitError(
                    f"--slogan {slogan}: not a lexicon entry, a variant or a discovered "
                    "formulation of this input; see `speechkit slogans INPUT`."
                )
            wanted = {forms[slogan]}
        else:
            wanted = {s for s, (_kind, c, *_) in terms.items() if c == category}
            if not wanted:
                known = sorted({c for _kind, c, *_ in terms.values() if c})
                raise SpeechkitError(
                    f"--category {category}: no such category; use one of {', '.join(known)}."
                )
        return {**context, "wanted": wanted}

    def per_speech(
        self,
        speech: Speech,
        context: dict | None = None,
        pattern: str | None = None,
        regex: bool = False,
        window: int = 5,
        **_: Any,
    ) -> list[dict]:
        parts = [("text", speech.text, speech.offsets)]
        block = speech.title_block
        if context and block:
            # slogans counts a report's title block (its preamble's title lines) too
            parts.insert(0, ("title", block.text, block.offsets))
        rows = []
        for part, text, offsets in parts:
            hits = _slogan_hits(text, context) if context else _hits(text, pattern, regex)
            if hits:
                rows += _rows(speech.id, part, text, offsets, hits, window)
        return rows

    def combine(self, records: Iterable[dict], **_: Any) -> list[dict]:
        return list(records)


def _rows(docname: str, part: str, text: str, offsets, hits: list, window: int) -> list[dict]:
    """One row per hit in ``text`` (the speech's text, or its title block: ``part``)."""
    from speechkit.analyzers.kwic.context import TokenIndex
    from speechkit.tokens.segment import window_tokens

    index = TokenIndex(text, window_tokens(text), [(start, end) for start, end, _ in hits], window)
    rows = []
    for start, end, label in hits:
        around = index.context(start, end, window)
        raw_start, raw_end = offsets.raw_span(start, end)
        rows.append(
            {"docname": docname, "from": around["from"], "to": around["to"]}
            | {"pre": around["pre"], "keyword": text[start:end]}
            | {"post": around["post"], "pattern": label, "start": start, "end": end}
            | {"raw_start": raw_start, "raw_end": raw_end, "part": part}
        )
    return rows


def _hits(text: str, pattern: str, regex: bool) -> list[tuple[int, int, str]]:
    """Non-overlapping hits of ``pattern`` (empty matches of a regex skipped)."""
    compiled = re.compile(pattern if regex else re.escape(pattern))
    return [(m.start(), m.end(), pattern) for m in compiled.finditer(text) if m.end() > m.start()]


def _slogan_hits(text: str, context: dict) -> list[tuple[int, int, str]]:
    matcher = _MATCHERS.get(context["key"])
    if matcher is None:
        from speechkit.analyzers.slogans.matcher import Matcher

        matcher = _MATCHERS[context["key"]] = Matcher(context["forms"])
    wanted = context["wanted"]
    return [(m.start, m.end, m.slogan) for m in matcher.find(text) if m.slogan in wanted]


KWIC = Kwic()
