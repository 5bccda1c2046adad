"""Property: on any generated dump, preamble + speeches == the raw text, character for character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit.ingest.sources import read_document

LINE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40),
        st.sampled_from(list("同志們们:：,!（）(fā)\r\t 各位代表")),
    ),
    max_size=30,
)
OPENING = st.sampled_from(["同志們:", "同志们：", "各位代表：", "同志們, 大家好", " 同志们： "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINE, OPENING), min_size=1, max_size=30), st.booleans())
def test_speeches_tile_the_raw_text(lines, final_newline):
    raw = "\n".join(lines) + ("\n" if final_newline else "")
    if not raw.strip():
        return
    doc = read_document("generated", data=raw.encode("utf-8"))
    speeches = list(doc.speeches())
    assert doc.preamble + "".join(doc.raw[s.start : s.end] for s in speeches) == raw
    assert all(s.start < s.end for s in speeches)
    for speech in speeches:
        if not speech.text:
            continue
        start, end = speech.raw_span(0, len(speech.text))
        assert end == speech.end
        # A line end maps to its \n: the \r of a CRLF that opens a speech belongs to no
        # character of the text, so the text's span may start after it, and only after it.
        assert speech.start <= start and set(doc.raw[speech.start : start]) <= {"\r"}


def test_a_speech_opening_with_a_crlf_maps_its_first_line_end_to_the_lf():
    """Found by the property above: in '\\r\\n：' the text is '\\n：', whose first character
    is the raw \\n at 1; the speech still spans the raw text from 0."""
    doc = read_document("generated", data=b"\r\n:")
    (speech,) = doc.speeches()
    assert (speech.start, speech.end, speech.text) == (0, 3, "\n：")
    assert speech.raw_span(0, 1) == (1, 2) and speech.raw_span(0, 2) == (1, 3)
