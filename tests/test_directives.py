"""`speechkit directives`: outline markers, non-items, nesting, restarts, announcements.

Regenerate the golden files (then review the diff): `python -m tests.test_directives`
"""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

import speechkit
from speechkit.analyzers.directives import CHECK_COLUMNS, COLUMNS
from speechkit.analyzers.directives.announcements import find_announcements
from speechkit.cli import cli
from speechkit.text.numerals import small_number as cn_number
from speechkit.text.outline import find_markers, parse

from .conftest import EVAL_TEXTS, GOLDEN, SAMPLE, eval_text

GOLDEN_OUTLINE = GOLDEN / "directives_sample.csv"
GOLDEN_CHECK = GOLDEN / "directives_check_sample.csv"


def shape(text: str) -> list[tuple[str, str]]:
    """(path, marker) of every item, in order."""
    return [(it.path, it.marker) for it in parse(text).items]


# --- numerals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("九十九", 99), ("十十", None), ("", None)],
)
def test_cn_number(numeral, value):
    assert cn_number(numeral) == value


# --- each marker style ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("一、总体要求\n正文。\n二、重点任务\n正文。", ["一、", "二、"]),
        ("（一）稳增长\n正文。\n（二）促改革\n正文。", ["（一）", "（二）"]),
        ("(一)ASCII括号\n正文。\n(二)也行\n", ["(一)", "(二)"]),
        ("1.第一条\n正文。\n2.第二条\n", ["1.", "2."]),
        ("1、第一条\n2、第二条\n", ["1、", "2、"]),
        ("（1）甲\n（2）乙\n", ["（1）", "（2）"]),
        ("要求如下：（1）甲；（2）乙。", ["（1）", "（2）"]),
        ("第一，要提高认识。第二，要压实责任。", ["第一", "第二"]),
        ("第一,要提高认识。第二,要压实责任。", ["第一", "第二"]),
        ("首先，要学习。其次，要落实。最后，要总结。", ["首先", "其次", "最后"]),
        ("首先，要学习。其次，要落实。第三，要总结。", ["首先", "其次", "第三"]),
        ("主要有：一是抓项目；二是抓产业；三是抓改革。", ["一是", "二是", "三是"]),
        ("一要当好转换器。二要当好精算器。", ["一要", "二要"]),
        ("一方面要排查。另一方面要服务。", ["一方面", "另一方面"]),
        ("　　一、全角空格缩进\n　　二、也是行首\n", ["一、", "二、"]),
        ("\u2003\u2003一、全身空格缩进\n\u2003\u2003二、也是行首\n", ["一、", "二、"]),
    ],
)
def test_marker_styles(text, markers):
    assert [it.marker for it in parse(text).items] == markers


def test_mixed_inline_forms_continue_one_list():
    # 一要…三要…四是: speakers switch the verb mid-list (sample speech 2)
    assert [m for _, m in shape("一要甲。二要乙。三要丙。四是丁。")] == [
        "一要",
        "二要",
        "三要",
        "四是",
    ]


def test_numbers_and_levels():
    items = parse("一、甲\n（一）子\n（二）子\n二、乙\n").items
    assert [(it.path, it.level, it.number) for it in items] == [
        ("1", 1, 1),
        ("1.1", 2, 1),
        ("1.2", 2, 2),
        ("2", 1, 2),
    ]


def test_level_one_is_the_highest_style_present():
    items = parse("（一）甲\n1.子\n2.子\n（二）乙\n").items
    assert [(it.marker, it.level) for it in items] == [
        ("（一）", 1),
        ("1.", 2),
        ("2.", 2),
        ("（二）", 1),
    ]


# --- non-items ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "今天召开第一次全体会议，第二次会议在明年。",
        "十五届州人民政府第一次全体会议。",
        "第二届论坛成功举办，第三届正在筹备。",
        "要坚持一是一、二是二，实事求是。",
        "我们的增速位居全省第一，成绩来之不易。",
        "排名全省倒数第二，2个部门排名倒数第三，问题突出。",
        "这是全国第一，要珍惜。还要统一是非标准。",
        "首先，我代表州委向大家表示感谢。",  # a lone 首先 is not a list
    ],
)
def test_non_items(text):
    assert parse(text).items == []


