"""The central documents the lexicon rounds 8a and 8c mine (issue 12), and nothing else.

National work reports and party congress reports of aldohemsn/chinese-political-corpora that
are neither eval texts of the test split, hold-out texts (1995, 1999, 2012, 2016), shared texts
(2018-2025, the 19th and 20th congresses) nor the 13th congress report (a test text). MIRROR is
the repository's git directory, read with ``git show HEAD:...`` (no work tree needed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ALLOWED_WORK_REPORTS = (
    1980, 1981, 1982, 1984, 1985, 1986, 1987, 1988, 1992, 1994, 1997, 1998, 2000, 2002, 2003,
    2005, 2006, 2007, 2008, 2009, 2010, 2011, 2013, 2015, 2017,
)  # fmt: skip
CONGRESS_YEARS = {11: 1977, 12: 1982, 14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012}
CONGRESS_NAMES = {11: "十一大", 12: "十二大", 14: "十四大", 15: "十五大", 16: "十六大",
                  17: "十七大", 18: "十八大"}  # fmt: skip


def documents(mirror: str) -> list[tuple[int, str, str]]:
    """``(year, name, text)`` of the allowed documents, oldest first."""

    def rows(path: str) -> list[dict]:
        out = subprocess.run(
            ["git", "--git-dir", mirror, "show", f"HEAD:{path}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    docs = []
    for row in rows("government_work_reports.jsonl"):
        if row.get("year") and int(row["year"]) in ALLOWED_WORK_REPORTS:
            docs.append((int(row["year"]), f"国务院政府工作报告 {row['year']}", row["content"]))
    for row in rows("cpc_congress_reports.jsonl"):
        number = row.get("congress")
        if number in CONGRESS_YEARS:
            year = CONGRESS_YEARS[number]
            docs.append((year, f"{CONGRESS_NAMES[number]}报告 {year}", row["content"]))
    return sorted(docs, key=lambda d: (d[0], d[1]))


def command_line(description: str, argv: list[str] | None) -> argparse.Namespace:
    """A miner's arguments: the MIRROR git directory and ``-o FILE`` (default: stdout)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("mirror", help="git directory of aldohemsn/chinese-political-corpora")
    parser.add_argument("-o", "--output", help="TSV to write (default: stdout)")
    return parser.parse_args(argv)


def write_candidates(text: str, output: str | None) -> None:
    """A miner's TSV to ``output`` (``-o FILE``), else to stdout."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
