"""Interrupts (issue 13): real `split -o` and `words` processes get SIGINT (to the process
group, as Ctrl-C does) or SIGTERM (to the main process, as `kill` does) at random moments.
Each must exit 130/143 at once with one line and no traceback, leave no process and no temp
file or folder, and leave the old output whole or the new one complete."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import speechkit
from speechkit.ingest import corpus_dir
from speechkit.tokens import cache

from .conftest import SAMPLE

SCRIPT = Path(sys.executable).parent / "speechkit"
RUNS = 5  # per kind of run: 4 kinds, 20 runs in all
EXIT_BOUND = 2.0  # seconds from the signal to the exit: a hang never meets it
# Signals come after the first second: before that Python is still importing speechkit and
# has not installed the handler (SIGTERM then simply ends it; Ctrl-C is Python's own).


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A 6 MB dump (large enough for worker processes) and its corpus directory."""
    folder = tmp_path_factory.mktemp("interrupts")
    dump = folder / "big.txt"
    dump.write_bytes(SAMPLE.read_bytes() * 30)
    corpus = folder / "corpus"
    corpus_dir.write(speechkit.load(dump), corpus)
    return dump, corpus


def processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().split(") ", 1)[1][0]
            except OSError:
                continue
            if marker.encode() in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


def interrupt(args, signum, delay, cwd, env=None):
    process = subprocess.Popen(
        [str(SCRIPT), *map(str, args)],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=None if env is None else {**os.environ, **env},
    )
    time.sleep(delay)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
    else:
        process.send_signal(signal.SIGTERM)  # `kill PID`: the main process only
    try:
        _out, err = process.communicate(timeout=EXIT_BOUND)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{args[0]} did not exit within {EXIT_BOUND} s of signal {signum}")
    return process.returncode, err.decode()


def check_exit(code, err, signum):
    # 128 + signum from the handler; -signum (which a shell also shows as 128 + signum) if
    # the signal came before Python had even installed it, when nothing has started yet.
    assert code in (0, 128 + signum, -signum), err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 1, err


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_split_output_dir(big, tmp_path, signum):
    dump, _corpus = big
    rng = random.Random(signum)
    work = tmp_path / "work"
    work.mkdir()
    target = work / "c"
    corpus_dir.write(list(speechkit.load(SAMPLE)), target)  # the old output: 9 speeches
    for _ in range(RUNS):
        code, err = interrupt(["split", dump, "-o", target], signum, rng.uniform(1.0, 3.0), work)
        check_exit(code, err, signum)
        assert processes_mentioning(str(dump)) == []
        assert sorted(p.name for p in work.iterdir()) == ["c"], err  # no temp folder
        count = len(list(speechkit.load(target)))
        assert count in (9, 270)  # old intact or new complete
        if count == 270:
            shutil.rmtree(target)
            corpus_dir.write(list(speechkit.load(SAMPLE)), target)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_words_on_a_corpus_directory(big, tmp_path, signum):
    _dump, source = big
    rng = random.Random(signum + 100)
    corpus = tmp_path / "corpus"
    shutil.copytree(source, corpus)
    for _ in range(RUNS):
        (corpus / cache.CACHE_FILE).unlink(missing_ok=True)
        code, err = interrupt(["words", corpus, "--csv"], signum, rng.uniform(1.0, 3.5), tmp_path)
        check_exit(code, err, signum)
        assert processes_mentioning(str(corpus)) == []
        assert sorted(p.name for p in corpus.iterdir() if p.name.startswith(".")) == []
        if (corpus / cache.CACHE_FILE).exists():
            assert cache.read(corpus) is not None  # complete, never half-written


def test_a_folder_written_into_while_it_is_removed_goes_too(tmp_path, monkeypatch):
    """An interrupt removes a temporary folder right after killing the workers that write
    into it: a file that lands after the folder was listed (a killed worker's last write)
    does not leave the folder behind."""
    from speechkit import atomic

    folder = tmp_path / ".c.new-1-x"
    folder.mkdir()
    (folder / "a.txt").write_text("a")
    atomic.register(folder)
    rmtree = shutil.rmtree
    calls = []

    def late_write(path, ignore_errors=False):
        calls.append(path)
        rmtree(path, ignore_errors=ignore_errors)
        if len(calls) == 1:  # a worker's file, after the listing: the folder is back
            os.makedirs(path, exist_ok=True)
            (Path(path) / "b.txt").write_text("b")

    monkeypatch.setattr(atomic.shutil, "rmtree", late_write)
    atomic.remove_pending()
    assert not folder.exists() and len(calls) == 2
    assert str(folder) not in atomic.PENDING


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_analyses_leave_no_spill_folder_and_no_page(big, tmp_path, signum):
    """A two-round analysis keeps spilled speeches and records in a temporary folder, and the
    report writes its page beside its target: an interrupt removes both."""
    dump, _corpus = big
    rng = random.Random(signum + 200)
    temp = tmp_path / "tmp"
    temp.mkdir()
    for args in (["slogans", dump, "--discover", "--csv"], ["report", dump, "-o", "page.html"]):
        for _ in range(2):
            delay = rng.uniform(1.0, 3.0)
            code, err = interrupt(args, signum, delay, tmp_path, {"TMPDIR": str(temp)})
            check_exit(code, err, signum)
            assert processes_mentioning(str(dump)) == []
            assert list(temp.iterdir()) == [], err
            assert sorted(p.name for p in tmp_path.iterdir()) in (["tmp"], ["page.html", "tmp"])
