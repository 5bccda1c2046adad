"""Issue 12, round 31: the families of the misses of ``slogans_fresh31`` (dev since session 31).
Quotes in the shapes and frames discovery did not read (a code with a Latin capital, a plan of
numbers joined by +, a task, the frame a place works around or the chance it seizes, a long
quote framed as a goal), a strategy led by 聚焦, and a province's own names said in its
counties. The sentences are those of the dev texts named in each test."""

from __future__ import annotations

import pytest

from speechkit.analyzers.slogans import local
from speechkit.text.lexicon import bundled_lexicon

from .test_slogans import dev_text_counts


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # Yixian 2017: a code of a digit and a Latin capital, before its frame word
        ("开展城市管理“6S”行动[3]，实行环卫作业", "6S"),
        # Miyi 2023: a plan of numbers joined by +, its head noun too long for a frame
        ("撑产业，加快构建“6+3”现代农业产业体系。以国家农业现代化示范区", "6+3"),
        # Gaotang 2022: a capital that stands for a number
        ("发挥带动作用，加快“1+N”产业园区建设。", "1+N"),
        # Gaoyang 2024: a task the quote names (the quote ends in it)
        ("倾力抓好“高质量发展六方面主线任务”，全力呈现", "高质量发展六方面主线任务"),
        # Mancheng 2021: a task after the quote
        ("全面落实“六保”任务，扎实开展", "六保"),
        # Fuping 2013: the frame a place works around
        ("围绕“水电路讯房”，加大乡村基础设施建设力度", "水电路讯房"),
        # Miyi 2023: the chance a place seizes
        ("建设园区平台提能级。抢抓“一区多园”发展机遇，高质量完成", "一区多园"),
    ],
)
def test_quotes_in_the_shapes_and_frames_of_round_31(sentence, name):
    assert name in local.framed_quotes(sentence)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # Wannian 2006: a long quote, then 的 and the design it is
        (
            "紧紧围绕“努力把万年打造成滨湖地区新型工业县”的战略构想,大力发展开放型经济",
            "努力把万年打造成滨湖地区新型工业县",
        ),
        # Shunping 2008: between 以 and 为目标
        (
            "以建设“华北绿色农产品生产加工基地”为目标，大力发展食品",
            "华北绿色农产品生产加工基地",
        ),
        # Sichuan 2026: before 等 and the main goals
        (
            "提出了“建设现代化经济强省取得重要进展”等主要目标，细化经济",
            "建设现代化经济强省取得重要进展",
        ),
    ],
)
def test_a_long_quote_framed_as_a_goal(sentence, name):
    assert local.framed_quotes(sentence) == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        # titles a place won, in long quotes (Hailar 2016, Yixian 2017): no goal frame
        "区获得国家级“慢性非传染性疾病综合防控示范区”称号。",
        "公里，被评为“全省农村公路养护管理示范县”。",
        # a plan of numbers without + is no name unframed (a count, a year)
        "完成“2023”。",
        # lower-case letters are redactions, not codes (Jiexiu 2011's “xxx”)
        "也是“xxx”即将结束",
    ],
)
def test_quotes_that_stay_out(sentence):
    assert local.framed_quotes(sentence) == []


def test_a_strategy_led_by_focus():
    # Gaotang 2022: a heading led by 聚焦
    assert local.named_strategies("一、聚焦产业兴县，坚定不移培育壮大优强企业") == ["产业兴县"]


def test_a_provinces_own_names_are_local_entries():
    lexicon = bundled_lexicon()
    for name in (
        "高质量发展建设共同富裕试验区",
        "拼经济搞建设",
        "省会经济圈",
        "胶东经济圈",
        "鲁南经济圈",
    ):
        entry = lexicon.get(name)
        assert entry is not None and entry.cited.startswith("round 31"), name
        assert entry.category == "local"


def test_the_dev_texts_count_the_new_names():
    # the dev texts these shapes come from, counted as their labels count them
    for text_id, name, count in [
        ("county_yixian_work_report_2017", "6S", 1),
        ("county_miyi_work_report_2023", "6+3", 1),
        ("county_miyi_work_report_2023", "一区多园", 1),
        ("county_miyi_work_report_2023", "拼经济搞建设", 1),
        ("county_miyi_work_report_2023", "高质量发展建设共同富裕试验区", 2),
        ("county_gaoyang_news_2024", "高质量发展六方面主线任务", 1),
        ("county_fuping_work_report_2013", "水电路讯房", 1),
        ("county_wannian_news_2006", "努力把万年打造成滨湖地区新型工业县", 1),
        ("county_shunping_work_report_2008", "华北绿色农产品生产加工基地", 2),
        ("county_gaotang_work_report_2022", "产业兴县", 1),
        ("county_gaotang_work_report_2022", "省会经济圈", 1),
    ]:
        assert dev_text_counts(text_id).get(name) == count, (text_id, name)
