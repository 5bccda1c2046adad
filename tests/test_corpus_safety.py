"""Corpus directories (issue 13): ids unique across inputs, a replace that a kill cannot lose,
stale temp folders cleaned, the user's umask, and a manifest read with checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

import speechkit
from speechkit.cli import cli
from speechkit.errors import SpeechkitError
from speechkit.ingest import corpus_dir

from .conftest import SAMPLE, title_block_reports


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, obj={})


@pytest.fixture(scope="module")
def speeches():
    return list(speechkit.load(SAMPLE))[:3]


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_same_stem_in_two_inputs_keeps_every_speech(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"
    a.write_bytes(SAMPLE.read_bytes())
    raw = SAMPLE.read_text(encoding="utf-8")
    b.write_text(raw.replace("同志們:\n", "同志們:\n各位同事，先说一句。\n", 1), encoding="utf-8")
    result = run("split", a, b, "-o", tmp_path / "dup")
    assert result.exit_code == 0, result.output
    loaded = list(speechkit.load(tmp_path / "dup"))
    assert len(loaded) == 18 and len({s.id for s in loaded}) == 18
    assert len(list((tmp_path / "dup").glob("*.txt"))) == 18
    direct = list(speechkit.load([a, b]))
    assert [s.text for s in loaded] == [s.text for s in direct]
    assert loaded[0].text != loaded[9].text


def test_stdin_given_twice_is_read_once():
    result = run("split", "-", "-", "--csv", input=SAMPLE.read_bytes())
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + 9


def test_a_stale_old_folder_does_not_block_a_replace(tmp_path, speeches):
    target = tmp_path / "c"
    corpus_dir.write(speeches, target)
    (tmp_path / ".c.old" / "x").mkdir(parents=True)  # left by an older, killed run
    (tmp_path / f".c.new-{dead_pid()}-abcd").mkdir()  # a killed run's temp folder
    live = tmp_path / f".c.new-{os.getppid()}-abcd"  # a running writer's: left alone
    live.mkdir()
    assert corpus_dir.write(speeches, target) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["c", live.name])
    assert len(list(speechkit.load(target))) == 3


def test_a_kill_between_the_renames_is_rolled_back(tmp_path, speeches):
    target = tmp_path / "c"
    corpus_dir.write(speeches, target)
    backup = tmp_path / f".c.old-{dead_pid()}-abcd"
    os.rename(target, backup)  # the state a kill between two renames leaves
    corpus_dir.recover(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]
    assert len(list(speechkit.load(target))) == 3


def test_written_with_the_umask(tmp_path, speeches):
    mask = os.umask(0o027)
    try:
        corpus_dir.write(speeches, tmp_path / "c")
    finally:
        os.umask(mask)
    assert os.stat(tmp_path / "c").st_mode & 0o777 == 0o750
    assert os.stat(tmp_path / "c" / corpus_dir.MANIFEST).st_mode & 0o777 == 0o640


def test_split_into_the_current_directory(tmp_path, speeches, monkeypatch):
    corpus_dir.write(speeches, tmp_path / "c")
    monkeypatch.chdir(tmp_path / "c")
    result = run("split", SAMPLE, "-o", ".")
    assert "internal error" not in result.output
    assert result.exit_code == 0, result.output
    assert len(list(speechkit.load(tmp_path / "c"))) == 9


def edit_manifest(target, change):
    path = target / corpus_dir.MANIFEST
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    change(rows)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


@pytest.mark.parametrize(
    "change",
    [
        lambda rows: rows[1].update(end=-5),
        lambda rows: rows[1].update(start=rows[0]["start"] + 10),  # overlaps the first
        lambda rows: rows[2].update(offsets=list(reversed(rows[2]["offsets"]))),
        lambda rows: rows[0].update(original=rows[0]["original"][:-1]),
    ],
)
def test_edited_offsets_are_reported(tmp_path, speeches, change):
    corpus_dir.write(speeches, tmp_path / "c")
    edit_manifest(tmp_path / "c", change)
    with pytest.raises(SpeechkitError, match=r"speeches\.jsonl:\d"):
        list(speechkit.load(tmp_path / "c"))


@pytest.mark.parametrize("edit", [lambda t: t + "加一句。", lambda t: t.replace("发展", "发达", 1)])
def test_edited_texts_are_reported(tmp_path, speeches, edit):
    corpus_dir.write(speeches, tmp_path / "c")
    name = f"{speeches[1].id}.txt"
    path = tmp_path / "c" / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(SpeechkitError, match=name):
        list(speechkit.load(tmp_path / "c"))


def test_a_title_block_is_kept_and_one_moved_into_its_speech_is_reported(tmp_path):
    inputs = title_block_reports(tmp_path / "in")
    corpus_dir.write(speechkit.load(inputs), tmp_path / "c")
    assert list(speechkit.load(tmp_path / "c")) == list(speechkit.load(inputs))

    def into_the_speech(rows):
        block = rows[0]["title_block"]
        block.update(offsets=[[0, rows[0]["start"] + 1]], end=rows[0]["start"] + 9)

    edit_manifest(tmp_path / "c", into_the_speech)
    with pytest.raises(SpeechkitError, match=r"speeches\.jsonl:1: the title block"):
        list(speechkit.load(tmp_path / "c"))
