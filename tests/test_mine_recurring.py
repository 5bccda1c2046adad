"""eval/mine_recurring.py on a tiny corpus in a bare git directory: only allowed documents are
read; a phrase counts when three documents, or two within six years, say it; boilerplate,
lexicon forms and parts said by the same documents as a longer phrase are left out."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def miner():
    path = ROOT / "eval" / "mine_recurring.py"
    spec = importlib.util.spec_from_file_location("mine_recurring", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mirror(tmp_path: Path) -> str:
    work = tmp_path / "work"
    work.mkdir()
    reports = [
        {"year": "1980", "content": "搞好整顿财经纪律工作。要稳定物价水平。坚持科学发展观。"},
        {"year": "1981", "content": "继续整顿财经纪律。坚持科学发展观。"},
        # 1983 is a test text of the eval: never read.
        {"year": "1983", "content": "实行整顿财经纪律。禁读的口号。禁读的口号。"},
        {"year": "1984", "content": "实行整顿财经纪律。搞活流通体制。坚持科学发展观。"},
        {"year": "1985", "content": "搞活流通体制。今年要扩大开放。"},
        {"year": "2000", "content": "稳定物价水平。今年要扩大开放。今年要扩大开放。"},
        {"year": None, "content": "禁读的口号"},
    ]
    congress = [
        {"congress": 12, "content": "今年要扩大开放。"},
        {"congress": 13, "content": "禁读的口号"},
    ]
    for name, rows in (("government_work_reports", reports), ("cpc_congress_reports", congress)):
        lines = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
        (work / f"{name}.jsonl").write_text(lines + "\n", encoding="utf-8")
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "corpus"], check=True)
    return str(work / ".git")


def test_recurring_phrases_of_the_allowed_documents(miner, tmp_path):
    out = tmp_path / "candidates.tsv"
    assert miner.main([_mirror(tmp_path), "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as f:
        rows = {row["phrase"]: row for row in csv.DictReader(f, delimiter="\t")}
    said = rows["整顿财经纪律"]  # three allowed documents; 1983 is not counted
    assert said["n_docs"] == "3" and said["first_source"] == "国务院政府工作报告 1980"
    assert rows["搞活流通体制"]["n_docs"] == "2"  # two documents one year apart
    assert "流通体制" not in rows  # said by the same documents as 搞活流通体制
    assert "稳定物价水平" not in rows  # two documents twenty years apart
    assert "禁读的口号" not in rows  # 1983, the 13th congress and an undated row
    assert "科学发展观" not in rows  # a lexicon form
    assert not any("今年" in phrase for phrase in rows)  # boilerplate frame
