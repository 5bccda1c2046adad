"""speechkit targets: kind, comparator, hardness, year and indicator of numeric mentions."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from click.testing import CliRunner

import speechkit
from speechkit.analyzers import targets
from speechkit.analyzers.target_cues import find_times, section_role, speech_year
from speechkit.cli.targets import targets as targets_command
from speechkit.sentences import find_headings, split_sentences

from .conftest import GOLDEN, SAMPLE, eval_text
from .regen_targets import GOLDENS, frame_for


def one(text: str, year: int | None = 2022, surface: str | None = None) -> targets.Target:
    """The record of the quantity whose text starts with ``surface`` (or the only one)."""
    rows = targets.classify(text, year=year)
    if surface is not None:
        rows = [r for r in rows if text[r.start :].startswith(surface)]
    assert len(rows) == 1, rows
    return rows[0]


# --- sentences and headings -------------------------------------------------------------


def test_sentences_keep_offsets_and_semicolon_blocks():
    text = "今年目标是：增长5%左右；就业1200万人。\n去年增长3%！"
    sents = split_sentences(text)
    assert [text[s.start : s.end] for s in sents] == [
        "今年目标是：增长5%左右；",
        "就业1200万人。",
        "去年增长3%！",
    ]
    assert sents[1].block_start == sents[0].start
    assert sents[2].block_start == sents[2].start


def test_top_level_headings_only():
    text = "一、2022年工作回顾\n正文。\n（一）小标题\n第三，要落实今年生产计划。一要…"
    assert [h.text for h in find_headings(text)] == [
        "一、2022年工作回顾",
        "第三，要落实今年生产计划",
    ]
    assert section_role("一、过去一年和五年工作回顾") == "review"
    assert section_role("二、对今年政府工作的建议") == "plan"
    assert section_role("第一，要充分肯定工作成绩") == "review"
    assert section_role("二、“十三五”时期发展成就和“十四五”时期主要目标任务") == ""


# --- kind --------------------------------------------------------------------------------


def test_binding_target_from_sample():
    r = one("我们要大力培育规模工业企业，确保今年净增规模工业企业40家以上。")
    assert (r.kind, r.value, r.unit, r.comparator, r.hardness, r.year) == (
        "target",
        40.0,
        "家",
        "以上",
        "binding",
        "2022",
    )
    assert r.indicator == "净增规模工业企业"


def test_aspirational_scopes_over_a_list():
    text = "全州务必树立起烟叶总量目标意识，力争种植烟叶22万亩、收购烟叶45万担，基本烟农同比增长30%以上。"
    rows = targets.classify(text, year=2022)
    assert [(r.kind, r.hardness, r.indicator) for r in rows] == [
        ("target", "aspirational", "种植烟叶"),
        ("target", "aspirational", "收购烟叶"),
        ("target", "aspirational", "基本烟农同比增长"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2021年，全州共收购烟叶34.2万担，同比增长28.79%。",
        "去年完成投资2158亿元。",
        "截至去年底，我州市场主体总数达16万家。",
        "今年以来已完成投资50亿元。",
        "目前1.46万亿额度已提前下达。",
        "2021年，全州烟叶生产种植面积20.08万亩。",
    ],
)
def test_achieved(text):
    kinds = {r.kind for r in targets.classify(text, year=2022)}
    assert kinds == {"achieved"}, targets.classify(text, year=2022)


@pytest.mark.parametrize(
    "text",
    [
        "今年赤字率拟按2.6%安排，比去年预算低0.4个百分点。",
        "我认为必须解决好用地、资金、前期3个首要问题。",
        "坚持24小时值班值守。",
        "省道302线巴中段开工。",
        "造价仅为传统的70%左右。",
        "对2022年3月底前实质性开工的，给予单个项目业主激励资金50万元。",
        "我们一定要保障好14亿多人口的吃饭问题。",
    ],
)
def test_other(text):
    last = targets.classify(text, year=2022)[-1]
    assert last.kind == "other", last


def test_review_and_plan_sections():
    text = (
        "一、2022年工作回顾\n"
        "全年国内生产总值增长3%，城镇新增就业1206万人。将2.8万亿元资金纳入直达范围。\n"
        "二、2023年政府工作任务\n"
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，"
        "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。赤字率拟按3%安排。\n"
    )
    assert speech_year(text) == 2023
    rows = targets.classify(text)
    got = [(r.kind, r.indicator, r.value, r.comparator, r.year) for r in rows]
    assert got == [
        ("achieved", "国内生产总值增长", 3.0, "=", "2022"),
        ("achieved", "城镇新增就业", 1206.0, "=", "2022"),
        ("achieved", "资金纳入直达范围", 2.8, "=", ""),
        ("target", "国内生产总值增长", 5.0, "左右", "2023"),
        ("target", "城镇新增就业", 1200.0, "左右", "2023"),
        ("target", "城镇调查失业率", 5.5, "左右", "2023"),
        ("target", "居民消费价格涨幅", 3.0, "左右", "2023"),
        ("target", "赤字率", 3.0, "=", "2023"),
    ]


# --- comparator, hardness, year ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("要新增就业1100万人以上。", "以上"),
        ("要把成本降到5%以下。", "以下"),
        ("城镇调查失业率要控制在5.5%以内。", "以内"),
        ("国内生产总值要增长5%左右。", "左右"),
        ("要安排不低于500万元。", "不低于"),
        ("要新增上市公司不少于2家。", "不少于"),
        ("要减轻负担超过3000亿元。", "超过"),
        ("资费要至少降低30%。", "至少"),
        ("赤字率要控制在3%。", "控制在"),
        ("国内生产总值要增长6%－6.5%。", "区间"),
        ("要建成暖心之家15处。", "="),
        ("要惠及约6700万人。", "左右"),
        ("要解决3万余人就业。", "超过"),
    ],
)
def test_comparator(text, comparator):
    r = one(text)
    assert r.comparator == comparator
    assert r.kind == "target"


@pytest.mark.parametrize(
    ("text", "hardness"),
    [
        ("确保新增1家上市公司。", "binding"),
        ("务必完成投资100亿元。", "binding"),
        ("必须完成投资100亿元。", "binding"),
        ("力争新增1家上市公司。", "aspirational"),
        ("争取新增1家上市公司。", "aspirational"),
        ("努力新增1家上市公司。", "aspirational"),
        ("今年计划建成暖心之家15处。", ""),
    ],
)
def test_hardness(text, hardness):
    r = one(text)
    assert (r.kind, r.hardness) == ("target", hardness)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("确保今年新增1家上市公司。", "2022"),
        ("确保明年新增1家上市公司。", "2023"),
        ("确保到2025年新增上市公司2家。", "2025"),
        ("2025年末全州常住人口城镇化率将达到55%。", "2025"),
        ("确保3月底前完成投资10亿元。", "2022-03"),
        ("确保2023年6月底前完成投资10亿元。", "2023-06"),
        ("“十四五”期间要新增上市公司10家。", "2021-2025"),
        ("到“十四五”末要新增上市公司10家。", "2025"),
        ("今后五年要新增上市公司10家。", "2022-2026"),
    ],
)
def test_year(text, year):
    r = one(text)
    assert (r.kind, r.year) == ("target", year)


def test_year_skips_baselines():
    r = one("今年赤字率拟按2.6%安排，比去年预算低0.4个百分点；财政赤字2.38万亿元。", surface="2.38")
    assert (r.kind, r.year) == ("target", "2022")
    assert [t.year for t in find_times("比去年增加，去年", 2022)] == ["2021"]


def test_speech_year_sources():
    assert speech_year("正文", title="——2023年3月5日在第十四届全国人民代表大会") == 2023
    assert speech_year("正文", title="全州2022年烟叶工作会议") == 2022
    assert speech_year("一、2018年工作回顾\n正文。") == 2019
    assert speech_year("三、2019年政府工作任务\n正文。") == 2019
    assert speech_year("正文", source="corpus/speeches_2022_traditional_dump.txt") == 2022
    assert speech_year("正文") is None


def test_unknown_year_leaves_year_empty():
    r = one("确保今年新增1家上市公司。", year=None)
    assert (r.kind, r.year) == ("target", "")


# --- the bundled sample and the work reports ---------------------------------------------


@pytest.fixture(scope="module")
def sample_frame(sample_speeches) -> pd.DataFrame:
    return targets.analyze(sample_speeches, all=True)


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
    assert (r.kind, r.unit, r.comparator, r.hardness, r.year) == (
        "target",
        "家",
        "以上",
        "binding",
        "2022",
    )
    r = _row(sample_frame, 4, "力争种植烟叶22万亩", 22)
    assert (r.kind, r.unit, r.hardness) == ("target", "万亩", "aspirational")
    assert _row(sample_frame, 2, "投资完成2158亿元", 2158).kind != "target"
    assert _row(sample_frame, 4, "增长28.79%", 28.79).kind != "target"


def test_default_is_targets_only(sample_speeches, sample_frame):
    frame = targets.analyze(sample_speeches)
    assert list(frame.columns) == targets.COLUMNS
    assert set(frame.kind) == {"target"}
    assert len(frame) == (sample_frame.kind == "target").sum()


def test_offsets_point_into_the_raw_file(sample_speeches, sample_raw):
    digits = re.compile(r"[0-9]")
    count = 0
    for speech in sample_speeches:
        for t in targets.classify(speech.text, year=2022):
            start, end = speech.raw_span(t.start, t.end)
            text = speech.text[t.start : t.end]
            raw = sample_raw[start:end]
            assert digits.findall(raw) == digits.findall(text), (text, raw)
            assert raw[:1] == speech.original[t.start], (text, raw)
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
    return targets.analyze(speechkit.load(eval_text(f"gov_work_report_{year}.txt")), all=True)


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
        assert set(rows.kind) == {"achieved"}, (year, snippet, rows)


def test_gov_work_report_2023():
    _check_gov(2023)


@pytest.mark.slow
@pytest.mark.parametrize("year", sorted(set(GOV_TARGETS) - {2023}))
def test_gov_work_reports(year):
    _check_gov(year)


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
    result = runner.invoke(targets_command, [str(SAMPLE), "--csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.output), keep_default_na=False)
    assert list(frame.columns) == targets.COLUMNS
    assert set(frame.kind) == {"target"}
    result = runner.invoke(targets_command, [str(SAMPLE), "--all", "--json"])
    assert result.exit_code == 0, result.output
    kinds = set(pd.read_json(io.StringIO(result.output), lines=True).kind)
    assert kinds == {"target", "achieved", "other"}


def test_cli_table():
    result = CliRunner().invoke(targets_command, [str(SAMPLE), "--table"])
    assert result.exit_code == 0, result.output
    assert "净增规模工业企业" in result.output
