"""Targets: recall of labelled targets, non-targets reported as targets, per family and level.

A labelled quantity is found when a row of `speechkit targets --all` overlaps its span (raw
offsets into the text file). It is reported as a target when that row's kind is `target`.
"""

from __future__ import annotations

from collections import defaultdict

from common import HERE, LEVELS, labelled, level, pct, read_tsv, splits

import speechkit


def overlapping(rows: list[dict], start: int, end: int) -> list[dict]:
    return [r for r in rows if r["start"] < end and start < r["end"]]


def score() -> dict:
    split_of = splits()
    tally: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    extra = defaultdict(int)
    filled = defaultdict(lambda: [0, 0])
    for text_id, path, labels in labelled("targets"):
        split = split_of[text_id]
        rows = speechkit.rows("targets", str(path), all=True)
        targets = [r for r in rows if r["kind"] == "target"]
        claimed = set()
        for label in labels:
            start, end = int(label["start"]), int(label["end"])
            hits = overlapping(targets, start, end)
            claimed.update(id(r) for r in hits)
            if label["label"] == "target":
                for key in ("all", f"family:{label['family']}", f"level:{level(text_id)}"):
                    tally[split][key][0] += bool(hits)
                    tally[split][key][1] += 1
                if hits:
                    filled[split][0] += any(r.get("indicator_id") for r in hits)
                    filled[split][1] += 1
            else:
                tally[split]["false"][0] += bool(hits)
                tally[split]["false"][1] += 1
                tally[split][f"false:{label['kind']}"][0] += bool(hits)
                tally[split][f"false:{label['kind']}"][1] += 1
        extra[split] += sum(1 for r in targets if id(r) not in claimed)
    return {"tally": tally, "extra": extra, "filled": filled}


SEED = HERE.parent / "corpus" / "speeches_2022_traditional_dump.txt"
SEED_LABELS = HERE.parent / "tests" / "data" / "seed_targets.tsv"


def score_seed() -> tuple[int, int, int, int]:
    """(labelled targets found, labelled targets, target rows on no label, target rows) on the
    bundled sample, against tests/data/seed_targets.tsv (every target of the sample)."""
    labels = read_tsv(SEED_LABELS)
    rows = [r for r in speechkit.rows("targets", str(SEED)) if r["kind"] == "target"]
    found = sum(1 for lab in labels if overlapping(rows, int(lab["start"]), int(lab["end"])))
    spans = [(int(lab["start"]), int(lab["end"])) for lab in labels]
    false = sum(1 for r in rows if not any(overlapping([r], s, e) for s, e in spans))
    return found, len(labels), false, len(rows)


def main() -> None:
    result = score()
    tally, extra, filled = result["tally"], result["extra"], result["filled"]
    print("== targets (labels: eval/targets; rows: speechkit targets --all) ==")
    for split in ("dev", "test"):
        t = tally[split]
        print(f"-- {split}")
        print(f"  recall of targets           {pct(*t['all'])}")
        print(f"  non-targets called targets  {pct(*t['false'])}")
        print(f"  target rows on no label     {extra[split]}")
        print(f"  indicator_id filled         {pct(*filled[split])}")
        for key in sorted(k for k in t if k.startswith("family:")):
            print(f"  recall {key[7:]:<20} {pct(*t[key])}")
        for lvl in LEVELS:
            if f"level:{lvl}" in t:
                print(f"  recall {lvl:<20} {pct(*t[f'level:{lvl}'])}")
        for key in sorted(k for k in t if k.startswith("false:")):
            print(f"  called target: {key[6:]:<12} {pct(*t[key])}")
    found, labelled_targets, false, rows = score_seed()
    print("-- seed (corpus/speeches_2022_traditional_dump.txt, every target labelled)")
    print(f"  recall of targets           {pct(found, labelled_targets)}")
    print(f"  target rows on no label     {false} of {rows}")


if __name__ == "__main__":
    main()
