"""Inputs named by URL (speechkit.ingest.urls): read with fsspec by this process, the same
speeches as the local file; one-line errors for what cannot be read."""

from __future__ import annotations

import fsspec
import pytest
from click.testing import CliRunner

import speechkit
from speechkit.cli import cli
from speechkit.errors import SpeechkitError
from speechkit.ingest.urls import is_url

from .conftest import SAMPLE


@pytest.fixture
def url():
    """The sample in fsspec's in-memory file system (no network)."""
    memory = fsspec.filesystem("memory")
    memory.pipe(f"/speechkit-test/{SAMPLE.name}", SAMPLE.read_bytes())
    yield f"memory://speechkit-test/{SAMPLE.name}"  # the same name: the same speech ids
    memory.rm("/speechkit-test", recursive=True)


def _without_source(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "source"} for row in rows]


def test_a_url_gives_the_speeches_of_the_file(url):
    here, there = speechkit.load(SAMPLE), speechkit.load(url)
    assert [(s.id, s.start, s.end, s.text) for s in there] == [
        (s.id, s.start, s.end, s.text) for s in here
    ]
    assert there.size() == SAMPLE.stat().st_size
    for name in ("slogans", "directives", "targets"):
        assert _without_source(speechkit.rows(name, url)) == _without_source(
            speechkit.rows(name, str(SAMPLE))
        )


def test_the_cli_takes_a_url(url):
    local = CliRunner().invoke(cli, ["directives", str(SAMPLE), "--csv"], obj={})
    remote = CliRunner().invoke(cli, ["directives", url, "--csv"], obj={})
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout
    split = CliRunner().invoke(cli, ["split", f"file://{SAMPLE}", "--csv"], obj={})
    assert split.exit_code == 0 and f"file://{SAMPLE}" in split.stdout


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("memory://speechkit-test/none.txt", "no such file; check the URL"),
        ("nosuchprotocol://x/y.txt", "nosuchprotocol://x/y.txt: "),
    ],
)
def test_a_url_that_cannot_be_read_is_one_line(bad, message):
    result = CliRunner().invoke(cli, ["split", bad, "--csv"], obj={})
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output
    with pytest.raises(SpeechkitError):
        list(speechkit.load(bad))


def test_what_is_a_url():
    assert is_url("s3://bucket/x.txt") and is_url("file:///tmp/x.txt")
    assert not is_url("/tmp/x.txt") and not is_url("-") and not is_url("C:\\x.txt")
    assert not is_url("dumps/a://b.txt")
