"""Document variables (--meta, speechkit meta), groups (--by) and the targets pivot, on every
analyzer command."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

import speechkit
from speechkit.analyzers import REGISTRY
from speechkit.cli import cli

from .conftest import SAMPLE
from .test_contract import NEEDED

META = SAMPLE.with_suffix(".meta.csv")


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


def parsed(output: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(output)))


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_meta_and_by_work_on_every_analyzer(name):
    flags = NEEDED.get(name, ({}, []))[1]
    if name == "keyness":
        flags = ["--target", "省", "-j", "1"]
    out = invoke(name, SAMPLE, "--meta", META, "--by", "level", "--csv", *flags)
    assert out.exit_code == 0, out.output
    rows = parsed(out.output)
    assert rows
    if name != "keyness":  # keyness's rows are features: the groups are target and the rest
        group = next(c for c in rows[0] if c.endswith("level"))
        assert {r[group] for r in rows} <= {"省", "州"}
    needs_by = ["--by", "level"] if REGISTRY[name].needs_groups else []
    joined = invoke(name, SAMPLE, "--meta", META, "--csv", *flags, *needs_by)
    assert joined.exit_code == 0, joined.output
    header = next(csv.reader(io.StringIO(joined.output)))
    if REGISTRY[name].speech_column in header:  # rows of one speech carry its variables
        assert header[-1] == "sector" and header[-2] in ("level", "meta_level")  # directives


def test_by_gives_counts_speeches_and_rate_per_group(sample_speeches):
    total = speechkit.analyze("slogans", sample_speeches)
    grouped = speechkit.analyze("slogans", sample_speeches, meta=META, by="level")
    assert list(grouped.columns)[:3] == ["level", "slogan", "count"]
    summed = grouped.groupby("slogan")[["count", "speeches"]].sum()
    assert (
        summed.loc["高质量发展"].tolist()
        == total.set_index("slogan").loc["高质量发展"][["count", "speeches"]].tolist()
    )
    province = grouped[grouped["level"] == "省"].set_index("slogan")
    chars = next(s.chars for s in sample_speeches if s.id.endswith("-2"))
    assert province.loc["放管服", "per_10k"] == round(6 * 10_000 / chars, 3)

    targets = speechkit.analyze("targets", sample_speeches, meta=META, by="sector")
    assert list(targets.columns) == ["sector", "indicator_id", "count", "speeches", "per_10k"]
    plain = speechkit.analyze("targets", sample_speeches)
    assert targets["count"].sum() == len(plain)
    directives = speechkit.analyze("directives", sample_speeches, by="year")
    assert set(directives["year"]) == {2022}  # the inferred year, no --meta needed
    assert directives["count"].sum() == len(speechkit.analyze("directives", sample_speeches))


def test_meta_joins_columns_and_renames_clashes(sample_speeches, tmp_path):
    targets = speechkit.analyze("targets", sample_speeches, meta=META)
    assert list(targets.columns)[-3:] == ["title", "level", "sector"]
    assert set(targets.loc[targets["speech"].str.endswith("-2"), "level"]) == {"省"}
    with_year = tmp_path / "year.csv"
    with_year.write_text("id,year\nspeeches_2022_traditional_dump-1,2021\n", encoding="utf-8")
    out = invoke("targets", SAMPLE, "--meta", with_year, "--csv")
    assert out.exit_code == 0
    rows = parsed(out.stdout if hasattr(out, "stdout") else out.output)
    assert {"year", "meta_year"} <= set(rows[0])
    assert {r["meta_year"] for r in rows if r["speech"].endswith("-1")} == {"2021"}


def test_speechkit_meta_round_trips(tmp_path):
    out = invoke("meta", SAMPLE, "--csv")
    assert out.exit_code == 0
    rows = parsed(out.output)
    assert list(rows[0]) == ["id", "file", "title", "year", "year_source", "chars"]
    assert len(rows) == 9 and {r["year"] for r in rows} == {"2022"}
    assert {r["year_source"] for r in rows} <= {"title", "text", "heading", "file"}
    # edited: a column added, as a user starting a metadata file would
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8-sig", newline="") as f:  # Excel's BOM is fine
        writer = csv.DictWriter(f, [*rows[0], "region"])
        writer.writeheader()
        for row in rows:
            writer.writerow(row | {"region": "湘西" if row["id"][-1] != "2" else "湖南"})
    back = invoke("slogans", SAMPLE, "--meta", edited, "--by", "region", "--csv")
    assert back.exit_code == 0, back.output
    assert {r["region"] for r in parsed(back.output)} == {"湘西", "湖南"}
    assert "notice" not in back.output
    again = invoke("meta", SAMPLE, "--meta", edited, "--csv")
    assert parsed(again.output)[0]["meta_title"] == rows[0]["title"]
    # by file name instead of id: every speech of the dump gets the row
    by_file = tmp_path / "by_file.csv"
    by_file.write_text(f"file,corpus\n{SAMPLE.name},sample\n", encoding="utf-8")
    grouped = invoke("words", SAMPLE, "--meta", by_file, "--by", "corpus", "--top", "1", "--csv")
    # one group holding every speech: the same top word, count and rate as the whole input
    whole = parsed(invoke("words", SAMPLE, "--top", "1", "--csv").output)[0]
    assert parsed(grouped.output) == [{"corpus": "sample", **whole}]


def test_unknown_ids_and_missing_rows_are_noticed_once_each(tmp_path):
    meta = tmp_path / "partial.csv"
    meta.write_text(
        "id,level\nspeeches_2022_traditional_dump-1,州\nnot-a-speech,省\n", encoding="utf-8"
    )
    out = CliRunner().invoke(cli, ["directives", str(SAMPLE), "--meta", str(meta), "--csv"])
    assert out.exit_code == 0
    notices = [line for line in out.stderr.splitlines() if line.startswith("notice:")]
    assert len(notices) == 9  # 8 speeches without a row, 1 id that matches none
    assert f"notice: {meta}: id not-a-speech matches no speech of the input." in notices


def test_view_errors_are_one_line(tmp_path):
    out = invoke("slogans", SAMPLE, "--by", "region")
    assert out.exit_code == 1
    assert out.output.startswith("Error: --by region: no such document variable; known: id,")
    bad = tmp_path / "bad.csv"
    bad.write_text("speech,level\nx,州\n", encoding="utf-8")
    out = invoke("slogans", SAMPLE, "--meta", bad)
    assert out.exit_code == 1 and out.output.count("\n") == 1
    assert "needs an `id` or `file` column" in out.output
    assert invoke("directives", SAMPLE, "--tree", "--by", "year").exit_code == 2
    assert "--pivot" not in invoke("slogans", "--help").output


def test_targets_pivot(sample_speeches):
    plain = speechkit.analyze("targets", sample_speeches)
    pivot = speechkit.analyze("targets", sample_speeches, pivot=True)
    assert list(pivot.columns) == ["indicator_id", *(s.id for s in sample_speeches)]
    ids = pivot["indicator_id"]
    assert ids.is_unique and set(ids) == set(plain["indicator_id"])
    # 确保今年净增规模工业企业40家以上 (speech 1) is one of the enterprises targets.
    row = pivot.set_index("indicator_id").loc["enterprises"]
    assert "40家以上" in row["speeches_2022_traditional_dump-1"].split("; ")
    cells = pivot.drop(columns="indicator_id").notna().to_numpy().sum()
    assert cells == plain.groupby(["indicator_id", "speech"]).ngroups
    grouped = speechkit.analyze("targets", sample_speeches, pivot=True, meta=META, by="level")
    assert list(grouped.columns) == ["indicator_id", "州", "省"]
    out = invoke("targets", SAMPLE, "--pivot", "--csv")
    assert out.exit_code == 0 and out.output.startswith("indicator_id,speeches_2022_")


def test_load_with_meta_carries_the_variables():
    corpus = speechkit.load(SAMPLE, meta=META)
    frame = speechkit.analyze("meta", corpus)
    assert frame["level"].tolist().count("省") == 1
    assert speechkit.analyze("slogans", corpus, by="sector")["sector"].nunique() == 8
