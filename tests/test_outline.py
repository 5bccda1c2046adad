"""The outline parser on small hand-made texts, each expectation worked out by hand."""

from __future__ import annotations

import re

import pytest

from speechkit.text import outline


def test_whitespace_is_what_re_calls_whitespace():
    every = "".join(map(chr, range(0x110000)))
    assert "".join(re.findall(r"\s", every)) == outline._WHITESPACE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two headings, the first after an indent of a space and an ideographic space.
        (" \u3000一、甲\n二、乙", [("1", "一、"), ("2", "二、")]),
        # （二） stands mid-line, so it is no heading; a heading on its own line is an item
        # even alone (a text cut to one part of a report, eval/LABELLING.md).
        ("\t（一）甲。（二）乙", [("1", "（一）")]),
        # ... and when its list does not start at 一: （二） and （七） of a cut report.
        ("（二）甲\n乙。\n（七）丙", [("1", "（二）"), ("2", "（七）")]),
        # 第N after a line start and after an opening quote.
        ("第一，甲。“第二，乙", [("1", "第一"), ("2", "第二")]),
        # 一方面…另一方面 is a list of two.
        ("一方面甲；另一方面乙", [("1", "一方面"), ("2", "另一方面")]),
        # 第一次 and 统一是 hold markers' characters but are not markers.
        ("第一次会议。统一是", []),
        # Inline 一是 under a heading: one level down, numbering restarts under each heading.
        (
            "一、甲\n一是乙，二是丙。\n二、丁\n一是戊，二是己。",
            [
                ("1", "一、"),
                ("1.1", "一是"),
                ("1.2", "二是"),
                ("2", "二、"),
                ("2.1", "一是"),
                ("2.2", "二是"),
            ],
        ),
    ],
)
def test_outline_of_small_texts(text, expected):
    found = [(item.path, item.marker) for item in outline.parse(text).items]
    assert found == expected


def test_inline_lists_nest_under_the_item_that_holds_their_paragraph():
    # issue 12: inline lists of two paragraphs under one heading are both its children, with
    # numbering restarting; they are never children of the previous paragraph's last item
    text = "（一）甲\n总述。一是子，二是丑。\n另述。一方面寅；另一方面卯。\n（二）乙\n"
    assert [(it.path, it.marker) for it in outline.parse(text).items] == [
        ("1", "（一）"),
        ("1.1", "一是"),
        ("1.2", "二是"),
        ("1.3", "一方面"),
        ("1.4", "另一方面"),
        ("2", "（二）"),
    ]


def test_a_list_inside_an_items_paragraph_is_its_child_and_a_new_list_restarts():
    # 一要…三要 open their paragraphs; the 一是…二是 inside 三要's paragraph are its children;
    # a later paragraph's 一是 list is a new list of the top level, not 四要's continuation
    text = "一要甲。\n二要乙。\n三要丙，有两个：一是子；二是丑。\n一是寅。\n二是卯。\n"
    assert [(it.path, it.marker) for it in outline.parse(text).items] == [
        ("1", "一要"),
        ("2", "二要"),
        ("3", "三要"),
        ("3.1", "一是"),
        ("3.2", "二是"),
        ("4", "一是"),
        ("5", "二是"),
    ]


def test_a_closing_word_in_the_speakers_voice_ends_no_ordinal_run():
    # eval/texts/national_xi_speech_2020_epidemic: after section 四's 第一…第四 the speaker's
    # 最后，我还要强调的是 closes the speech; it is no fifth point of that run
    text = (
        "四、关于保持经济平稳运行\n第一，积极推动企业复工复产。\n第二，推动重大项目开工建设。\n"
        "最后，我还要强调的是，在疫情防控工作中，有些地方出现了形式主义、官僚主义问题。\n"
    )
    assert [it.marker for it in outline.parse(text).items] == ["四、", "第一", "第二"]
    # a 首先…其次 run ends with it: there 最后 is the last of the speaker's own points
    text = "首先，我讲形势。\n其次，我讲任务。\n最后，我讲作风。\n"
    assert [it.marker for it in outline.parse(text).items] == ["首先", "其次", "最后"]


def test_a_plans_numbered_boxes_are_items_alone_and_with_gaps():
    # eval/texts/city_shaoxing_plan_2021_education: the plan quotes some of its 31 tasks, each
    # a box on a line of its own; a box mid-line and a bracketed word are none
    text = (
        "（三）主要目标\n"
        "【重点任务3】打造阳光活力的健康校园。实施《健康校园建设行动计划》。\n"
        "全面落实《关于学前教育深化改革规范发展的若干意见》。\n"
        "【重点任务10】提升特殊教育能力。见【重点任务11】。\n"
        "【通知】全文如下。\n"
    )
    found = [(it.path, it.marker) for it in outline.parse(text).items]
    assert found == [("1", "（三）"), ("1.1", "【重点任务3】"), ("1.2", "【重点任务10】")]


def test_a_list_cut_off_by_the_end_of_an_excerpt_keeps_its_first_item():
    # eval/texts/city_siping_speech_2014_education ends inside its 一是 paragraph: the excerpt
    # cut the list, whose 一是 is still an item
    text = (
        "一、2013年教育工作回顾\n全市教育事业取得了新的成绩。\n"
        "一是学前教育得到较快发展。科学谋划市区学前教育发展路径。\n"
    )
    assert [(it.path, it.marker) for it in outline.parse(text).items] == [
        ("1", "一、"),
        ("1.1", "一是"),
    ]
    # not when another paragraph follows it, nor 首先 or 一方面, words that often stand alone
    assert [it.marker for it in outline.parse(text + "全市举办了学前教育宣传月。\n").items] == [
        "一、"
    ]
    assert [
        it.marker for it in outline.parse("前言。\n首先，我代表州委向大家表示感谢。\n").items
    ] == []
    # eval/texts/provincial_xizang_work_report_2005 ends on its first 第一 heading line
    text = "城镇登记失业率控制在4.3%。\n一年来,我们主要抓了九个方面的工作:\n第一,注重改善农牧民生产生活\n"
    assert [it.marker for it in outline.parse(text).items] == ["第一"]
    assert [it.marker for it in outline.parse("第一,注重改善农牧民生产生活\n").items] == []
