"""Combine slogans' per-speech records into the corpus table and the per-speech table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

# What ``Slogans.per_speech`` found in a speech: its record's ``found`` holds one such tuple
# per (slogan, form) seen, in order of first occurrence.
FOUND = ("slogan", "form", "count", "first_start", "kind", "category", "first_year", "source")


def summary_rows(records: Iterable[dict], kinds: Sequence[str]) -> list[dict]:
    """One row per slogan seen, most frequent first (ties: more speeches, kind, name)."""
    total_chars = 0
    # slogan -> [count, speeches, first speech, first start there, its last FOUND tuple]: one
    # lookup a slogan found (this runs in the main process while the workers run)
    tally: dict[str, list] = {}
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[tuple[str, str]] = set()  # (speech, slogan)
    for record in records:
        total_chars += record["chars"]
        speech = record["speech"]
        for item in record["found"]:
            slogan, form, count, start, _, _, _, _ = item
            found = tally.get(slogan)
            if found is None:
                tally[slogan] = [count, 1, speech, start, item]
                seen.add((speech, slogan))
            else:
                found[0] += count
                if (speech, slogan) not in seen:
                    seen.add((speech, slogan))
                    found[1] += 1
                elif found[2] == speech and start < found[3]:
                    found[3] = start
                found[4] = item
            if form != slogan:
                variants[slogan][form] += count
    rows = [
        {
            "slogan": slogan,
            "count": count,
            "speeches": speeches,
            "kind": item[4],
            "category": item[5],
            "first_year": item[6],
            "source": item[7],
            "per_10k": round(count * 10_000 / total_chars, 3) if total_chars else 0.0,
            "first_speech": first_speech,
            "first_start": first_start,
            "variants": "|".join(form for form, _ in variants[slogan].most_common())
            if slogan in variants
            else "",
        }
        for slogan, (count, speeches, first_speech, first_start, item) in tally.items()
    ]
    rows.sort(key=lambda r: (-r["count"], -r["speeches"], kinds.index(r["kind"]), r["slogan"]))
    return rows


def by_speech_rows(records: Iterable[dict], keep: set[str]) -> list[dict]:
    """``speech, slogan, count`` for the slogans in ``keep``, in corpus order; within a
    speech the most frequent first (ties in order of first occurrence)."""
    per_speech: dict[str, Counter[str]] = {}
    for record in records:
        counts = per_speech.setdefault(record["speech"], Counter())
        for slogan, _, count, _, _, _, _, _ in record["found"]:
            counts[slogan] += count
    return [
        {"speech": speech, "slogan": slogan, "count": count}
        for speech, counts in per_speech.items()
        for slogan, count in counts.most_common()
        if slogan in keep
    ]
