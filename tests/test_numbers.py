"""speechkit.text.numerals.parse_number: the Recognizers-Text yardstick and one test per form."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speechkit.text.numerals import parse_number

from .conftest import ROOT

RECOGNIZERS = ROOT.parent / "shared" / "eval" / "recognizers-text" / "Number" / "Chinese"
DIFFERENCES = Path(__file__).parent / "data" / "recognizers_deliberate_differences.tsv"
MIN_PASS_RATE = 0.95


def _same(got: float | None, expected: float | None) -> bool:
    if got is None or expected is None:
        return got is expected
    return math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12)


def _deliberate() -> dict[str, tuple[float, float | None, str]]:
    with DIFFERENCES.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {
            r["input"]: (
                float(r["recognizers"]),
                float(r["ours"]) if r["ours"] else None,
                r["reason"],
            )
            for r in rows
        }


def _yardstick_cases() -> list[tuple[str, float]]:
    """Every case whose single result spans the whole input, retail discounts (折) left out."""
    if not RECOGNIZERS.exists():
        pytest.skip(f"{RECOGNIZERS} is not here (../shared/eval is beside the repo)")
    cases = []
    for name in ("NumberModel.json", "PercentModel.json"):
        for case in json.loads((RECOGNIZERS / name).read_text(encoding="utf-8-sig")):
            results = case["Results"]
            text = case["Input"]
            if len(results) != 1 or results[0]["Text"] != text or "折" in text:
                continue
            cases.append((text, float(results[0]["Resolution"]["value"].rstrip("%"))))
    return cases


def test_recognizers_yardstick():
    cases = _yardstick_cases()
    deliberate = _deliberate()
    assert len(cases) > 300
    misses = [(t, want, parse_number(t)) for t, want in cases if not _same(parse_number(t), want)]
    rate = 1 - len(misses) / len(cases)
    assert rate >= MIN_PASS_RATE, f"pass rate {rate:.1%} over {len(cases)} cases"
    undocumented = [m for m in misses if m[0] not in deliberate]
    assert not undocumented, f"list these in {DIFFERENCES.name} or fix them: {undocumented}"


def test_deliberate_differences_are_real():
    deliberate = _deliberate()
    cases = dict(_yardstick_cases())
    for text, (expected, ours, _reason) in deliberate.items():
        assert text in cases and _same(cases[text], expected), text
        assert _same(parse_number(text), ours), text
        assert not _same(ours, expected), text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Arabic, full-width, decimals, thousands separators
        ("2158", 2158),
        ("28.79", 28.79),
        ("１２３４", 1234),
        ("１２．５", 12.5),
        ("1,000,000", 1_000_000),
        ("1\u202f000", 1000),
        (".5", 0.5),
        # Chinese numerals
        ("一百五十二", 152),
        ("两千四百五", 2450),
        ("一千零一", 1001),
        ("五亿零六", 500_000_006),
        ("十五", 15),
        ("一万三", 13_000),
        ("二〇二二", 2022),
        ("三点一四", 3.14),
        # financial numerals
        ("壹佰伍拾", 150),
        ("肆拾肆", 44),
        # mixed
        ("5万4千6百", 54_600),
        ("1.46万亿", 1.46e12),
        ("10万万", 1e9),
        ("2158亿", 2.158e11),
        ("3万4000", 34_000),
        # negatives
        ("负三十二", -32),
        ("-10000", -10_000),
        ("负1.1", -1.1),
        # percentages: the percent value
        ("百分之五十五", 55),
        ("百分之一点五", 1.5),
        ("百分之百", 100),
        ("三成", 30),
        ("三成半", 35),
        ("半成", 5),
        ("千分之一", 0.1),
        ("55%", 55),
        ("５５％", 55),
        ("-22.2%", -22.2),
        ("12个百分点", 12),
        # fractions
        ("五分之一", 0.2),
        ("一又二分之一", 1.5),
        ("3/4", 0.75),
        # approximate forms keep the stated value
        ("一千多万", 10_000_000),
        ("500余万", 5_000_000),
    ],
)
def test_forms(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    "text",
    ["", " ", "一切", "一些", "一点", "第一", "十四五", "万", "亿", "几十", "百分之", "x", "1.2.3",
     "1,2", "2~3", "一成不变", "两个"],
)  # fmt: skip
def test_not_numbers(text):
    assert parse_number(text) is None


def test_traditional_forms():
    assert parse_number("兩千四百五") == 2450
    assert parse_number("4.78萬億") == 4.78e12
    assert parse_number("負三十二") == -32
    assert parse_number("十二個百分點") == 12


_CN_DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """Chinese reading of 0 < n < 10000, with 零 for inner gaps (一千零五)."""
    out, gap = "", False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // size % 10
        if d == 0:
            gap = bool(out)
            continue
        out += ("零" if gap else "") + _CN_DIGITS[d] + unit
        gap = False
    return out


def _to_chinese(n: int) -> str:
    if n == 0:
        return "零"
    out = ""
    for size, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        sec = n // size % 10**4
        if sec == 0:
            continue
        if out and sec < 1000:
            out += "零"
        out += _section(sec) + unit
    return out


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_integers_round_trip(n):
    assert parse_number(_to_chinese(n)) == n


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_arabic_integers_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


def test_to_chinese_helper():
    assert [_to_chinese(n) for n in (1001, 10250, 100000006, 2450)] == [
        "一千零一",
        "一万零二百五十",
        "一亿零六",
        "二千四百五十",
    ]
