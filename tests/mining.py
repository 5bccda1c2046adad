"""What the tests of eval's lexicon miners share: the script as a module, and a tiny corpus in
the layout of aldohemsn/chinese-political-corpora, committed to a git directory."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def eval_script(name: str):
    """``eval/NAME.py`` loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def central_mirror(tmp_path: Path, reports: list[dict], congress: list[dict]) -> str:
    """A git directory whose HEAD holds ``reports`` and ``congress`` as the corpus's jsonl files."""
    work = tmp_path / "work"
    work.mkdir()
    for name, rows in (("government_work_reports", reports), ("cpc_congress_reports", congress)):
        lines = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
        (work / f"{name}.jsonl").write_text(lines + "\n", encoding="utf-8")
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "corpus"], check=True)
    return str(work / ".git")


def mined_rows(miner, mirror: str, tmp_path: Path) -> dict[str, dict]:
    """The miner's rows on ``mirror``, by phrase (its exit status checked)."""
    out = tmp_path / "candidates.tsv"
    assert miner.main([mirror, "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as f:
        return {row["phrase"]: row for row in csv.DictReader(f, delimiter="\t")}


def sheet_rows(name: str) -> list[dict[str, str]]:
    """The rows of the vetting sheet ``eval/lexicon_mining/NAME.tsv``, its comments left out."""
    with (ROOT / "eval" / "lexicon_mining" / f"{name}.tsv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))
