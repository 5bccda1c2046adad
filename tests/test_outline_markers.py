"""The one-pass marker scan and the parser give exactly what the first version gave.

``tests/outline_reference.py`` keeps that version (a regex per style, anchored with ^ or a
look-behind), and texts built from marker pieces are parsed by both.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import outline

from . import outline_reference as reference
from .conftest import EVAL_TEXTS

PIECES = [*"\n\n \u3000\u2003\t一二三四五十、，,。；;：:！？!?“”（）()12.．ivx①②③第是要另", "附件"]
PIECES += ["首先", "其次", "再次", "最后", "一方面", "另一方面", "一是一、二是二", "三个", "1.5"]
PIECES += ["工作", "的", "a", "附件1", "十一", "２"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def rows(items) -> list[tuple]:
    return [dataclasses.astuple(item) for item in items]


def same_parse(text: str) -> None:
    new, old = outline.parse(text), reference.parse(text)
    assert rows(new.items) == rows(old.items)
    assert new.sequences == old.sequences


@settings(max_examples=600, deadline=None)
@given(text=TEXTS, data=st.data())
def test_find_markers_equals_reference(text, data):
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert rows(outline.find_markers(text)) == rows(reference.find_markers(text))
    assert rows(outline.find_markers(text, lo, hi)) == rows(reference.find_markers(text, lo, hi))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_parse_equals_reference(text):
    same_parse(text)


def same_speech(text: str) -> None:
    same_parse(text)
    third = len(text) // 3
    new = rows(outline.find_markers(text, third, 2 * third))
    assert new == rows(reference.find_markers(text, third, 2 * third))


def test_parse_equals_reference_on_the_sample(sample_speeches):
    for s in sample_speeches:
        same_speech(s.text)


@pytest.mark.slow
def test_parse_equals_reference_on_every_eval_text():
    import speechkit

    if not EVAL_TEXTS.is_dir():
        pytest.skip(f"{EVAL_TEXTS} is not here")
    for s in speechkit.load(sorted(EVAL_TEXTS.glob("*.txt"))):
        same_speech(s.text)


def test_whitespace_is_what_re_calls_whitespace():
    every = "".join(map(chr, range(0x110000)))
    assert "".join(re.findall(r"\s", every)) == outline._WHITESPACE


# Small texts with each style in the places that decide it (line start after indentation, after
# a mark, mid-sentence, at the very start), parsed from every lo and up to every hi.
SMALL = [
    " \u3000一、甲\n二、乙",
    "\t（一）甲。（二）乙",
    "  ２．甲\n３、乙\n1.5",
    "甲：（1）乙；（2）丙 (3)丁",
    "\n  （ii）甲。(iii)乙",
    "①甲，②乙\n ③丙",
    "第一，甲。“第二，乙",
    "首先，甲。其次是乙，再次：丙\n最后，丁",
    "一是甲，二要乙。统一是",
    "一方面甲；另一方面乙",
    "一是一、二是二，三是三",
    "附件1 甲\n一、乙\n附件\n二、丙",
]


def test_find_markers_equals_reference_from_every_lo_to_every_hi():
    for text in SMALL:
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 1):
                new = rows(outline.find_markers(text, lo, hi))
                assert new == rows(reference.find_markers(text, lo, hi)), (text, lo, hi)
        same_parse(text)
