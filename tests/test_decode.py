"""Encodings are detected; bad input gets one line that names the file and what to do."""

from __future__ import annotations

import codecs

import pytest

import speechkit
from speechkit.errors import SpeechkitError
from speechkit.ingest.decode import decode_bytes

from .conftest import SAMPLE


def _speeches(path, **kw):
    return [(s.start, s.end, s.text) for s in speechkit.load(path, **kw)]


def test_gb18030_copy_gives_the_same_speeches(tmp_path, sample_raw):
    copy = tmp_path / "sample.gb18030.txt"
    copy.write_bytes(sample_raw.encode("gb18030"))
    assert _speeches(copy) == _speeches(SAMPLE)
    assert next(speechkit.load(copy).documents()).encoding == "gb18030"


@pytest.mark.parametrize(
    ("prefix", "codec"),
    [(b"", "utf-8"), (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")],
)
def test_utf_variants(tmp_path, sample_raw, prefix, codec):
    copy = tmp_path / "sample.txt"
    copy.write_bytes(prefix + sample_raw.encode(codec))
    assert _speeches(copy) == _speeches(SAMPLE)


def test_big5_and_gbk_are_told_apart():
    traditional = "同志們：\n我們要堅持發展，確保經濟穩定增長，推動高質量發展。\n"
    simplified = "同志们：\n我们要坚持发展，确保经济稳定增长，推动高质量发展。\n"
    assert decode_bytes(traditional.encode("big5"), "t") == (traditional, "big5")
    assert decode_bytes(simplified.encode("gbk"), "s") == (simplified, "gb18030")


def test_encoding_override(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("同志们：\n发展。".encode("gbk"))
    assert _speeches(path, encoding="gbk")[0][2] == "同志们：\n发展。"
    with pytest.raises(SpeechkitError, match="not valid utf-8"):
        _speeches(path, encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"   \n\n", "only whitespace"),
        (bytes(range(0x80, 0x100)) * 3, "cannot be decoded"),
    ],
)
def test_bad_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SpeechkitError, match=message) as info:
        list(speechkit.load(path))
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_directory_that_is_not_a_corpus(tmp_path):
    with pytest.raises(SpeechkitError, match="not a speechkit corpus"):
        list(speechkit.load(tmp_path))


def test_user_files_give_one_line_errors(tmp_path):
    from speechkit.analyzers.words.tally import read_stopwords

    with pytest.raises(SpeechkitError, match="no such file; check the path to the stopword list"):
        read_stopwords(tmp_path / "missing.txt")
    with pytest.raises(SpeechkitError, match="is a directory; give a stopword list file"):
        read_stopwords(tmp_path)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("的\n了\n".encode("gbk"))
    with pytest.raises(SpeechkitError, match="the stopword list is not UTF-8"):
        read_stopwords(gbk)
