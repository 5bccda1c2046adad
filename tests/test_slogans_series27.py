"""Round 27 of issue 12: local slogans said once as a parallel series, unquoted. Each test
holds real sentences of eval dev texts (and lines of the same texts that must stay out), and
one dev text run end to end."""

from __future__ import annotations

import speechkit
from speechkit.analyzers.slogans import families, series, templates

from .test_slogans import DEV_TEXTS, counts


def test_a_series_named_as_the_keynote_or_the_article_of_the_place():
    # Qingyuan 2008 and Jiningshizhong 1998: the line words hold their 为, so 以 leads only a
    # series said as a keynote; the lines of Hailar 2017 and Xushui 2011 (以…为目标) and a
    # 理念 (Qingyuan 2008) stay out
    text = (
        "我们一定要以又好又快发展、兴县富民为中心任务，以突出抓发展、重点抓项目、持续保稳定为"
        "工作主基调，团结协作。做好融势、借势、造势的文章。以实现全域旅游、四季旅游为目标，"
        "着力建设。以发展优质、高效、生态农业为目标。牢固树立全民创业、全民招商的理念。"
    )
    assert series.named_lines(text) == [
        "突出抓发展、重点抓项目、持续保稳定",
        "融势、借势、造势",
    ]


def test_a_series_that_counts_off_its_items_at_one_place():
    # Fuping 2017 and Hailar 2016; not a count (第一季度 …), an outline's 一是 …, or a
    # number of things
    text = (
        "打造好营商环境，推动一产增效益、二产扩规模、三产提质量，实现县域经济迅速发展。坚持一产"
        "做优，二产做大，三产做强。第一季度、第二季度、第三季度。一是抓项目，二是抓招商，三是"
        "抓环境。建成一批园区、二批园区、三批园区。"
    )
    assert templates.ordinal_series(text) == [
        "一产增效益、二产扩规模、三产提质量",
        "一产做优，二产做大，三产做强",
    ]


def test_actions_on_counted_objects_said_as_one_series():
    # Rongcheng 2012 and a 2010 county speech; two such actions, or an ordinal, are none
    text = (
        "以项目建设为依托，利用三个资源、打造三个增长极、培育两个市场，着力加快工业化。"
        "坚持一个中心、突出两个重点、做好三篇文章、落实四项措施、实现五个目标。"
        "建设两个园区、培育三个基地。召开第一个会议、第二个会议、第三个会议。"
    )
    assert templates.counted_actions(text) == [
        "利用三个资源、打造三个增长极、培育两个市场",
        "坚持一个中心、突出两个重点、做好三篇文章、落实四项措施、实现五个目标",
    ]


def test_actions_held_to_said_as_one_pledge():
    # Chaotian 2017; one action held to (the 1992 congress) frames another formulation
    text = (
        "全区上下始终扭住发展不放松、大抓项目不动摇，聚焦聚力项目投资主战场。"
        "坚持党的基本路线不动摇，必须把改革开放同四项基本原则统一起来。"
    )
    assert templates.held_actions(text) == ["扭住发展不放松、大抓项目不动摇"]
    assert "扭住发展不放松、大抓项目不动摇" in families.local_families(text)["held_actions"]


def test_the_counted_off_series_of_a_dev_text_is_counted():
    path = DEV_TEXTS / "county_fuping_work_report_2017.txt"
    got = counts(speechkit.analyze("slogans", str(path), discover=True))
    assert got["一产增效益、二产扩规模、三产提质量"] == (1, 1)


def test_descriptions_of_degree_and_reviews_of_what_was_done_are_no_series():
    # Zhongwei 2022, Liping 2023 (the year described), Fuping 2013 (care described),
    # Mancheng 2021 (a review); the families' own examples still count
    assert series.anaphora_series("过去一年极不平凡、极其不易、极为难忘，") == []
    assert series.anaphora_series("坚持高起点规划、高质量建设、高标准推进。") == [
        "高起点规划、高质量建设、高标准推进"
    ]
    assert series.one_piece_series("要格外关注、格外关心、格外关爱困难群众。") == []
    assert series.one_piece_series("坚持全面创建、全域创建、全民创建，") == [
        "全面创建、全域创建、全民创建"
    ]
    assert series.clause_series("一年来，顶住了压力、打开了局面、增强了信心、收获了荣耀。") == []
    assert series.clause_series("，战疫情、稳经济、保稳定、惠民生，") == [
        "战疫情、稳经济、保稳定、惠民生"
    ]


def test_a_whole_clause_of_short_actions_said_in_pairs():
    # Lixian 2020; not a row of offices, nor a clause inside a longer piece
    text = (
        "深入开展“三创四建”活动，定规矩、提品位，建设施、强基础，理秩序、解遗难，全力创建文明"
        "城市。会见省人大、省政府，市人大、市政府，要求抓项目、促发展，惠民生、保稳定等。"
    )
    assert templates.paired_clause_series(text) == [
        "定规矩、提品位，建设施、强基础，理秩序、解遗难"
    ]


def test_a_whole_clause_of_three_items_on_one_template():
    # Fuping 2013 (both clauses stand whole between punctuation); items that open alike
    # only, a row, a question are none
    text = (
        "切实以阜平发展为己任，宁在苦中干、不在苦中熬、不在苦中等，大干、苦干、实干，挑起担子、"
        "扑下身子、干出样子！要有决心、有信心、有措施，一年级、二年级、三年级，"
        "项目怎么来、资金怎么筹、机制怎么活，"
    )
    assert templates.templated_clause_series(text) == [
        "宁在苦中干、不在苦中熬、不在苦中等",
        "挑起担子、扑下身子、干出样子",
    ]


def test_a_series_of_five_character_items_hinged_in_the_middle():
    # Anhui 2025; a hinge that joins, links two places or denies makes no slogan
    text = (
        "加速涌现科学新发现、技术新发明、产业新方向、体制新动能。统筹速度与效益、经济与社会、"
        "城市与农村。建成平远至武平、湛江至南宁、化州至北流高速。确保群众无伤亡、堤防无决口、"
        "水库无溃坝。"
    )
    assert templates.hinged_series(text) == ["科学新发现、技术新发明、产业新方向、体制新动能"]


def test_a_parallel_series_that_names_the_programme_after_it():
    # Fujian 2026 and Jilin 2025 (a list of names before 战略性, no programme)
    text = (
        "实施“两通工程”2.0版，建设邻县高速通、乡镇便捷通、港口铁路通项目26个。推进吉能集团、"
        "交投集团、一汽吉林战略性重组。"
    )
    assert templates.programme_series(text) == ["邻县高速通、乡镇便捷通、港口铁路通"]
