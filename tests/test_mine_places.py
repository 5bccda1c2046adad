"""eval/mine_places.py on a tiny snapshot in the layout of yver-sun/gaoyang-towel-resilience:
report files and the county spreadsheet are read, stubs, test texts, eval rows and years outside
2000-2020 are not; a phrase counts by the places of one plan period that say it."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from .mining import eval_script

SAY = "坚持推进示范新区建设。"  # a phrase three places of 2016-2020 say


@pytest.fixture(scope="module")
def miner():
    return eval_script("mine_places")


def _xlsx(rows: list[list[str]]) -> bytes:
    """A one-sheet workbook of shared strings, as the collector's spreadsheet is."""
    strings = [cell for row in rows for cell in row]
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    cells, at = [], 0
    for r, row in enumerate(rows, start=1):
        line = ""
        for c, _ in enumerate(row):
            line += f'<c r="{"ABC"[c]}{r}" t="s"><v>{at}</v></c>'
            at += 1
        cells.append(f'<row r="{r}">{line}</row>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("xl/sharedStrings.xml", f"<sst>{shared}</sst>")
        book.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet><sheetData>{''.join(cells)}</sheetData></worksheet>",
        )
    return out.getvalue()


def _report(body: str) -> str:
    return "标题：政府工作报告\n发文单位：人民政府\n\n正文：\n\n" + body * 200


def _mirror(tmp_path: Path) -> str:
    work = tmp_path / "work"
    reports = work / "data" / "government_reports"
    reports.mkdir(parents=True)
    (reports / "河北省_2018_report.txt").write_text(_report(SAY), encoding="utf-8")
    (reports / "保定市_2019_report.txt").write_text(_report(SAY), encoding="utf-8")
    # 2026 is a test text of the eval, 1998 is outside the years read, the stub no report
    (reports / "河北省_2026_report.txt").write_text(_report("禁读的口号。"), encoding="utf-8")
    (reports / "河北省_1998_report.txt").write_text(_report("禁读的口号。"), encoding="utf-8")
    stub = "标题：x\n备注：未能找到完整报告\n正文：\n" + "禁读的口号。" * 300
    (reports / "高阳县_2005_report.txt").write_text(stub, encoding="utf-8")
    (work / "data" / "policies").mkdir()
    sheet = [
        ["年份", "区县名称", "报告全文"],
        ["2020", "易县", SAY * 200],
        # a row an eval manifest names (batch slogans_locals9): never read
        ["2008", "顺平", "禁读的口号。" * 300],
    ]
    (work / "data" / "policies" / "保定市各县政府工作报告.xlsx").write_bytes(_xlsx(sheet))
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "snapshot"], check=True)
    return str(work / ".git")


def test_phrases_that_places_of_one_period_share(miner, tmp_path):
    out = tmp_path / "candidates.tsv"
    assert miner.main([_mirror(tmp_path), "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as f:
        rows = {row["phrase"]: row for row in csv.DictReader(f, delimiter="\t")}
    said = rows["坚持推进示范新区建设"]
    assert said["period"] == "2016-2020" and said["places"] == "3"
    assert said["where"] == "保定市2019 易县2020 河北省2018"
    assert "推进示范新区" not in rows  # said by the same reports as the longer phrase
    assert not any("禁读" in phrase for phrase in rows)  # test text, stub, 1998, eval row


def test_plan_periods(miner):
    assert miner.plan_period(2000) == "1996-2000"
    assert miner.plan_period(2001) == "2001-2005"
    assert miner.plan_period(2020) == "2016-2020"
