"""Combine slogans' per-speech records into the corpus table and the per-speech table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence


def summary_rows(records: Iterable[dict], kinds: Sequence[str]) -> list[dict]:
    """One row per slogan seen, most frequent first (ties: more speeches, kind, name)."""
    total_chars = 0
    counts: Counter[str] = Counter()
    speeches: Counter[str] = Counter()
    first: dict[str, str] = {}
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    terms: dict[str, dict] = {}
    first_start: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for record in records:
        if record["slogan"] is None:
            total_chars += record["chars"]
            continue
        slogan, speech = record["slogan"], record["speech"]
        if (speech, slogan) not in seen:
            seen.add((speech, slogan))
            speeches[slogan] += 1
            first.setdefault(slogan, speech)
        if first[slogan] == speech:
            first_start[slogan] = min(
                first_start.get(slogan, record["first_start"]), record["first_start"]
            )
        counts[slogan] += record["count"]
        terms[slogan] = record
        if record["form"] != slogan:
            variants[slogan][record["form"]] += record["count"]
    rows = [
        {
            "slogan": slogan,
            "count": count,
            "speeches": speeches[slogan],
            "kind": terms[slogan]["kind"],
            "category": terms[slogan]["category"],
            "first_year": terms[slogan]["first_year"],
            "source": terms[slogan]["source"],
            "per_10k": round(count * 10_000 / total_chars, 3) if total_chars else 0.0,
            "first_speech": first[slogan],
            "first_start": first_start[slogan],
            "variants": "|".join(form for form, _ in variants[slogan].most_common()),
        }
        for slogan, count in counts.items()
    ]
    rows.sort(key=lambda r: (-r["count"], -r["speeches"], kinds.index(r["kind"]), r["slogan"]))
    return rows


def by_speech_rows(records: Iterable[dict], keep: set[str]) -> list[dict]:
    """``speech, slogan, count`` for the slogans in ``keep``, in corpus order; within a
    speech the most frequent first (ties in order of first occurrence)."""
    per_speech: dict[str, Counter[str]] = {}
    for record in records:
        counts = per_speech.setdefault(record["speech"], Counter())
        if record["slogan"] is not None:
            counts[record["slogan"]] += record["count"]
    return [
        {"speech": speech, "slogan": slogan, "count": count}
        for speech, counts in per_speech.items()
        for slogan, count in counts.most_common()
        if slogan in keep
    ]
