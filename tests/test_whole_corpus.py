"""A cached re-run of `words` on corpus directories counts the whole corpus at once, without
reading its speeches (issue 14): only while the manifest is the one checked when the cache
was written and every file still gives its row's key; anything else reads the speeches."""

from __future__ import annotations

import json
from collections import Counter

import pyarrow as pa
import pyarrow.feather as feather
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.analyzers.words.tally import total_rows, whole_rows, word_counts
from speechkit.cli import cli
from speechkit.ingest import corpus_dir
from speechkit.tokens import WholeCorpus, cache, whole_corpus

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The sample as a corpus directory, its words counted by a first run (no cache), and
    the cache that run wrote."""
    target = tmp_path_factory.mktemp("whole") / "speeches"
    corpus_dir.write(speechkit.load(SAMPLE), target)
    fresh = speechkit.rows("words", speechkit.load(target), jobs=1)
    return target, fresh, (target / cache.CACHE_FILE).read_bytes()


def test_a_first_run_counts_as_the_raw_dumps_speech_by_speech_count(written):
    """A first run on a corpus directory cuts its speeches and counts them all at once
    (``tokenized_whole``); the raw dump's speeches stream through the per-speech count."""
    assert written[1] == speechkit.rows("words", speechkit.load(SAMPLE), jobs=1)
    assert whole_corpus(speechkit.load(written[0])) is not None  # and leaves a whole cache


def test_a_first_run_with_workers_counts_the_same(written, tmp_path, monkeypatch):
    from speechkit.engines import local

    monkeypatch.setattr(local, "PARALLEL_MIN_BYTES", 0)  # the sample is small: fork anyway
    target = tmp_path / "speeches"
    corpus_dir.write(speechkit.load(written[0]), target)
    assert speechkit.rows("words", speechkit.load(target), jobs=2) == written[1]
    assert (target / cache.CACHE_FILE).read_bytes() == written[2]


@pytest.fixture
def corpus(written, tmp_path):
    """A copy of the written corpus directory with its cache."""
    source, _fresh, cached = written
    target = tmp_path / "speeches"
    corpus_dir.write(speechkit.load(source), target)
    (target / cache.CACHE_FILE).write_bytes(cached)
    return target


def no_reading(monkeypatch):
    def read(*_args, **_kwargs):
        raise AssertionError("the speeches were read")

    monkeypatch.setattr(corpus_dir, "read", read)


def test_the_first_run_leaves_a_memo_of_the_directory_it_checked(written):
    source, _fresh, _cached = written
    table = cache.read(source)
    memo = cache.memo(table)
    manifest = (source / corpus_dir.MANIFEST).read_bytes()
    import hashlib

    assert memo["manifest"] == hashlib.sha256(manifest).hexdigest()
    files = [json.loads(line)["file"] for line in manifest.splitlines()]
    assert memo["files"] == files and len(files) == table.num_rows


def test_a_rerun_reads_no_speech_and_gives_the_same_rows(corpus, written, monkeypatch):
    no_reading(monkeypatch)
    assert speechkit.rows("words", speechkit.load(corpus), jobs=1) == written[1]
    assert speechkit.rows("words", speechkit.load(corpus), top=7) == written[1][:7]


def test_the_cli_output_is_byte_identical(corpus, written, tmp_path):
    outputs = []
    for _ in range(2):
        result = CliRunner().invoke(cli, ["words", str(corpus), "--csv"], obj={})
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    uncached = tmp_path / "no-cache"
    corpus_dir.write(speechkit.load(corpus), uncached)
    result = CliRunner().invoke(cli, ["words", str(uncached), "--csv"], obj={})
    assert outputs[0] == outputs[1] == result.stdout


def test_an_edited_speech_is_read_and_refused_as_before(corpus):
    text_file = sorted(corpus.glob("*.txt"))[0]
    text = text_file.read_text(encoding="utf-8")
    text_file.write_text(text[:-1] + ("甲" if text[-1] != "甲" else "乙"), encoding="utf-8")
    assert whole_corpus(speechkit.load(corpus)) is None
    result = CliRunner().invoke(cli, ["words", str(corpus), "--csv"], obj={})
    assert result.exit_code == 1 and "was edited" in result.output


