"""Line endings (issue 13): CR-only, CRLF and mixed input split like LF input, `chars` does not
depend on them, offsets still point into the raw text exactly; large files are detected on
whole characters."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from click.testing import CliRunner

import speechkit
import speechkit.ingest.sources as loader
from speechkit.cli import cli
from speechkit.ingest import stream

from .conftest import SAMPLE

ENDINGS = {
    "cr": lambda lines: "\r".join(lines),
    "crlf": lambda lines: "\r\n".join(lines),
    "mixed": lambda lines: (
        "".join(line + ("\n", "\r\n", "\r")[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    ),
}


def rewrite(tmp_path, kind, sample_raw):
    path = tmp_path / f"{SAMPLE.stem}_{kind}.txt"  # the year in the name, as the sample
    path.write_bytes(ENDINGS[kind](sample_raw.split("\n")).encode("utf-8"))
    return path


def same_speeches(speeches, expected, raw):
    assert len(speeches) == len(expected) == 9
    for got, want in zip(speeches, expected):
        assert (got.text, got.original, got.title, got.chars) == (
            want.text,
            want.original,
            want.title,
            want.chars,
        )
    first = speeches[0].start
    assert "".join(raw[s.start : s.end] for s in speeches) == raw[first:]
    for speech in speeches:  # every cleaned character maps to itself or its raw line ending
        for i in range(0, len(speech.original), 97):
            at = speech.offsets.raw(i)
            char = speech.original[i]
            assert raw[at] in (char, unicodedata.normalize("NFKC", char)) or raw[at] in "\r\n\xa0"


@pytest.mark.parametrize("kind", ["cr", "crlf", "mixed"])
def test_line_endings_split_like_lf(tmp_path, kind, sample_speeches, sample_raw):
    path = rewrite(tmp_path, kind, sample_raw)
    raw = path.read_bytes().decode("utf-8")
    notices = []
    speeches = list(speechkit.load(path, on_notice=notices.append))
    same_speeches(speeches, sample_speeches, raw)
    assert notices == []


@pytest.mark.parametrize("kind", ["cr", "mixed"])
def test_streamed_line_endings_split_like_lf(tmp_path, kind, sample_speeches, monkeypatch):
    monkeypatch.setattr(loader, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(stream, "CHUNK", 997)
    monkeypatch.setattr(stream, "SAMPLE_BYTES", 4096)
    path = rewrite(tmp_path, kind, SAMPLE.read_text(encoding="utf-8"))
    same_speeches(list(speechkit.load(path)), sample_speeches, path.read_bytes().decode())


def test_targets_do_not_depend_on_line_endings(tmp_path, sample_raw):
    def rows(path):
        result = CliRunner().invoke(cli, ["targets", str(path), "--csv"], obj={})
        assert result.exit_code == 0, result.output
        table = list(csv.DictReader(io.StringIO(result.stdout)))
        return [
            {k: v for k, v in r.items() if k not in ("start", "end", "speech", "source")}
            for r in table
        ]

    expected = rows(SAMPLE)
    assert len(expected) > 20
    assert rows(rewrite(tmp_path, "mixed", sample_raw)) == expected


@pytest.mark.parametrize("cut", [4094, 4095, 4096])
def test_a_streamed_file_without_newlines_is_detected_on_whole_characters(
    tmp_path, monkeypatch, cut
):
    monkeypatch.setattr(loader, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(stream, "SAMPLE_BYTES", cut)  # the sample ends inside a character
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", "")
    path = tmp_path / "oneline.txt"
    path.write_bytes(text.encode("utf-8"))
    for encoding in (None, "utf-8"):
        speeches = list(speechkit.load(path, encoding=encoding))
        assert sum(s.chars for s in speeches) > 60_000
