"""What the scorers share: the texts, their split, their level, and reading label files."""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
LEVELS = ("national", "provincial", "city", "county")


def splits() -> dict[str, str]:
    """Text id -> dev, test, or fresh (a round's new texts, kept out of tuning until it ends)."""
    out = {}
    for line in (HERE / "splits.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "id\t")):
            text_id, split = line.split("\t")
            out[text_id] = split
    return out


def level(text_id: str) -> str:
    return text_id.split("_")[0]


def read_tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def labelled(folder: str | Path) -> list[tuple[str, Path, list[dict]]]:
    """``(id, text path, label rows)`` for every text labelled in ``folder`` (a folder of
    eval/, or a path)."""
    out = []
    for path in sorted((HERE / folder).glob("*.tsv")):
        if path.name.endswith(".announced.tsv"):
            continue
        out.append((path.stem, TEXTS / f"{path.stem}.txt", read_tsv(path)))
    return out


def pct(n: int, d: int) -> str:
    return f"{n / d:6.1%} ({n}/{d})" if d else "     – (0/0)"
