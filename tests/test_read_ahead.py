"""A corpus's tasks read in a forked child (speechkit.engines.read_ahead): the same tasks and
cleaning reports as reading here, errors raised here, and no child left behind."""

from __future__ import annotations

import os
from itertools import islice
from pathlib import Path

import pytest

import speechkit
from speechkit.engines.read_ahead import can_read_ahead, read_ahead
from speechkit.engines.tasks import PackedRaw, unpacked
from speechkit.errors import SpeechkitError

from .conftest import SAMPLE

pytestmark = pytest.mark.skipif(not can_read_ahead(), reason="needs fork")


def _children() -> set[int]:
    """This process's live children (zombies included: a child not reaped shows here)."""
    me = str(os.getpid())
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                found.add(int(entry.name))
    return found


def test_the_same_tasks_and_reports_as_reading_here(tmp_path):
    second = tmp_path / "again.txt"
    second.write_text(SAMPLE.read_text(encoding="utf-8")[:50_000], encoding="utf-8")
    here = speechkit.load([SAMPLE, second])
    expected = list(here.tasks(3))
    there = speechkit.load([SAMPLE, second])
    before = _children()
    got = list(read_ahead(there, 3))
    # raw slices come packed (bytes, for a process that only passes them on): the same
    # once unpacked, and the same length in characters for sizing tasks
    assert any(isinstance(item[4], PackedRaw) for task in got for item in task.items)
    assert [tuple(map(unpacked, task.items)) for task in got] == [t.items for t in expected]
    assert [len(item[4]) for task in got for item in task.items] == [
        len(item[4]) for task in expected for item in task.items
    ]
    assert there.reports == here.reports and len(there.reports) == 2
    assert _children() == before  # the child was reaped


def test_a_packed_slice_keeps_every_character():
    """Lone surrogates (bytes a lenient decoding kept) and characters beyond the BMP survive
    packing, and a packed task builds the same speech."""
    from speechkit.engines.tasks import build_batch, packed
    from speechkit.ingest.build import SpeechTask

    raw = "同志们：\n发展\udc8f是第一要务𠀀。\n"
    item = ("f.txt", "f", 1, 10, raw, "")
    assert unpacked(packed(item)) == item
    assert len(packed(item)[4]) == len(raw)
    here = build_batch(SpeechTask((item,))).speeches
    there = build_batch(SpeechTask((packed(item),))).speeches
    assert [s.text for s in there] == [s.text for s in here]
    assert [s.offsets for s in there] == [s.offsets for s in here]


def test_an_input_error_is_raised_here(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(" \n\t\n", encoding="utf-8")  # only whitespace
    corpus = speechkit.load([bad])
    with pytest.raises(SpeechkitError) as here:
        list(speechkit.load([bad]).tasks(1))
    with pytest.raises(SpeechkitError) as there:
        list(read_ahead(corpus, 1))
    assert str(there.value) == str(here.value)


def test_tasks_left_untaken_end_the_child(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(SAMPLE.read_text(encoding="utf-8") * 20, encoding="utf-8")
    before = _children()
    tasks = read_ahead(speechkit.load([big]), 1)
    assert len(list(islice(tasks, 2))) == 2
    assert _children() - before  # the child is still reading
    tasks.close()
    assert _children() == before


def test_a_read_never_started_ends_its_child_once_dropped(tmp_path):
    # as when the scheduler cannot be reached: the tasks are made, then never taken
    big = tmp_path / "big.txt"
    big.write_text(SAMPLE.read_text(encoding="utf-8") * 20, encoding="utf-8")
    before = _children()
    tasks = read_ahead(speechkit.load([big]), 1)
    assert _children() - before
    del tasks
    assert _children() == before
