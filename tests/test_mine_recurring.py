"""eval/mine_recurring.py on a tiny corpus in a bare git directory: only allowed documents are
read; a phrase counts when three documents, or two within six years, say it; boilerplate,
lexicon forms and parts said by the same documents as a longer phrase are left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from .mining import central_mirror, eval_script, mined_rows


@pytest.fixture(scope="module")
def miner():
    return eval_script("mine_recurring")


def _mirror(tmp_path: Path) -> str:
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
    return central_mirror(tmp_path, reports, congress)


def test_recurring_phrases_of_the_allowed_documents(miner, tmp_path):
    rows = mined_rows(miner, _mirror(tmp_path), tmp_path)
    said = rows["整顿财经纪律"]  # three allowed documents; 1983 is not counted
    assert said["n_docs"] == "3" and said["first_source"] == "国务院政府工作报告 1980"
    assert rows["搞活流通体制"]["n_docs"] == "2"  # two documents one year apart
    assert "流通体制" not in rows  # said by the same documents as 搞活流通体制
    assert "稳定物价水平" not in rows  # two documents twenty years apart
    assert "禁读的口号" not in rows  # 1983, the 13th congress and an undated row
    assert "科学发展观" not in rows  # a lexicon form
    assert not any("今年" in phrase for phrase in rows)  # boilerplate frame
