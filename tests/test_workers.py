"""Worker processes (speechkit.workers): forked from one zygote that ran the
warm-up once, results in order, errors raised here, and no process left behind."""

from __future__ import annotations

import os
import signal
import sys
from functools import partial
from pathlib import Path

import pytest

from speechkit.errors import SpeechkitError
from speechkit.workers import Workers


def _note(path: str) -> None:
    with open(path, "a") as file:
        file.write(f"{os.getpid()}\n")


def _where(text: str) -> tuple[str, int, int]:
    return text.upper(), os.getpid(), os.getppid()


def _fail_on(bad: str, text: str) -> str:
    if text == bad:
        raise ValueError(f"cannot cut {text}")
    return text


def _die(text: str) -> str:
    os.kill(os.getpid(), signal.SIGKILL)
    return text


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except OSError:
        return False
    return state != "Z"


def test_one_warm_up_for_all_workers_results_in_order(tmp_path):
    notes = tmp_path / "warm.txt"
    workers = Workers(2, partial(_note, str(notes)))
    texts = [f"t{i}" * (i % 7 + 1) for i in range(60)]
    try:
        results = list(workers.imap(_where, texts))
        again = list(workers.imap(_where, texts[:3]))  # the same workers, a second run
    finally:
        workers.close()
    assert [upper for upper, _, _ in results] == [t.upper() for t in texts]
    assert [upper for upper, _, _ in again] == [t.upper() for t in texts[:3]]
    zygote = int(notes.read_text())  # warmed once, in the zygote
    assert {parent for _, _, parent in results} == {zygote}
    worker_pids = {pid for _, pid, _ in results}
    assert len(worker_pids) == 2 and os.getpid() not in worker_pids
    assert not any(_alive(pid) for pid in {*worker_pids, zygote})


def test_a_worker_error_is_raised_here_and_the_workers_end():
    workers = Workers(2, lambda: None)
    pids = []
    with pytest.raises(ValueError, match="cannot cut b"):
        for _upper, pid, _ in map(_where, workers.imap(partial(_fail_on, "b"), "aabaa")):
            pids.append(pid)
    assert workers.closed and not _alive(workers._zygote.pid)
    assert not any(pid and _alive(pid) for pid in memoryview(workers._pids).cast("q"))


def test_a_dead_worker_is_an_error_not_a_hang():
    workers = Workers(2, lambda: None)
    with pytest.raises(SpeechkitError, match="ended unexpectedly"):
        list(workers.imap(_die, ["a", "b", "c"]))
    assert workers.closed and not _alive(workers._zygote.pid)


def test_a_failed_warm_up_is_raised_here():
    def broken():
        raise SpeechkitError("the rjieba tokenizer is not installed")

    workers = Workers(2, broken)
    with pytest.raises(SpeechkitError, match="not installed"):
        list(workers.imap(str.upper, ["a"]))


def test_an_error_of_the_items_is_raised_here():
    def items():
        yield "a"
        raise OSError("disk gone")

    workers = Workers(2, lambda: None)
    with pytest.raises(OSError, match="disk gone"):
        list(workers.imap(str.upper, items()))
    assert workers.closed


def _wait_for_release(flag: str, text: str) -> str | int:
    import time

    if text == "wait":
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if os.path.exists(flag):
                return "released"
            time.sleep(0.01)
        return "timed out"
    if text == "release":
        Path(flag).touch()
    return len(text)


@pytest.mark.skipif(sys.platform != "linux", reason="pipes are widened on Linux only")
def test_a_busy_worker_does_not_hold_up_the_items_of_another(tmp_path):
    # The first worker waits for an item that goes to the second; between them, a large
    # item for the first must not block the one thread that sends (its pipe takes it whole).
    flag = str(tmp_path / "released")
    large = "x" * 300_000
    with Workers(2) as workers:
        results = list(
            workers.imap(partial(_wait_for_release, flag), ["wait", large, large, "release"])
        )
    assert results == ["released", 300_000, 300_000, 7]
