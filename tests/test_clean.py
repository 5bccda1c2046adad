"""Cleaning: glosses go, real parentheses stay, damage and mojibake are reported with offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.ingest.clean import clean, is_syllable
from speechkit.model import OffsetMap

from .conftest import SAMPLE


def test_glosses_are_stripped_and_asides_kept():
    raw = "發(fā)展(村)(巴中段)(2021年11月份以來)(每萬人口20個隔離房間)\n(一)加強協(xié)調(x)"
    out = clean(raw)
    assert (
        out.text
        == "發展（村）（巴中段）（2021年11月份以來）（每萬人口20個隔離房間）\n（一）加強協調（x）"
    )
    assert out.stats.glosses == 2


def test_sample_gloss_total_is_2460():
    corpus = speechkit.load(SAMPLE)
    doc = next(corpus.documents())
    assert doc.summary(list(corpus))["glosses"] == 2460


def test_offsets_point_back_to_the_raw_characters(sample_speeches, sample_raw):
    for speech in sample_speeches:
        for i in range(0, len(speech.original), 7):
            raw_char = sample_raw[speech.offsets.raw(i)]
            assert raw_char == speech.original[i] or raw_char in ",:;!?()"
        start, end = speech.raw_span(0, len(speech.text))
        assert (start, end) == (speech.start, speech.end)


def test_raw_span_of_a_phrase(sample_speeches, sample_raw):
    speech = sample_speeches[0]
    i = speech.text.index("三区两地")
    start, end = speech.raw_span(i, i + 4)
    assert sample_raw[start:end] == "三區(qū)兩地"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=30),
    st.lists(st.tuples(st.integers(-2, 80), st.integers(-2, 80)), max_size=20),
)
def test_raw_spans_map_each_slice_as_raw_span_does(gaps, spans):
    # a map that deletes 0-3 characters before each break (one whose first break is not at 0)
    clean_pos, raw_pos, breaks = 1, 2, []
    for gap in gaps:
        breaks.append((clean_pos, raw_pos))
        clean_pos, raw_pos = clean_pos + 2, raw_pos + 2 + gap
    offsets = OffsetMap.from_breaks(breaks, raw_pos + 1)
    assert offsets.raw_spans(spans) == [offsets.raw_span(a, b) for a, b in spans]


def test_noise_is_removed():
    out = clean("一\u200b二</p>三<br/>四\u2060五 1\u202f000")
    assert out.text == "一二三四五 1000"
    assert out.stats.html == 2 and out.stats.invisible == 2


def test_punctuation_becomes_full_width_but_numbers_keep_theirs():
    out = clean("同志們:好!對嗎?是(一);1,000人,10:30開會,3.5%")
    assert out.text == "同志們：好！對嗎？是（一）；1,000人，10:30開會，3.5%"
    assert out.stats.punctuation == 8


def test_straight_quotes_around_chinese_become_chinese_quotes():
    # a web page's ASCII quotes ("六个百亿"); a pair around Latin text stays, and pairs are
    # taken left to right, so "OK" does not pair its closing quote with the next opening one
    raw = '实施"六个百亿"工程,说"OK"和"好"。\n"未配对'
    out = clean(raw)
    assert out.text == '实施“六个百亿”工程，说"OK"和“好”。\n"未配对'
    assert out.stats.punctuation == 5
    assert out.offsets.raw(out.text.index("工程")) == raw.index("工程")  # one for one


def test_damaged_glosses_are_suspects_not_guesses():
    out = clean("變?yōu)槊篮\n加強協(x\n", base=100)
    suspects = [f for f in out.findings if f.kind == "suspect"]
    assert [(f.start, f.text) for f in suspects] == [(102, "yōu)"), (112, "(x")]
    assert "yōu）" in out.text  # left in place


def test_mojibake_runs_found_and_real_questions_left_alone(sample_raw):
    doc = next(speechkit.load(SAMPLE).documents())
    runs = [f for f in doc.findings() if f.kind == "mojibake"]
    starts = {f.start for f in runs}
    assert 1791 in starts  # 變?yōu)槊篮矛F實
    assert 15325 in starts  # ??倳浳鞑垦a畫
    for question in ("這么做?做的關鍵", "是什么?以便", "可有可無了?肯定", "怎么抓?去年"):
        at = sample_raw.index(question) + question.index("?")
        assert at not in starts, question
    for run in runs:
        assert sample_raw[run.start : run.end] == run.text
    assert len(runs) == 31


def test_syllables():
    assert all(map(is_syllable, ["fā", "qū", "xù", "zhuàng", "lǜ", "er", "a"]))
    assert not any(map(is_syllable, ["x", "app", "pp", "zhx"]))


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
TEXT = st.text(
    alphabet=st.one_of(CJK, st.sampled_from(list("，。、:,!?()（）一二1 \n"))), max_size=40
)
READING = st.sampled_from(["fā", "qū", "xù", "zhǎn", "tǒng", "lián", "guī"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TEXT, CJK, st.booleans(), READING), min_size=1, max_size=8))
def test_gloss_stripping_keeps_every_other_character(parts):
    raw = ""
    expected = ""
    for text, han, glossed, reading in parts:
        raw += text + han + (f"({reading})" if glossed else "")
        expected += text + han
    out = clean(raw)
    norm = clean(expected)
    assert out.text == norm.text
    # every cleaned character maps to a raw position holding the same (or ASCII) character
    for i, ch in enumerate(out.text):
        assert raw[out.offsets.raw(i)] in (ch, ",", ":", "!", "?", "(", ")", ";")


def test_no_gloss_left_in_any_sample_speech(sample_speeches):
    for speech in sample_speeches:
        assert not re.search(
            r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+[)）]", speech.original
        )


# Hand-checked cases for the fast paths of clean() (split on glosses, noise spliced only when
# present, orphan readings found from their ")"): text, offset breaks, stats and findings.
# Positions were counted by hand; base is 100.
HAND_CHECKED = [
    # A gloss and HTML residue side by side share one break: 發 ends at raw 109.
    ("發(fā)</p>展", "發展", [(0, 100), (1, 109)], (1, 1, 0, 0), []),
    # A reading after ")" is no gloss (the second one), and stays full-width.
    ("發(fā)(zhǎn)", "發（zhǎn）", [(0, 100), (1, 105)], (1, 0, 0, 2), []),
    # After a Latin letter (mojibake ate the character) a reading is a gloss too.
    ("l(xiāng)村", "l村", [(0, 100), (1, 108)], (1, 0, 0, 0), []),
    # At the very start there is no character to gloss.
    ("(fā)開頭", "（fā）開頭", [(0, 100)], (0, 0, 0, 2), []),
    # A line left open after a character is a suspect; after a line break it is not.
    ("加強協(x\n(x\n", "加強協（x\n（x\n", [(0, 100)], (0, 0, 0, 2), [("suspect", 103, 105)]),
    # Invisible characters, tags, &nbsp; and a digit separator go; a/p> is no tag.
    (
        "一\u200b二</p>三<br/>四\u2060五 1\u202f000 a/p>b&nbsp;c",
        "一二三四五 1000 a/p>bc",
        [(0, 100), (1, 102), (2, 107), (3, 113), (4, 115), (7, 119), (16, 134)],
        (0, 3, 2, 0),
        [],
    ),
    # Commas and colons inside numbers stay ASCII; the others become full-width.
    ("1,000,000人:10:30,好", "1,000,000人：10:30，好", [(0, 100)], (0, 0, 0, 2), []),
    # A mojibake run and the orphan reading inside it; the real question mark is left alone.
    (
        "變?yōu)槊篮矛F實。好嗎?我們",
        "變？yōu）槊篮矛F實。好嗎？我們",
        [(0, 100)],
        (0, 0, 0, 3),
        [("mojibake", 101, 110), ("suspect", 102, 106)],
    ),
    # Full-width parentheses: （diào） follows ")" and stays; three glosses go.
    (
        "強(qiáng)（diào）村(cūn)x(fā)",
        "強（diào）村x",
        [(0, 100), (1, 108), (8, 120), (9, 125)],
        (3, 0, 0, 0),
        [],
    ),
    # An orphan reading after a character is a suspect; the same reading glossed goes.
    ("問題yōu)和(yōu)", "問題yōu）和", [(0, 100), (7, 112)], (1, 0, 0, 1), [("suspect", 102, 106)]),
]


@pytest.mark.parametrize(("raw", "text", "breaks", "stats", "findings"), HAND_CHECKED)
def test_hand_checked_cleaning(raw, text, breaks, stats, findings):
    out = clean(raw, base=100)
    assert out.text == text
    assert list(out.offsets.breaks) == breaks
    s = out.stats
    assert (s.glosses, s.html, s.invisible, s.punctuation) == stats
    assert [(f.kind, f.start, f.end) for f in out.findings] == findings
    for f in out.findings:
        assert raw[f.start - 100 : f.end - 100] == f.text
    assert (s.suspects, s.mojibake) == (
        sum(f[0] == "suspect" for f in findings),
        sum(f[0] == "mojibake" for f in findings),
    )


NOISE_PIECES = ["<p>", "</div>", "/span>", "a/p>", "&nbsp;", "<a href=x>", "1\u202f000", "\u200b"]
NOISY = st.lists(
    st.sampled_from([*NOISE_PIECES, "\r\n", "\r", "<", "/", "&", "中", "x", "1", " "]),
    max_size=12,
).map("".join)


@given(NOISY)
@settings(max_examples=400, deadline=None)
def test_noise_spans_are_the_noise_pattern_matches(raw):
    # _noise searches for NOISE's first characters, then matches there: the spans must be
    # those of NOISE.finditer, the pattern's own definition.
    from speechkit.ingest.clean import NOISE, _noise

    counts = {"gloss": 0, "html": 0, "invisible": 0}
    assert _noise(raw, counts) == [m.span() for m in NOISE.finditer(raw)]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="?？\ufffd好a\n", max_size=40),
    st.lists(st.integers(min_value=0, max_value=45), max_size=12),
)
def test_the_seed_finder_finds_the_first_seed_at_or_after_each_position(text, steps):
    # _mojibake walks the text with positions that never decrease.
    from speechkit.ingest.clean import MOJIBAKE_SEEDS, _SeedFinder

    finder = _SeedFinder(text)
    for pos in sorted(steps):
        expected = next((i for i in range(pos, len(text)) if text[i] in MOJIBAKE_SEEDS), -1)
        assert finder(pos) == expected
