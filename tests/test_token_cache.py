"""The token cache beside a corpus directory (issue 13): checked before any use, rebuilt when
it does not match, never a crash; a cache that cannot be written costs a notice, not the run."""

from __future__ import annotations

import random
import subprocess
import sys

import pyarrow as pa
import pyarrow.feather as feather
import pytest
from click.testing import CliRunner

import speechkit
from speechkit.cli import cli
from speechkit.ingest import corpus_dir
from speechkit.tokens import cache
from speechkit.tokens.segment import fingerprint

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """Three speeches of the sample as a corpus directory, with its cache written."""
    target = tmp_path_factory.mktemp("cache") / "c"
    corpus_dir.write(list(speechkit.load(SAMPLE))[:3], target)
    fresh = speechkit.rows("words", speechkit.load(target), jobs=1)
    return target, fresh, (target / cache.CACHE_FILE).read_bytes()


def words_in_subprocess(target) -> subprocess.CompletedProcess:
    code = (
        "import json, sys, speechkit;"
        f"print(json.dumps(speechkit.rows('words', speechkit.load({str(target)!r}), jobs=1)))"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


@pytest.mark.parametrize("seed", [5, 11])
def test_damaged_bytes_never_crash_and_give_fresh_counts(small_corpus, tmp_path, seed):
    source, fresh, good = small_corpus
    target = tmp_path / "c"
    corpus_dir.write(speechkit.load(source), target)
    damaged = bytearray(good)
    rng = random.Random(seed)
    for _ in range(200):
        damaged[rng.randrange(2000, len(damaged) - 2000)] = rng.randrange(256)
    (target / cache.CACHE_FILE).write_bytes(bytes(damaged))
    result = words_in_subprocess(target)
    assert result.returncode == 0, result.stderr[-500:]
    import json

    assert json.loads(result.stdout) == json.loads(json.dumps(fresh))
    # ... and the cache was rebuilt: a valid one again.
    assert cache.read(target) is not None


def test_edited_tokens_with_the_same_keys_are_noticed(small_corpus, tmp_path):
    source, fresh, _good = small_corpus
    target = tmp_path / "c"
    corpus_dir.write(speechkit.load(source), target)
    speechkit.rows("words", speechkit.load(target), jobs=1)
    table = feather.read_table(target / cache.CACHE_FILE)
    tokens = table.column("tokens").to_pylist()
    tokens[0] = ["发展"] * 1000
    edited = pa.table({"key": table.column("key"), "tokens": tokens}, schema=table.schema)
    feather.write_feather(edited, target / cache.CACHE_FILE, compression="uncompressed")
    assert speechkit.rows("words", speechkit.load(target), jobs=1) == fresh


def test_cache_names_the_backend_and_its_version(small_corpus):
    from importlib.metadata import version

    metadata = feather.read_table(small_corpus[0] / cache.CACHE_FILE).schema.metadata
    assert metadata[b"speechkit.backend"].decode() == f"jieba {version('jieba')}"
    assert len(metadata[b"speechkit.sha256"]) == 64


def test_cache_that_cannot_be_written_still_gives_the_counts(small_corpus, tmp_path):
    source, fresh, _good = small_corpus
    target = tmp_path / "c"
    corpus_dir.write(speechkit.load(source), target)
    (target / cache.CACHE_FILE).mkdir()  # cannot be replaced by a file
    result = CliRunner().invoke(cli, ["words", str(target), "--csv"], obj={})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("word,count,speeches,per_10k\n")
    assert len(result.stdout.splitlines()) == len(fresh) + 1
    assert result.stderr.count("token cache") == 1
    assert "internal error" not in result.stderr


def test_read_only_corpus_directory(small_corpus, tmp_path, monkeypatch):
    source, fresh, _good = small_corpus
    target = tmp_path / "c"
    corpus_dir.write(speechkit.load(source), target)

    def denied(*_a, **_k):
        raise PermissionError(13, "Permission denied", str(target / ".tokens.x.arrow"))

    monkeypatch.setattr("tempfile.mkstemp", denied)
    notices = []
    rows = speechkit.rows("words", speechkit.load(target, on_notice=notices.append), jobs=1)
    assert rows == fresh
    assert len(notices) == 1 and "token cache" in notices[0]


def test_cache_is_written_with_the_umask(small_corpus):
    import os

    target = small_corpus[0]
    mask = os.umask(0)
    os.umask(mask)
    assert os.stat(target / cache.CACHE_FILE).st_mode & 0o777 == 0o666 & ~mask


def test_an_empty_manifest_is_a_one_line_error(tmp_path):
    target = tmp_path / "c"
    corpus_dir.write(list(speechkit.load(SAMPLE))[:1], target)
    (target / corpus_dir.MANIFEST).write_text("")
    for command in ("words", "targets", "slogans", "split"):
        result = CliRunner().invoke(cli, [command, str(target), "--csv"], obj={})
        assert result.exit_code == 1, (command, result.output)
        assert "holds no speeches" in result.output and "internal error" not in result.output


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_first_run_of_any_token_view_writes_the_cache_words_writes(small_corpus, tmp_path, jobs):
    """A view that takes the counts speech by speech (``words --by-speech``, ``keyness``)
    streams a new directory's speeches through the tokenizer and writes the same cache."""
    target, _, cache_bytes = small_corpus
    copy = tmp_path / "c"
    corpus_dir.write(list(speechkit.load(target)), copy)
    by_speech = speechkit.rows("words", speechkit.load(copy), by_speech=True, jobs=jobs)
    assert (copy / cache.CACHE_FILE).read_bytes() == cache_bytes
    assert by_speech == speechkit.rows("words", speechkit.load(target), by_speech=True, jobs=1)


def test_a_view_holds_packed_counts_and_counts_the_same():
    from speechkit.analyzers.words import WORDS
    from speechkit.analyzers.words.tally import by_speech_rows, total_rows

    records = [
        {"speech": "a", "chars": 10, "counts": {"发展": 3, "改革": 1}},
        {"speech": "b", "chars": 5, "counts": {}},
        {"speech": "c", "chars": 7, "counts": {"改革": 2, "x y": 1}},
    ]
    held = [WORDS.held(record) for record in records]
    assert all(not isinstance(record["counts"], dict) for record in held)
    assert total_rows(held, None) == total_rows(records, None)
    assert list(by_speech_rows(held, 1)) == list(by_speech_rows(records, 1))


def test_the_cache_keeps_the_token_stats_and_damaged_ones_are_counted_again(small_corpus, tmp_path):
    from speechkit.tokens import stats as token_stats

    target, fresh, _ = small_corpus
    table = cache.read(target)
    kept = token_stats.unpacked(table.schema.metadata[cache.STATS_KEY])
    assert kept == token_stats.token_stats(cache.single_array(table.column("tokens")))
    assert len(kept.vocabulary) > 100 and sum(kept.totals) > sum(kept.spread) > 0
    data = token_stats.packed(kept)
    for damaged in (data[:-1], data[:40] + b"\x00" + data[41:], b"", data[:31]):
        assert token_stats.unpacked(damaged) is None
    assert token_stats.unpacked(token_stats.packed(token_stats.TokenStats([], [], []))) == (
        [],
        [],
        [],
    )
    # the cache with its stats damaged (its own hash still right): the same rows, counted
    copy = tmp_path / "c"
    corpus_dir.write(list(speechkit.load(target)), copy)
    assert speechkit.rows("words", speechkit.load(copy), jobs=1) == fresh
    written = cache.read(copy)
    metadata = dict(written.schema.metadata)
    metadata[cache.STATS_KEY] = data[:40] + b"\x01" + data[41:]
    # (written beside and moved into place: the cache read above maps the file)
    feather.write_feather(written.replace_schema_metadata(metadata), tmp_path / "t", "uncompressed")
    (tmp_path / "t").replace(copy / cache.CACHE_FILE)
    assert cache.read_whole(copy, fingerprint("jieba"), "jieba")[3] is None  # still whole
    assert speechkit.rows("words", speechkit.load(copy), jobs=1) == fresh
