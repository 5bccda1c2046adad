"""Round 38 of issue 12: a pair of four-character aims said twice or more, unquoted. The
sentences are real lines of eval dev texts (Bengbu 2012, Yangzhou 2024), with the pairs of the
same texts that must stay out."""

from __future__ import annotations

from speechkit.analyzers.slogans import families, series

from .test_slogans import dev_text_counts

BENGBU = (
    "全市365万人民将继续开拓奋进、持续快进，用五个“新”，建设美好幸福的皖北中心城市。"
    "2012年是关键一年，全市人民将继续开拓奋进、持续快进，确保建设实力蚌埠有新成就。"
)


def test_a_pair_said_twice_is_a_slogan_and_once_is_prose():
    assert series.repeated_pairs(BENGBU) == ["开拓奋进、持续快进"]
    once = "未来发展机遇与挑战并存，唯有知重负重、苦干实干，才能不断增创扬州发展新优势。"
    assert series.repeated_pairs(once) == []
    assert series.repeated_pairs(once * 2) == ["知重负重、苦干实干"]


def test_kinds_of_one_thing_offices_and_the_tail_of_a_series_stay_out():
    # Chaotian 2017, the 2007 congress report, Fuping 2013, Jilin 2025: the items share a
    # piece of two characters, or are offices; a longer series's last two items are no pair
    text = (
        "向出席开工仪式的各位领导、各位来宾表示热烈的欢迎！形式主义、官僚主义问题比较突出。"
        "在县人大、县政协的监督支持下。自觉接受法律监督、工作监督。"
        "坚持稳中求进、提质增效、开拓奋进、持续快进。"
    )
    assert series.repeated_pairs(text * 2) == []


def test_the_pair_is_a_local_family_and_counted_end_to_end():
    assert families.local_families(BENGBU)["repeated_pairs"] == ["开拓奋进、持续快进"]
    assert dev_text_counts("city_bengbu_news_2012")["开拓奋进、持续快进"] == 2
    assert dev_text_counts("city_yangzhou_news_2024")["知重负重、苦干实干"] == 2
