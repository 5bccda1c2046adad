"""The mechanisms that bound memory on one huge speech give exactly the whole-text results:
cleaning and conversion a window at a time, streamed speeches spilled to a file, tokens
counted a window at a time. (The peak figures themselves are in `make bench`.)"""

from __future__ import annotations

import glob
import os
from collections import Counter

import pytest

import speechkit
import speechkit.ingest.sources as loader
from speechkit.ingest import build, heap, spill, stream
from speechkit.ingest.clean import clean
from speechkit.ingest.spill import SpilledRaw
from speechkit.text.windows import windows

from .conftest import SAMPLE

# Every kind of edit cleaning makes, at line starts and ends too: CRLF, lone CR, glosses,
# invisible characters, HTML, a damaged gloss, mojibake, ASCII punctuation, a digit comma.
EDGES = (
    "\ufeff前言\u200b發(fā)展(zhǎn)\r\n<p>第一，</p>x\r行(zh\r\n"
    "1,000个?鍩庡競!\n\u00ad（一）绿(lǜ)色\n\n" * 5
)


def _whole(monkeypatch, raw: str, start: int = 0):
    monkeypatch.setattr(build, "WINDOW", 10**12)
    return build.build_speech("s", "x", 1, start, raw)


@pytest.mark.parametrize("window", [1, 7, 200])
def test_windowed_build_is_the_whole_build(monkeypatch, sample_raw, window):
    for start, raw in ((0, sample_raw), (11, EDGES)):
        whole = _whole(monkeypatch, raw, start)
        monkeypatch.setattr(build, "WINDOW", window)
        windowed = build.build_speech("s", "x", 1, start, raw)
        assert windowed == whole
        assert windowed.offsets.breaks == whole.offsets.breaks  # no extra break at a cut
        assert windowed.stats == whole.stats


def test_a_windowed_build_gives_the_freed_windows_back(monkeypatch, sample_raw):
    given = []
    monkeypatch.setattr(build, "give_back", lambda: given.append(1))
    _whole(monkeypatch, sample_raw)
    assert given == []  # a speech built at once has no windows to give back
    monkeypatch.setattr(build, "WINDOW", 1000)
    build.build_speech("s", "x", 1, 0, sample_raw)
    assert given == [1]
    heap.give_back()  # glibc's malloc_trim, or nothing: never an error


def test_offset_map_grows_with_edits_not_characters():
    # A plain text of any length has one break; each gloss adds one.
    for copies in (1, 1000):
        assert len(clean("今天我们召开会议。\n" * copies).offsets.breaks) == 1
        assert len(clean("發(fā)展。\n" * copies).offsets.breaks) == copies + 1


def test_windows_tile_the_text_and_end_at_line_ends(sample_raw):
    pieces = list(windows(sample_raw, 1000))
    assert "".join(pieces) == sample_raw
    assert all(p.endswith("\n") for p in pieces[:-1])
    assert len(pieces) > 50


