"""`speechkit report`: the page holds exactly the rows the CLI prints, in one self-contained
file; options and errors. (The page in a real browser: test_report_browser.py.)"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from speechkit.cli import cli
from speechkit.report import collect
from speechkit.report.page import read_embedded

from .conftest import SAMPLE


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


def cli_json(*args) -> list[dict]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def flags(options: dict) -> list[str]:
    return ["--" + name.replace("_", "-") for name, on in options.items() if on]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run("report", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(page) -> dict:
    return read_embedded(page)


@pytest.mark.parametrize(("key", "name", "options"), collect.RUNS)
def test_every_table_equals_the_cli_output(data, key, name, options):
    expected = cli_json(name, SAMPLE, *flags(options))
    assert expected, f"speechkit {name} gave no rows on the sample"
    assert collect.records(data[key]) == expected


def test_context_lines_equal_kwic_for_the_top_formulations(data):
    kwic = collect.records(data["kwic"])
    names = data["kwic"]["formulations"]
    assert len(names) == 5
    for name in names:
        expected = cli_json("kwic", "--slogan", name, SAMPLE)
        assert [r for r in kwic if r["pattern"] == expected[0]["pattern"]] == expected
        count = next(r["count"] for r in collect.records(data["slogans"]) if r["slogan"] == name)
        assert len(expected) == count


def test_context_samples_speeches_on_large_corpora(sample_speeches, monkeypatch):
    import speechkit.report as report

    monkeypatch.setattr(report, "KWIC_SPEECHES", 2)
    data = report.build(sample_speeches)
    kwic = collect.records(data["kwic"])
    for name, (found, kept) in data["kwic"]["speeches"].items():
        assert kept == min(found, 2)
        lines = [r for r in kwic if r["pattern"] == name]
        assert len({r["docname"] for r in lines}) == kept


def test_speeches_equal_split_and_cleaning_totals_equal_its_summary(data):
    split = cli_json("split", SAMPLE)
    speeches = collect.records(data["speeches"])
    assert [{k: s[k] for k in split[0] if k in s} for s in speeches] == [
        {k: v for k, v in row.items() if k in speeches[0]} for row in split
    ]
    assert len(speeches) == 9
    assert {s["year"] for s in speeches} == {2022}
    summary = run("split", SAMPLE, "--table").stdout
    (source,) = data["sources"]
    assert source["encoding"] == "utf-8"
    for field, word in (("glosses", "pinyin glosses"), ("mojibake", "mojibake runs")):
        m = re.search(r"([\d,]+) " + word, summary)
        assert int(m.group(1).replace(",", "")) == source[field]
    assert source["speeches"] == 9
    assert source["chars"] == sum(s["chars"] for s in speeches)


def test_page_is_self_contained(page):
    assert len(page.encode("utf-8")) < 5 * 1024 * 1024
    # Nothing to fetch: outside the inlined scripts, no src/href to another file and no
    # @import or url() in styles (the browser test watches the requests themselves).
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    assert markup.count("<") > 50
    assert not re.search(r"""\b(src|href)=["'](?!data:|#)""", markup)
    assert not re.search(r"@import|url\((?!data:)", markup)
    assert "window.vegaEmbed" in page


def test_heatmap_covers_the_top_formulations_and_every_speech(data):
    heat = data["heatmap"]
    assert len(heat["rows"]) == heat["all_rows"] == 9
    top = [row["slogan"] for row in collect.records(data["slogans"])][: len(heat["formulations"])]
    assert heat["formulations"] == top
    cells = data["charts"]["heatmap"]["data"]["values"]
    counts = {(c["row"], c["slogan"]): c["count"] for c in cells}
    labels = data["labels_of"]
    for row in cli_json("slogans", SAMPLE, "--by-speech"):
        if row["slogan"] in top:
            assert counts[labels[row["speech"]], row["slogan"]] == row["count"]


def test_heatmap_limits_rows_and_formulations_on_large_corpora(sample_speeches):
    import speechkit.report as report

    data = report.build(sample_speeches, heatmap_formulations=5, heatmap_rows=3)
    heat = data["heatmap"]
    assert (len(heat["formulations"]), len(heat["rows"]), heat["all_rows"]) == (5, 3, 9)
    assert heat["all_formulations"] == len(data["slogans"]["rows"])


def test_indicator_charts_where_several_speeches_set_one(tmp_path):
    # The same dump twice: every target indicator is set by two speeches.
    twin = tmp_path / "twin.txt"
    twin.write_bytes(SAMPLE.read_bytes())
    result = run("report", SAMPLE, twin, "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    data = read_embedded((tmp_path / "r.html").read_text(encoding="utf-8"))
    targets = cli_json("targets", SAMPLE)
    key = "indicator_id" if "indicator_id" in targets[0] else "indicator"
    targets = [t for t in targets if t["value"] is not None and t[key]]
    assert data["indicators"]["all"] == len({t[key] for t in targets}) > 0
    first = data["charts"]["indicators"][0]
    assert len(first["data"]["values"]) >= 2


def test_meta_columns_and_grouped_heatmap(tmp_path, data):
    meta = tmp_path / "meta.csv"
    ids = [s["id"] for s in collect.records(data["speeches"])]
    meta.write_text(
        "id,level\n"
        + "".join(f"{i},{'prefecture' if n % 2 else 'province'}\n" for n, i in enumerate(ids)),
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    result = run("report", SAMPLE, "--meta", meta, "--by", "level", "-o", out, "--lang", "zh")
    assert result.exit_code == 0, result.output
    grouped = read_embedded(out.read_text(encoding="utf-8"))
    assert grouped["labels"]["overview"] == "概览"
    assert "meta_level" in grouped["speeches"]["columns"]
    assert grouped["heatmap"]["rows"] == ["province", "prefecture"]
    cells = grouped["charts"]["heatmap"]["data"]["values"]
    top = grouped["heatmap"]["formulations"][0]
    total = sum(r["count"] for r in collect.records(data["slogans"]) if r["slogan"] == top)
    assert sum(c["count"] for c in cells if c["slogan"] == top) == total


def test_errors_are_one_line(tmp_path):
    out = tmp_path / "r.html"
    result = run("report", SAMPLE, "--by", "level", "-o", out)
    assert result.exit_code == 2 and "--meta" in result.output
    bad = tmp_path / "meta.csv"
    bad.write_text("name,level\nx,1\n", encoding="utf-8")
    result = run("report", SAMPLE, "--meta", bad, "-o", out)
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "`id`" in result.output
    result = run("report", SAMPLE, "--meta", tmp_path / "none.csv", "-o", out)
    assert result.exit_code == 1 and "no such file" in result.output
    assert not out.exists()


def test_the_page_is_written_a_section_at_a_time_as_one_json_would_be(tmp_path):
    """The data is encoded a top-level value at a time (a large corpus's page is never one
    string in memory): the same text as one encoding of the whole, "<" escaped in each."""
    from speechkit.report.page import embed_json, embedded_pieces, write_atomic

    data = {"lang": "zh", "rows": [["</script>", 1.5, None]], "empty": {}, "s": "<!--"}
    data["table"] = {"columns": ["a"], "rows": [[n, "<b>"] for n in range(10)], "n": {1: 2}}
    assert "".join(embedded_pieces(data)) == embed_json(data)
    assert "".join(embedded_pieces(data, items=3)) == embed_json(data)
    assert json.loads("".join(embedded_pieces(data)))["rows"] == data["rows"]
    path = write_atomic(tmp_path / "page.html", iter(["<p>", "一", "</p>"]))
    assert path.read_text(encoding="utf-8") == "<p>一</p>"