def test_a_changed_manifest_is_read_and_checked_and_the_memo_renewed(corpus, written):
    manifest = corpus / corpus_dir.MANIFEST
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    rows[0]["title"] = "另一个标题"
    manifest.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    assert whole_corpus(speechkit.load(corpus)) is None
    assert speechkit.rows("words", speechkit.load(corpus), jobs=1) == written[1]
    assert whole_corpus(speechkit.load(corpus)) is not None  # the memo names the new one
    rows[0]["offsets"] = [[0, rows[0]["start"] - 1]]  # a map that no longer tiles
    manifest.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    assert whole_corpus(speechkit.load(corpus)) is None
    result = CliRunner().invoke(cli, ["words", str(corpus), "--csv"], obj={})
    assert result.exit_code == 1 and "does not tile" in result.output


def _set_memo(corpus, memo: bytes | None) -> None:
    """Rewrite the cache of ``corpus`` with ``memo`` as its corpus memo (None: without one)."""
    table = feather.read_table(corpus / cache.CACHE_FILE)
    metadata = dict(table.schema.metadata)
    if memo is None:
        del metadata[cache.CORPUS_KEY]
    else:
        metadata[cache.CORPUS_KEY] = memo
    feather.write_feather(
        table.replace_schema_metadata(metadata),
        corpus / cache.CACHE_FILE,
        compression="uncompressed",
    )


def test_a_cache_without_a_memo_is_used_once_the_slow_way_then_given_one(corpus, written):
    _set_memo(corpus, None)  # as a cache written before memos were kept
    assert whole_corpus(speechkit.load(corpus)) is None
    assert speechkit.rows("words", speechkit.load(corpus), jobs=1) == written[1]
    assert cache.memo(cache.read(corpus)) is not None
    assert whole_corpus(speechkit.load(corpus)) is not None


@pytest.mark.parametrize(
    "memo",
    [b"not json", b"[]", b'{"manifest": 3}', b'{"manifest": "x", "files": []}'],
)
def test_a_damaged_memo_reads_the_speeches(corpus, written, memo):
    _set_memo(corpus, memo)
    assert whole_corpus(speechkit.load(corpus)) is None
    assert speechkit.rows("words", speechkit.load(corpus), jobs=1) == written[1]


def test_a_memo_naming_other_files_reads_the_speeches(corpus, written):
    memo = json.loads(
        feather.read_table(corpus / cache.CACHE_FILE).schema.metadata[cache.CORPUS_KEY]
    )
    memo["files"] = [memo["files"][0]] * len(memo["files"])
    _set_memo(corpus, json.dumps(memo).encode())
    assert whole_corpus(speechkit.load(corpus)) is None
    assert speechkit.rows("words", speechkit.load(corpus), jobs=1) == written[1]


def test_other_user_words_miss_the_cache(corpus, written, monkeypatch):
    from speechkit.tokens import segment

    speeches = len(list(speechkit.load(corpus)))
    monkeypatch.setattr(segment, "user_words", lambda: ["高质量发展", "一个新词"])
    segment.fingerprint.cache_clear()
    try:
        assert whole_corpus(speechkit.load(corpus)) is None
        cut = []
        encoded = segment.TokenizerPool.encoded

        def cutting(self, texts):
            texts = list(texts)
            cut.extend(texts)
            return encoded(self, texts)

        monkeypatch.setattr(segment.TokenizerPool, "encoded", cutting)
        speechkit.rows("words", speechkit.load(corpus), jobs=1)
        assert len(cut) == speeches  # every speech cut again
    finally:
        segment.fingerprint.cache_clear()


def test_an_observer_of_each_speech_gets_each_speech(corpus, written):
    seen = []
    rows = speechkit.rows("words", speechkit.load(corpus, on_speech=seen.append), jobs=1)
    assert rows == written[1] and len(seen) == len(cache.memo(cache.read(corpus))["files"])


def test_by_speech_and_two_directories(corpus, written, tmp_path, monkeypatch):
    other = tmp_path / "other"
    corpus_dir.write(list(speechkit.load(corpus))[:3], other)
    both = speechkit.rows("words", speechkit.load([str(corpus), str(other)]), jobs=1)
    by_speech = speechkit.rows("words", speechkit.load(corpus), jobs=1, by_speech=True)
    assert whole_corpus(speechkit.load([str(corpus), str(other)])) is not None
    no_reading(monkeypatch)
    assert speechkit.rows("words", speechkit.load([str(corpus), str(other)])) == both
    with pytest.raises(AssertionError, match="were read"):  # by speech: read, as before
        speechkit.rows("words", speechkit.load(corpus), jobs=1, by_speech=True)
    assert by_speech[0]["speech"]


