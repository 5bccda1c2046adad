"""The strategies, numbered programmes and slogans each province names itself by (round 22 of
issue 12): one family for the 31 provinces, mined in eval/lexicon_mining/round22.tsv and kept
in the lexicon as the province's own (local) formulations or the centre's charges (policy)."""

from __future__ import annotations

import speechkit
from speechkit.text.lexicon import load_lexicon

from . import mining
from .test_provincial_positions import PROVINCES
from .test_slogans import DEV_TEXTS, counts, speech


def sheet_rows() -> list[dict[str, str]]:
    return mining.sheet_rows("round22")


def test_the_sheet_names_a_formulation_for_every_province():
    rows = sheet_rows()
    assert {r["province"] for r in rows} <= PROVINCES
    assert {r["province"] for r in rows if r["decision"] == "keep"} == PROVINCES
    assert len({r["entry"] for r in rows if r["decision"] == "keep"}) >= 150


def test_every_kept_formulation_is_a_sourced_lexicon_entry():
    lexicon = load_lexicon()
    owner = lexicon.form_map()
    for row in sheet_rows():
        if row["decision"] not in ("keep", "form", "have"):
            continue
        entry = lexicon.get(owner.get(row["entry"], ""))
        assert entry is not None, row["entry"]
        if row["decision"] == "keep":
            assert entry.category in ("local", "policy", "core"), row["entry"]
            assert entry.cited.startswith(f"round 22 ({row['province']})"), row["entry"]
            assert entry.first_year is not None and 1990 <= entry.first_year <= 2026, row["entry"]


def test_dropped_candidates_are_no_lexicon_forms_of_this_round():
    lexicon = load_lexicon()
    owner = lexicon.form_map()
    for row in sheet_rows():
        if row["decision"] == "drop" and row["candidate"] in owner:
            # only a same-named entry of another meaning, which the sheet says
            entry = lexicon.get(owner[row["candidate"]])
            assert not entry.cited.startswith("round 22"), row["candidate"]


def test_a_code_of_digits_counts_as_the_programme_only():
    # “1310”具体部署 is 广东's programme; 1310亿元 and 13100 are numbers
    text = (
        "落实省委“1310”具体部署，实施1310具体部署，投资1310亿元，增长13100。“三个年”活动，三个年度"
    )
    found = counts(speechkit.analyze("slogans", [speech(text)]))
    assert found["1310"] == (2, 1)
    assert found["三个年"] == (1, 1)


def test_province_strategies_of_the_dev_texts_are_counted():
    # dev texts that say a province's formulation the lexicon lacked before round 22
    # (Xinyang 2012: 河南's 持续求进; 内蒙古 2024: 闯新路、进中游)
    xinyang = DEV_TEXTS / "city_xinyang_speech_2012_economy.txt"
    assert counts(speechkit.analyze("slogans", str(xinyang)))["持续求进"] == (3, 1)
    neimenggu = DEV_TEXTS / "provincial_neimenggu_work_report_2024.txt"
    assert counts(speechkit.analyze("slogans", str(neimenggu)))["闯新路、进中游"][0] == 1


def test_the_miner_lists_names_not_ordinary_words():
    miner = mining.eval_script("mine_province_names")
    assert miner.province_of("广西壮族自治区") == "广西"
    assert miner.province_of("内蒙古自治区") == "内蒙古"
    for phrase, province in [
        ("三高四新", "湖南"),
        ("1310", "广东"),
        ("一干多支、五区协同", "四川"),
        ("平安浙江", "浙江"),
        ("十项重大工程", "浙江"),
    ]:
        assert miner.has_name_shape(phrase, province), phrase
    for phrase in ["加快发展", "营商环境", "烟火气"]:
        assert not miner.has_name_shape(phrase, "湖南"), phrase
