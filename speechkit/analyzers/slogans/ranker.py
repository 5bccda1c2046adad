"""The discovery ranker (issue 12, round 18): a logistic regression over shape features of
each candidate phrase of one speech (``candidates.py`` and the hand-written families), that
keeps the candidates likely to be local slogans. No phrase is memorised: the features are the
phrase's length and shape, how the speech says it (how often, how spread, in quotes, in a
series) and which generators gave it. The weights are data,
``speechkit/data/discovery_ranker.tsv``, written by ``eval/train_discovery_ranker.py``."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from speechkit.resources import bundled_rows
from speechkit.text.numerals import COUNT_NUMERALS

MODEL_FILE = "discovery_ranker.tsv"
# Where a candidate comes from: the hand-written families (as ``rule_candidates`` returns
# them) and the wide generators of ``candidates.py``.
SOURCES = (
    "rule_numbered",
    "rule_unquoted",
    "rule_quoted",
    *(
        f"rule_{name}"
        for name in (
            "framed_quotes",
            "recurring_series",
            "keynote_series",
            "named_members",
            "counted_series",
            "clause_series",
            "led_series",
            "template_series",
            "one_piece_series",
            "anaphora_series",
            "campaign_pairs",
            "issued_rules",
            "place_slogans",
            "strong_places",
            "numbered_objects",
            "all_frames",
            "maxims",
        )
    ),
    "quote",
    "repeat",
    "parallel",
    "maxim",
)
FEATURES = (
    "bias",
    "chars",
    "chars_squared",
    "items",
    "log_count",
    "once",
    "spread",
    "quoted_share",
    "early",
    "numeral_head",
    "numeral_inside",
    "digits",
    "place",
    "lexicon_head",
    "lexicon_tail",
    "lexicon_pairs",
    "function_chars",
    "cue_before",
    "cue_after",
    *SOURCES,
)
_SEPARATORS = re.compile("[、，；]")
_FUNCTION = re.compile("[的了和与及是在对把为等着过要将就也都而并从向以于其之]")
_DIGIT = re.compile("[0-9]")


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    threshold: float

    def score(self, features: list[float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model:
    """The bundled weights: one row a feature, in ``FEATURES`` order, and the threshold."""
    rows = {name: float(value) for name, value in bundled_rows(MODEL_FILE)}
    return Model(tuple(rows[name] for name in FEATURES), rows["threshold"])


@dataclass(frozen=True)
class LexiconShape:
    """How lexicon forms start and end, and which character pairs they hold: a phrase that
    ends like 工程, 战略, 建设 or holds 强县 looks like a formulation."""

    heads: dict[str, float]
    tails: dict[str, float]
    pairs: frozenset[str]


@cache
def lexicon_shape() -> LexiconShape:
    from speechkit.text.lexicon import load_lexicon

    forms = [f for f in load_lexicon().form_map(reworded=False) if len(f) >= 2]
    heads, tails = Counter(f[0] for f in forms), Counter(f[-1] for f in forms)
    total = len(forms)
    pairs = frozenset(f[i : i + 2] for f in forms for i in range(len(f) - 1))
    return LexiconShape(
        {c: math.log1p(1000 * n / total) for c, n in heads.items()},
        {c: math.log1p(1000 * n / total) for c, n in tails.items()},
        pairs,
    )


def features(text: str, phrase: str, sources: set[str], places: frozenset[str]) -> list[float]:
    """The feature vector of ``phrase`` in one speech's ``text`` (``FEATURES`` order)."""
    bare = _SEPARATORS.sub("", phrase)
    count = max(1, text.count(phrase))
    first = text.find(phrase)
    last = text.rfind(phrase)
    size = max(1, len(text))
    quoted = text.count(f"“{phrase}”")
    shape = lexicon_shape()
    pairs = [bare[i : i + 2] for i in range(len(bare) - 1)]
    in_place = any(bare[i : i + n] in places for n in (2, 3, 4) for i in range(len(bare) - n + 1))
    return [
        1.0,
        len(bare) / 10,
        (len(bare) / 10) ** 2,
        float(len(_SEPARATORS.split(phrase))),
        math.log(count),
        float(count == 1),
        (last - first) / size if first >= 0 else 0.0,
        quoted / count,
        float(0 <= first < 200),
        float(bare[:1] in COUNT_NUMERALS),
        float(any(c in COUNT_NUMERALS for c in bare[1:])),
        float(bool(_DIGIT.search(bare))),
        float(in_place),
        shape.heads.get(bare[:1], 0.0),
        shape.tails.get(bare[-1:], 0.0),
        sum(p in shape.pairs for p in pairs) / max(1, len(pairs)),
        len(_FUNCTION.findall(bare)) / max(1, len(bare)),
        *_cued(text, phrase),
        *(float(s in sources) for s in SOURCES),
    ]


def _cued(text: str, phrase: str) -> tuple[float, float]:
    """Whether the speech says ``phrase`` after a cue word of a programme (打造, 实施, 建设)
    and before one (工程, 品牌, 战略) somewhere, quotation marks aside
    (``local_slogans.tsv``, the cues of the hand-written quote families)."""
    from speechkit.analyzers.slogans.local import cues

    cue = cues()
    leads = cue.before + cue.strong_before + cue.holds
    before = after = False
    start = text.find(phrase)
    while start >= 0 and not (before and after):
        end = start + len(phrase)
        before = before or text[max(0, start - 6) : start].rstrip("“ ").endswith(leads)
        after = after or text[end : end + 6].lstrip("” ").startswith(cue.after)
        start = text.find(phrase, end)
    return float(before), float(after)


def speech_candidates(text: str, found: dict[str, list[str]] | None = None) -> dict[str, set[str]]:
    """Every candidate of one speech's text -> the generators that gave it; ``found``: what
    the hand-written families found in it, when the caller has it."""
    from speechkit.analyzers.slogans.candidates import wide_candidates
    from speechkit.analyzers.slogans.families import families

    out = wide_candidates(text)
    for name, phrases in (families(text) if found is None else found).items():
        for phrase in phrases:
            out.setdefault(phrase, set()).add(f"rule_{name}")
    return out


def speech_places(text: str) -> frozenset[str]:
    from speechkit.analyzers.slogans.local import places

    return frozenset(places(text))


def ranked(text: str, found: dict[str, list[str]] | None = None) -> list[tuple[str, float]]:
    """The candidates of one speech that the model keeps, with their scores."""
    chosen = model()
    here = speech_places(text)
    kept = []
    for phrase, sources in speech_candidates(text, found).items():
        score = chosen.score(features(text, phrase, sources, here))
        if score >= chosen.threshold:
            kept.append((phrase, score))
    return kept