TOKENS = st.lists(
    st.lists(st.sampled_from(["发展", "的", "，", "改革", "a", "我们", " ", "2022", "建设"])),
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(TOKENS, st.one_of(st.none(), st.integers(1, 4)))
def test_whole_rows_are_total_rows_of_each_speech(speeches, top):
    chars = [len("".join(tokens)) + 3 for tokens in speeches]
    records = [
        {"chars": n, "counts": word_counts()(dict(Counter(tokens)))}
        for n, tokens in zip(chars, speeches)
    ]
    column = pa.array(speeches, pa.list_(pa.string()))
    whole = WholeCorpus(column, len(speeches), sum(chars))
    assert whole_rows(whole, top) == total_rows(records, top)
    if len(column) > 1:  # a slice of a column counts as its rows alone
        sliced = WholeCorpus(column.slice(1), len(speeches) - 1, sum(chars[1:]))
        assert whole_rows(sliced, top) == total_rows(records[1:], top)


def test_the_digest_is_the_one_caches_were_written_with():
    """The buffers are hashed as the Arrow cast to large types gave them before."""

    def cast_digest(keys, tokens):
        import hashlib

        def strings(hasher, array):
            hasher.update(f"{len(array)}:{array.null_count}:".encode())
            offsets = array.buffers()[1]
            count = (len(array) + 1) * 8
            hasher.update(memoryview(offsets)[:count])
            end = int.from_bytes(memoryview(offsets)[count - 8 : count], "little", signed=True)
            if end:
                hasher.update(memoryview(array.buffers()[2])[:end])

        hasher = hashlib.sha256()
        strings(hasher, keys.cast(pa.large_string()))
        tokens = tokens.cast(pa.large_list(pa.large_string()))
        hasher.update(f"{len(tokens)}:{tokens.null_count}:".encode())
        hasher.update(memoryview(tokens.buffers()[1])[: (len(tokens) + 1) * 8])
        strings(hasher, tokens.values)
        return hasher.hexdigest()

    tokens = pa.array([["发展", "，"], [], ["改革"], ["a", "b", "c"]], pa.list_(pa.string()))
    keys = pa.array(["k1", "k2", "k3", "k4"], pa.string())
    assert cache.digest(keys, tokens) == cast_digest(keys, tokens)
    empty = pa.array([], pa.list_(pa.string()))
    assert cache.digest(pa.array([], pa.string()), empty) == cast_digest(
        pa.array([], pa.string()), empty
    )


@given(st.lists(TOKENS, min_size=2, max_size=5), st.data())
@settings(max_examples=60, deadline=None)
def test_chunks_are_concatenated_as_arrow_does(chunks, data):
    """The first run's tokens, joined from the workers' chunks a chunk at a time, are
    Arrow's concatenation of them (sliced chunks included)."""
    from speechkit.tokens.arrays import concatenated

    arrays = []
    for rows in chunks:
        array = pa.array(rows, pa.list_(pa.string()))
        start = data.draw(st.integers(0, len(array)))
        arrays.append(array.slice(start, data.draw(st.integers(0, len(array) - start))))
    joined = concatenated(list(arrays))
    joined.validate(full=True)
    assert joined.equals(pa.concat_arrays(arrays))


def test_a_long_speech_is_counted_by_window_and_not_cached(written, tmp_path, monkeypatch):
    """A corpus directory holding a speech over ``LONG_TEXT`` characters is counted speech
    by speech, the long one a window at a time: the same rows, and no cache (it would need
    the long speech's every token)."""
    from speechkit.tokens import segment

    monkeypatch.setattr(segment, "LONG_TEXT", 2_000)
    monkeypatch.setattr(segment, "COUNT_WINDOW", 500)
    target = tmp_path / "speeches"
    corpus_dir.write(speechkit.load(written[0]), target)
    assert speechkit.rows("words", speechkit.load(target), jobs=1) == written[1]
    assert not (target / cache.CACHE_FILE).exists()
