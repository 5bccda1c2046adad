"""How far two labellings of the same texts' formulations agree (round 36, issue 12).

Scores a second label set (default ``eval/second_labeller/``) against the first
(``eval/slogans/``) with the scorer's rule of exactness: an entry of the reference labelling is
matched when the other labelling has an entry sharing a form with it (canonical or variant,
after the scorer's ``_cleaned``: full-width punctuation, no quotation marks), and exact when
that entry's count is equal. A reference entry that shares no form is ``left out``; one that
shares a form but not the count is ``wrong count``. The other labelling's entries that share
no form with any reference entry are ``only in other``.

Printed both ways: the second labeller on the first's entries (the figure comparable to
speechkit's exact rate), then the first on the second's. Only the texts both label are read.

    python eval/agreement.py [-v] [--second eval/second_labeller] [--first eval/slogans]
        [--speechkit]   # and speechkit's exact rate on those texts against each labelling
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from common import HERE, level, pct, read_tsv
from score_slogans import _forms

EXACT, WRONG, LEFT_OUT = "exact", "wrong count", "left out"


def _shared(forms: set[str], other: set[str], nested: bool) -> bool:
    if nested:
        return any(a in b or b in a for a in forms for b in other)
    return bool(forms & other)


def compare(
    reference: list[dict], other: list[dict], nested: bool = False
) -> tuple[list[tuple], list[dict]]:
    """Each reference row as ``(row, status, other row or None)``, and the other's rows that
    share no form with any reference row. ``nested``: a form inside the other's form is shared
    too (how much of the disagreement is only the span: 打造省域副中心 and 省域副中心)."""
    other_forms = [(row, set(_forms(row))) for row in other]
    judged, touched = [], set()
    for row in reference:
        forms = set(_forms(row))
        sharing = [(i, o) for i, (o, of) in enumerate(other_forms) if _shared(forms, of, nested)]
        touched.update(i for i, _ in sharing)
        same = [o for _, o in sharing if int(o["count"]) == int(row["count"])]
        if same:
            judged.append((row, EXACT, same[0]))
        elif sharing:
            judged.append((row, WRONG, sharing[0][1]))
        else:
            judged.append((row, LEFT_OUT, None))
    only = [o for i, (o, _) in enumerate(other_forms) if i not in touched]
    return judged, only


def _label_sets(first: Path, second: Path) -> dict[str, tuple[list[dict], list[dict]]]:
    out = {}
    for path in sorted(second.glob("*.tsv")):
        if (first / path.name).exists():
            out[path.stem] = (read_tsv(first / path.name), read_tsv(path))
    return out


def report(sets: dict[str, tuple[list[dict], list[dict]]], title: str, verbose: bool) -> None:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    causes: dict[str, int] = defaultdict(int)
    only_count, recategorised, nested_exact, detail = 0, 0, 0, []
    for text_id, (reference, other) in sets.items():
        judged, only = compare(reference, other)
        nested_exact += sum(s == EXACT for _, s, _ in compare(reference, other, nested=True)[0])
        for row, status, match in judged:
            for key in ("all", f"level:{level(text_id)}", f"category:{row['category']}"):
                tally[key][0] += status == EXACT
                tally[key][1] += 1
            causes[status] += 1
            if match is not None and match["category"] != row["category"]:
                recategorised += 1
            if status != EXACT or verbose:
                got = match["count"] if match else "-"
                detail.append(
                    f"  {status:11} {text_id} {row['canonical']} [{row['category']}] "
                    f"{row['count']} vs {got}"
                    + (
                        f" ({match['canonical']})"
                        if match and match["canonical"] != row["canonical"]
                        else ""
                    )
                )
        only_count += len(only)
        detail += [
            f"  only other  {text_id} {o['canonical']} [{o['category']}] {o['count']}" for o in only
        ]
    print(f"== {title}")
    print(f"  exact:        {pct(*tally['all'])}")
    print(f"  exact, a form inside the other's shared: {pct(nested_exact, tally['all'][1])}")
    for key in sorted(tally):
        if key != "all":
            print(f"  {key:32} {pct(*tally[key])}")
    print(
        f"  left out: {causes[LEFT_OUT]}, wrong count: {causes[WRONG]}, "
        f"only in other: {only_count}, matched with another category: {recategorised}"
    )
    if verbose:
        print("\n".join(detail))


# What `make eval` reads: the second labelling of 13 dev texts (round 36), and that of the
# test texts (round 38), each with speechkit's figures on the same texts.
MAKE_EVAL_SETS = (HERE / "second_labeller", HERE / "second_labeller" / "test")


def main(argv: Sequence[str] = ()) -> None:
    """The report; ``argv`` as on the command line (none from `make eval`, which reports
    every folder of ``MAKE_EVAL_SETS``, with speechkit)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="every entry, not only misses")
    parser.add_argument("--first", type=Path, default=HERE / "slogans", help="reference labels")
    parser.add_argument("--second", type=Path, default=HERE / "second_labeller")
    parser.add_argument(
        "--speechkit",
        action="store_true",
        help="also speechkit's exact rate on the same texts against each labelling",
    )
    args = parser.parse_args(list(argv))
    seconds = [args.second]
    if not argv:
        seconds, args.speechkit = [f for f in MAKE_EVAL_SETS if f.is_dir()], True
    for folder in (args.first, *seconds):
        if not folder.is_dir():
            parser.error(f"{folder}: no such folder of label files")
    for second in seconds:
        _report_pair(args.first, second, args.verbose, args.speechkit)


def _report_pair(first: Path, second: Path, verbose: bool, with_speechkit: bool) -> None:
    sets = _label_sets(first, second)
    name = second.relative_to(HERE.parent) if second.is_relative_to(HERE.parent) else second
    print(f"== labellers' agreement ({name}): {len(sets)} texts labelled twice")
    report(sets, "second labeller on the first's entries", verbose)
    swapped = {text_id: (b, a) for text_id, (a, b) in sets.items()}
    report(swapped, "first labeller on the second's entries", verbose)
    if with_speechkit:
        print("== speechkit slogans --discover on the same texts")
        exact = speechkit_exact((first, second), set(sets))
        for name, figure in zip(("first", "second"), exact, strict=True):
            print(f"  on the {name} labeller's entries: {pct(*figure)}")


def speechkit_exact(folders: Sequence[Path], ids: set[str]) -> list[tuple[int, int]]:
    """speechkit's exact counts on the entries of each of ``folders`` for the texts ``ids``,
    by the scorer's rule (eval/score_slogans.py), all splits together; speechkit runs once
    per text for all the folders."""
    from score_slogans import _text_counts, score_formulations

    once = functools.cache(_text_counts)
    out = []
    for folder in folders:
        tally, _ = score_formulations(only=ids, folder=folder, text_counts=once)
        out.append(
            (sum(t["all"][0] for t in tally.values()), sum(t["all"][1] for t in tally.values()))
        )
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
