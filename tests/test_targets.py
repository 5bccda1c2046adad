"""speechkit targets: kind, comparator, hardness, year and indicator of numeric mentions."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import speechkit
from speechkit.analyzers.targets import COLUMNS
from speechkit.analyzers.targets import classify as targets
from speechkit.analyzers.targets.cues import find_times, section_role, speech_year
from speechkit.cli import cli
from speechkit.text.sentences import find_headings, split_sentences

from .conftest import EVAL_TEXTS, GOLDEN, SAMPLE, eval_text
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


@pytest.mark.parametrize(
    "text",
    [
        # facts: 现有, 目前 (a goal cue in between would win), 据调研, 还有, 仅
        "枯水期船舶需减载航行；现有的801个渡口码头设施简易、13座枢纽大坝隐患突出。",
        "目前，全省农村公路590余座危病桥急需整治，1.8万公里村道缺乏安防设施。",
        "据调研，仅金沙江就有适水货物约7000万吨、嘉陵江约1000万吨。",
        "今年要加固改造，国省道危病桥梁还有144座。",
        "2025年末城镇化率将提高，也就意味着10多万人将进入城镇。",
        "预计今年高校毕业生超过1170万人，要强化促进青年就业政策举措。",
        # shares and comparisons
        "今年要推进公转水，碳排放量是公路的5%、铁路的84%。",
        "今年新启动的改造项目是计划任务的2.1倍。",
        # rules, borrowed models, periods, thresholds, policy parameters, bases, slogans
        "原收费公路管理条例规定的是30年。",
        "要参照河南今年8个成功招商项目的做法。",
        "把收费年限延长至40年。",
        "要对全州范围内5万平方米以上大型商业综合体进行排查。",
        "对小微企业年应纳税所得额100万元至300万元部分，再减半征收企业所得税。",
        "要认真抓好全省烟叶提价7%政策落实。",
        "今年将制造业等行业现行16%的税率降至13%。",
        "今年将科技型中小企业加计扣除比例从75%提高到100%。",
        "要按照三倍来安排隔离房间。",
        "质量安全监督要实现“五个100%”。",
        # sizes of lists and programmes
        "今年各县市区要扎实推进18项专项行动。",
        "今年要推动省十件民生实事更贴民意。",
    ],
)
def test_not_targets(text):
    rows = targets.classify(text, year=2022)
    assert rows and all(r.kind != "target" for r in rows), rows


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("目前我州有规上企业300家，今年要新增50家。", "50"),
        ("今年要达到全国平均水平的80%以上。", "80"),
        ("今年城镇化率要从60%提高到65%。", "65"),
        ("今年要培育营收100家以上专精特新企业。", "100"),
        ("今年要确保90%以上的行政村通5G。", "90"),
        ("州政府将每年安排不低于500万元用于烟叶产业发展。", "500"),
    ],
)
def test_still_targets(text, surface):
    assert one(text, surface=surface).kind == "target"


@pytest.mark.parametrize(
    ("text", "surface", "indicator"),
    [
        ("各县市区、牵头单位要扎实推进100项工程。", "100", "扎实推进工程"),
        ("二是今年新增规上企业40家。", "40", "新增规上企业"),
        ("即监督责任100%落实、实体质量100%抽检。", "100%落", "监督责任"),
        (
            "年内8县市要都要建成1所城市社区日间照料中心示范点。",
            "1所",
            "建成城市社区日间照料中心示范点",
        ),
        (
            "今年国有大型商业银行小微企业贷款要增长30%以上。",
            "30",
            "国有大型商业银行小微企业贷款增长",
        ),
        ("计划未来三年全省烟叶种植收购规模将达到340万担。", "340", "烟叶种植收购规模"),
        ("确保完成新增省级以上创新平台5家以上的目标。", "5", "新增省级以上创新平台"),
        ("今年教育经费占国内生产总值比例继续保持在4%以上。", "4", "教育经费占国内生产总值比例"),
        ("要提高6000万农村人口供水保障水平。", "6000", "提高农村人口供水保障水平"),
        (
            "确保“十四五”期间每年有需求的残疾人康复服务比例达到85%以上。",
            "85",
            "有需求的残疾人康复服务比例",
        ),
        ("今年也要确保不低于50亿的目标。", "50", ""),
    ],
)
def test_indicator_is_the_thing_measured(text, surface, indicator):
    assert one(text, surface=surface).indicator == indicator


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
    frame = speechkit.analyze("targets", sample_speeches)
    assert list(frame.columns) == list(COLUMNS)
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
        assert set(rows.kind) == {"achieved"}, (year, snippet, rows)


def test_gov_work_report_2023():
    _check_gov(2023)


@pytest.mark.slow
@pytest.mark.parametrize("year", sorted(set(GOV_TARGETS) - {2023}))
def test_gov_work_reports(year):
    _check_gov(year)


# --- hand labels: the evidence for the precision figure ------------------------------------

HAND_LABELS = Path(__file__).parent / "data" / "targets_hand_labels.tsv"


def test_hand_labelled_precision():
    """Every hand-labelled row (tests/data/targets_hand_labels.tsv) keeps its correct kind.

    The file holds every target row the sample gave before the precision work and random
    target rows from the work reports (set=dev: used while fixing; set=heldout: drawn after
    the first round of fixes). ``predicted_kind`` is what the analyzer said when the row was
    labelled. A row whose correct kind is target must stay a target; a row labelled other or
    achieved must not be one.
    """
    labels = pd.read_csv(HAND_LABELS, sep="\t", keep_default_na=False)
    wrong = []
    for source, rows in labels.groupby("source"):
        path = SAMPLE if source.startswith("corpus/") else EVAL_TEXTS / Path(source).name
        if not path.exists():
            continue
        frame = speechkit.analyze("targets", speechkit.load(path), all=True)
        kinds = dict(zip(frame.start, frame.kind, strict=True))
        for r in rows.itertuples():
            got = kinds.get(r.start)
            if (got == "target") != (r.correct_kind == "target"):
                wrong.append((Path(source).name, r.start, r.sentence, got, r.correct_kind))
    assert not wrong, wrong


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
    kinds = set(pd.read_json(io.StringIO(result.output), lines=True).kind)
    assert kinds == {"target", "achieved", "other"}


def test_cli_table():
    result = CliRunner().invoke(cli, ["targets", str(SAMPLE), "--table"])
    assert result.exit_code == 0, result.output
    assert "净增规模工业企业" in result.output


# --- classify looks only at the lines and blocks that hold a number ---------------------


def test_lines_and_blocks_give_the_whole_text_results(sample_speeches):
    from speechkit.analyzers.targets.cues import cues_and_times, find_cues, quoted_spans
    from speechkit.text.sentences import sentence_spans

    for speech in sample_speeches:
        text = speech.text
        year = speech_year(text, title=speech.title, source=speech.source)
        whole = sentence_spans(text)
        cues, times = find_cues(text, year), find_times(text, year)
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            inside = [s for s in whole if start <= s[0] < end]
            assert sentence_spans(text, start, end) == inside
            quoted = quoted_spans(text, start, end)
            for block in sorted({s[2] for s in inside}):
                stop = max(s[1] for s in inside if s[2] == block)
                found = cues_and_times(text, year, block, stop, quoted)
                assert found[0] == [c for c in cues if block <= c.start < stop]
                assert found[1] == [t for t in times if block <= t.start < stop]
            start = end + 1


def test_block_span_gives_the_block_of_any_position(sample_speeches):
    from speechkit.text.sentences import block_span, sentence_spans

    for speech in sample_speeches:
        text = speech.text
        whole = sentence_spans(text)
        for first, _, block in whole:
            start = text.rfind("\n", 0, first) + 1
            end = text.find("\n", first)
            end = len(text) if end < 0 else end
            lo, hi = block_span(text, first, start, end)
            assert sentence_spans(text, lo, hi) == [s for s in whole if s[2] == block]