def test_a_heading_line_is_an_item_even_alone():
    # eval/LABELLING.md: a heading marker at the start of a line is an item; only 第N and
    # inline markers need a series (changed in issue 12: a text cut to one part of a report)
    assert shape("一、只有一个标题\n没有第二个。") == [("1", "一、")]


def test_lone_first_inside_a_list_section_is_ignored():
    text = "一、甲\n迈出坚实的第一步，位居第一，成效明显。\n二、乙\n"
    assert shape(text) == [("1", "一、"), ("2", "二、")]


def test_idiom_markers_are_excluded():
    assert all(m.style != "一是" for m in find_markers("坚持一是一、二是二的原则。"))


# --- nesting and restarts -------------------------------------------------------------------


def test_nesting_ordinal_run_under_heading():
    text = "一、回顾\n正文。\n二、形势\n正文。\n三、工作\n第一，压实责任。\n第二，落细措施。第三，做好准备。\n"
    assert shape(text) == [
        ("1", "一、"),
        ("2", "二、"),
        ("3", "三、"),
        ("3.1", "第一"),
        ("3.2", "第二"),
        ("3.3", "第三"),
    ]


def test_numbering_restarts_inside_each_parent():
    text = "一、甲\n一要A。二要B。\n二、乙\n一要C。二要D。三要E。\n"
    assert shape(text) == [
        ("1", "一、"),
        ("1.1", "一要"),
        ("1.2", "二要"),
        ("2", "二、"),
        ("2.1", "一要"),
        ("2.2", "二要"),
        ("2.3", "三要"),
    ]


def test_restart_in_the_same_parent_starts_a_sibling_list():
    text = "一、甲\n一是A。二是B。\n另外，一是C。二是D。\n二、乙\n"
    assert shape(text) == [
        ("1", "一、"),
        ("1.1", "一是"),
        ("1.2", "二是"),
        ("1.3", "一是"),
        ("1.4", "二是"),
        ("2", "二、"),
    ]


def test_mixed_shouxian_run_nested_under_inline_item():
    text = "第一，关于A\n一是治理重构。\n首先，甲。\n其次，乙。\n第三，丙。\n二是制度重构。\n第二，关于B\n"
    assert shape(text) == [
        ("1", "第一"),
        ("1.1", "一是"),
        ("1.1.1", "首先"),
        ("1.1.2", "其次"),
        ("1.1.3", "第三"),
        ("1.2", "二是"),
        ("2", "第二"),
    ]


def test_lists_before_the_top_level_go_under_path_zero():
    text = "去年：一是A；二是B。\n第一，关于X\n正文。\n第二，关于Y\n"
    assert shape(text) == [("0.1", "一是"), ("0.2", "二是"), ("1", "第一"), ("2", "第二")]
    assert [it.level for it in parse(text).items] == [2, 2, 1, 1]


def test_appendix_is_a_top_level_item_with_its_own_outline():
    text = "一、回顾\n（一）甲\n（二）乙\n二、安排\n附件1\n民生实事\n一、老人\n二、儿童\n附件2 名词解释\n1.甲：解释\n2.乙：解释\n"
    assert shape(text) == [
        ("1", "一、"),
        ("1.1", "（一）"),
        ("1.2", "（二）"),
        ("2", "二、"),
        ("3", "附件1"),
        ("3.1", "一、"),
        ("3.2", "二、"),
        ("4", "附件2"),
        ("4.1", "1."),
        ("4.2", "2."),
    ]
    appendix = parse(text).items[4]
    assert appendix.heading == "附件1 民生实事"


def test_an_appendix_intro_is_numbered_zero_and_takes_no_slot():
    # Inside an appendix, as at the top, the lists before its top list go under 0 and the
    # top list's items are numbered from 1.
    text = "一、回顾\n二、安排\n附件1 实事\n总的看：\n1.甲甲甲\n2.乙乙乙\n一、老人\n二、儿童\n"
    assert shape(text) == [
        ("1", "一、"),
        ("2", "二、"),
        ("3", "附件1"),
        ("3.0.1", "1."),
        ("3.0.2", "2."),
        ("3.1", "一、"),
        ("3.2", "二、"),
    ]


