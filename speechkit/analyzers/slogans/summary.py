"""Combine slogans' per-speech records into the corpus table and the per-speech table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence


def summary_rows(records: Iterable[dict], kinds: Sequence[str]) -> list[dict]:
    """One row per slogan seen, most frequent first (ties: more speeches, kind, name)."""
    total_chars = 0
    # slogan -> [count, speeches, first speech, first start there, its last record]: one
    # lookup a record (this runs in the main process while the workers run)
    tally: dict[str, list] = {}
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[tuple[str, str]] = set()  # (speech, slogan)
    for record in records:
        slogan = record["slogan"]
        if slogan is None:
            total_chars += record["chars"]
            continue
        speech, count, start = record["speech"], record["count"], record["first_start"]
        found = tally.get(slogan)
        if found is None:
            tally[slogan] = [count, 1, speech, start, record]
            seen.add((speech, slogan))
        else:
            found[0] += count
            if (speech, slogan) not in seen:
                seen.add((speech, slogan))
                found[1] += 1
            elif found[2] == speech and start < found[3]:
                found[3] = start
            found[4] = record
        if record["form"] != slogan:
            variants[slogan][record["form"]] += count
    rows = [
        {
            "slogan": slogan,
            "count": count,
            "speeches": speeches,
            "kind": term["kind"],
            "category": term["category"],
            "first_year": term["first_year"],
            "source": term["source"],
            "per_10k": round(count * 10_000 / total_chars, 3) if total_chars else 0.0,
            "first_speech": first_speech,
            "first_start": first_start,
            "variants": "|".join(form for form, _ in variants[slogan].most_common())
            if slogan in variants
            else "",
        }
        for slogan, (count, speeches, first_speech, first_start, term) in tally.items()
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
