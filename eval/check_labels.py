"""Check the labelled sets: every offset points at its surface, every column is known.

Usage: python eval/check_labels.py [ID ...]   (no ID: every labelled text)
Exit 1 with one line per problem.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TARGET_COLUMNS = [
    "start",
    "end",
    "surface",
    "label",
    "type",
    "family",
    "kind",
    "indicator",
    "value",
    "unit",
    "comparator",
    "year",
    "note",
]
SLOGAN_COLUMNS = ["canonical", "variants", "count", "category", "first_year", "note"]
OUTLINE_COLUMNS = ["speech", "depth", "marker", "start", "snippet"]
TYPES = {"goal", "standard", "allocation"}
FAMILIES = {"goal_list", "horizon", "sector_goal", "allocation", "standard", "plain_goal"}
KINDS = {"result", "baseline", "forecast", "definition", "elapsed", "quoted", "other"}
CATEGORIES = {"core", "policy", "campaign", "local", "numbered"}


def read_tsv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return list(reader.fieldnames or []), list(reader)


def check_targets(text: str, path: Path) -> list[str]:
    header, rows = read_tsv(path)
    problems = [] if header == TARGET_COLUMNS else [f"{path}: header {header}"]
    for n, row in enumerate(rows, 2):
        where = f"{path}:{n}"
        try:
            start, end = int(row["start"]), int(row["end"])
        except (TypeError, ValueError):
            problems.append(f"{where}: bad offsets")
            continue
        if text[start:end] != row["surface"]:
            problems.append(
                f"{where}: text[{start}:{end}]={text[start:end]!r} != {row['surface']!r}"
            )
        if row["label"] == "target":
            if row["type"] not in TYPES or row["family"] not in FAMILIES:
                problems.append(f"{where}: target needs type in {TYPES} and family in {FAMILIES}")
        elif row["label"] == "nontarget":
            if row["kind"] not in KINDS:
                problems.append(f"{where}: nontarget needs kind in {KINDS}")
        else:
            problems.append(f"{where}: label must be target or nontarget")
    return problems


def check_slogans(text: str, path: Path) -> list[str]:
    header, rows = read_tsv(path)
    problems = [] if header == SLOGAN_COLUMNS else [f"{path}: header {header}"]
    for n, row in enumerate(rows, 2):
        forms = [row["canonical"], *filter(None, (row["variants"] or "").split("|"))]
        if not any(form in text for form in forms):
            problems.append(f"{path}:{n}: {row['canonical']} not in the text")
        if row["category"] not in CATEGORIES or not (row["count"] or "").isdigit():
            problems.append(f"{path}:{n}: needs category in {CATEGORIES} and a count")
    return problems


def check_outline(text: str, path: Path) -> list[str]:
    header, rows = read_tsv(path)
    problems = [] if header == OUTLINE_COLUMNS else [f"{path}: header {header}"]
    for n, row in enumerate(rows, 2):
        if row["marker"] == "0":
            continue
        start = int(row["start"])
        if not text.startswith(row["marker"], start):
            problems.append(f"{path}:{n}: marker {row['marker']!r} not at {start}")
    return problems


def main(ids: list[str]) -> int:
    problems = []
    texts = sorted((ROOT / "texts").glob("*.txt"))
    for text_path in texts:
        if ids and text_path.stem not in ids:
            continue
        text = text_path.read_text(encoding="utf-8")
        for folder, check in (
            ("targets", check_targets),
            ("slogans", check_slogans),
            ("outlines", check_outline),
        ):
            path = ROOT / folder / f"{text_path.stem}.tsv"
            if path.exists():
                problems += check(text, path)
    print("\n".join(problems) or f"ok: {len(texts)} texts")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