def test_spans_and_headings():
    text = "一、总体要求。后文\n正文。\n二、重点任务\n正文。"
    first, second = parse(text).items
    assert text[first.start : first.end] == "一、总体要求。后文\n正文。"
    assert first.heading == "总体要求"
    assert text[second.start : second.end] == "二、重点任务\n正文。"
    assert second.heading == "重点任务"


def test_last_inline_item_ends_with_its_paragraph():
    text = "一、甲\n要求：一是A；二是B。\n总之，要落实。\n二、乙\n"
    items = parse(text).items
    assert text[items[2].start : items[2].end] == "二是B。"
    assert text[items[0].start : items[0].end] == "一、甲\n要求：一是A；二是B。\n总之，要落实。"


# --- announcements --------------------------------------------------------------------------


def test_announcement_counts():
    text = "下面，我讲三点意见。\n第一，甲。\n第二，乙。\n第三，丙。\n重点实现“四个突破”：\n一是A。\n二是B。\n"
    found = [(a.phrase, a.announced, a.found) for a in find_announcements(text)]
    assert found == [("讲三点意见", 3, 3), ("实现“四个突破”", 4, 2)]


def test_an_announced_heading_list_is_counted_as_the_text_holds_it_gaps_included():
    # a report cut to some sections: （二） and （七） are the two headings the text holds
    text = "重点抓好八个方面工作：\n（二）加快建设产业体系\n甲。\n（七）加大民生力度\n乙。\n"
    found = [(a.phrase, a.announced, a.found) for a in find_announcements(text)]
    assert found == [("抓好八个方面工作", 8, 2)]


def test_an_announced_inline_list_is_counted_as_its_own_run():
    # the numbering of an inline list restarts in every paragraph: the next paragraph's
    # 一是…二是… under the same heading is another list, not more of the announced one
    text = "一、甲\n突出抓好三件事：一是A；二是B；三是C。\n另外，一是D；二是E。\n二、乙\n"
    found = [(a.phrase, a.announced, a.found) for a in find_announcements(text)]
    assert found == [("突出抓好三件事", 3, 3)]


def test_quoted_formula_without_colon_is_not_an_announcement():
    text = "坚决做到“两个维护”。\n一是A。二是B。三是C。\n"
    assert find_announcements(text) == []


def _announced(text: str) -> list[tuple[str, int, int]]:
    return [(a.phrase, a.announced, a.found) for a in find_announcements(text)]


def test_two_nouns_joined_are_one_noun():
    # eval/texts/city_shaoxing_news_2018_schoolstart: the phrase runs to the end of its noun
    text = (
        "贺晓敏对学校今后的工作提出了四点希望和要求：一是要夯实基础，严格整改。"
        "二是要提升质量，超常规发展。三是带好队伍，注重“两手抓”。四是打造特色，提升竞争力。\n"
    )
    assert _announced(text) == [("提出了四点希望和要求", 4, 4)]


def test_ge_counts_before_an_announcement_noun_with_its_list():
    # eval/texts/national_tv_lecture_2018_people and national_xi_speech_2021_partyhistory
    text = "结合我们中华优秀传统文化，我想谈三个问题：\n第一，重民生。\n第二，兴民德。\n第三，得民心。\n"
    assert _announced(text) == [("谈三个问题", 3, 3)]
    text = "这里，我重点强调3个问题。\n一、开展党史学习教育意义重大\n甲。\n二、要突出重点\n乙。\n三、要务求实效\n"
    assert _announced(text) == [("强调3个问题", 3, 3)]


def test_ge_without_a_list_is_no_announcement():
    # the sample's speech 2: 一个是…一个是… is no outline, so 两个事情 announces nothing found
    text = "这里特别强调两个事情：一个是养护资质，甲。一个是沥青路面材料再生利用，乙。\n"
    assert _announced(text) == []


