"""Splitting the sample and real texts: 9 speeches, offsets that tile the raw file."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.ingest.split import find_spans, opening_pattern

from .conftest import SAMPLE, eval_text


def test_sample_has_nine_speeches(sample_speeches):
    assert len(sample_speeches) == 9
    assert [s.ordinal for s in sample_speeches] == list(range(1, 10))


def test_first_and_last_speech_begin_as_the_issue_says(sample_speeches, sample_raw):
    first, last = sample_speeches[0], sample_speeches[-1]
    assert sample_raw[first.start : first.end].startswith(
        "同志們:\n今天,我們召開十五屆州人民政府第一次全體會議"
    )
    assert sample_raw[last.start : last.end].startswith("同志們:\n根據會議安排")
    assert first.text.startswith("同志们：\n今天，我们召开十五届州人民政府第一次全体会议")


def test_preamble_and_speeches_tile_the_raw_file(sample_speeches, sample_raw):
    doc = next(speechkit.load(SAMPLE).documents())
    assert doc.preamble.startswith("堅決與“雙泛”")
    assert "【628568.com--演講稿】" in doc.preamble
    pieces = [doc.preamble] + [sample_raw[s.start : s.end] for s in sample_speeches]
    assert "".join(pieces) == sample_raw
    for a, b in zip(sample_speeches, sample_speeches[1:]):
        assert a.end == b.start
    assert sample_speeches[-1].end == len(sample_raw)


def test_speech_text_is_simplified_and_has_no_glosses(sample_speeches):
    for speech in sample_speeches:
        assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]", speech.text)
        assert "們" not in speech.text and "發" not in speech.text
        assert len(speech.text) == len(speech.original)


def test_titles_name_the_meeting(sample_speeches):
    assert sample_speeches[0].title == "十五届州人民政府第一次全体会议"
    assert sample_speeches[3].title == "全州2022年烟叶工作会议"


def test_opening_must_be_a_whole_line():
    raw = "標題\n同志們:\n今天,同志們,我們開會。\n同志們!大家好\n同志们：\n第二篇。\n"
    spans = find_spans(raw)
    assert [raw[s:e].split("\n")[0] for s, e in spans] == ["同志們:", "同志们："]


def test_opening_variants_and_replacement():
    raw = "同志们、朋友们：\n一。\n各位代表：\n二。\n女士们、先生们：\n三。\n"
    assert len(find_spans(raw)) == 2
    assert len(find_spans(raw, ["女士们、先生们"])) == 1


def test_no_opening_makes_one_speech_with_a_notice(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("施政報告\n\n一、引言\n內容。\n", encoding="utf-8")
    notices = []
    speeches = list(speechkit.load(path, on_notice=notices.append))
    assert len(speeches) == 1
    assert speeches[0].start == 0 and speeches[0].end == len(path.read_text(encoding="utf-8"))
    assert len(notices) == 1 and str(path) in notices[0]


@pytest.mark.parametrize(
    "name",
    [
        "gov_work_report_2018.txt",
        "gov_work_report_2023.txt",
        "cpc_congress_report_20th_2022.txt",
        "provincial_work_report_2025_zhejiang.txt",
    ],
)
def test_reports_open_with_their_address(name):
    path = eval_text(name)
    speeches = list(speechkit.load(path))
    assert len(speeches) == 1
    assert speeches[0].text.startswith(("各位代表：", "同志们："))


def test_every_eval_text_loads_and_tiles():
    from .conftest import EVAL_TEXTS

    if not EVAL_TEXTS.exists():
        pytest.skip("../shared/eval is not here")
    for path in sorted(EVAL_TEXTS.glob("*.txt")):
        corpus = speechkit.load(path)
        doc = next(corpus.documents())
        speeches = list(corpus)
        assert doc.preamble + "".join(doc.raw[s.start : s.end] for s in speeches) == doc.raw


def test_parallel_loading_gives_the_same_speeches(monkeypatch, sample_speeches):
    import speechkit.ingest.sources as load_module

    monkeypatch.setattr(load_module, "PARALLEL_MIN_CHARS", 0)
    doc = load_module.read_document(str(SAMPLE))
    assert list(doc.speeches(jobs=2)) == sample_speeches
    stream = doc.speeches(jobs=2)
    next(stream)
    stream.close()  # stopping early must not hang


def test_title_guesses():
    from speechkit.ingest.title import guess_title

    assert guess_title("同志们：\n今天，我们召开十五届州人民政府第一次全体会议，主要任务是") == (
        "十五届州人民政府第一次全体会议"
    )
    # a count of meetings names none of them
    assert (
        guess_title("同志们：\n今年共召开5次州委常委会议、x次全州性大会。")
        == "今年共召开5次州委常委会议、x次全州性大会"
    )
    assert (
        guess_title("同志们：\n12月x日疫情防控州县乡村四级视频会议以后")
        == "疫情防控州县乡村四级视频会议"
    )
    assert guess_title("同志们：\n刚才，石书记全面总结了全州科技创新工作。") == "全州科技创新工作"


@given(
    st.lists(
        st.sampled_from(
            [
                "同志們：",
                "同志们、朋友们:",
                "各位代表",
                "各位",
                " ",
                "\u3000",
                "：",
                "\n",
                "\r",
                "x",
            ]
        ),
        max_size=20,
    )
)
@example(["\r", "同志們：", "\n"])
@example(["x", " ", "各位代表", "\u3000", "：", "\r\n", "\t各位代表", "："])
@settings(max_examples=500, deadline=None)
def test_find_spans_starts_where_the_line_pattern_matches(pieces):
    # find_spans searches for colons at line ends first and checks the words before them on
    # the line: its starts must be exactly those of the one-regex definition, opening_pattern.
    raw = "".join(pieces)
    expected = [m.start() for m in opening_pattern().finditer(raw)]
    assert [start for start, _ in find_spans(raw)] == expected


@given(
    st.lists(
        st.sampled_from(
            [
                "女士们",
                "先生们",
                "女士们 先生们",
                "、",
                " ",
                "\u3000",
                "\t",
                "：",
                ":",
                "\n",
                "\r",
                "x",
            ]
        )
    ),
    st.lists(
        st.sampled_from(["女士们", "女士们 先生们", "先生们：", "女士们、先生们"]), min_size=1
    ),
)
@settings(max_examples=300, deadline=None)
def test_find_spans_with_given_openings_matches_the_line_pattern(pieces, openings):
    raw = "".join(pieces)
    expected = [m.start() for m in opening_pattern(openings).finditer(raw)]
    assert [start for start, _ in find_spans(raw, openings)] == expected


# Heads with a meeting word after a run of name characters (MEETING, the first choice, needs
# words such as 召开 that none of these holds, so NAMED_MEETING is tried).
NAME_CHARS = st.text(alphabet=st.sampled_from(list("全省州年度工作视频体日月次，")), max_size=30)
MEETING_WORD = st.sampled_from(["大会", "工作会议", "座谈会", "全体会议", "会"])


@given(
    st.lists(st.tuples(NAME_CHARS, MEETING_WORD), max_size=3).map(
        lambda p: "".join(map("".join, p))
    )
)
@example("省" * 20 + "大会")
@settings(max_examples=300, deadline=None)
def test_title_search_that_starts_near_the_meeting_word_finds_the_same(text):
    # guess_title starts the look-ahead pattern's search NAMED_REACH before the first meeting
    # word; with a reach longer than the text the search covers the whole head.
    from speechkit.ingest import title

    found = title.guess_title(text)
    reach, title.NAMED_REACH = title.NAMED_REACH, 10_000
    try:
        assert title.guess_title(text) == found
    finally:
        title.NAMED_REACH = reach
