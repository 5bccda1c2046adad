"""The positioning formulations the centre gave each province (round 17 of issue 12): one
family for the 31 provinces, mined in eval/lexicon_mining/round17.tsv, kept in the lexicon with
the central source as first_year and source."""

from __future__ import annotations

import speechkit
from speechkit.text.lexicon import load_lexicon

from . import mining
from .test_slogans import DEV_TEXTS, counts

PROVINCES = set(
    [
        "北京",
        "天津",
        "河北",
        "山西",
        "内蒙古",
        "辽宁",
        "吉林",
        "黑龙江",
        "上海",
        "江苏",
        "浙江",
        "安徽",
        "福建",
        "江西",
        "山东",
        "河南",
        "湖北",
        "湖南",
        "广东",
        "广西",
        "海南",
        "重庆",
        "四川",
        "贵州",
        "云南",
        "西藏",
        "陕西",
        "甘肃",
        "青海",
        "宁夏",
        "新疆",
    ]
)


def sheet_rows() -> list[dict[str, str]]:
    return mining.sheet_rows("round17")


def test_the_sheet_covers_every_province_with_a_kept_formulation():
    rows = sheet_rows()
    assert {r["province"] for r in rows} == PROVINCES
    kept = {r["province"] for r in rows if r["decision"] in ("keep", "update", "have")}
    assert kept == PROVINCES


def test_every_kept_formulation_is_a_lexicon_entry_with_its_central_source():
    lexicon = load_lexicon()
    owner = lexicon.form_map()
    for row in sheet_rows():
        if row["decision"] not in ("keep", "update"):
            continue
        entry = lexicon.get(owner.get(row["candidate"], ""))
        assert entry is not None, row["candidate"]
        assert entry.category in ("policy", "core"), row["candidate"]
        assert entry.first_year and str(entry.first_year) in row["central source"], row["candidate"]
        assert entry.source, row["candidate"]


def test_dropped_candidates_stay_out_of_the_lexicon():
    owner = load_lexicon().form_map()
    dropped = [r["candidate"] for r in sheet_rows() if r["decision"] == "drop"]
    assert [c for c in dropped if c in owner] == []


def test_a_province_charge_is_counted_inside_the_sentence_that_applies_it():
    # eval dev texts: Luoyang 2021 (谱写新时代中原更加出彩的洛阳绚丽篇章) and Sichuan 2026
    # (新时代治蜀兴川事业), both missed before round 17
    luoyang = counts(
        speechkit.analyze("slogans", str(DEV_TEXTS / "city_luoyang_work_report_2021.txt"))
    )
    assert luoyang["中原更加出彩"] == (1, 1)
    sichuan = DEV_TEXTS / "provincial_sichuan_work_report_2026.txt"
    assert counts(speechkit.analyze("slogans", str(sichuan)))["治蜀兴川"] == (1, 1)
