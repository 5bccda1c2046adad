"""eval/mine_quoted.py on a tiny corpus in a bare git directory: only allowed documents are read,
and quotes, frames and series are found with their earliest document."""

from __future__ import annotations

from pathlib import Path

import pytest

from .mining import central_mirror, eval_script, mined_rows


@pytest.fixture(scope="module")
def miner():
    return eval_script("mine_quoted")


def _mirror(tmp_path: Path) -> str:
    reports = [
        # 1983 is a test text of the eval: never read.
        {"year": "1983", "content": "坚持“禁用口号”。实施甲乙丙丁战略。"},
        {
            "year": "1984",
            "content": "坚持“调放结合”的方针。实施甲乙丙丁战略。形成东方、南方、西方的格局。",
        },
        {
            "year": "1986",
            "content": "继续“调放结合”。加快实施甲乙丙丁战略，形成东方、南方、西方的格局。",
        },
        {"year": None, "content": "“决议口号”"},
    ]
    congress = [
        {"congress": 12, "content": "实施戊己庚战略。"},
        {"congress": 13, "content": "“禁用口号”"},
    ]
    return central_mirror(tmp_path, reports, congress)


def test_candidates_of_the_allowed_documents(miner, tmp_path):
    rows = mined_rows(miner, _mirror(tmp_path), tmp_path)
    assert "禁用口号" not in rows and "决议口号" not in rows  # 1983 and the 13th congress
    quoted = rows["调放结合"]
    assert quoted["kinds"] == "quoted" and quoted["n_docs"] == "2"
    assert quoted["first_source"] == "国务院政府工作报告 1984"
    frame = rows["甲乙丙丁"]  # 实施X战略 in two allowed documents (1983 not counted)
    assert frame["n_docs"] == "2" and frame["first_year"] == "1984"
    assert "戊己庚" not in rows  # a frame said in one document only
    assert rows["东方、南方、西方"]["kinds"] == "series"