def test_one_is_no_announced_list():
    # eval/texts/national_xi_speech_2023_thematic
    text = (
        "坚持用马克思主义中国化时代化最新成果武装全党，是我们党创造历史、成就辉煌的一条重要经验。\n"
    )
    text += "第一，甲。第二，乙。\n"
    assert _announced(text) == []


def test_yixia_announces_and_a_review_noun_ends_the_phrase():
    # the sample's speech 9 (a review: four changes) and eval/texts/county_unnamed_speech_2009_economy
    text = (
        "全州疫情防控堡垒更加夯实、防线更加牢固。主要有以下四个方面的变化：一是平战结合机制更加优化。"
        "二是节前工作部署更加周密。三是各项防控措施更加到位。四是群防群控氛围更加浓厚。\n"
    )
    assert _announced(text) == [("以下四个方面的变化", 4, 4)]
    text = "20*年的工作成绩体现在6个方面:一是县域经济实现持续快速发展。二是重点项目建设步伐明显加快。\n"
    assert _announced(text) == [("体现在6个方面", 6, 2)]


def test_a_count_of_things_to_carry_out_is_no_announcement():
    # the sample's speech 3: 推进 is no cue, so the 18 campaigns do not announce the 一是 list
    text = "各县市区、牵头单位要扎实推进18项专项行动，确保方案能落地。一是优化资源配置。二是提升服务水平。\n"
    assert _announced(text) == []


def test_a_number_that_points_back_announces_nothing():
    # eval/texts/national_work_report_1984: 这两件 are the two just named, not the sections after
    text = (
        "国务院认为，今后在经济工作中，要着重抓好体制改革和对外开放这两件大事。这里着重讲以下几个问题。\n"
        "一、认真地有步骤地改革城市经济中普遍存在的吃“大锅饭”的弊端\n甲。\n二、乙\n"
    )
    assert _announced(text) == []


# --- the bundled sample ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_outline(sample_speeches):
    return speechkit.analyze("directives", sample_speeches)


def top(frame: pd.DataFrame, ordinal: int) -> list[str]:
    rows = frame[frame.speech.str.endswith(f"-{ordinal}") & (frame.level == 1)]
    return list(rows.marker)


def test_sample_speech_1_has_five_top_level_items(sample_outline):
    assert top(sample_outline, 1) == ["一、", "二、", "三、", "四、", "五、"]


def test_sample_speech_2_uses_ordinals_as_top_level(sample_outline):
    assert top(sample_outline, 2) == [f"第{n}" for n in "一二三四五六七八九十"]


def test_sample_speech_9_has_ordinals_under_its_third_heading(sample_outline):
    s9 = sample_outline[sample_outline.speech.str.endswith("-9")]
    assert top(sample_outline, 9) == ["一、", "二、", "三、"]
    assert list(s9[s9.path.isin(["3.1", "3.2", "3.3"])].marker) == ["第一", "第二", "第三"]


def test_sample_speech_6_has_five_subheadings_under_its_second(sample_outline):
    s6 = sample_outline[sample_outline.speech.str.endswith("-6")]
    under2 = s6[s6.path.str.match(r"^2\.\d+$")]
    assert list(under2.marker) == ["（一）", "（二）", "（三）", "（四）", "（五）"]


def test_sample_offsets_point_at_the_markers_in_the_raw_file(sample_outline, sample_raw):
    import opencc

    t2s = opencc.OpenCC("t2s")
    for row in sample_outline.itertuples():
        raw = sample_raw[row.start : row.end]
        assert row.start < row.end
        # the raw file is Traditional with ASCII punctuation; compare on the digits/numerals
        head = t2s.convert(raw[: len(row.marker)])
        assert head.replace("(", "（").replace(")", "）").replace(",", "，") == row.marker


def test_sample_check(sample_speeches):
    check = speechkit.analyze("directives", sample_speeches, check=True)
    assert list(check.columns) == list(CHECK_COLUMNS)
    s1 = check[check.speech.str.endswith("-1")]
    assert ("讲五点意见", 5, 5, True) in list(
        s1[["phrase", "announced", "found", "ok"]].itertuples(index=False, name=None)
    )
    bad = check[~check.ok]
    assert list(bad[["phrase", "announced", "found"]].itertuples(index=False, name=None)) == [
        ("就其中的20件事", 20, 19)
    ]


