"""Output safety (issue 13): CSV cells that stay readable and inert in spreadsheets, JSON that
strict parsers accept, and `-o FILE` written atomically after its folder is checked."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit.cli import cli
from speechkit.output import Output, _csv_cell, _csv_line, write_csv, write_jsonl

from .conftest import SAMPLE


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, obj={})


def csv_text(rows, columns, **kwargs) -> str:
    stream = io.StringIO()
    write_csv(rows, columns, stream, **kwargs)
    return stream.getvalue()


def test_a_cell_holding_a_carriage_return_is_quoted():
    text = csv_text([{"a": "x\ry", "b": 1}], ["a", "b"])
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b"], ["x\ry", "1"]]


def test_formula_cells_are_neutralised_but_numbers_are_not():
    rows = [{"t": "=1+1加强领导", "u": "-A1*3", "v": "+SUM", "w": "@SUM", "x": "\tx", "n": -3.5}]
    rows.append({"t": "\r=x", "u": "-3.5", "v": "ok", "w": "", "x": None, "n": -2})
    cells = list(csv.reader(io.StringIO(csv_text(rows, list(rows[0])), newline="")))
    assert cells[1] == ["'=1+1加强领导", "'-A1*3", "'+SUM", "'@SUM", "'\tx", "-3.5"]
    assert cells[2] == ["'\r=x", "-3.5", "ok", "", "", "-2"]


def test_raw_cells_writes_them_as_they_are():
    rows = [{"t": "=1+1", "n": -3.5}]
    assert csv_text(rows, ["t", "n"], raw_cells=True) == "t,n\n=1+1,-3.5\n"


def test_other_cells_keep_the_bytes_of_the_csv_module():
    rows = [{"a": 'say "hi", ok', "b": "two\nlines", "c": 1.5, "d": None, "e": "同志们"}]
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows(
        [["a", "b", "c", "d", "e"], ['say "hi", ok', "two\nlines", "1.5", "", "同志们"]]
    )
    assert csv_text(rows, list(rows[0])) == expected.getvalue()
    assert csv_text([{"a": ""}], ["a"]) == 'a\n""\n'


def test_cli_neutralises_by_default_and_raw_cells_turns_it_off(tmp_path):
    dump = tmp_path / "inj.txt"
    dump.write_text(
        "x\n同志们：\n-A1*3确保完成5亿元以上。\n一、=1+1加强领导\n二、-负责同志要带头\n"
    )
    safe = run("directives", dump, "--csv")
    assert safe.exit_code == 0, safe.output
    headings = [r["heading"] for r in csv.DictReader(io.StringIO(safe.stdout))]
    assert "'=1+1加强领导" in headings and "'-负责同志要带头" in headings
    raw = run("directives", dump, "--csv", "--raw-cells")
    assert "=1+1加强领导" in [r["heading"] for r in csv.DictReader(io.StringIO(raw.stdout))]


def test_json_has_no_infinity_and_empty_cells_are_null():
    stream = io.StringIO()
    write_jsonl([{"a": float("inf"), "b": "", "c": float("nan"), "d": "x"}], "abcd", stream)
    record = json.loads(stream.getvalue(), parse_constant=lambda name: 1 / 0)
    assert record == {"a": None, "b": None, "c": None, "d": "x"}


def test_a_number_too_large_for_a_float_keeps_its_exact_text(tmp_path):
    dump = tmp_path / "big.txt"
    dump.write_text(f"x\n同志们：\n确保地区生产总值达到{'9' * 500}亿元以上。\n", encoding="utf-8")
    result = run("targets", dump, "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line, parse_constant=lambda n: 1 / 0) for line in result.stdout.splitlines()]
    assert [r["value"] for r in rows] == ["9" * 500]


def test_a_long_sentence_gives_a_bounded_context(tmp_path):
    dump = tmp_path / "amp.txt"
    dump.write_text("标题\n同志们：\n" + "确保完成3项5%以上7亿元，" * 300 + "\n", encoding="utf-8")
    result = run("targets", dump, "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 900
    assert max(len(r["sentence"]) for r in rows) <= 602
    raw = dump.read_text(encoding="utf-8")
    for row in rows[:5] + rows[-5:]:  # the number itself is in its window, offsets exact
        number = raw[int(row["start"]) : int(row["end"])]
        assert number and number in row["sentence"]


def test_output_file_is_replaced_atomically_and_with_the_umask(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    Output("csv", str(out)).emit([{"a": 1}], ["a"])
    assert out.read_text() == "a\n1\n"
    assert os.stat(out).st_mode & 0o777 == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_failing_writer_leaves_the_old_file(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old\n")

    class Boom:
        def __str__(self):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        Output("csv", str(out)).emit([{"a": 1}, {"a": Boom()}], ["a"])
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_output_folder_is_checked_before_the_analysis(tmp_path, monkeypatch):
    import speechkit.analyzers.runner as runner

    def never(*_a, **_k):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr(runner, "run", never)
    result = run("targets", SAMPLE, "-o", tmp_path / "nonexistent" / "x.csv")
    assert result.exit_code in (1, 2)
    assert "internal error" not in result.output
    assert "nonexistent" in result.output and "Traceback" not in result.output


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(alphabet=st.sampled_from(list(',"\r\n=+-@\t x1.年，“')), max_size=6),
    st.sampled_from(["nan", "-inf", "inf", "-1", "+1.5", "=1", '"=1', "a,=b", "x\n-y"]),
)


@given(st.lists(st.lists(cell_values, min_size=1, max_size=4), max_size=8), st.booleans())
@settings(max_examples=1000, deadline=None)
def test_csv_lines_are_the_cell_by_cell_definition(values, raw_cells):
    # write_csv joins plain lines whole and quotes only where needed: the bytes must be
    # those of quoting each cell (_csv_cell, then _csv_line) one by one.
    width = max((len(v) for v in values), default=1)
    columns = [f"c{i}" for i in range(width)]
    rows = [dict(zip(columns, v)) for v in values]
    expected = _csv_line(columns) + "".join(
        _csv_line([_csv_cell(row.get(c), raw_cells) for c in columns]) for row in rows
    )
    assert csv_text(rows, columns, raw_cells=raw_cells) == expected
