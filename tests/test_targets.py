"""speechkit targets: each number read in its frame; the families of the issue by hand.

The sentences in the family tests are written for the tests (not taken from any evaluation
text); why each row is expected is said next to it.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.analyzers.targets import COLUMNS
from speechkit.analyzers.targets.classify import NON_TARGET_KINDS, TARGET_TYPES
from speechkit.analyzers.targets.read import read_numbers
from speechkit.analyzers.targets.year import speech_year
from speechkit.cli import cli

from .conftest import EVAL_TEXTS, GOLDEN, SAMPLE, eval_text
from .regen_targets import GOLDENS, frame_for


def kinds(text: str, year: int | None = 2022) -> dict[str, tuple[str, str]]:
    """surface -> (kind, type) for every number of ``text``."""
    return {
        text[r["start"] : r["end"]]: (r["kind"], r["type"])
        for r in read_numbers(text, year=year, everything=True)
    }


def one(text: str, surface: str, year: int | None = 2022) -> dict:
    rows = [
        r
        for r in read_numbers(text, year=year, everything=True)
        if text[r["start"] :].startswith(surface)
    ]
    assert len(rows) == 1, rows
    return rows[0]


# --- the families of the issue, one mechanism each -----------------------------------------


def test_main_goal_list_items_inherit_the_heads_frame():
    # Family 1: no 确保/力争 near the numbers; the head 主要预期目标是： makes them goals.
    text = "今年发展的主要预期目标是：国内生产总值增长6%左右；城镇新增就业1100万人以上；居民消费价格涨幅3%左右。"
    assert kinds(text) == {
        "6%左右": ("target", "goal"),
        "1100万人": ("target", "goal"),
        "3%左右": ("target", "goal"),
    }


def test_a_goal_list_on_lines_below_its_head():
    # Family 3: the head ends with ： on its own line; each line below is an item.
    text = "（二）工作目标：\n1、学前三年毛入园率达到85%以上。\n2、高中阶段毛入学率达到95%。"
    assert kinds(text) == {"85%": ("target", "goal"), "95%": ("target", "goal")}


def test_horizon_and_plan_period_goals():
    # Family 2: 到2030年 and 十四五期间 look ahead; the horizon is the year or the period.
    text = "到2030年，全市生产总值达到3000亿元。“十四五”期间年均增长5.5%左右。"
    assert one(text, "3000亿元")["year"] == "2030"
    row = one(text, "5.5%")
    assert (row["kind"], row["year"]) == ("target", "2021-2025")


def test_allocations():
    # Family 4: money set aside is a target of type allocation.
    text = "今年安排专项资金2亿元，拨付补助资金3000万元。"
    assert kinds(text) == {"2亿元": ("target", "allocation"), "3000万元": ("target", "allocation")}


def test_standards_and_time_limits_but_not_calendar_deadlines():
    # Family 5: a time limit (2小时内) and a per-unit norm (每亩) are standards; 6月底前 is a date.
    text = "要确保接警后2小时内到达现场，3天内完成排查，每亩栽足1100株，6月底前完成全部任务。"
    found = kinds(text)
    assert found["2小时"] == ("target", "standard")
    assert found["3天"] == ("target", "standard")
    assert found["1100株"] == ("target", "standard")
    assert "6月" not in found or found["6月"][0] != "target"


def test_results_baselines_forecasts_definitions_and_elapsed_time():
    # Family 6: none of these is a target.
    assert kinds("一季度完成固定资产投资180亿元。过去五年年均增长7%。")["180亿元"][0] == "result"
    assert kinds("过去五年年均增长7%。")["7%"][0] == "result"
    base = kinds("明年要把补助标准从5.2万元提高到6万元。")
    assert base == {"5.2万元": ("baseline", ""), "6万元": ("target", "standard")}
    assert one("明年要把补助标准从5.2万元提高到6万元。", "6万元")["baseline"] == 52000.0
    assert kinds("预计全年地区生产总值将达到2000亿元。")["2000亿元"][0] == "forecast"
    assert kinds("今年要帮扶年收入10万元以下的家庭。")["10万元"][0] == "definition"
    assert kinds("过去5年，全县新增就业5000人。")["5年"][0] == "elapsed"


# --- families from the seed's blind labels (issue 11): hand-written sentences, one mechanism
# each; none is quoted from the seed or an evaluation text ------------------------------------


def test_a_modal_of_an_earlier_clause_carries_over_its_sentence():
    # 要 scopes over every clause after it in its sentence (每年30%: a yearly pace, a
    # standard); 了 likewise looks back.
    text = "各乡镇要抓紧落实方案，以全县2.5万亩为底线，按每年30%的进度推进。"
    assert kinds(text) == {"2.5万亩": ("target", "goal"), "30%": ("target", "standard")}
    text = "各部门迅速组建了工作专班，严格落实24小时值守，确保一有情况就能处置。"
    assert kinds(text)["24小时"][0] != "target"
    # A goal word of the clause itself still wins over a carried 了.
    assert kinds("去年完成了改造，今年要新增绿地200亩。")["200亩"] == ("target", "goal")
    # A ； closes the part of the sentence a modal governs.
    text = "各乡镇要抓紧落实方案；全县有耕地12万亩，其中水田3万亩。"
    assert kinds(text)["12万亩"][0] != "target"


def test_yao_inside_a_noun_is_no_modal():
    # 要素 is a noun: its 要 does not make the rest of the sentence look ahead.
    text = "全县上下克服资金、用地等要素制约，推动工业投资完成85亿元。"
    assert kinds(text)["85亿元"][0] != "target"


def test_ages_and_ratings_name_a_class():
    assert kinds("要为全县80岁以上老人发放高龄津贴。")["80岁"] == ("definition", "")
    assert kinds("要加快建设500千伏输变电工程。")["500千伏"] == ("definition", "")
    assert kinds("要加快时速350公里高速铁路建设。")["350公里"] == ("definition", "")
    # A level to reach in the same unit is still a goal.
    assert kinds("今年要新增装机容量100万千瓦。")["100万千瓦"] == ("target", "goal")


def test_this_years_money_over_its_sentence():
    # 今年 is in the clause before the allocation, which 了 marks as done.
    assert kinds("今年，市财政安排了2亿元，用于老旧小区改造。")["2亿元"] == ("target", "allocation")
    assert kinds("去年，市财政安排了2亿元，用于老旧小区改造。")["2亿元"][0] == "result"


def test_a_subsidy_total_is_an_allocation_a_subsidy_per_head_a_standard():
    found = kinds("十四五期间省级补助我市20亿元左右，每人每月补贴300元。")
    assert found["20亿元左右"] == ("target", "allocation")
    assert found["300元"] == ("target", "standard")
    assert kinds("今年要居家监测7天。")["7天"] == ("target", "standard")


def test_the_time_word_of_a_comparison_base_is_no_frame():
    text = "今年全市用于教育的投入，将由去年的50亿元增加到60亿元。"
    found = kinds(text)
    assert found["50亿元"] == ("baseline", "")
    assert found["60亿元"][0] == "target"


def test_a_basis_of_reckoning_that_looks_ahead_is_a_target():
    assert kinds("今年各地的任务都要按300亿元来分解。")["300亿元"][0] == "target"
    assert kinds("病床要按照1.5倍来储备。")["1.5倍"][0] == "target"


def test_spans_of_time_given_to_a_task():
    found = kinds("力争用两年时间完成改造，分三年完成土地流转，务必在节后半个月内拿出方案。")
    assert found["两年"][0] == "target"
    assert found["三年"][0] == "target"
    assert found["半个月"] == ("target", "standard")
    # Names and parts of a year are no spans.
    assert kinds("上半年开展三年行动，编制五年规划。") == {}


def test_a_rank_to_reach():
    row = one("确保今年全市营商环境进入全省前5。", "5")
    assert (row["kind"], row["comparator"]) == ("target", "以内")
    assert kinds("省道302线要加快改造。") == {"302": ("other", "")}


def test_a_time_word_after_a_quote_word_belongs_to_the_quoted_thing():
    text = "要参照邻省今年5个示范项目的做法，完善收费政策。"
    assert kinds(text)["5个"] == ("quoted", "")


def test_a_named_goal_does_not_reach_back_over_a_semicolon():
    text = "据测算，全市有存量住房约3万套；今年要实现“新建保障房5000套”等目标。"
    found = kinds(text)
    assert found["约3万套"][0] != "target"
    assert found["5000套"][0] == "target"


def test_counts_that_name_a_set():
    # 三家都: each of the set; 3项行动: as many as the names before it.
    assert kinds("出了事故，三家都要担责。")["三家"][0] != "target"
    text = "今年要开展城市更新、老旧小区改造和管网更新3项行动。"
    assert kinds(text)["3项"][0] != "target"
    # Not a count of the names: an amount of each, or a list left open by 等.
    assert kinds("今年要完成东区、西区和南区1.2万户的征收任务。")["1.2万户"][0] == "target"
    assert kinds("今年要完成东风路、西环路等6条道路改造。")["6条"][0] == "target"


def test_a_set_asked_about_is_no_goal():
    # The clause asks which things the count names; the count sets nothing.
    text = "今后要弄清楚，省里确定的36项重点工程、今年支持的5个方向具体是哪些。"
    assert kinds(text)["36项"][0] != "target"
    # Asking how to reach it leaves a goal a goal.
    assert kinds("今年新增就业1000人的目标，要研究怎么实现。")["1000人"][0] == "target"


def test_what_a_measure_can_do_is_no_commitment():
    assert kinds("推广这项技术，能将废料80%回收利用。")["80%"][0] != "target"


def test_years_in_chinese_digits_and_comparison_bases():
    text = "从一九八〇年至一九八五年，钢产量由三千万吨增加到四千万吨。"
    assert kinds(text, year=1986)["四千万吨"][0] != "target"
    text = "一九九〇年工农业总产值要比一九八〇年增长一倍。"
    assert kinds(text, year=1986)["一倍"][0] == "target"


def test_a_bare_plan_name_is_a_period_and_jin_before_a_noun_is_no_fact():
    # 十四五 with no 期间 still names the period; 仅 before a noun means "X alone".
    row = one("十四五仅省级补助我市就有20亿元左右。", "20亿元")
    assert (row["kind"], row["year"]) == ("target", "2021-2025")
    # 仅 before the amount reports a shortfall: a fact, not a goal.
    assert kinds("今年新能源车辆占比仅2.3%。")["2.3%"][0] != "target"


def test_future_as_an_object_and_plan_names_are_no_frames():
    # 对今后…发挥作用 speaks of the future's benefit; 五年计划 is a plan's name.
    text = "这对今后稳定供应将发挥重要作用。外贸出口总额增长5%。"
    assert kinds(text)["5%"][0] != "target"
    text = "在过去的几个五年计划期间，增加最多的时期增加了二百亿元。"
    assert kinds(text, year=1986)["二百亿元"][0] != "target"


def test_a_year_before_or_after_the_speechs_year():
    # A bare year looks back when it is before the speech's year, ahead when after it.
    text = "2021年，全县粮食产量达到12万吨。2023年，全县粮食产量达到15万吨。"
    found = kinds(text, year=2022)
    assert found["12万吨"][0] == "result" and found["15万吨"][0] == "target"


def test_a_quoted_figure_stays_quoted_to_the_end_of_its_sentence():
    text = "去年的报告提出，物价涨幅要降到10%左右。今年要控制在3%左右。"
    found = kinds(text, year=2022)
    assert found["10%左右"][0] == "quoted" and found["3%左右"][0] == "target"


def test_more_than_figures_read_as_results_without_a_goal_word_of_their_own():
    # 达到2890多亿美元: results are reported as "more than"; the paragraph's 今后 does not reach.
    text = "今后要扩大开放。外贸进出口总额达到2890多亿美元。"
    assert kinds(text)["2890多亿美元"][0] == "result"


def test_list_items_share_their_indicator():
    row = one("小学、初中学生近视率分别控制在46.8%、67.51%。", "67.51%")
    assert (
        row["indicator"]
        == one("小学、初中学生近视率分别控制在46.8%、67.51%。", "46.8%")["indicator"]
    )


def test_canonical_indicator_ids():
    text = "今年国内生产总值增长5%左右，城镇新增就业1200万人以上，森林覆盖率达到25%。"
    ids = {text[r["start"] : r["end"]]: r["indicator_id"] for r in read_numbers(text, year=2023)}
    assert ids == {"5%左右": "gdp_growth", "1200万人": "urban_jobs", "25%": "forest_cover"}


def test_speech_year_and_its_source():
    assert speech_year("", title="全州2022年烟叶工作会议") == (2022, "title")
    assert speech_year("一、2018年工作回顾\n") == (2019, "heading")
    assert speech_year("没有年份", source="dumps/report_2009.txt") == (2009, "file")
    assert speech_year("没有年份") == (None, "")
    row = read_numbers("今年要新增就业1000人。", year=2015)[0]
    assert (row["speech_year"], row["speech_year_source"], row["year"]) == (2015, "option", "2015")


def test_steps_run_in_one_direction():
    """quantities -> frames -> classify -> fields: no step imports a later one."""
    order = ["cues", "year", "frames", "classify", "fields", "read"]
    folder = Path(speechkit.__file__).parent / "analyzers" / "targets"
    for position, name in enumerate(order):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            node.module.rsplit(".", 1)[-1]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and node.module
            and "analyzers.targets" in node.module
        }
        later = imported & set(order[position + 1 :])
        assert not later, (name, later)


def test_sentence_context_is_capped():
    text = "今年要" + "推进改革" * 5000 + "新增就业1000人" + "推进改革" * 5000 + "。"
    row = read_numbers(text, year=2022)[0]
    assert len(row["sentence"]) <= 2 * 60 + 10


# --- the bundled sample and the work reports ---------------------------------------------


@pytest.fixture(scope="module")
def sample_frame(sample_speeches) -> pd.DataFrame:
    return speechkit.analyze("targets", sample_speeches, all=True)


def _row(frame, speech, surface_in_sentence, value):
    rows = frame[
        frame.speech.str.endswith(f"-{speech}")
        & frame.sentence.str.contains(surface_in_sentence, regex=False)
        & (frame.value == value)
    ]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_sample_acceptance(sample_frame):
    r = _row(sample_frame, 1, "确保今年净增规模工业企业40家以上", 40)
    assert (r.kind, r.type, r.unit, r.comparator, r.hardness, r.year) == (
        "target",
        "goal",
        "家",
        "以上",
        "binding",
        "2022",
    )
    r = _row(sample_frame, 4, "力争种植烟叶22万亩", 22)
    assert (r.kind, r.unit, r.hardness) == ("target", "万亩", "aspirational")
    assert _row(sample_frame, 2, "投资完成2158亿元", 2158).kind != "target"
    assert _row(sample_frame, 4, "增长28.79%", 28.79).kind != "target"


SEED_LABELS = Path(__file__).parent / "data" / "seed_targets.tsv"


def test_seed_blind_labels(sample_frame):
    """The seed's blind labels (tests/data/seed_targets.tsv: every target of the sample):
    every target found, and no target row on a number that is not labelled a target."""
    labels = pd.read_csv(SEED_LABELS, sep="\t", keep_default_na=False)
    targets = sample_frame[sample_frame.kind == "target"]
    spans = list(zip(labels.start, labels.end, strict=True))

    def hit(start, end):
        return ((targets.start < end) & (start < targets.end)).any()

    found = sum(hit(s, e) for s, e in spans)
    false = sum(not any(r.start < e and s < r.end for s, e in spans) for r in targets.itertuples())
    assert found == len(labels), found
    assert false == 0, false


def test_default_is_targets_only(sample_speeches, sample_frame):
    frame = speechkit.analyze("targets", sample_speeches)
    assert list(frame.columns) == list(COLUMNS)
    assert set(frame.kind) == {"target"}
    assert len(frame) == (sample_frame.kind == "target").sum()


def test_every_number_has_a_kind_with_all(sample_frame):
    assert sample_frame.kind.isin(["target", *NON_TARGET_KINDS]).all()
    assert sample_frame[sample_frame.kind == "target"].type.isin(TARGET_TYPES).all()
    assert (sample_frame[sample_frame.kind == "target"].type != "").all()
    assert (sample_frame[sample_frame.kind != "target"].type == "").all()


def test_offsets_point_into_the_raw_file(sample_speeches, sample_raw):
    digits = re.compile(r"[0-9]")
    count = 0
    for speech in sample_speeches:
        for r in read_numbers(speech.text, year=2022, everything=True):
            start, end = speech.raw_span(r["start"], r["end"])
            text = speech.text[r["start"] : r["end"]]
            raw = sample_raw[start:end]
            assert digits.findall(raw) == digits.findall(text), (text, raw)
            count += 1
    assert count > 300


GOV_TARGETS = {
    2018: [("国内生产总值增长", 6.5, "左右"), ("城镇新增就业", 1100, "以上"),
           ("城镇调查失业率", 5.5, "以内"), ("居民消费价格涨幅", 3, "左右"), ("赤字率", 2.6, "=")],
    2019: [("国内生产总值增长", 6, "区间"), ("城镇新增就业", 1100, "以上"),
           ("城镇调查失业率", 5.5, "左右"), ("居民消费价格涨幅", 3, "左右"), ("赤字率", 2.8, "=")],
    2020: [("城镇新增就业", 900, "以上"), ("城镇调查失业率", 6, "左右"),
           ("居民消费价格涨幅", 3.5, "左右"), ("赤字率", 3.6, "以上")],
    2021: [("国内生产总值增长", 6, "以上"), ("城镇新增就业", 1100, "以上"),
           ("城镇调查失业率", 5.5, "左右"), ("居民消费价格涨幅", 3, "左右"), ("赤字率", 3.2, "左右")],
    2022: [("国内生产总值增长", 5.5, "左右"), ("城镇新增就业", 1100, "以上"),
           ("城镇调查失业率", 5.5, "以内"), ("居民消费价格涨幅", 3, "左右"), ("赤字率", 2.8, "左右")],
    2023: [("国内生产总值增长", 5, "左右"), ("城镇新增就业", 1200, "左右"),
           ("城镇调查失业率", 5.5, "左右"), ("居民消费价格涨幅", 3, "左右"), ("赤字率", 3, "=")],
    2024: [("国内生产总值增长", 5, "左右"), ("城镇新增就业", 1200, "以上"),
           ("城镇调查失业率", 5.5, "左右"), ("居民消费价格涨幅", 3, "左右"), ("赤字率", 3, "=")],
    2025: [("国内生产总值增长", 5, "左右"), ("城镇新增就业", 1200, "以上"),
           ("城镇调查失业率", 5.5, "左右"), ("居民消费价格涨幅", 2, "左右"), ("赤字率", 4, "左右")],
}  # fmt: skip
# The previous year's results, in each report's review section (a snippet of the sentence
# and the value): never targets.
GOV_RESULTS = {
    2018: [("国内生产总值增长6.9%", 6.9), ("城镇新增就业1351万人", 1351)],
    2019: [("国内生产总值增长6.6%", 6.6), ("城镇新增就业1361万人", 1361)],
    2020: [("增长6.1%", 6.1), ("城镇新增就业1352万人", 1352)],
    2021: [("居民消费价格上涨2.5％", 2.5), ("城镇新增就业1186万人", 1186)],
    2022: [("增长8.1%", 8.1), ("城镇新增就业1269万人", 1269)],
    2023: [("国内生产总值增长3%", 3), ("城镇新增就业1206万人", 1206)],
    2024: [("增长5.2%", 5.2), ("城镇新增就业1244万人", 1244)],
    2025: [("134.9万亿元、增长5%", 5), ("城镇新增就业1256万人", 1256)],
}


def _gov_frame(year: int) -> pd.DataFrame:
    return speechkit.analyze(
        "targets", speechkit.load(eval_text(f"gov_work_report_{year}.txt")), all=True
    )


def _check_gov(year: int) -> None:
    frame = _gov_frame(year)
    for indicator, value, comparator in GOV_TARGETS[year]:
        rows = frame[frame.indicator.str.endswith(indicator) & (frame.value == value)]
        hits = rows[(rows.kind == "target") & (rows.comparator == comparator)]
        assert len(hits) >= 1, (year, indicator, value, rows)
        assert set(hits.year) == {str(year)}, (year, indicator, hits)
    for snippet, value in GOV_RESULTS[year]:
        rows = frame[frame.sentence.str.contains(snippet, regex=False) & (frame.value == value)]
        assert len(rows) >= 1, (year, snippet, value)
        assert set(rows.kind) == {"result"}, (year, snippet, rows)


def test_gov_work_report_2023():
    _check_gov(2023)


@pytest.mark.parametrize("year", sorted(set(GOV_TARGETS) - {2023}))
def test_gov_work_reports(year):
    _check_gov(year)


# --- hand labels ---------------------------------------------------------------------------

HAND_LABELS = Path(__file__).parent / "data" / "targets_hand_labels.tsv"


def test_hand_labelled_rows_keep_their_kind():
    """Every hand-labelled row of tests/data/targets_hand_labels.tsv (the sample and the
    work reports, labelled for the first targets analyzer) is a target exactly when its
    correct kind is target, but for at most one row in 15: these labels were made by the
    first analyzer's authors on texts it was tuned on, and in a few places (提价7%政策, the
    “五个100%” items, 按2000亿元来分解, 按照三倍来安排) they disagree with the blind labels of
    tests/data/seed_targets.tsv."""
    labels = pd.read_csv(HAND_LABELS, sep="\t", keep_default_na=False)
    wrong = []
    for source, rows in labels.groupby("source"):
        path = SAMPLE if source.startswith("corpus/") else EVAL_TEXTS / Path(source).name
        if not path.exists():
            continue
        frame = speechkit.analyze("targets", speechkit.load(path), all=True)
        found = dict(zip(frame.start, frame.kind, strict=True))
        for r in rows.itertuples():
            got = found.get(r.start)
            if (got == "target") != (r.correct_kind == "target"):
                wrong.append((Path(source).name, r.start, r.sentence, got, r.correct_kind))
    assert len(wrong) <= len(labels) // 15, wrong


# --- golden files and CLI ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_golden(name):
    path = GOLDENS[name]
    if path != SAMPLE:
        eval_text(path.name)
    expected = pd.read_csv(GOLDEN / name, keep_default_na=False, dtype=str)
    got = pd.read_csv(
        io.StringIO(frame_for(path).to_csv(index=False)), keep_default_na=False, dtype=str
    )
    pd.testing.assert_frame_equal(got, expected)


def test_cli_csv_and_all():
    runner = CliRunner()
    result = runner.invoke(cli, ["targets", str(SAMPLE), "--csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.output), keep_default_na=False)
    assert list(frame.columns) == list(COLUMNS)
    assert set(frame.kind) == {"target"}
    result = runner.invoke(cli, ["targets", str(SAMPLE), "--all", "--json"])
    assert result.exit_code == 0, result.output
    found = set(pd.read_json(io.StringIO(result.output), lines=True).kind)
    assert {"target", "result", "baseline", "definition"} <= found


def test_cli_year_option():
    result = CliRunner().invoke(cli, ["targets", str(SAMPLE), "--csv", "--year", "2030"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.output), keep_default_na=False)
    assert set(frame.speech_year_source) == {"option"}


def test_cli_table():
    result = CliRunner().invoke(cli, ["targets", str(SAMPLE), "--table"])
    assert result.exit_code == 0, result.output


@settings(max_examples=300, deadline=None)
@given(st.text("年12一二09九〇○零0123456789三以来底末前上半下之", max_size=24), st.data())
def test_years_are_found_where_the_pattern_finds_them(text, data):
    # The time words' years are looked for at each 年, not at every character: same matches.
    from speechkit.analyzers.targets.lines import _YEAR, _years

    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    expected = [m.span() for m in _YEAR.finditer(text, lo, hi)]
    assert [m.span() for m in _years(text, lo, hi)] == expected


def test_lines_read_in_pieces_give_the_frames_of_whole_lines(monkeypatch, sample_speeches):
    # A line is read up to the first 。 after the number asked about, and before the last 。
    # ahead of it for time words only, a clause at a time: that holds only if no cue or time
    # word spans a 。, a line break or (for the clauses) any clause mark.
    from speechkit.analyzers.targets.cues import frame_roles
    from speechkit.analyzers.targets.frames import Frames
    from speechkit.analyzers.targets.lines import read_piece
    from speechkit.text.quantities import find_quantities

    assert not [cue for cue in frame_roles() if set(cue) & set("，、；：,;:。！？!?\n")]
    texts = [
        # Time words, a list head and a quote word in sentences before the numbers' own.
        "到2025年，全市目标是：为今后打基础。去年增长了5%！今年要新增就业1万人。"
        "去年政府工作报告提出！新增企业50家。十四五期间，五年内完成投资3亿元，比上年增长8%。",
        "过去五年来，我们经过艰苦努力，一年来完成了2158亿元。年内确保建成30个项目。",
    ]
    texts += [speech.text for speech in sample_speeches]
    texts += [path.read_text(encoding="utf-8") for path in sorted(EVAL_TEXTS.glob("*.txt"))]
    pieces = [[Frames(t, 2022).frame(q.start, q.end) for q in find_quantities(t)] for t in texts]

    def whole(self, i, start, end):
        n, line = self.current
        if n != i or line is None:
            line = self._new_line(i)
            read_piece(self.text, self.year, line, line.end)
            self.current = (i, line)
        return line

    monkeypatch.setattr(Frames, "_line", whole)
    frames = [Frames(t, 2022) for t in texts]
    assert pieces == [[f.frame(q.start, q.end) for q in find_quantities(f.text)] for f in frames]


def test_a_targets_only_run_classifies_only_what_can_be_a_target(monkeypatch, sample_speeches):
    # A targets-only run skips the shape tests for numbers whose frame rules out a target (and
    # that are no baseline): it must give the rows that classifying every number gives.
    from speechkit.analyzers.targets import read
    from speechkit.analyzers.targets.classify import can_be_target, classify, may_be_baseline
    from speechkit.analyzers.targets.frames import Frames
    from speechkit.text.quantities import find_quantities

    hand = [
        "今年要确保净增规模工业企业40家以上，城镇化率从60.2%提高到65.2%。",
        "去年全市完成固定资产投资2158亿元，增长了5%，今年省预算安排了3.5亿元。",
        "一、2021年工作回顾\n全年新增就业1.2万人，2小时内到达现场，24小时值班。",
    ]
    texts = hand + [speech.text for speech in sample_speeches]
    texts += [path.read_text(encoding="utf-8") for path in sorted(EVAL_TEXTS.glob("*.txt"))]
    for text in texts:
        frames = Frames(text, 2022)
        for q in find_quantities(text):
            frame = frames.frame(q.start, q.end)
            kind, _ = classify(text, q, frame)
            assert can_be_target(text, q, frame) or kind != "target", (text[q.start : q.end], frame)
            assert may_be_baseline(text, q, frame) or kind != "baseline", text[q.start : q.end]
    fast = [read_numbers(text, year=2022) for text in texts]
    monkeypatch.setattr(read, "can_be_target", lambda text, q, frame: True)
    assert fast == [read_numbers(text, year=2022) for text in texts]
    assert [r["kind"] for r in fast[0]] == ["target", "target"]
    assert fast[0][1]["baseline"] == 60.2 and fast[0][0]["value"] == 40.0
    assert [(r["value"], r["type"]) for r in fast[1]] == [(3.5, "allocation")]
    # In a review, the time limit and the rule's span are standards; 1.2万人 is a result.
    assert [(r["value"], r["type"]) for r in fast[2]] == [(2.0, "standard"), (24.0, "standard")]


@given(st.text(alphabet="\n 　：:。年工作安排回顾目标2019一二", max_size=60))
def test_frames_read_the_lines_as_a_line_by_line_reading_does(text):
    # Frames takes its line table from one split of the text: every line starts after a
    # line break; a list head is a line whose stripped text ends in a colon; a heading is
    # any other non-empty line that is_heading calls one.
    from speechkit.analyzers.targets.frames import Frames
    from speechkit.analyzers.targets.lines import is_heading

    frames = Frames(text, 2022)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    assert frames.line_starts == starts
    lines = [(start, text[start:].split("\n", 1)[0]) for start in starts]
    assert frames.list_heads == [
        (start, start + len(line)) for start, line in lines if line.strip()[-1:] in ("：", ":")
    ]
    assert [start for start, _ in frames.headings] == [
        start
        for start, line in lines
        if line.strip() and line.strip()[-1] not in "：:" and is_heading(line.strip())
    ]


@given(
    st.text(alphabet="。！？!?\n，、要了1年", max_size=30), st.integers(0, 30), st.integers(0, 30)
)
def test_sentence_marks_are_every_mark_of_the_stretch_in_order(text, lo, hi):
    from speechkit.analyzers.targets.lines import SENTENCE_MARKS, _sentence_marks

    expected = [i for i in range(lo, min(hi, len(text))) if text[i] in SENTENCE_MARKS]
    assert _sentence_marks(text, lo, hi) == expected
