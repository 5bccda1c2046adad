"""Streamed reading of large dumps gives exactly the speeches of in-memory reading."""

from __future__ import annotations

import codecs

import pytest

import speechkit
import speechkit.ingest.sources as loader
from speechkit.errors import SpeechkitError
from speechkit.ingest import stream
from speechkit.ingest.stream import StreamedDocument

from .conftest import EVAL_TEXTS, SAMPLE


@pytest.fixture
def always_stream(monkeypatch):
    monkeypatch.setattr(loader, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(stream, "CHUNK", 997)  # odd-sized chunks split characters and lines
    monkeypatch.setattr(stream, "SAMPLE_BYTES", 4096)  # detection sees only the file's start


def _speeches(path, **kw):
    return list(speechkit.load(path, **kw))


def test_sample_streams_to_the_same_speeches(always_stream, sample_speeches, sample_raw):
    doc = next(speechkit.load(SAMPLE).documents())
    assert isinstance(doc, StreamedDocument)
    streamed = list(doc.speeches(jobs=1))
    assert streamed == sample_speeches
    assert list(doc.speeches(jobs=2)) == sample_speeches
    assert doc.preamble + "".join(sample_raw[s.start : s.end] for s in streamed) == sample_raw
    assert doc.summary(streamed)["glosses"] == 2460
    in_memory = loader.read_document(str(SAMPLE))
    assert doc.findings() == in_memory.findings()


def test_preamble_is_known_before_any_pass(always_stream):
    doc = next(speechkit.load(SAMPLE).documents())
    assert doc.preamble.startswith("堅決與“雙泛”")


@pytest.mark.parametrize("codec", ["gb18030", "utf-16", "utf-8-sig"])
def test_other_encodings_stream_too(always_stream, tmp_path, sample_raw, sample_speeches, codec):
    copy = tmp_path / f"sample.{codec}.txt"
    copy.write_bytes(sample_raw.encode(codec))
    speeches = _speeches(copy)
    assert [(s.start, s.end, s.text) for s in speeches] == [
        (s.start, s.end, s.text) for s in sample_speeches
    ]


def test_eval_texts_stream_like_in_memory(always_stream, monkeypatch):
    if not EVAL_TEXTS.exists():
        pytest.skip("../shared/eval is not here")
    for path in sorted(EVAL_TEXTS.glob("*.txt")):
        notices = []
        streamed = list(speechkit.load(path, on_notice=notices.append))
        monkeypatch.setattr(loader, "STREAM_MIN_BYTES", 1 << 40)
        assert streamed == list(speechkit.load(path)), path.name
        monkeypatch.setattr(loader, "STREAM_MIN_BYTES", 0)
        doc = loader.read_document(str(path))
        assert len(notices) == len(doc.notices), path.name


def test_bad_bytes_mid_file_name_the_file(always_stream, tmp_path, sample_raw):
    path = tmp_path / "broken.txt"
    path.write_bytes(sample_raw.encode("utf-8") + b"\xff\xfe\xfa" + "同志们：\n好。".encode())
    with pytest.raises(SpeechkitError, match=r"broken\.txt: not valid utf-8 near byte"):
        _speeches(path)


def test_utf16_sample_is_cut_on_a_whole_unit():
    data = codecs.BOM_UTF16_LE + "甲\n乙\n丙".encode("utf-16-le")
    assert stream._trim_partial(data).decode("utf-16") == "甲\n乙\n"
