"""Formulations and outlines: exact counts, discovery precision, outline exactness.

- Formulations (eval/slogans): a labelled entry is exact when speechkit's count for it equals
  the label's count. speechkit's count is that of the row whose slogan is the labelled
  canonical form, or of the lexicon entry whose canonical form or variants include it.
  A miss is ``absent`` (no lexicon entry holds the form) or ``wrong count``. Counts are
  summed over the speeches of the text, of ``speechkit slogans --discover`` (lexicon and
  discovered rows) and of the default command (lexicon rows only): both are printed.
- Discovery: precision of ``--discover`` candidates (source=discovered) against the labelled
  entries of category local or numbered (a candidate is right when it equals a labelled form
  of any category, or one is inside the other).
- Outlines (eval/outlines): per speech, top-level exact when the sequence of depth-1 markers
  equals the labels' (virtual ``0`` items included), nested exact when the whole sequence of
  (depth, marker) equals. Markers are compared without their trailing punctuation (第一，
  and 第一 are the same item).
- Announcements (eval/outlines/*.announced.tsv): ``directives --check`` rows whose announced
  count and found count equal the labels'.

- Local found by discovery (dev, with ``--dev``): labelled local slogans whose count a
  discovered row gives exactly, in a run whose lexicon leaves out what only the dev texts
  vouch for: the entries of category local and those whose source is a dev text ("seen in
  eval dev text …"). An unseen text has neither, so this predicts its local figure better
  than the local exact rate; the same run's exact rate over all labels is printed beside it.

``--dev`` prints the dev figures only (what a round reads while it tunes); ``-v`` adds the dev
misses. ``--batch B`` scores only the texts of ``eval/manifests/B.tsv`` (a dev or fresh batch:
a round's unseen check), its outlines and announcements and, where it has them, its formulations.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from common import HERE, LEVELS, labelled, level, pct, read_tsv, splits

import speechkit
import speechkit.analyzers.slogans as slogans_analyzer
import speechkit.analyzers.slogans.context as slogans_context
import speechkit.text.lexicon as lexicon_module
from speechkit.analyzers.slogans.matcher import QUOTES
from speechkit.ingest.clean import FULL_WIDTH
from speechkit.text.lexicon import Entry, Lexicon, load_lexicon

Tally = dict  # key -> [hits, total]
_NO_QUOTES = str.maketrans("", "", QUOTES)


def _cleaned(form: str) -> str:
    """A label's form as speechkit's cleaning writes it (ASCII punctuation full-width: a
    labelled 发挥县域优势,激发县域活力 is the speech's 发挥县域优势，激发县域活力), and as
    the lexicon stores it: without quotation marks, which never matter (a labelled
    警惕右，但主要是防止“左” is the entry 警惕右，但主要是防止左)."""
    for old, new in FULL_WIDTH.items():
        form = form.replace(old, new)
    return form.translate(_NO_QUOTES)


def _forms(label: dict) -> list[str]:
    return [_cleaned(f) for f in [label["canonical"], *filter(None, label["variants"].split("|"))]]


def _forms_owner() -> dict[str, str]:
    return load_lexicon().form_map()


def _text_counts(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Counts of ``speechkit slogans --discover`` summed over the text's speeches, and the
    same without the discovered rows (what ``speechkit slogans`` gives by default)."""
    counts: dict[str, int] = defaultdict(int)
    lexicon: dict[str, int] = defaultdict(int)
    for row in speechkit.rows("slogans", str(path), discover=True):
        counts[row["slogan"]] += row["count"]
        if row["source"] != "discovered":
            lexicon[row["slogan"]] += row["count"]
    return counts, lexicon


def score_formulations(
    only: set[str] | None = None,
    folder: str | Path = "slogans",
    text_counts: Callable[[Path], tuple[dict[str, int], dict[str, int]]] | None = None,
) -> tuple[dict, dict]:
    """Exact counts by split (and level, category, cause); ``folder`` another labelling of
    the same texts, ``text_counts`` speechkit's counts of a text (eval/agreement.py
    --speechkit scores two labellings against one run per text)."""
    text_counts = text_counts or _text_counts
    split_of, owner = splits(), _forms_owner()
    tally: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: dict = defaultdict(list)
    for text_id, path, labels in labelled(folder):
        if only is not None and text_id not in only:
            continue
        split = split_of[text_id]
        counts, lexicon_counts = text_counts(path)
        for label in labels:
            forms = _forms(label)
            canonical, want = forms[0], int(label["count"])
            entry = next((owner[f] for f in forms if f in owner), None)
            got = counts.get(entry or canonical, 0)
            exact = got == want
            tally[split]["default"][0] += lexicon_counts.get(entry or canonical, 0) == want
            tally[split]["default"][1] += 1
            cause = "" if exact else ("absent" if entry is None else "wrong count")
            keys = ("all", f"level:{level(text_id)}", f"category:{label['category']}")
            for key in keys:
                tally[split][key][0] += exact
                tally[split][key][1] += 1
            if not exact:
                tally[split][f"miss:{cause}"][0] += 1
                misses[split].append((text_id, canonical, entry, want, got, cause))
    return tally, misses


def vouched_by_dev(entry: Entry, dev_ids: set[str]) -> bool:
    """Whether only the dev texts vouch for a lexicon entry: a local one, or one whose source
    says it was seen in a dev text (the entries added from dev labels no central document
    was found for)."""
    if entry.category == "local":
        return True
    seen = re.search(r"seen in eval dev text (\w+)", entry.cited)
    return seen is not None and seen.group(1) in dev_ids


@contextmanager
def lexicon_without_dev(dev_ids: set[str]) -> Iterator[int]:
    """Run speechkit with the bundled lexicon minus the entries only dev texts vouch for
    (yields how many were left out). The lexicon module is the one place the bundled
    entries are read, so its loader is what is swapped; the caches built from it (the
    bundled context, the index of longer forms) are bypassed and cleared."""
    full = lexicon_module.bundled_lexicon()
    kept = Lexicon(tuple(e for e in full if not vouched_by_dev(e, dev_ids)))
    saved = lexicon_module.bundled_lexicon, slogans_context.bundled_context
    lexicon_module.bundled_lexicon = lambda: kept  # type: ignore[assignment]
    slogans_context.bundled_context = lambda: slogans_context.make_context(kept, {})
    slogans_analyzer._longer_forms.cache_clear()
    try:
        yield len(full) - len(kept)
    finally:
        lexicon_module.bundled_lexicon, slogans_context.bundled_context = saved
        slogans_analyzer._longer_forms.cache_clear()


def score_local_discovery() -> tuple[int, int, int, int, int]:
    """Dev: (local labels a discovered row counts exactly, local labels, exact labels, all
    labels, entries left out), with the lexicon of ``lexicon_without_dev``."""
    split_of = splits()
    dev_ids = {i for i, s in split_of.items() if s == "dev"}
    found = local = exact = total = 0
    with lexicon_without_dev(dev_ids) as dropped:
        owner = _forms_owner()
        for text_id, path, labels in labelled("slogans"):
            if text_id not in dev_ids:
                continue
            rows = speechkit.rows("slogans", str(path), discover=True)
            counts: dict[str, int] = defaultdict(int)
            discovered: dict[str, int] = defaultdict(int)
            for row in rows:
                counts[row["slogan"]] += row["count"]
                if row["source"] == "discovered":
                    discovered[row["slogan"]] += row["count"]
            for label in labels:
                forms = _forms(label)
                want = int(label["count"])
                entry = next((owner[f] for f in forms if f in owner), None)
                exact += counts.get(entry or forms[0], 0) == want
                total += 1
                if label["category"] == "local":
                    local += 1
                    found += any(discovered.get(f, 0) == want for f in forms)
    return found, local, exact, total, dropped


def _same(a: str, b: str) -> bool:
    return a == b or (len(a) >= 2 and len(b) >= 2 and (a in b or b in a))


def score_discovery(only: set[str] | None = None) -> tuple[dict, dict]:
    split_of = splits()
    tally: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    wrong: dict = defaultdict(list)
    for text_id, path, labels in labelled("slogans"):
        if only is not None and text_id not in only:
            continue
        split = split_of[text_id]
        all_forms = [f for label in labels for f in _forms(label)]
        local = [label for label in labels if label["category"] in ("local", "numbered")]
        rows = speechkit.rows("slogans", str(path), discover=True)
        found = [r for r in rows if r["source"] == "discovered"]
        for row in found:
            ok = any(_same(row["slogan"], f) for f in all_forms)
            tally[split]["precision"][0] += ok
            tally[split]["precision"][1] += 1
            tally[split][f"level:{level(text_id)}"][0] += ok
            tally[split][f"level:{level(text_id)}"][1] += 1
            if not ok:
                wrong[split].append((text_id, row["slogan"], row["count"]))
        for label in local:
            forms = _forms(label)
            hit = any(_same(r["slogan"], f) for r in found for f in forms)
            tally[split]["recall"][0] += hit
            tally[split]["recall"][1] += 1
    return tally, wrong


_TRAIL = re.compile(r"[，、：,:.．\s]+$")


def _marker(text: str) -> str:
    text = _TRAIL.sub("", text.strip())
    return text.replace("(", "（").replace(")", "）")


def score_outlines(only: set[str] | None = None) -> tuple[dict, dict]:
    split_of = splits()
    tally: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    wrong: dict = defaultdict(list)
    for text_id, path, labels in labelled("outlines"):
        if only is not None and text_id not in only:
            continue
        split = split_of[text_id]
        want: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for label in labels:
            want[int(label["speech"])].append((int(label["depth"]), _marker(label["marker"])))
        got: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for row in speechkit.rows("directives", str(path)):
            ordinal = int(row["speech"].rsplit("-", 1)[1])
            if row["path"] == "0.1":  # the first item under the virtual 0
                got[ordinal].append((1, "0"))
            got[ordinal].append((int(row["level"]), _marker(row["marker"])))
        for ordinal, items in want.items():
            found = got.get(ordinal, [])
            top_ok = [m for d, m in items if d == 1] == [m for d, m in found if d == 1]
            nested_ok = items == found
            for key, ok in (("top", top_ok), ("nested", nested_ok)):
                for k in (key, f"{key}:{level(text_id)}"):
                    tally[split][k][0] += ok
                    tally[split][k][1] += 1
            if not nested_ok:
                wrong[split].append((text_id, ordinal, top_ok))
        announced = HERE / "outlines" / f"{text_id}.announced.tsv"
        if announced.exists():
            checks = speechkit.rows("directives", str(path), check=True)
            for label in read_tsv(announced):
                row = next((r for r in checks if r["phrase"].endswith(label["surface"])), None)
                ok = (
                    row is not None
                    and row["announced"] == int(label["count"])
                    and row["found"] == int(label["found"])
                )
                tally[split]["announced"][0] += ok
                tally[split]["announced"][1] += 1
                if not ok:
                    wrong[split].append((text_id, "announced", label["surface"], row))
    return tally, wrong


def main(verbose: bool = False, splits_shown: tuple[str, ...] = ("dev", "test")) -> None:
    form_tally, misses = score_formulations()
    disc_tally, disc_wrong = score_discovery()
    out_tally, out_wrong = score_outlines()
    print("== formulations (labels: eval/slogans; rows: speechkit slogans --discover) ==")
    for split in splits_shown:
        t = form_tally[split]
        print(f"-- {split}")
        print(f"  exact counts (--discover)   {pct(*t['all'])}")
        print(f"  exact counts (default)      {pct(*t['default'])}")
        for cause in ("absent", "wrong count"):
            print(f"  missed: {cause:<19} {t[f'miss:{cause}'][0]}")
        for lvl in LEVELS:
            if f"level:{lvl}" in t:
                print(f"  exact {lvl:<21} {pct(*t[f'level:{lvl}'])}")
        for key in sorted(k for k in t if k.startswith("category:")):
            print(f"  exact {key[9:]:<21} {pct(*t[key])}")
        d = disc_tally[split]
        print(f"  discovery precision         {pct(*d['precision'])}")
        print(f"  local/numbered found        {pct(*d['recall'])}")
        if split == "dev" and splits_shown == ("dev",):
            found, local, exact, total, dropped = score_local_discovery()
            print(f"  local found by discovery    {pct(found, local)}")
            print(f"  exact, dev-only entries off {pct(exact, total)} ({dropped} entries off)")
        if verbose and split == "dev":  # tune on dev only: test misses are never printed
            for miss in misses[split]:
                print("   miss", *miss)
            for row in disc_wrong[split]:
                print("   not labelled", *row)
    print("== outlines (labels: eval/outlines; rows: speechkit directives) ==")
    for split in splits_shown:
        t = out_tally[split]
        print(f"-- {split}")
        print(f"  top level exact             {pct(*t['top'])}")
        print(f"  nested exact                {pct(*t['nested'])}")
        for lvl in LEVELS:
            if f"top:{lvl}" in t:
                print(f"  top/nested {lvl:<16} {pct(*t[f'top:{lvl}'])} {pct(*t[f'nested:{lvl}'])}")
        print(f"  announced = found           {pct(*t['announced'])}")
        if verbose and split == "dev":
            for row in out_wrong[split]:
                print("   wrong", *row)


def _print_outlines(title: str, t: dict) -> None:
    print(title)
    print(f"  top level exact             {pct(*t['top'])}")
    print(f"  nested exact                {pct(*t['nested'])}")
    print(f"  announced = found           {pct(*t['announced'])}")


def main_batch(batch: str) -> None:
    """Exact counts and discovery precision on the texts of one batch
    (eval/manifests/<batch>.tsv) only: the unseen check of a new round, scored before the
    round's texts are tuned on. The batch is dev, or ``fresh``: labelled and held out of dev
    while a round tunes, to measure on texts it never tuned on (never test)."""
    only = {row["id"] for row in read_tsv(HERE / "manifests" / f"{batch}.tsv")}
    split_of = splits()
    batch_splits = {split_of.get(i) for i in only}
    if len(batch_splits) != 1 or not batch_splits <= {"dev", "fresh"}:
        raise SystemExit(f"{batch}: only dev or fresh batches can be scored on their own")
    (split,) = batch_splits
    out_tally, out_wrong = score_outlines(only)
    if out_tally[split]:
        _print_outlines(f"== outlines of {batch} ({len(only)} texts, {split}) ==", out_tally[split])
        for row in out_wrong[split]:
            print("   wrong", *row)
    if not any((HERE / "slogans" / f"{i}.tsv").exists() for i in only):
        return
    tally, misses = score_formulations(only)
    disc_tally, disc_wrong = score_discovery(only)
    t, d = tally[split], disc_tally[split]
    print(f"== formulations of {batch} ({len(only)} texts, {split}) ==")
    print(f"  exact counts (--discover)   {pct(*t['all'])}")
    for lvl in LEVELS:
        if f"level:{lvl}" in t:
            print(f"  exact {lvl:<21} {pct(*t[f'level:{lvl}'])}")
    print(f"  discovery precision         {pct(*d['precision'])}")
    for miss in misses[split]:
        print("   miss", *miss)
    for row in disc_wrong[split]:
        print("   not labelled", *row)


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv):
        print(__doc__)  # (not the scores: a round that tunes must not see test figures by asking)
    elif "--batch" in sys.argv:
        main_batch(sys.argv[sys.argv.index("--batch") + 1])
    else:
        # --dev: the dev figures alone (a round that tunes reads no test figure while it does)
        shown = ("dev",) if "--dev" in sys.argv else ("dev", "test")
        main(verbose="-v" in sys.argv, splits_shown=shown)