def test_golden_sample(sample_speeches):
    frame = speechkit.analyze("directives", sample_speeches)
    assert list(frame.columns) == list(COLUMNS)
    expected = pd.read_csv(GOLDEN_OUTLINE, dtype={"path": str}, keep_default_na=False)
    pd.testing.assert_frame_equal(frame, expected, check_dtype=False)
    check = pd.read_csv(GOLDEN_CHECK, keep_default_na=False)
    pd.testing.assert_frame_equal(
        speechkit.analyze("directives", sample_speeches, check=True), check
    )


# --- the public texts -----------------------------------------------------------------------

REPORTS = [
    *(f"gov_work_report_{y}.txt" for y in range(2018, 2026)),
    "cpc_congress_report_19th_2017.txt",
    "cpc_congress_report_20th_2022.txt",
    "provincial_work_report_2025_guangdong.txt",
    "provincial_work_report_2025_shanghai.txt",
    "provincial_work_report_2025_zhejiang.txt",
    "provincial_work_report_2026_beijing.txt",
]


@pytest.mark.slow
@pytest.mark.parametrize("name", REPORTS)
def test_report_top_level_is_its_yi_headings(name):
    import re

    import speechkit

    path = eval_text(name)
    (speech,) = speechkit.load(path, on_notice=lambda _: None)
    text = speech.text
    body = re.split(r"\n[^\S\n]*附件", text)[0]
    headings = re.findall(r"^[^\S\n]*([一二三四五六七八九十]+、)", body, re.M)
    subs = re.findall(r"^[^\S\n]*(（[一二三四五六七八九十]+）)", body, re.M)
    items = parse(text).items
    top_level = [it.marker for it in items if it.level == 1 and it.style == "一、"]
    assert top_level == headings
    assert [it.marker for it in items if it.style == "（一）" and it.level == 2] == subs
    assert all(it.level == 1 for it in items if it.style == "附件")


def test_guangdong_appendix_restarts_under_its_own_item():
    path = eval_text("provincial_work_report_2025_guangdong.txt")
    import speechkit

    frame = speechkit.analyze("directives", speechkit.load(path))
    assert list(frame[frame.level == 1].marker) == ["一、", "二、", "附件1", "附件2"]
    appendix = frame[frame.path.str.match(r"^3\.\d+$")]
    assert list(appendix.marker) == [
        f"{n}、" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    ]


# --- the command ----------------------------------------------------------------------------


def test_cli_csv_columns():
    result = CliRunner().invoke(cli, ["directives", str(SAMPLE), "--csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "speech,path,level,number,marker,heading,start,end"


def test_cli_check_json():
    result = CliRunner().invoke(cli, ["directives", str(SAMPLE), "--check", "--json"])
    assert result.exit_code == 0, result.output
    assert '"phrase": "就其中的20件事", "announced": 20, "found": 19, "ok": false' in result.output


def test_cli_tree():
    result = CliRunner().invoke(cli, ["directives", str(SAMPLE), "--tree"])
    assert result.exit_code == 0, result.output
    assert "speeches_2022_traditional_dump-9" in result.output
    assert "第三 以更好的准备" in result.output


def test_cli_tree_and_check_conflict():
    result = CliRunner().invoke(cli, ["directives", str(SAMPLE), "--tree", "--check"])
    assert result.exit_code == 2


def regen_golden() -> None:
    """Write the golden files from the bundled sample."""
    import speechkit

    speeches = list(speechkit.load(SAMPLE))
    speechkit.analyze("directives", speeches).to_csv(
        GOLDEN_OUTLINE, index=False, lineterminator="\n"
    )
    speechkit.analyze("directives", speeches, check=True).to_csv(
        GOLDEN_CHECK, index=False, lineterminator="\n"
    )


if __name__ == "__main__":
    regen_golden()
    print(f"wrote {GOLDEN_OUTLINE} and {GOLDEN_CHECK}; review the diff before committing")
    print(f"(eval texts: {EVAL_TEXTS})")
