"""The discovery ranker of issue 12, round 18 (`slogans --discover --ranker add|replace`):
the wide candidate generators, the model file, and what the model keeps and drops on real
sentences."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from speechkit.analyzers.slogans import candidates, ranker
from speechkit.cli import cli
from speechkit.resources import bundled_rows, bundled_text

from .test_slogans import SAMPLE

# Xushui 2011 and Fuping 2013 (eval dev texts), Yixian 2017's couplet, as the cleaned text
XUSHUI = (
    "加快县城工业园区和大王店产业园区基础设施建设，坚持资金向园区投放，政策向园区倾斜，"
    "资源向园区整合，产业向园区聚集，将县城工业园区和大王店产业园区打造成为全县经济发展的主平台。"
)
FUPING = "宁在苦中干、不在苦中熬、不在苦中等，大干、苦干、实干，挑起担子、扑下身子、干出样子！"


def test_parallel_clauses_take_the_ends_of_the_pieces_around_them():
    assert candidates.parallel_clauses(XUSHUI) == [
        "资金向园区投放，政策向园区倾斜，资源向园区整合，产业向园区聚集"
    ]
    assert candidates.parallel_clauses(FUPING) == [
        "宁在苦中干、不在苦中熬、不在苦中等",
        "挑起担子、扑下身子、干出样子",
    ]
    # the end of the piece before: 坚持创建为民 gives 创建为民; a list of one kind shares
    # nothing at one place and a run of one item is none
    assert candidates.parallel_clauses("坚持创建为民、创建惠民；定规矩、提品位。") == [
        "创建为民、创建惠民"
    ]


def test_repeats_are_maximal_and_never_start_or_end_on_a_joining_character():
    text = "坚持持续求进，全市持续求进。抓好市区共建，推进市区共建的工作。做好发展的，做好发展的。"
    found = candidates.repeats(text)
    assert sorted(found) == sorted(["持续求进", "市区共建"])  # not 持续求, 续求进, 做好发展的


def test_quoted_pieces_keep_every_quote_and_the_pieces_of_a_series():
    text = "开展“市区共建”，落实“四清、四化、五改”，“x”。"
    assert candidates.quoted_pieces(text) == [
        "市区共建",
        "四清、四化、五改",
        "四清",
        "四化",
        "五改",
    ]


def test_the_model_file_names_its_trainer_and_has_one_weight_a_feature():
    header = [line for line in bundled_text(ranker.MODEL_FILE).splitlines() if line[:1] == "#"]
    assert any("eval/train_discovery_ranker.py" in line for line in header)
    names = [row[0] for row in bundled_rows(ranker.MODEL_FILE)]
    assert names == [*ranker.FEATURES, "threshold"]
    model = ranker.model()
    assert len(model.weights) == len(ranker.FEATURES)
    assert 0 < model.threshold < 1


def test_the_model_keeps_a_framed_programme_and_drops_a_list_of_kinds():
    text = "全面实施“畅返不畅”工程，加快推进基础教育、职业教育、高等教育协调发展。"
    kept = dict(ranker.ranked(text))
    assert "畅返不畅" in kept
    assert "基础教育、职业教育、高等教育" in candidates.parallel_clauses(text)
    assert "基础教育、职业教育、高等教育" not in kept


def _discovered(*options: str) -> set[str]:
    result = CliRunner().invoke(
        cli, ["slogans", str(SAMPLE), "--discover", *options, "--csv"], obj={}
    )
    assert result.exit_code == 0, result.output
    rows = csv.DictReader(io.StringIO(result.output))
    return {row["slogan"] for row in rows if row["source"] == "discovered"}


def test_ranker_modes_on_the_sample():
    rules = _discovered()
    added = _discovered("--ranker", "add")
    replaced = _discovered("--ranker", "replace")
    assert rules <= added  # add keeps every row of the hand-written families
    assert replaced and replaced <= added
    assert "七个必须" in replaced  # the quoted numbered formulation of the README
