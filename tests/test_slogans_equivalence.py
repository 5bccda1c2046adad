"""The fast slogan matcher and discovery scans find exactly what the first, plain versions found.

The reference implementations below are the originals (before the performance pass of issue 6),
kept verbatim apart from names: a per-character scan for ``Matcher.find`` and regexes that start
with a look-behind for discovery.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import discovery
from speechkit.analyzers import slogans
from speechkit.lexicon import load_lexicon

from .conftest import EVAL_TEXTS

# --- reference: Matcher.find -----------------------------------------------------------

_REF_COUNT_PREFIX = set(discovery.NUMERALS) | set("百千万零〇0123456789第")


def reference_find(forms: dict[str, str], text: str) -> list[tuple[str, str, int, int]]:
    by_first: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        by_first[form[0]].append(form)
    by_first = {ch: sorted(fs, key=len, reverse=True) for ch, fs in by_first.items()}

    def inside_count(i: int) -> bool:
        return i > 0 and text[i] in discovery.NUMERALS and text[i - 1] in _REF_COUNT_PREFIX

    matches = []
    i, n = 0, len(text)
    while i < n:
        match = None
        if text[i] in by_first and not inside_count(i):
            form = next((f for f in by_first[text[i]] if text.startswith(f, i)), None)
            if form is not None:
                match = (forms[form], form, i, i + len(form))
        if match is None:
            i += 1
        else:
            matches.append(match)
            i = match[3]
    return matches


def fast_find(forms: dict[str, str], text: str) -> list[tuple[str, str, int, int]]:
    return [(m.slogan, m.form, m.start, m.end) for m in slogans.Matcher(forms).find(text)]


# A small alphabet, so that forms overlap, share prefixes and meet numerals, 第 and digits;
# regex metacharacters check the escaping.
ALPHABET = "一两三十个第会确立维护外防输入、百0x.*(?\\\n"
forms_strategy = st.dictionaries(
    st.text(ALPHABET, min_size=1, max_size=5), st.sampled_from(["A", "B", "C"]), max_size=12
)


@settings(max_examples=500, deadline=None)
@given(forms=forms_strategy, data=st.data())
def test_matcher_equals_reference(forms, data):
    pieces = st.one_of(st.sampled_from(ALPHABET), st.sampled_from(sorted(forms) or ["x"]))
    text = "".join(data.draw(st.lists(pieces, max_size=40)))
    assert fast_find(forms, text) == reference_find(forms, text)


def test_matcher_equals_reference_on_counts_and_ordinals():
    forms = {"三个一律": "A", "三个": "B", "个一": "C", "一律": "D", "十": "E", "x三": "F"}
    for text in ["第三个一律", "十三个一律", "0三个", "百三个", "两三个一律", "x三个", "三个一律"]:
        for prefix in ["", "第", "一", "x", "\n"]:
            assert fast_find(forms, prefix + text) == reference_find(forms, prefix + text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_matcher_equals_reference_on_any_text_with_the_lexicon(text):
    forms = load_lexicon(()).form_map()
    assert fast_find(forms, text) == reference_find(forms, text)


def test_matcher_handles_astral_characters_and_lone_surrogates():
    forms = {"𠀋两会": "A", "两会": "B", "\ud800会": "C"}
    text = "𠀋两会 \ud800会 两会𠀋两会"
    assert fast_find(forms, text) == reference_find(forms, text)
    assert fast_find({}, text) == []


def test_matcher_on_the_sample_with_discovered_forms(sample_speeches):
    texts = [s.text for s in sample_speeches]
    forms = load_lexicon(()).form_map()
    forms.update({p: p for p in slogans.discover(texts, forms)})
    for text in texts:
        assert fast_find(forms, text) == reference_find(forms, text)


# --- reference: discovery ----------------------------------------------------------------

_REF_UNQUOTED_GE = re.compile(
    f"(?<![{discovery.NUMERALS}百千万零〇0-9第])[两三四五六七八九十]个{discovery._PIECE}{{2}}"
)
_REF_QUOTED = re.compile(r"“([^“”\n]{1,24})”")


def reference_quoted_numbered(text):
    found = []
    for quote in _REF_QUOTED.finditer(text):
        offset = quote.start(1)
        pos = 0
        for piece in discovery._QUOTE_SEPARATORS.split(quote.group(1)):
            start = quote.group(1).index(piece, pos)
            pos = start + len(piece)
            if piece and discovery.is_numbered(piece):
                found.append(discovery.Candidate(piece, offset + start, offset + pos, True))
    return found


def reference_unquoted_numbered(text):
    stops = discovery.stop_list()
    return [
        discovery.Candidate(m.group(), m.start(), m.end(), False)
        for m in _REF_UNQUOTED_GE.finditer(text)
        if not stops.stops(m.group())
    ]


def reference_quoted_phrases(text):
    found = []
    for quote in _REF_QUOTED.finditer(text):
        inner = quote.group(1)
        if discovery._QUOTED_PHRASE.fullmatch(inner) and not any(
            discovery.is_numbered(piece) for piece in discovery._QUOTE_SEPARATORS.split(inner)
        ):
            found.append(discovery.Candidate(inner, quote.start(1), quote.end(1), True))
    return found


DISCOVERY_WORDS = [*"、，,；;\n一两三十九个项百第0x%", "方面", "必须", "确保", "清廉交通", "七个"]
DISCOVERY_WORDS += ["四个", "三区两地", "两不愁", "十四五", "一把手", "a", "的", "交通", "“", "”"]
# Quotes of every length around the 24-character limit, numerals anywhere in them.
QUOTES = st.lists(st.sampled_from(DISCOVERY_WORDS[:-2]), max_size=14).map(
    lambda words: "“" + "".join(words)[:26] + "”"
)
DISCOVERY_TEXTS = st.lists(st.one_of(st.sampled_from(DISCOVERY_WORDS), QUOTES), max_size=30)


@settings(max_examples=500, deadline=None)
@given(DISCOVERY_TEXTS.map("".join))
def test_discovery_equals_reference(text):
    assert discovery.quoted_numbered(text) == reference_quoted_numbered(text)
    assert discovery.unquoted_numbered(text) == reference_unquoted_numbered(text)
    assert discovery.quoted_phrases(text) == reference_quoted_phrases(text)


def test_discovery_on_the_sample(sample_speeches):
    for s in sample_speeches:
        assert discovery.quoted_numbered(s.text) == reference_quoted_numbered(s.text)
        assert discovery.unquoted_numbered(s.text) == reference_unquoted_numbered(s.text)
        assert discovery.quoted_phrases(s.text) == reference_quoted_phrases(s.text)


def test_discovery_equals_reference_on_quotes_with_pieces():
    inner = ["交通、三区两地", "清廉交通、十四五", "两不愁、三保障", "等、靠、要", "三区两地、交通"]
    inner += ["一" * 22 + "三个", "的" * 22 + "三个", "的" * 23 + "三个", "的" * 24 + "三"]
    inner += ["三个x", "五个100%", "七个必须，七个一律", "十三个方面", "三个方面"]
    for piece in inner:
        for text in [f"“{piece}”", f"两个“{piece}”三个“{piece}”", f"第“{piece}”"]:
            assert discovery.quoted_numbered(text) == reference_quoted_numbered(text)
            assert discovery.quoted_phrases(text) == reference_quoted_phrases(text)
    for text in ["第三个方法", "十三个方法", "三个方法", "两个确立两个维护", "x三个抓手", "三个抓"]:
        assert discovery.unquoted_numbered(text) == reference_unquoted_numbered(text)


@pytest.mark.slow
def test_matcher_and_discovery_on_every_eval_text():
    import speechkit

    if not EVAL_TEXTS.is_dir():
        pytest.skip(f"{EVAL_TEXTS} is not here")
    texts = [s.text for s in speechkit.load(sorted(EVAL_TEXTS.glob("*.txt")))]
    forms = load_lexicon(()).form_map()
    forms.update({p: p for p in slogans.discover(texts, forms)})
    for text in texts:
        assert fast_find(forms, text) == reference_find(forms, text)
        assert discovery.quoted_numbered(text) == reference_quoted_numbered(text)
        assert discovery.unquoted_numbered(text) == reference_unquoted_numbered(text)
        assert discovery.quoted_phrases(text) == reference_quoted_phrases(text)
