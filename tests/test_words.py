"""`speechkit words`: real jieba counts, parallel == serial, and the token cache."""

from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner

import speechkit
from speechkit.cli import cli
from speechkit.ingest import corpus_dir

from .conftest import SAMPLE, run_python


@pytest.fixture(scope="module")
def serial():
    return speechkit.analyze("words", speechkit.load(SAMPLE), jobs=1)


def test_counts_match_plain_jieba_with_the_user_dictionary(serial, sample_speeches):
    from speechkit.tokens.segment import tokens

    expected = Counter()
    for speech in sample_speeches:
        expected.update(tokens(speech.text))
    row = serial.set_index("word").loc["发展"]
    assert row["count"] == expected["发展"]
    assert serial.set_index("word").loc["两个确立", "count"] == 4
    assert "的" not in set(serial["word"]) and "，" not in set(serial["word"])


def test_speeches_and_per_10k(serial, sample_speeches):
    chars = sum(s.chars for s in sample_speeches)
    row = serial.set_index("word").loc["两个确立"]
    assert row["speeches"] == 3
    assert row["per_10k"] == pytest.approx(4 * 10_000 / chars, abs=1e-3)


def test_parallel_equals_serial(serial):
    parallel = speechkit.analyze("words", speechkit.load(SAMPLE), jobs=2)
    assert parallel.equals(serial)


def test_cache_is_written_and_reused(tmp_path, serial, monkeypatch):
    target = tmp_path / "speeches"
    corpus_dir.write(speechkit.load(SAMPLE), target)
    first = speechkit.analyze("words", speechkit.load(target), jobs=1)
    assert (target / "tokens.arrow").is_file()

    def no_jieba(*_args, **_kwargs):
        raise AssertionError("the cached run must not tokenize")

    monkeypatch.setattr("speechkit.tokens.segment.TokenizerPool.joined", no_jieba)
    monkeypatch.setattr("speechkit.tokens.segment.TokenizerPool.start", no_jieba)
    second = speechkit.analyze("words", speechkit.load(target), jobs=1)
    assert second.equals(first) and first.equals(serial)


def test_by_speech_and_top():
    frame = speechkit.analyze("words", speechkit.load(SAMPLE), jobs=1, by_speech=True, top=3)
    assert list(frame.columns) == ["speech", "word", "count"]
    assert len(frame) == 27


