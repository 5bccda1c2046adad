"""Property checks (issue 13), with hypothesis: random dumps always tile their raw text and
raise nothing but SpeechkitError; random damage to a token cache never crashes and always
gives the counts of a fresh run."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.errors import SpeechkitError
from speechkit.ingest import corpus_dir
from speechkit.ingest.sources import read_document
from speechkit.tokens import cache as token_cache

from .conftest import SAMPLE

LINES = [line for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()][:400]
OPENINGS = ["同志們:", "同志们：", "　各位代表：", "各位委員:\t", "同志们、朋友们：", "同志们:"]
NOISE = [
    "<p>",
    "&nbsp;",
    "\u200b",
    "發(fā)",
    "(xiāng",
    "1,000",
    "10:30",
    "1\u202f000",
    "\ufffd?",
    "x",
]
ENDINGS = ["\n", "\r\n", "\r"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030"]


@st.composite
def dumps(draw):
    lines = []
    for _ in range(draw(st.integers(1, 30))):
        kind = draw(st.sampled_from(["line", "line", "opening", "noise"]))
        if kind == "opening":
            lines.append(draw(st.sampled_from(OPENINGS)))
        elif kind == "noise":
            line = draw(st.sampled_from(LINES))
            at = draw(st.integers(0, len(line)))
            lines.append(line[:at] + draw(st.sampled_from(NOISE)) + line[at:])
        else:
            lines.append(draw(st.sampled_from(LINES)))
    endings = [draw(st.sampled_from(ENDINGS)) for _ in lines]
    text = "".join(line + end for line, end in zip(lines, endings))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text, draw(st.sampled_from(ENCODINGS))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps())
def test_random_dumps_tile_the_raw_text(dump):
    text, encoding = dump
    data = text.encode(encoding, errors="replace")
    try:
        doc = read_document("dump.txt", data=data)
        speeches = list(doc.speeches(jobs=1))
    except SpeechkitError:
        return
    raw = doc.raw
    assert raw == data.decode(doc.encoding).lstrip("\ufeff") or raw == data.decode(doc.encoding)
    assert doc.preamble + "".join(raw[s.start : s.end] for s in speeches) == raw
    for speech in speeches:
        assert len(speech.text) == len(speech.original) == speech.chars
        assert "\r" not in speech.text


@pytest.fixture(scope="module")
def cache_case(tmp_path_factory):
    """A small corpus directory with its token cache, and the counts of a fresh run."""
    folder = tmp_path_factory.mktemp("props")
    source = folder / "c"
    corpus_dir.write(list(speechkit.load(SAMPLE))[:2], source)
    fresh = speechkit.rows("words", speechkit.load(source), jobs=1)
    return folder, source, fresh, (source / token_cache.CACHE_FILE).read_bytes()


damages = st.one_of(
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1),
    st.floats(0, 1).map(lambda cut: [("cut", cut)]),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damages)
def test_random_damage_to_the_cache_gives_fresh_counts(cache_case, damage):
    folder, source, fresh, good = cache_case
    target = folder / "damaged"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    data = bytearray(good)
    for where, value in damage:
        if where == "cut":
            del data[int(value * len(data)) :]
        else:
            data[int(where * len(data))] = value
    (target / token_cache.CACHE_FILE).write_bytes(bytes(data))
    assert speechkit.rows("words", speechkit.load(target), jobs=1) == fresh
    assert token_cache.read(target) is not None  # rebuilt (or untouched if still valid)
