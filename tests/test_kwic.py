"""kwic: hits in context; a slogan's hits are the occurrences slogans counts."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.analyzers.kwic.context import TokenIndex
from speechkit.cli import cli
from speechkit.ingest.convert import to_simplified

from .conftest import SAMPLE, title_block_reports


def _tokens(context: str) -> int:
    return len(context.split(" ")) if context else 0


def test_kwic_of_five_lexicon_entries_matches_the_slogans_count(sample_speeches):
    """Acceptance: rows == slogans count (compared at run time, whatever slogans' rules
    are), keyword == text[start:end], pre/post at most N tokens."""
    counts = speechkit.analyze("slogans", sample_speeches, kind="lexicon")
    texts = {s.id: s.text for s in sample_speeches}
    entries = counts.head(5)
    assert len(entries) == 5
    for slogan, count in zip(entries["slogan"], entries["count"]):
        for window in (5, 2):
            hits = speechkit.kwic(sample_speeches, slogan=slogan, window=window)
            assert len(hits) == count, slogan
            assert set(hits["pattern"]) == {slogan}
            for row in hits.to_dict("records"):
                assert row["keyword"] == texts[row["docname"]][row["start"] : row["end"]]
                assert _tokens(row["pre"]) <= window and _tokens(row["post"]) <= window
                assert 1 <= row["from"] <= row["to"]


def test_a_title_block_hit_is_a_row_as_slogans_counts_it(tmp_path):
    """slogans counts a report's title block (the lines before a file's one speech): kwic
    --slogan gives those hits too, first, with part=title and offsets within the block and
    into the raw file; a PATTERN searches the speech's text only."""
    inputs = title_block_reports(tmp_path / "in")
    counts = speechkit.analyze("slogans", inputs)
    for slogan in ("高质量发展", "深化改革"):
        hits = speechkit.kwic(inputs, slogan=slogan)
        expected = int(counts.loc[counts["slogan"] == slogan, "count"].iloc[0])
        assert len(hits) == expected, slogan
        assert set(hits["part"]) == {"title", "text"}
        for path in inputs:
            if (mine := hits[hits["docname"] == Path(path).stem + "-1"]).empty:
                continue
            raw = Path(path).read_bytes().decode("utf-8")
            assert list(mine["part"]) == sorted(mine["part"], reverse=True)  # titles first
            for row in mine.to_dict("records"):
                assert to_simplified(raw[row["raw_start"] : row["raw_end"]]) == row["keyword"]
    plain = speechkit.kwic(inputs, "高质量发展")
    assert set(plain["part"]) == {"text"}


def test_variants_count_toward_their_entry_and_raw_offsets_point_into_the_dump(
    sample_speeches, sample_raw
):
    counts = speechkit.analyze("slogans", sample_speeches)
    with_variants = counts[(counts["kind"] == "lexicon") & (counts["variants"] != "")]
    slogan, count = with_variants.iloc[0][["slogan", "count"]]
    hits = speechkit.kwic(sample_speeches, slogan=slogan)
    assert len(hits) == count
    assert set(hits["keyword"]) - {slogan}  # some hits are written as a variant
    # a variant asked for gives the same hits as its entry
    variant = with_variants.iloc[0]["variants"].split("|")[0]
    assert speechkit.kwic(sample_speeches, slogan=variant).equals(hits)
    two = speechkit.kwic(sample_speeches, "两个确立")
    assert len(two) == 4
    for row in two.itertuples(index=False):
        assert to_simplified(sample_raw[row.raw_start : row.raw_end]) == "两个确立"


def test_category_is_every_entry_of_it(sample_speeches):
    counts = speechkit.analyze("slogans", sample_speeches)
    core = counts[(counts["kind"] == "lexicon") & (counts["category"] == "core")]
    hits = speechkit.kwic(sample_speeches, category="core")
    assert len(hits) == core["count"].sum()
    assert set(hits["pattern"]) == set(core["slogan"])


