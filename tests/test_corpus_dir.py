"""`split -o DIR` writes a corpus directory that loads back to the same speeches."""

from __future__ import annotations

import json

import pytest

import speechkit
from speechkit.errors import SpeechkitError
from speechkit.ingest import corpus_dir, manifest_row

from .conftest import SAMPLE


def test_round_trip(tmp_path, sample_speeches):
    target = tmp_path / "speeches"
    assert corpus_dir.write(speechkit.load(SAMPLE), target) == 9
    loaded = list(speechkit.load(target))
    assert loaded == sample_speeches
    assert sorted(p.name for p in tmp_path.iterdir()) == ["speeches"]  # no temp left over


def test_rewrite_replaces_a_corpus_but_not_other_directories(tmp_path):
    target = tmp_path / "speeches"
    corpus_dir.write(speechkit.load(SAMPLE), target)
    corpus_dir.write(speechkit.load(SAMPLE), target)
    other = tmp_path / "mine"
    other.mkdir()
    with pytest.raises(SpeechkitError, match="not a speechkit corpus"):
        corpus_dir.write(speechkit.load(SAMPLE), other)


def test_interrupted_write_leaves_nothing(tmp_path):
    def speeches():
        yield from list(speechkit.load(SAMPLE))[:3]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        corpus_dir.write(speeches(), tmp_path / "speeches")
    assert list(tmp_path.iterdir()) == []


def test_to_frame(sample_speeches):
    frame = speechkit.load(SAMPLE).to_frame(texts=False)
    assert list(frame["ordinal"]) == list(range(1, 10))
    assert frame["chars"].sum() == sum(s.chars for s in sample_speeches)


@pytest.mark.parametrize("name", ["slogans", "directives", "targets", "words"])
def test_every_analyzer_accepts_a_corpus_directory(tmp_path, name):
    target = tmp_path / "speeches"
    corpus_dir.write(speechkit.load(SAMPLE), target)
    from_dir = speechkit.analyze(name, speechkit.load(target))
    from_raw = speechkit.analyze(name, speechkit.load(SAMPLE))
    assert len(from_raw) > 0
    assert from_dir.equals(from_raw)


def test_cleaning_reports_are_kept_after_one_pass():
    corpus = speechkit.load(SAMPLE)
    speeches = list(corpus)
    (report,) = corpus.reports.values()
    assert report.encoding == "utf-8"
    assert report.summary(speeches)["glosses"] == 2460
    assert report.summary(speeches)["preamble_lines"] == 8


def test_a_long_speechs_manifest_row_goes_through_a_file_with_the_same_bytes(tmp_path, monkeypatch):
    """A speech longer than LONG_ROW has its manifest row written to a file beside its text
    (bounded memory on the worker and here); the corpus is byte for byte the one written
    with rows passed whole, and no row file is left."""
    speeches = list(speechkit.load(SAMPLE))
    whole = corpus_dir.write(speeches, tmp_path / "whole")
    monkeypatch.setattr(corpus_dir, "LONG_ROW", 10)  # every speech of the sample is long
    through_files = corpus_dir.write(speeches, tmp_path / "files")
    assert whole == through_files == len(speeches)
    names = sorted(p.name for p in (tmp_path / "whole").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "files").iterdir())
    for name in names:
        assert (tmp_path / "whole" / name).read_bytes() == (tmp_path / "files" / name).read_bytes()


def test_a_long_row_is_read_as_json_reads_it(tmp_path, monkeypatch):
    """A long manifest row has its offset breaks read straight into arrays: the speeches
    equal those read with json.loads, and a row whose breaks are not as written is refused."""
    speeches = list(speechkit.load(SAMPLE))
    target = tmp_path / "speeches"
    corpus_dir.write(speeches, target)
    as_json = list(corpus_dir.read(target))
    monkeypatch.setattr(manifest_row, "LONG_ROW", 10)  # every row is long
    assert list(corpus_dir.read(target)) == as_json == speeches
    line = (target / corpus_dir.MANIFEST).read_bytes().splitlines()[0]
    row, offsets = manifest_row.parsed_row(line)
    assert offsets == speeches[0].offsets and row == {**json.loads(line), "offsets": []}
    for old, new in ((b"], [", b"] ["), (b"], [", b"], [x"), (b"]]", b"], ]]"), (b"], [", b"],[")):
        damaged = line.replace(old, new, 1)
        assert damaged != line
        with pytest.raises(ValueError):
            manifest_row.parsed_row(damaged)


def test_a_worker_that_does_not_see_the_folder_sends_the_speech_back(tmp_path, sample_speeches):
    """``split -o`` on a cluster: a worker writes a speech's file only where it sees the
    folder being written (its manifest); elsewhere the speech comes back and is written by
    ``write``, into the same corpus."""
    unseen = tmp_path / "elsewhere"  # a folder this "worker" has no manifest in
    unseen.mkdir()
    speech = sample_speeches[0]
    assert corpus_dir.entry_if_shared(unseen, speech) is speech
    assert not any(unseen.iterdir())

    def mixed(folder):  # every other speech as if from a worker that cannot see the folder
        for n, s in enumerate(sample_speeches):
            yield corpus_dir.entry_if_shared(folder if n % 2 else unseen, s)

    target = tmp_path / "speeches"
    assert corpus_dir.write((), target, mixed) == 9
    assert list(speechkit.load(target)) == sample_speeches
    corpus_dir.write(sample_speeches, tmp_path / "whole")
    for path in (tmp_path / "whole").iterdir():
        assert (target / path.name).read_bytes() == path.read_bytes()


@pytest.fixture
def long_rows(tmp_path, monkeypatch, sample_speeches):
    """The sample as a corpus directory, every row of it long (deferred when read for tasks)."""
    target = tmp_path / "speeches"
    corpus_dir.write(sample_speeches, target)
    monkeypatch.setattr(corpus_dir, "LONG_ROW", 10)
    return target


def test_a_long_speech_is_read_where_its_task_runs(long_rows, sample_speeches, monkeypatch):
    stored = list(corpus_dir.read(long_rows, defer=True))
    assert all(isinstance(s, manifest_row.StoredSpeech) for s in stored)
    assert [s.load() for s in stored] == sample_speeches
    # ...on the workers too: the rows of every analyzer equal the raw dump's
    from speechkit.engines import local

    monkeypatch.setattr(local, "PARALLEL_MIN_BYTES", 0)
    for name in ("slogans", "directives", "targets", "meta"):
        found = speechkit.analyze(name, long_rows)
        assert found.equals(speechkit.analyze(name, SAMPLE)) and len(found)


def test_a_long_speech_read_later_is_checked_then(long_rows):
    manifest = long_rows / corpus_dir.MANIFEST
    lines = manifest.read_bytes().splitlines(keepends=True)
    first, *_ = corpus_dir.read(long_rows, defer=True)
    # the manifest rewritten between the task's making and its run: rows swapped
    manifest.write_bytes(b"".join([lines[1], lines[0], *lines[2:]]))
    with pytest.raises(SpeechkitError, match=r"speeches.jsonl:1: .*speechkit split -o"):
        first.load()
    # a speech's head that runs backwards is refused as the task is made
    manifest.write_bytes(b"".join([lines[1], lines[0], *lines[2:]]))
    with pytest.raises(SpeechkitError, match=r"speeches.jsonl:2: offsets .* run backwards"):
        list(corpus_dir.read(long_rows, defer=True))
