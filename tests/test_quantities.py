"""speechkit.text.quantities.find_quantities on phrases and on real speeches."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.text.quantities import Quantity, find_quantities, units

from .conftest import eval_text


def _one(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def _brief(q: Quantity) -> tuple:
    return (q.surface, q.value, q.value_high, q.unit, q.value_base, q.unit_base)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("确保今年净增规模工业企业40家以上", ("40家", 40, None, "家", 40, "家")),
        ("投资完成2158亿元", ("2158亿元", 2158, None, "亿元", 2.158e11, "元")),
        ("增长28.79%", ("28.79%", 28.79, None, "%", 28.79, "%")),
        ("力争种植烟叶22万亩", ("22万亩", 22, None, "万亩", 220_000, "亩")),
        ("全州共收购烟叶34.2万担", ("34.2万担", 34.2, None, "万担", 34_200_000, "斤")),
        ("粮食产量1.37万亿斤", ("1.37万亿斤", 1.37, None, "万亿斤", 1.37e12, "斤")),
        ("外汇储备稳定在3万亿美元以上", ("3万亿美元", 3, None, "万亿美元", 3e12, "美元")),
        ("新增机场容量4亿人次", ("4亿人次", 4, None, "亿人次", 4e8, "人次")),
        ("参保人数增加1.4亿", ("1.4亿", 1.4, None, "亿", 1.4e8, "")),
        ("贷款平均利率下降1.5个百分点", ("1.5个百分点", 1.5, None, "个百分点", 1.5, "个百分点")),
        ("压缩到不超过120个工作日", ("120个工作日", 120, None, "个工作日", 120, "工作日")),
        ("煤电机组超过10.5亿千瓦", ("10.5亿千瓦", 10.5, None, "亿千瓦", 1.05e9, "千瓦")),
        ("收购均价达1434.65元/担", ("1434.65元/担", 1434.65, None, "元/担", 14.3465, "元/斤")),
        ("高新区面积1,000亩", ("1,000亩", 1000, None, "亩", 1000, "亩")),
        ("面积1\u202f000亩", ("1\u202f000亩", 1000, None, "亩", 1000, "亩")),
        ("举办超5000场次", ("5000场次", 5000, None, "场次", 5000, "场")),
        ("新建３所学校", ("３所", 3, None, "所", 3, "所")),
    ],
)
def test_units_and_base_values(text, expected):
    got = _brief(_one(text))
    assert got[0] == expected[0] and got[3] == expected[3] and got[5] == expected[5]
    assert got[1] == pytest.approx(expected[1])
    assert got[4] == pytest.approx(expected[4])
    assert got[2] == expected[2]


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit", "high_base"),
    [
        ("可以直接带动2~3亿元的国内生产总值", "2~3亿元", 2, 3, "亿元", 3e8),
        ("创造的就业岗位达1500~2000个", "1500~2000个", 1500, 2000, "个", 2000),
        ("增长6%－6.5%", "6%－6.5%", 6, 6.5, "%", 6.5),
        ("开展1-2项专项整治", "1-2项", 1, 2, "项", 2),
        ("增速5%-6%", "5%-6%", 5, 6, "%", 6),
        ("3—11岁人群", "3—11岁", 3, 11, "岁", 11),
        ("百分之五至百分之十", "百分之五至百分之十", 5, 10, "%", 10),
        ("用两到三个月时间", "两到三个月", 2, 3, "个月", 3),
        ("每年新增两到三个", "两到三个", 2, 3, "个", 3),
    ],
)
def test_ranges(text, surface, low, high, unit, high_base):
    q = _one(text)
    assert (q.surface, q.value, q.value_high, q.unit) == (surface, low, high, unit)
    assert q.value_high_base == pytest.approx(high_base)


def test_a_change_is_two_quantities_not_a_range():
    found = find_quantities("常住人口城镇化率从60.2%提高到65.2%，从20%到16%")
    pairs = [(q.value, q.value_high) for q in found]
    assert pairs == [(60.2, None), (65.2, None), (20, None), (16, None)]


@pytest.mark.parametrize(
    ("text", "surface", "value", "approx"),
    [
        ("国内生产总值增长5%左右", "5%左右", 5, "左右"),
        ("城镇新增就业1200万人左右", "1200万人左右", 1200, "左右"),
        ("约6700万人受益", "约6700万人", 6700, "约"),
        ("缓税缓费7500多亿元", "7500多亿元", 7500, "多"),
        ("对交通工作共批示150余次", "150余次", 150, "余"),
        ("解决3万余人就近就业", "3万余人", 3, "余"),
        ("二十多个国家", "二十多个", 20, "多"),
        ("投资1000亿元", "1000亿元", 1000, None),
        ("大约5%", "大约5%", 5, "大约"),
        ("节约1000万元", "1000万元", 1000, None),  # 节约 is "save", not 约 "about"
        ("约百分之五左右", "约百分之五左右", 5, "约"),
    ],
)
def test_approximations(text, surface, value, approx):
    q = _one(text)
    assert (q.surface, q.value, q.approx) == (surface, value, approx)


def test_placeholders():
    found = find_quantities("全州发生安全事故x起，死亡x人，同比上升x%，投入x万元")
    assert [(q.surface, q.unit, q.unit_base) for q in found] == [
        ("x起", "起", "起"),
        ("x人", "人", "人"),
        ("x%", "%", "%"),
        ("x万元", "万元", "元"),
    ]
    assert all(q.redacted and q.value is None and q.value_base is None for q in found)
    assert find_quantities("x州x县") == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "base"),
    [
        ("占比提高到百分之五十五", "百分之五十五", 55, "%", 55),
        ("超过三成", "三成", 3, "成", 30),
        ("增长三成半", "三成半", 3.5, "成", 35),
        ("千分之一", "千分之一", 1, "‰", 0.1),
        ("三十万亩", "三十万亩", 30, "万亩", 300_000),
        ("一千二百万人", "一千二百万人", 1200, "万人", 12_000_000),
        ("下降三个百分点", "三个百分点", 3, "个百分点", 3),
    ],
)
def test_chinese_numerals(text, surface, value, unit, base):
    q = _one(text)
    assert (q.surface, q.unit) == (surface, unit)
    assert q.value == pytest.approx(value)
    assert q.value_base == pytest.approx(base)


@pytest.mark.parametrize(
    "text",
    [
        "2022年是党和国家历史上极为重要的一年",
        "到2025年末，3月底前完成，10月1日起施行",
        "2021—2025年",
        "“十四五”时期",
        "第一，第3，第十四届",
        "一是，二是",
        "坚定捍卫“两个确立”，做到“两个维护”",
        "三项制度改革，五年规划，十九届六中全会",
        "一些问题，一切工作，一家人，最后一公里，一度攀升",
        "千家万户，十万火急，一成不变",
        "5G网络，PM2.5浓度，G20峰会",
        "（1）加强，1、推进，[1]注释",
        "郑州“7·20”特大暴雨，“1.8”火灾",
        "投入产出比达1:8，10:30开会，1+1=2",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_offsets_and_surface():
    text = "全年国内生产总值增长3%，城镇新增就业1206万人。"
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.surface


def test_unit_table_is_consistent():
    table = units()
    assert {"%", "个百分点", "元", "亿", "万亿", "亩", "人", "家", "公里", "小时"} <= set(table)
    for u in table.values():
        assert u.kind in {"magnitude", "percent", "measure", "counter", "generic", "time"}
        assert u.factor > 0
    assert table["个百分点"].base != table["%"].base


def test_sample_speeches(sample_speeches):
    by_ordinal = {s.ordinal: s for s in sample_speeches}
    text1 = by_ordinal[1].text
    q = next(
        q
        for q in find_quantities(text1)
        if text1[q.start - 12 : q.start].endswith("净增规模工业企业")
    )
    assert (q.value, q.unit, text1[q.end : q.end + 2]) == (40, "家", "以上")

    s2 = find_quantities(by_ordinal[2].text)
    assert any(q.surface == "2158亿元" and q.value_base == 2.158e11 for q in s2)
    s4 = find_quantities(by_ordinal[4].text)
    assert any(q.surface == "28.79%" for q in s4)
    assert any(q.surface == "22万亩" and q.value_base == 220_000 for q in s4)
    for speech in sample_speeches:
        for q in find_quantities(speech.text):
            assert speech.text[q.start : q.end] == q.surface
            assert q.redacted or q.value is not None


def test_gov_work_report_2023():
    text = eval_text("gov_work_report_2023.txt").read_text(encoding="utf-8")
    found = {(q.surface, q.unit, q.value_base, q.approx) for q in find_quantities(text)}
    assert ("5%左右", "%", 5, "左右") in found
    assert ("1200万人左右", "万人", 12_000_000, "左右") in found
    assert ("5.5%左右", "%", 5.5, "左右") in found
    assert ("3%左右", "%", 3, "左右") in found
    assert ("3%", "%", 3, None) in found
    assert not any(s.startswith(("2022", "2023")) for s, *_ in found)


_ALPHABET = (
    "0123456789.,%~-x一二两三五十百千万亿零成约多余左右个百分点之元亩人家年月第是“”，、（）企业增长"
)


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_spans_are_ordered_slices(text):
    last_end = 0
    for q in find_quantities(text):
        assert last_end <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.surface
        assert q.redacted or q.value is not None
        last_end = q.end


def _starts_covered(text: str) -> None:
    from speechkit.text import quantity_patterns

    pattern, first = quantity_patterns._pattern(), quantity_patterns._FIRST
    for pos in range(len(text)):
        if pattern.match(text, pos):
            assert first.match(text, pos), (text, pos)


@given(st.text(alphabet=_ALPHABET + "百千万分之〇零xX", max_size=40))
def test_every_match_opens_where_the_first_character_class_says(text):
    # find_quantities tries the pattern only where _FIRST matches: it must miss no match.
    _starts_covered(text)


def test_every_match_in_the_sample_opens_where_the_first_character_class_says(
    sample_speeches,
):
    for speech in sample_speeches:
        _starts_covered(speech.text)


def _scan_without_skipping(text: str) -> list:
    """find_quantities' scan as it reads without _skip_pattern (every _FIRST position)."""
    from speechkit.text import quantities, quantity_patterns

    pattern, first = quantity_patterns._pattern(), quantity_patterns._FIRST
    out, pos = [], 0
    while (c := first.search(text, pos)) is not None:
        m = pattern.match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        pos = m.end()
        if m.group("date"):
            continue
        if m.group("pct"):
            q = quantities._percent_words(text, m)
        else:
            groups = m.group("num", "unit1", "num2", "unit")
            q, pos = quantities._numeric(text, m, dict(pattern.groupindex), *groups)
        if q is not None:
            out.append(q)
    return out