def test_literal_and_regex_patterns(sample_speeches):
    literal = speechkit.kwic(sample_speeches, "发展", window=3)
    regex = speechkit.kwic(sample_speeches, "发[展]", regex=True, window=3)
    assert len(literal) > 100 and literal.equals(regex.assign(pattern="发展"))
    # 发展 inside the token 高质量发展: the cut token's outside part is one context token
    inside = literal[literal["pre"].str.endswith("高质量")]
    assert len(inside) and (inside["from"] == inside["to"]).all()
    dotted = speechkit.kwic(sample_speeches, "确保.{0,6}以上", regex=True)
    assert len(dotted) and all(k.startswith("确保") and k.endswith("以上") for k in dotted.keyword)
    dots = sum(s.text.count(".") for s in sample_speeches)  # literal: only real dots (5.5%)
    assert 0 < len(speechkit.kwic(sample_speeches, ".", window=1)) == dots


def test_cli_pattern_slogan_and_errors():
    runner = CliRunner()
    out = runner.invoke(cli, ["kwic", "--slogan", "放管服", str(SAMPLE), "--csv"], obj={})
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == "docname,from,to,pre,keyword,post,pattern,start,end,raw_start,raw_end,part"
    assert len(lines) == 1 + 9
    out = runner.invoke(cli, ["kwic", "放管服", str(SAMPLE), "--csv"], obj={})
    assert len(out.output.splitlines()) == 10
    table = runner.invoke(cli, ["kwic", "放管服", str(SAMPLE), "--table"], obj={})
    assert table.exit_code == 0 and "放管服" in table.output and "docname" in table.output
    missing = runner.invoke(cli, ["kwic", str(SAMPLE)], obj={})
    assert missing.exit_code == 2 and "INPUT" in missing.output
    both = runner.invoke(cli, ["kwic", "x", "--slogan", "放管服", str(SAMPLE)], obj={})
    assert both.exit_code == 2
    unknown = runner.invoke(cli, ["kwic", "--slogan", "没有这个", str(SAMPLE)], obj={})
    assert unknown.exit_code == 1
    assert unknown.output.strip().splitlines() == [
        "Error: --slogan 没有这个: not a lexicon entry, a variant or a discovered formulation "
        "of this input; see `speechkit slogans INPUT`."
    ]
    bad = runner.invoke(cli, ["kwic", "(", "--regex", str(SAMPLE)], obj={})
    assert bad.exit_code == 2 and "--regex" in bad.output


_CHARS = "高质量发展 \n，。要"


@st.composite
def _cut_text(draw):
    """A text, its tokens (a random cut; now and then a character dropped, as a segmenter
    might), and non-overlapping hits in it."""
    text = draw(st.text(alphabet=_CHARS, min_size=1, max_size=60))
    cuts = sorted(draw(st.sets(st.integers(1, len(text)), max_size=len(text))) | {len(text)})
    tokens, at = [], 0
    for cut in cuts:
        piece = text[at:cut]
        if len(piece) > 1 and draw(st.booleans()) and draw(st.booleans()):
            piece = piece[1:]  # a dropped character
        tokens.append(piece)
        at = cut
    bounds = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    hits = [(a, b) for a, b in zip(bounds[::2], bounds[1::2]) if b > a]
    return text, tokens, hits


@settings(max_examples=400, deadline=None)
@given(_cut_text(), st.integers(0, 4))
def test_an_index_kept_around_the_hits_gives_each_hit_the_context_of_every_token(case, window):
    text, tokens, hits = case
    whole = TokenIndex(text, tokens)
    around = TokenIndex(text, iter(tokens), hits, window)
    for start, end in hits:
        assert around.context(start, end, window) == whole.context(start, end, window)
    assert len(around.starts) <= len(whole.starts)


def test_token_context_by_hand():
    text = "我们 要 推动高质量发展，建设 现代化。"
    tokens = ["我们", " ", "要", " ", "推动", "高质量", "发展", "，", "建设", " ", "现代化", "。"]
    hit = (text.index("质量发"), text.index("质量发") + 3)  # cuts 高质量 and 发展
    for index in (TokenIndex(text, tokens), TokenIndex(text, tokens, [hit], 2)):
        assert index.context(*hit, 2) == {
            "from": 4,
            "to": 5,
            "pre": "推动 高",
            "post": "展 ，",
        }
