"""The provinces' own formulations of earlier eras, 1980s-2010s (round 29 of issue 12): one family
with round 22's, mined in eval/lexicon_mining/round29.tsv from stored pages of provincial and city
reports, plans and congresses, and kept in the lexicon as the province's or city's own (local)
formulations or the centre's charges to it (policy)."""

from __future__ import annotations

from collections import Counter

import speechkit
from speechkit.text.lexicon import load_lexicon

from . import mining
from .test_provincial_positions import PROVINCES
from .test_slogans import DEV_TEXTS, counts, speech


def sheet_rows() -> list[dict[str, str]]:
    return mining.sheet_rows("round29")


def kept_entries():
    lexicon = load_lexicon()
    owner = lexicon.form_map()
    return [
        (row, lexicon.get(owner[row["entry"]])) for row in sheet_rows() if row["decision"] == "keep"
    ]


def test_the_sheet_spans_the_provinces_and_the_earlier_decades():
    rows = sheet_rows()
    assert {r["province"] for r in rows} <= PROVINCES
    kept = kept_entries()
    assert len({row["entry"] for row, _ in kept}) >= 100
    assert len({row["province"] for row, _ in kept}) >= 28
    decades = Counter(entry.first_year // 10 * 10 for _, entry in kept)
    # the round's point: names of before the 2020s, the 1980s and 1990s included
    assert decades[1980] >= 5 and decades[1990] >= 5
    assert decades[2000] + decades[2010] >= 60
    assert decades[2020] <= 10


def test_every_kept_formulation_is_a_sourced_lexicon_entry_of_this_round():
    for row, entry in kept_entries():
        assert entry.category in ("local", "policy"), row["entry"]
        assert entry.cited.startswith(f"round 29 ({row['province']})"), row["entry"]
        assert entry.first_year is not None and 1980 <= entry.first_year <= 2026, row["entry"]
        assert "stored page" in entry.cited or "stored periodical" in entry.cited, row["entry"]


def test_have_and_dropped_candidates():
    lexicon = load_lexicon()
    owner = lexicon.form_map()
    for row in sheet_rows():
        if row["decision"] == "have":
            entry = lexicon.get(owner.get(row["entry"], ""))
            assert entry is not None and not entry.cited.startswith("round 29"), row["entry"]
        elif row["decision"] == "drop" and row["candidate"] in owner:
            # only a same-named entry of another meaning, which the sheet says
            assert not lexicon.get(owner[row["candidate"]]).cited.startswith("round 29")


def test_the_provinces_codes_of_digits_count_as_programmes_only():
    # 安徽's “861”行动计划 and 吉林's “464”新型工业化战略布局 (guarded_forms.tsv); 1861元 and
    # 464家 are numbers (the 西藏 2005 report, dev, says 人均纯收入达到1861元)
    text = (
        "深入推进“861”行动计划，提升861行动计划。农牧民人均纯收入达到1861元，增长861万元。"
        "提出了“464”的新型工业化战略布局，新增企业464家。"
    )
    found = counts(speechkit.analyze("slogans", [speech(text)]))
    assert found["861"] == (2, 1)
    assert found["464"] == (1, 1)
    # 浙江's “811”环境保护新三年行动 and 循环经济“991行动计划”; 811人 and 991年 are numbers
    zhejiang = (
        "正式启动“811”环境保护新三年行动，提出实施循环经济“991行动计划”。参加811人，始于991年。"
    )
    found = counts(speechkit.analyze("slogans", [speech(zhejiang)]))
    assert found["811"] == (1, 1)
    assert found["991"] == (1, 1)


def test_sentences_of_the_sources_are_counted():
    # the wordings read in the stored pages the sheet names
    text = (
        "大力实施“一化三基”战略，全面推进“四化两型”建设。"  # 湖南省第十次党代会 2011
        "实施“中心带动、两翼齐飞、组团发展、整体推进”的区域发展战略。"  # 甘肃 2009
        "市委十届二次会议上，“环湾保护、拥湾发展”被正式作为关键战略而提出。"  # 青岛 2008
        "加快推进“四个率先”，加快建设“四个中心”。"  # 上海 2013
        "全面实施“六大战略”，深入推进“861”行动计划。"  # 安徽 2008
        "实现“新北京，新奥运”的战略构想。"  # 北京 2003
        "新疆的优势产业，简而言之是一黑一白。提出“一白一黑”为重点的优势资源转换战略。"
    )
    found = counts(speechkit.analyze("slogans", [speech(text)]))
    for name in (
        "一化三基",
        "四化两型",
        "中心带动、两翼齐飞、组团发展、整体推进",
        "环湾保护、拥湾发展",
        "四个率先",
        "861",
        "新北京、新奥运",
        "优势资源转换战略",
    ):
        assert found.get(name) == (1, 1), name
    assert found["一黑一白"] == (2, 1)
    assert "六大战略" not in found  # dropped: too common to count safely


def test_province_formulations_of_the_dev_texts_are_counted():
    # dev texts that say a formulation the lexicon lacked before round 29, labelled local there:
    # Hanyang 2016 (a district of 武汉) says 武汉's “工业倍增”; Hunan 2011 its “一化三基”, “四化两型”
    hanyang = DEV_TEXTS / "county_hanyang_work_report_2016.txt"
    assert counts(speechkit.analyze("slogans", str(hanyang)))["工业倍增"] == (1, 1)
    hunan = counts(
        speechkit.analyze("slogans", str(DEV_TEXTS / "provincial_hunan_work_report_2011.txt"))
    )
    assert hunan["一化三基"] == (1, 1)
    assert hunan["四化两型"] == (1, 1)