# (项, 批, 次, 公里, 倍: units that _scan's shortcut for 两个, 一批 reads, see _never_counts.)
@given(
    st.text(
        alphabet=_ALPHABET + "百千万分之〇零xX伏瓦点．多余至到~、的了项批次公里倍「", max_size=40
    )
)
@example("建成三千伏的线路，一千瓦，三百分点，十四五，二〇二二年，五点五亿，两到三个，七八十")
@example("一批，两项，一公里，一倍，三年时间，分两年，五万个，一万项，“三个")
def test_skipping_bare_numerals_finds_what_reading_every_numeral_finds(text):
    from speechkit.text.quantities import _scan

    assert _scan(text) == _scan_without_skipping(text)


def test_skipping_bare_numerals_finds_the_same_quantities_in_the_sample(sample_speeches):
    from speechkit.text.quantities import _scan

    for speech in sample_speeches:
        assert _scan(speech.text) == _scan_without_skipping(speech.text)


def test_approximation_word_does_not_reach_across_a_line_break():
    from speechkit.text.quantities import find_quantities

    found = find_quantities("约\n3亿元，约3亿元")
    assert [(q.surface, q.approx) for q in found] == [("3亿元", None), ("约3亿元", "约")]


@given(st.text(alphabet="0123456789〇零一二三九十年月日号:：-—至到 代x，", max_size=24))
@example("2020-2022年3月5日，一九八五年，09年，80年代，12:30，3日，5-6月")
def test_dates_behind_their_first_digit_match_as_the_forms_tried_in_order(text):
    from speechkit.text import quantity_patterns

    in_order = re.compile("|".join(quantity_patterns._DATE_FORMS))
    gated = re.compile(quantity_patterns._DATE)
    for pos in range(len(text)):
        plain, fast = in_order.match(text, pos), gated.match(text, pos)
        assert (plain and plain.span()) == (fast and fast.span()), (text, pos)
