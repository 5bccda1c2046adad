"""Issue 12, round 28: numbered names quoted once in the shapes discovery did not read (双,
a piece ending in 一, a new edition), and a place's strategy named after a national one where
the name stands on its own. The sentences are those of the dev texts named in each test."""

from __future__ import annotations

import pytest

import speechkit
from speechkit.analyzers.slogans import discovery, local
from speechkit.text.lexicon import bundled_lexicon

from .test_slogans import DEV_TEXTS, dev_text_counts


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # Xushui 2018, the national 2015 report: 双 counts two
        ("坚持住宅用地“双限双竞”，严禁变相抬高房价行为", "双限双竞"),
        ("坚持稳政策稳预期和促改革调结构“双结合”，打造", "双结合"),
        # Fuping 2013, Yixian 2017: so many things made one
        ("按照“六统一”推进方法（统一规划、标准、施工、苗木采购、栽植、管理）", "六统一"),
        ("实现了农村低保线与扶贫线“两线合一”，累计近8万贫困人口实现稳定脱贫", "两线合一"),
        # Zhengding 1984: a count of tens, the heading of a passage
        ("正定已从死胡同里走出来了。\n“二十字经”\n正定南部、西部与省会石家庄市接壤", "二十字经"),
        # Lixian 2020: a new edition of a numbered name
        ("实现园区服务“新九通一平” ［15］ 。", "新九通一平"),
    ],
)
def test_quoted_numbered_names_of_pairs_unions_and_new_editions(sentence, name):
    assert [c.phrase for c in discovery.quoted_numbered(sentence)] == [name]
    assert discovery.is_numbered(name, quoted=True)


@pytest.mark.parametrize(
    "phrase",
    # a package of rules and a shopping day (双 before a numeral), an institute's name, a
    # count with 新 before it, and phrases of 一 that count nothing
    [
        "双十条",
        "双十一",
        "双卓教育学院",
        "新三个方面",
        "一对一",
        "一刀切",
        "十年磨一剑",
        # the sample: one of four (把成渝打造成全国交通“四极之一”), and an idiom
        "四极之一",
        "双管齐下",
    ],
)
def test_pairs_and_unions_that_are_no_numbered_names(phrase):
    assert not discovery.is_numbered(phrase, quoted=True)
    assert discovery.quoted_numbered(f"落实“{phrase}”。") == []


def test_a_numbered_union_said_once_is_counted_in_its_speech(tmp_path):
    path = tmp_path / "yixian.txt"
    path.write_text("实现了农村低保线与扶贫线“两线合一”，累计近8万贫困人口实现稳定脱贫。\n")
    rows = speechkit.rows("slogans", str(path), discover=True)
    assert {r["slogan"]: r["count"] for r in rows}.get("两线合一") == 1


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # Qingyuan 2005: a clause of its own after the national 依法行政
        ("坚持依法行政，依法治县，普法教育不断深化。", ["依法治县"]),
        # Qingyuan 2003: an item of a list of strategies
        ("是河北可持续发展、科教兴县、城镇化和两环开放带动战略在清苑的具体化", ["科教兴县"]),
        # Baoding 2023: a clause it begins and carries on
        ("成为全国第一个义务教育阶段质量监测全市域试点。体育强市扎实推进。", ["体育强市"]),
        # Tianjun 2022: quoted, its frame word broken by a line end
        ("的实施方案,“生态立县”战\n略全面实施。", ["生态立县"]),
        # Qingyuan 2003: led by the verb that carries it out
        ("为目标，实施开放兴县、工业兴城、项目兴业主战略", ["开放兴县"]),
    ],
)
def test_a_places_strategy_named_after_a_national_one(sentence, names):
    assert local.named_strategies(sentence) == names
    assert all(name in local.strong_places(sentence) for name in names)


@pytest.mark.parametrize(
    "sentence",
    [
        # Hailar 2014 and 2016: the name only qualifies a noun (unlabelled there)
        "推进依法治区建设，深入实施“七五”普法工作，开展依法治区示范镇办、单位试点。",
        "立区强区的大项目较少，产业结构不合理。",
        # Qingyuan 2003: a time of working hard, no strategy
        "是争先创优、实干兴县的重要时期。",
        # Rongcheng 2012: a heading of a verb and its object
        "（一）优化产业兴县，建设实力容城",
        # Shunping 2008: the items of a quoted series are that one slogan
        "大力实施“环境立县、工业兴县、旅游富县、开放强县”四大战略",
        # Xushui 2011: an item of a template whose field is a verb of the shape
        "强农富民、强工富县、强市富社会，继续坚持围绕一个目标",
        # a region's name and a county named 富县: words and places, no strategies
        "，西藏自治区、延安市富县，",
    ],
)
def test_names_that_are_no_strategy_of_the_place(sentence):
    assert local.named_strategies(sentence) == []


def test_quality_led_agriculture_is_a_national_entry():
    entry = bundled_lexicon().get("质量兴农")
    assert entry is not None and entry.cited.startswith("round 28")
    assert entry.category == "policy" and entry.first_year == 2018


def test_the_dev_texts_count_the_new_names():
    # the dev texts these shapes come from, counted as their labels count them
    for text_id, name in [
        ("county_xushui_work_report_2018", "双限双竞"),
        ("county_fuping_work_report_2013", "六统一"),
        ("county_qingyuan_work_report_2005", "依法治县"),
        ("city_baoding_news_2023", "体育强市"),
        ("county_xushui_work_report_2018", "质量兴农"),
    ]:
        assert dev_text_counts(text_id).get(name) == 1, (text_id, name)


def test_a_piece_of_a_layout_that_begins_a_longer_form_is_new_where_it_stands_alone():
    # Fuping 2017: 围绕“四美”〔 11〕目标, the goals of its villages, not the 1981 campaign 五讲四美
    # (its forms 五讲四美活动 and 五讲四美三热爱 begin with the layout 五讲四美); a piece of a
    # layout in the middle of a form stays a fragment (一百 of 实现两个一百年)
    longer = discovery.LongerForms.of(
        ["五讲四美", "五讲四美活动", "五讲四美三热爱", "实现两个一百年"]
    )
    text = "全力加快美丽乡村建设，围绕“四美”〔 11〕目标，实现“一百”。"
    assert discovery.free_fragments(text, ["四美", "一百"], longer) == ["四美"]
    assert discovery.free_fragments("开展五讲四美活动。", ["四美"], longer) == []
    rows = speechkit.rows(
        "slogans", str(DEV_TEXTS / "county_fuping_work_report_2017.txt"), discover=True
    )
    assert {r["slogan"]: r["count"] for r in rows}.get("四美") == 1


def test_a_strong_place_of_a_field_of_five_characters():
    # Anyang 2016: the city's goal, a field of five characters after the cue word 打造
    text = "围绕全面建成小康社会、打造区域性中心强市奋斗目标,推动安阳经济社会科学发展"
    assert local.strong_places(text) == ["区域性中心强市"]