@pytest.fixture
def spill_early(monkeypatch, tmp_path):
    """Stream every file, and spill every speech past 3,000 characters in small blocks, to
    files in this test's own temp folder."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(loader, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(stream, "CHUNK", 997)
    monkeypatch.setattr(spill, "SPILL_CHARS", 3000)
    monkeypatch.setattr(spill, "BLOCK", 1500)
    monkeypatch.setattr(build, "WINDOW", 2000)


def _spill_files() -> set[str]:
    import tempfile

    return set(glob.glob(os.path.join(tempfile.gettempdir(), "speechkit-raw-*")))


def test_spilled_speeches_are_the_speeches(spill_early, sample_speeches):
    doc = next(speechkit.load(SAMPLE).documents())
    pieces = list(doc.pieces(spill=True))
    assert any(isinstance(raw, SpilledRaw) for _, raw, _ in pieces)
    assert all(isinstance(raw, str) for _, raw, _ in doc.pieces())  # only when asked
    for _, raw, _ in pieces:  # read once, then gone
        if isinstance(raw, SpilledRaw):
            raw.read()
    assert list(doc.speeches(jobs=1)) == sample_speeches
    assert list(doc.speeches(jobs=2)) == sample_speeches
    assert not _spill_files()


def test_one_huge_speech_spills_from_its_first_line(spill_early, tmp_path, monkeypatch):
    # No opening: the whole file is one speech, which is spilled while still a "preamble".
    text = "".join(
        line
        for line in SAMPLE.read_text(encoding="utf-8").splitlines(True)
        if not line.startswith("同志")
    )
    path = tmp_path / "one.txt"
    path.write_text(text, encoding="utf-8")
    [spilled] = speechkit.load(path)
    monkeypatch.setattr(loader, "STREAM_MIN_BYTES", 1 << 40)
    [whole] = speechkit.load(path)
    assert spilled == whole
    assert (spilled.start, spilled.end) == (0, len(text))


def test_analyses_of_spilled_speeches_match(spill_early, monkeypatch):
    from speechkit.engines import local

    monkeypatch.setattr(local, "PARALLEL_MIN_BYTES", 0)  # workers read the spill files
    names = ("directives", "slogans", "targets")
    spilled = {name: speechkit.rows(name, speechkit.load(SAMPLE)) for name in names}
    assert not _spill_files()
    monkeypatch.setattr(loader, "STREAM_MIN_BYTES", 1 << 40)
    for name in names:
        assert spilled[name] == speechkit.rows(name, speechkit.load(SAMPLE)), name


def test_tokens_counted_by_window_are_the_whole_count(monkeypatch, sample_speeches):
    from speechkit.tokens import segment

    text = sample_speeches[1].text
    whole = Counter(segment.tokens(text))
    monkeypatch.setattr(segment, "COUNT_WINDOW", 40)
    assert segment.count_tokens(text) == whole


def test_tokens_cut_by_window_are_the_whole_cut_in_order(monkeypatch, sample_speeches):
    """KWIC's token positions come from tokens cut a window at a time: the same tokens, in
    the same order, as one cut of the whole speech (windows end at line ends)."""
    from speechkit.tokens import segment

    text = sample_speeches[1].text
    whole = segment.tokens(text)
    monkeypatch.setattr(segment, "COUNT_WINDOW", 40)
    assert list(segment.window_tokens(text)) == whole


def test_slogans_matched_by_window_are_the_whole_match(monkeypatch, sample_speeches):
    from speechkit.analyzers import REGISTRY
    from speechkit.analyzers.slogans import matcher

    slogans = REGISTRY["slogans"]
    options = slogans.resolve(discover=True)
    context = slogans.gather([slogans.scan(s, **options) for s in sample_speeches], **options)
    find = matcher.Matcher(context["forms"]).find
    for speech in sample_speeches:
        whole = find(speech.text)
        monkeypatch.setattr(matcher, "WINDOW", 50)
        assert find(speech.text) == whole
        monkeypatch.setattr(matcher, "WINDOW", 1 << 20)


def test_targets_keep_one_line_of_a_long_speech(sample_speeches):
    # The frames of a speech's numbers keep what was read of the current line and of the
    # list heads only, and answer the same in any order (a line read again reads the same).
    import bisect
    import gc

    from speechkit.analyzers.targets.frames import Frames
    from speechkit.analyzers.targets.lines import Line
    from speechkit.text.quantities import find_quantities

    text = "\n".join(speech.text for speech in sample_speeches)
    spans = [(q.start, q.end) for q in find_quantities(text)]
    frames = Frames(text, 2022)
    in_order = [frames.frame(*span) for span in spans]
    heads = {frames.line_starts.index(start) for start, _ in frames.list_heads}
    assert set(frames.heads_read) <= heads
    lines_held = sum(isinstance(o, Line) for o in gc.get_objects())
    numbered_lines = {bisect.bisect_right(frames.line_starts, start) for start, _ in spans}
    assert lines_held <= len(frames.heads_read) + 1 < len(numbered_lines) / 4
    shuffled = Frames(text, 2022)
    assert [shuffled.frame(*span) for span in reversed(spans)] == in_order[::-1]
