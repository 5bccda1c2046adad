"""`keyness`: the words (or lexicon entries) that set one group of speeches apart from the
rest, after quanteda's ``textstat_keyness``. The groups come from ``--by`` (a document
variable); the statistics are in ``stats``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from speechkit.analyzers.base import Analyzer, Option
from speechkit.analyzers.keyness import stats
from speechkit.errors import SpeechkitError
from speechkit.model import Speech

COLUMNS = ("feature", "chi2", "p", "n_target", "n_reference")
LR_COLUMNS = ("feature", "G2", "p", "n_target", "n_reference")
_MATCHERS: dict[tuple, Any] = {}  # lexicon files -> Matcher of their forms, once per process


class Keyness(Analyzer):
    name = "keyness"
    title = "Keyness"
    help = "Words (or slogans) that set one group of speeches apart (quanteda's keyness)."
    description = """
    Compares the speeches whose --by variable is --target VALUE with all the others. For
    each feature, the 2×2 table of its count and the count of all other tokens in target
    and reference gives chi2: Pearson's χ² with Yates' continuity correction applied
    always, as scipy.stats.chi2_contingency does (quanteda applies it only where an
    expected count is below 5), signed negative where the feature is relatively rarer in
    the target. --measure lr gives the G² log-likelihood ratio (no correction) in a G2
    column instead. p: χ² with one degree of freedom. Sorted by the statistic, highest
    first.

    Tokens are jieba's (as in words), stopwords and punctuation left out; --slogans counts
    lexicon entries (all variants) against those tokens instead of words.

    Columns: feature, chi2 (or G2), p, n_target, n_reference (counts in each group).

    \b
    Examples:
      speechkit keyness corpus/speeches_2022_traditional_dump.txt \\
          --meta corpus/speeches_2022_traditional_dump.meta.csv --by level --target 省
      speechkit keyness speeches/ --by year --target 2022 --measure lr --top 30
      speechkit keyness speeches/ --meta meta.csv --by region --target 湖南 --slogans
    """
    options = (
        Option("target", "The --by value of the target group.", metavar="VALUE"),
        Option(
            "measure",
            "chi2 (Yates-corrected χ²) or lr (G² log-likelihood ratio).",
            "choice",
            default="chi2",
            choices=("chi2", "lr"),
        ),
        Option(
            "min_count",
            "Leave out features seen fewer than N times in all (default 2).",
            "int",
            default=2,
            minimum=1,
        ),
        Option("slogans", "Lexicon entries (all variants) as features instead of words.", "flag"),
        Option("top", "Keep the N highest.", kind="int", minimum=1, metavar="N"),
        Option(
            "stopwords",
            "A stopword list (one word a line) in place of the bundled one.",
            kind="path",
        ),
        Option(
            "lexicon",
            "With --slogans: add entries from a TSV in the bundled format (repeatable).",
            kind="path",
            multiple=True,
            metavar="FILE",
        ),
        Option(
            "jobs",
            "Processes for jieba (default: all cores).",
            "int",
            minimum=1,
            flags=("-j", "--jobs"),
        ),
    )
    columns = COLUMNS
    needs_tokens = True
    needs_groups = True

    def resolve(self, **options: Any) -> dict[str, Any]:
        resolved = super().resolve(**options)
        if resolved["target"] is None:
            raise SpeechkitError("keyness: give --target VALUE (a value of the --by variable).")
        resolved["target"] = str(resolved["target"])
        return resolved

    def output_columns(self, measure: str = "chi2", **_: Any) -> list[str]:
        return list(LR_COLUMNS if measure == "lr" else COLUMNS)

    def per_speech(
        self,
        speech: Speech,
        token_counts: dict[str, int],
        stopwords: str | None = None,
        slogans: bool = False,
        lexicon: tuple = (),
        **_: Any,
    ) -> list[dict]:
        """The speech's count of word tokens, and its counts of features."""
        from speechkit.analyzers.words.tally import word_counts
        from speechkit.tokens.segment import packed_counts

        words = word_counts(stopwords)(token_counts)
        counts = _slogan_counts(speech.text, lexicon) if slogans else words
        return [
            {"speech": speech.id, "tokens": sum(words.values()), "counts": packed_counts(counts)}
        ]

    def combine(
        self,
        records: Iterable[dict],
        groups: dict | None = None,
        target: str = "",
        measure: str = "chi2",
        min_count: int = 2,
        top: int | None = None,
        **_: Any,
    ) -> list[dict]:
        from speechkit.tokens.segment import unpacked_counts

        groups = groups or {}
        counts = {True: Counter(), False: Counter()}
        tokens = {True: 0, False: 0}
        for record in records:
            side = str(groups.get(record["speech"])) == target
            # packed: the view holds every speech's record until the last has told its group
            counts[side].update(unpacked_counts(*record["counts"]))
            tokens[side] += record["tokens"]
        values = sorted({str(v) for v in groups.values()})
        if not tokens[True] or not tokens[False]:
            which = "no" if not tokens[True] else "every"
            raise SpeechkitError(
                f"--target {target}: {which} speech with tokens is in the target group; "
                f"the --by values are {', '.join(values)}."
            )
        statistic = stats.g2 if measure == "lr" else stats.chi2
        name = "G2" if measure == "lr" else "chi2"
        rows = []
        for feature in counts[True].keys() | counts[False].keys():
            a, b = counts[True][feature], counts[False][feature]
            if a + b < min_count:
                continue
            value = statistic(a, b, tokens[True] - a, tokens[False] - b)
            rows.append(
                {"feature": feature, name: round(value, 6), "p": stats.p_value(value)}
                | {"n_target": a, "n_reference": b}
            )
        rows.sort(key=lambda row: (-row[name], row["feature"]))
        return rows[:top]


def _slogan_counts(text: str, lexicon: tuple) -> dict[str, int]:
    """Lexicon entries in ``text``, each counted toward its canonical form."""
    matcher = _MATCHERS.get(lexicon)
    if matcher is None:
        from speechkit.analyzers.slogans.matcher import Matcher
        from speechkit.text.lexicon import load_lexicon

        matcher = _MATCHERS[lexicon] = Matcher(load_lexicon(lexicon).form_map())
    return dict(Counter(m.slogan for m in matcher.find(text)))


KEYNESS = Keyness()