def test_cli_words_csv():
    result = CliRunner().invoke(
        cli, ["words", str(SAMPLE), "--top", "5", "--csv", "-j", "1"], obj={}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "word,count,speeches,per_10k" and len(lines) == 6


def test_parallel_tokenizer_keeps_order_and_stops_early():
    from speechkit.tokens.segment import tokenize_many, tokens

    texts = [f"第{i}个两个确立和四个意识。" for i in range(40)]
    assert list(tokenize_many(texts, jobs=2)) == [tokens(t) for t in texts]
    stream = tokenize_many(iter(texts), jobs=2)
    assert next(stream) == tokens(texts[0])
    stream.close()  # must not hang


def test_by_speech_from_cache_equals_fresh(tmp_path):
    target = tmp_path / "speeches"
    corpus_dir.write(speechkit.load(SAMPLE), target)
    fresh = speechkit.analyze("words", speechkit.load(SAMPLE), jobs=1, by_speech=True, top=5)
    speechkit.analyze("words", speechkit.load(target), jobs=1)  # writes the cache
    cached = speechkit.analyze("words", speechkit.load(target), jobs=1, by_speech=True, top=5)
    assert cached.equals(fresh)


def test_partly_cached_corpus(tmp_path):
    import shutil

    import pyarrow.feather as feather

    first = tmp_path / "first"
    corpus_dir.write(speechkit.load(SAMPLE), first)
    before = speechkit.analyze("words", speechkit.load(first), jobs=1).set_index("word")
    # The same dump with one speech changed (a corpus directory's texts cannot be edited in
    # place: that is refused), its corpus given the first one's cache.
    speeches = list(speechkit.load(SAMPLE))
    third = speeches[2]
    raw = SAMPLE.read_text(encoding="utf-8")
    changed = tmp_path / f"{SAMPLE.stem}.txt"
    cut = third.end - 1  # before the line break that ends the speech
    changed.write_text(raw[:cut] + "两个确立。" + raw[cut:], encoding="utf-8")
    target = tmp_path / "speeches"
    corpus_dir.write(speechkit.load(changed), target)
    shutil.copy(first / "tokens.arrow", target / "tokens.arrow")
    after = speechkit.analyze("words", speechkit.load(target), jobs=2).set_index("word")
    assert after.loc["两个确立", "count"] == before.loc["两个确立", "count"] + 1
    assert feather.read_table(target / "tokens.arrow").num_rows == 9
    again = speechkit.analyze("words", speechkit.load(target), jobs=1).set_index("word")
    assert again.equals(after)


def _spans(tokens: list[str]) -> set[tuple[int, int]]:
    spans, at = set(), 0
    for token in tokens:
        spans.add((at, at + len(token)))
        at += len(token)
    return spans


def test_rjieba_agrees_with_jieba_on_the_sample(sample_speeches):
    """All but 9 of jieba's ~37,000 token spans (99.98%; the exact total moves with the
    lexicon): the 9 are inside the number ranges rjieba keeps whole (2018-2020, 1-12, 1-2).
    Every lexicon formulation stays one token in both."""
    pytest.importorskip("rjieba", reason="rjieba is the optional speechkit[fast] backend")
    from speechkit.text.lexicon import jieba_words
    from speechkit.tokens.segment import tokens

    same = total = 0
    differ: list[str] = []
    for speech in sample_speeches:
        jieba_tokens, rjieba_tokens = tokens(speech.text, "jieba"), tokens(speech.text, "rjieba")
        assert "".join(rjieba_tokens) == speech.text
        reference = _spans(jieba_tokens)
        same += len(reference & _spans(rjieba_tokens))
        total += len(reference)
        differ += [t for t in rjieba_tokens if t not in set(jieba_tokens)]
    assert total - same == 9 and same / total > 0.9997
    assert sorted(set(differ)) == ["1-12", "1-2", "2018-2020"]
    assert all(tokens(word, "rjieba") == [word] for word in jieba_words())


def test_the_tokenizer_is_in_the_cache_key_and_the_metadata(tmp_path, monkeypatch):
    pytest.importorskip("rjieba", reason="rjieba is the optional speechkit[fast] backend")
    from speechkit.tokens.segment import fingerprint

    assert fingerprint("jieba") != fingerprint("rjieba")
    corpus = tmp_path / "speeches"
    corpus_dir.write(speechkit.load(SAMPLE), corpus)
    frames = {}
    for name in ("jieba", "rjieba", "jieba"):
        monkeypatch.setenv("SPEECHKIT_TOKENIZER", name)
        frames[name] = speechkit.analyze("words", speechkit.load(corpus))
        assert frames[name].attrs["tokenizer"].startswith(f"{name} ")
    # A range rjieba keeps whole: counted only when rjieba made the (re-cached) tokens.
    assert "2018-2020" in set(frames["rjieba"]["word"])
    assert "2018-2020" not in set(frames["jieba"]["word"])
    result = CliRunner().invoke(cli, ["words", str(corpus), "--tokenizer", "rjieba", "--table"])
    assert "rjieba" in result.output


def test_workers_count_as_this_process_does(sample_speeches):
    """The pool cuts and counts on its workers; the tokens and counts (in first-seen order)
    are those of cutting here, empty texts included."""
    from speechkit.tokens.segment import SEPARATOR, TokenizerPool, tokens

    texts = [s.text for s in sample_speeches[:4]] + ["", "两个确立"]
    with TokenizerPool(jobs=2) as pool:
        assert pool.parallel
        got = list(pool.counted(texts))
    for text, (joined, counts) in zip(texts, got):
        expected = tokens(text)
        assert joined == SEPARATOR.join(expected).encode("utf-8")
        assert list(counts.items()) == list(Counter(expected).items())


def test_parallel_first_run_and_cached_run_write_the_same_bytes(tmp_path, monkeypatch):
    """On a corpus directory the first run (workers cutting, and counting by speech; the
    cache built as they go, in several chunks) and the cached run write the same CSV as the
    serial run on the raw dump, by speech and for the whole corpus."""
    from speechkit.tokens import arrays, cache

    monkeypatch.setattr("speechkit.engines.local.PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(arrays.Joined, "CHUNK", 4)  # several chunks on the 9 speeches
    for view in (["--by-speech"], []):
        target = tmp_path / f"speeches{len(view)}"
        corpus_dir.write(speechkit.load(SAMPLE), target)

        def csv(*args, view=view):
            result = CliRunner().invoke(cli, ["words", *args, "--csv", *view], obj={})
            assert result.exit_code == 0, result.output
            return result.stdout_bytes

        serial = csv(str(SAMPLE), "-j", "1")
        first = csv(str(target), "-j", "2")
        assert (target / cache.CACHE_FILE).is_file()
        assert csv(str(target), "-j", "2") == first == serial


def test_word_counts_keep_exactly_the_words_in_order(sample_speeches, tmp_path):
    """The set-based filter keeps what a test per token keeps, in the same order, for each
    speech in turn (tokens judged on an earlier speech included) and for each stopword list
    on its own."""
    from speechkit.analyzers.words.tally import WordCounts, word_filter
    from speechkit.tokens.segment import tokens

    own = tmp_path / "stop.txt"
    own.write_text("工作\n发展\n", encoding="utf-8")
    for stopwords in (None, str(own)):
        is_word, keep = word_filter(stopwords), WordCounts(stopwords)
        for speech in [*sample_speeches, *sample_speeches[:2]]:
            counts = Counter(tokens(speech.text))
            expected = {w: n for w, n in counts.items() if is_word(w)}
            kept = keep(counts)
            assert list(kept.items()) == list(expected.items())
            assert counts == Counter(tokens(speech.text))  # the input is left as it was
    assert "工作" in WordCounts(None)({"工作": 2, "的": 5, "，": 1})
    assert WordCounts(str(own))({"工作": 2, "改革": 1}) == {"改革": 1}


def test_jieba_dictionary_loads_as_jieba_loads_it(tmp_path):
    """The prefix dictionary read from jieba's cache with one ``marshal.loads`` is the one
    ``initialize()`` reads; an unreadable cache file is left to jieba, which rebuilds it."""
    import jieba

    from speechkit.tokens.segment import _load_prefix_dict, cache_dir

    reference = jieba.Tokenizer()
    reference.tmp_dir = str(cache_dir())
    reference.initialize()
    fast = jieba.Tokenizer()
    fast.tmp_dir = str(cache_dir())
    fast.initialize = lambda *_: pytest.fail("the cache was readable: no initialize()")
    _load_prefix_dict(fast)
    assert fast.initialized and fast.total == reference.total and fast.FREQ == reference.FREQ

    (tmp_path / "jieba.cache").write_bytes(b"not a marshalled dictionary")
    rebuilt = jieba.Tokenizer()
    rebuilt.tmp_dir = str(tmp_path)
    _load_prefix_dict(rebuilt)
    assert rebuilt.total == reference.total and rebuilt.FREQ == reference.FREQ
    assert rebuilt.lcut("两个确立的决定性意义") == reference.lcut("两个确立的决定性意义")


def test_jieba_is_loaded_without_pkg_resources():
    """jieba imports pkg_resources (0.1-0.2 s) only to open its data files; the tokenizer is
    loaded without it, and cuts as the module imported the usual way does."""
    script = (
        "import sys\n"
        "from speechkit.tokens.segment import tokens\n"
        "print('|'.join(tokens('今天，我们召开十五届州人民政府第一次全体会议，两个确立')))\n"
        "print('pkg_resources' in sys.modules)\n"
    )
    ours = run_python(script)
    assert ours.returncode == 0, ours.stderr
    cut, imported = ours.stdout.splitlines()
    assert imported == "False"
    from speechkit.tokens.segment import tokens

    assert cut.split("|") == tokens("今天，我们召开十五届州人民政府第一次全体会议，两个确立")
