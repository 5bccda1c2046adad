"""The faster jieba cut (``speechkit.tokens.jieba_fast``) gives jieba 0.42.1's own tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit.ingest.convert import to_simplified

from .conftest import EVAL_TEXTS, ROOT, SAMPLE


@pytest.fixture(scope="module")
def pair():
    """jieba's own tokenizer and the fast one, each with the user dictionary loaded."""
    import jieba

    from speechkit.tokens.jieba_fast import FastTokenizer
    from speechkit.tokens.segment import load_jieba

    return load_jieba(jieba.Tokenizer), load_jieba(FastTokenizer)


def same_tokens(pair, texts) -> int:
    """Asserts both tokenizers cut every text alike; the number of tokens compared."""
    reference, fast = pair
    compared = 0
    for name, text in texts:
        expected = reference.lcut(text)
        got = fast.lcut(text)
        if got != expected:
            at = next(i for i, (a, b) in enumerate(zip(expected, got)) if a != b)
            pytest.fail(
                f"{name}: token {at}: {got[at - 2 : at + 3]} != {expected[at - 2 : at + 3]}"
            )
        assert len(got) == len(expected), name
        compared += len(got)
    return compared


def real_texts(folder: Path):
    """Each text of ``folder`` in Simplified script, as `words` cuts it."""
    paths = sorted(folder.glob("*.txt"))
    assert paths, f"no texts in {folder}"
    for path in paths:
        yield path.name, to_simplified(path.read_text(encoding="utf-8", errors="replace"))


def test_same_tokens_on_the_sample(pair, sample_speeches):
    """The raw dump (Traditional script) and its speeches as `words` cuts them."""
    texts = [(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))]
    texts += [(speech.id, speech.text) for speech in sample_speeches]
    assert same_tokens(pair, texts) > 40_000


def test_same_tokens_on_the_eval_texts(pair):
    assert same_tokens(pair, real_texts(ROOT / "eval" / "texts")) > 150_000


@pytest.mark.slow
def test_same_tokens_on_the_shared_eval_texts(pair):
    if not EVAL_TEXTS.is_dir():
        pytest.skip(
            f"{EVAL_TEXTS} is not here (../shared/eval is beside the repo only in sessions)"
        )
    assert same_tokens(pair, real_texts(EVAL_TEXTS)) > 100_000


EDGE_CASES = [
    "",
    "a",
    "两",
    "abc DEF 123 4.5% x86_64 C++ a-b #1 &c",
    "GDP增长6.5%，CPI上涨2.1%以上",
    "。。。！！？？……——，，、、；：“”‘’（）《》",
    "第一行\n第二行\r\n第三行\r\r\n\n\t  全角　空格",
    "𠀀𠀁丂乛〇囧槑烎",  # beyond the BMP, outside jieba's Han range, rare characters
    "靐靇齉龘爩",  # not in jieba's dictionary
    "十四五规划和二〇三五年远景目标纲要",
    "两个确立四个意识四个自信两个维护",
    "的的的的的的的的的的的的的的的的",
    "坚持以人民为中心的发展思想" * 400,  # one block of 5,200 characters
    "推进高质量发展，" * 2000 + "\n",  # one line of 16,000 characters
    "abc" * 3000,
]


def test_same_tokens_on_edge_cases(pair):
    same_tokens(pair, [(repr(text[:20]), text) for text in EDGE_CASES])


# Characters the cut treats differently: Han in and out of common words, letters, digits,
# the symbols jieba keeps in blocks (+#&._%-), punctuation, spaces and line ends.
PIECES = st.sampled_from(
    [
        *"的是在发展经济改革人民政府工作会议两个确立新时代中国特色社会主义靐槑",
        *"aZ09+#&._%-，。、！ \t\n\r　",
        "\r\n",
        "高质量发展",
        "一带一路",
        "3.14%",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_same_tokens_on_any_mix(pair, text):
    same_tokens(pair, [(repr(text), text)])


def test_words_added_later_count(pair, monkeypatch):
    """A word added after a cut changes the scores: the next cut sees it, as jieba's does."""
    from jieba import finalseg

    reference, fast = pair
    text = "我们召开全省交通运输工作会议，部署乡村振兴擘画蓝图。"
    assert fast.lcut(text) == reference.lcut(text)
    monkeypatch.setattr(finalseg, "Force_Split_Words", set())  # del_word adds to it
    monkeypatch.setattr(reference, "FREQ", dict(reference.FREQ))
    monkeypatch.setattr(fast, "FREQ", dict(fast.FREQ))
    monkeypatch.setattr(reference, "total", reference.total)
    monkeypatch.setattr(fast, "total", fast.total)
    for tokenizer in pair:
        tokenizer.add_word("擘画蓝图", freq=500_000)
        tokenizer.del_word("交通运输")
        tokenizer.suggest_freq(("工作", "会议"), tune=True)
    tokens = fast.lcut(text)
    assert "擘画蓝图" in tokens and "交通运输" not in tokens
    assert tokens == reference.lcut(text)


def test_other_modes_are_jiebas(pair):
    reference, fast = pair
    text = "深入学习贯彻党的二十大精神，推动高质量发展 GDP 5.2%"
    assert fast.lcut(text, cut_all=True) == reference.lcut(text, cut_all=True)
    assert fast.lcut(text, HMM=False) == reference.lcut(text, HMM=False)
    assert fast.lcut_for_search(text) == reference.lcut_for_search(text)
    assert fast.lcut(text.encode("utf-8")) == reference.lcut(text)


def test_speechkit_cuts_with_the_fast_tokenizer(monkeypatch):
    """`words` cuts with it, and under jieba 0.42.1 (the tests above compare with it) the
    fast code runs: under another jieba, jieba's own."""
    from speechkit.tokens import jieba_fast
    from speechkit.tokens.segment import tokenizer

    tk = tokenizer("jieba")
    assert isinstance(tk, jieba_fast.FastTokenizer) and jieba_fast.REPRODUCES
    calls = []
    monkeypatch.setattr(jieba_fast, "_block", lambda *args: calls.append(args))
    tk.lcut("两个确立")
    assert calls
    monkeypatch.setattr(jieba_fast, "REPRODUCES", False)
    assert tk.lcut("两个确立") == ["两个确立"] and len(calls) == 1
