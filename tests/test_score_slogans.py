"""eval/score_slogans.py: "local found by discovery" (the lexicon without the entries only dev
texts vouch for, swapped in for a run and put back after it), and a help that shows no
scores."""

from __future__ import annotations

import sys

import pytest

import speechkit
from speechkit.text.lexicon import Entry

from .mining import ROOT, eval_script


@pytest.fixture(scope="module")
def scorer():
    sys.path.insert(0, str(ROOT / "eval"))  # the scorer imports its neighbour common.py
    try:
        yield eval_script("score_slogans")
    finally:
        sys.path.remove(str(ROOT / "eval"))


def _entry(category: str, cited: str) -> Entry:
    return Entry("某提法", (), category, "", cited=cited)


def test_entries_only_dev_texts_vouch_for(scorer):
    dev = {"provincial_fujian_work_report_2026"}
    seen = "not found in the central documents searched; seen in eval dev text "
    assert scorer.vouched_by_dev(_entry("core", seen + "provincial_fujian_work_report_2026"), dev)
    assert scorer.vouched_by_dev(_entry("local", "in the 2026 government work report of 吉林"), dev)
    # a central source, or a text of another split, vouches for itself
    assert not scorer.vouched_by_dev(_entry("policy", "国务院政府工作报告 1984"), dev)
    assert not scorer.vouched_by_dev(_entry("core", seen + "national_work_report_2010"), dev)


def test_the_lexicon_without_them_is_swapped_in_for_a_run_only(scorer, tmp_path):
    # 一张蓝图绘到底 is an entry known only from a dev text (Fujian 2026); 高质量发展 is central
    path = tmp_path / "speech.txt"
    path.write_text("坚持一张蓝图绘到底，推动高质量发展。\n", encoding="utf-8")

    def lexicon_rows() -> set[str]:
        rows = speechkit.rows("slogans", str(path), discover=True)
        return {r["slogan"] for r in rows if r["source"] == "lexicon"}

    with scorer.lexicon_without_dev({"provincial_fujian_work_report_2026"}) as dropped:
        assert dropped >= 1
        assert lexicon_rows() == {"高质量发展"}
    assert lexicon_rows() == {"一张蓝图绘到底", "高质量发展"}


def test_asking_for_help_prints_the_usage_not_the_scores():
    """A round that tunes must not see test figures by asking how the scorer is used."""
    import subprocess

    out = subprocess.run(
        [sys.executable, str(ROOT / "eval" / "score_slogans.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "--dev" in out.stdout
    assert "== formulations (labels" not in out.stdout  # the scores' heading
