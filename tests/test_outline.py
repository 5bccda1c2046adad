"""The outline parser on small hand-made texts, each expectation worked out by hand."""

from __future__ import annotations

import re

import pytest

from speechkit.text import outline


def test_whitespace_is_what_re_calls_whitespace():
    every = "".join(map(chr, range(0x110000)))
    assert "".join(re.findall(r"\s", every)) == outline._WHITESPACE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two headings, the first after an indent of a space and an ideographic space.
        (" \u3000一、甲\n二、乙", [("1", "一、"), ("2", "二、")]),
        # （二） stands mid-line, so it is no heading; a lone （一） is no list.
        ("\t（一）甲。（二）乙", []),
        # 第N after a line start and after an opening quote.
        ("第一，甲。“第二，乙", [("1", "第一"), ("2", "第二")]),
        # 一方面…另一方面 is a list of two.
        ("一方面甲；另一方面乙", [("1", "一方面"), ("2", "另一方面")]),
        # 第一次 and 统一是 hold markers' characters but are not markers.
        ("第一次会议。统一是", []),
        # Inline 一是 under a heading: one level down, numbering restarts under each heading.
        (
            "一、甲\n一是乙，二是丙。\n二、丁\n一是戊，二是己。",
            [
                ("1", "一、"),
                ("1.1", "一是"),
                ("1.2", "二是"),
                ("2", "二、"),
                ("2.1", "一是"),
                ("2.2", "二是"),
            ],
        ),
    ],
)
def test_outline_of_small_texts(text, expected):
    found = [(item.path, item.marker) for item in outline.parse(text).items]
    assert found == expected
