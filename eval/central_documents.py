"""The central documents the lexicon rounds 8a, 8c and 32 mine (issue 12), and nothing else.

National work reports and party congress reports of aldohemsn/chinese-political-corpora that
are neither eval texts of the test split, hold-out texts (1995, 1999, 2012, 2016), shared texts
(2018-2025, the 19th and 20th congresses) nor the 13th congress report (a test text). MIRROR is
the repository's git directory, read with ``git show HEAD:...`` (no work tree needed).

Round 32: ``--shared DIR`` adds the national documents of the shared texts (../shared/eval/texts:
the 19th and 20th congress reports and the work reports 2018-2025), the central documents of
2017-2025. They are no test or hold-out texts; the code was built on them, so they prove no
generality, but as the era's central documents they are its proper source of wordings. Only
those named in SHARED_NATIONAL are read (not the provincial reports nor the Hong Kong address),
each checked to be in Simplified script, with its line breaks inside sentences joined.

Round 37: ``--peoples-daily GITDIR`` adds the People's Daily of 1998 (eval/peoples_daily.py: the
MSRA/人民日报 NER data of a fetched mirror, its sentences in chunks of 200 as documents of 1998).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # peoples_daily, beside this script
import peoples_daily

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
        out = peoples_daily.git_show(mirror, path)
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


SHARED_NATIONAL = {
    "cpc_congress_report_19th_2017.txt": (2017, "十九大报告 2017"),
    "cpc_congress_report_20th_2022.txt": (2022, "二十大报告 2022"),
    **{f"gov_work_report_{y}.txt": (y, f"国务院政府工作报告 {y}") for y in range(2018, 2026)},
}
# Characters written only in Traditional script: a shared document holding them is not read.
TRADITIONAL_ONLY = set("們這發國經濟會義說對時實與來為當")
_SENTENCE_END = tuple("。；：！？”）)")
_LONG_LINE = 40  # a line this long that ends mid-sentence is a paragraph cut by its source


def joined_paragraphs(text: str) -> str:
    """The text with zero-width spaces dropped and each line break inside a sentence joined:
    after a long line that ends mid-sentence, and before a line that opens with 、，or 》 (a
    heading, short and ending without a stop, keeps its line)."""
    paragraphs: list[str] = []
    for line in text.replace("\u200b", "").split("\n"):
        line = line.strip().strip("\u3000")
        if not line:
            continue
        last = paragraphs[-1] if paragraphs else ""
        cut = last and not last.endswith(_SENTENCE_END) and len(last) >= _LONG_LINE
        if paragraphs and (cut or line[0] in "、，》"):
            paragraphs[-1] = last + line
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs) + "\n"


def shared_documents(directory: str) -> list[tuple[int, str, str]]:
    """``(year, name, text)`` of the shared national documents present in ``directory``."""
    docs = []
    for file, (year, name) in SHARED_NATIONAL.items():
        path = Path(directory) / file
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        if TRADITIONAL_ONLY & set(text):
            raise ValueError(f"{path}: not in Simplified script")
        docs.append((year, name, joined_paragraphs(text)))
    return docs


def load_documents(args: argparse.Namespace) -> list[tuple[int, str, str]]:
    """The documents a miner's arguments name (MIRROR, ``--shared DIR``, ``--peoples-daily
    GITDIR``, any of them together), oldest first."""
    docs = documents(args.mirror) if args.mirror else []
    if args.shared:
        docs += shared_documents(args.shared)
    if args.peoples_daily:
        docs += peoples_daily.documents(args.peoples_daily)
    return sorted(docs, key=lambda d: (d[0], d[1]))


def command_line(description: str, argv: list[str] | None) -> argparse.Namespace:
    """A miner's arguments: the MIRROR git directory, ``--shared DIR`` (the shared texts' national
    documents, round 32), ``--peoples-daily GITDIR`` (round 37; one of the three at least) and
    ``-o FILE`` (default: stdout)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "mirror", nargs="?", help="git directory of aldohemsn/chinese-political-corpora"
    )
    parser.add_argument("--shared", metavar="DIR", help="directory of the shared texts")
    parser.add_argument(
        "--peoples-daily",
        metavar="GITDIR",
        help="git directory of a mirror holding the People's Daily 1998 NER data (round 37)",
    )
    parser.add_argument("-o", "--output", help="TSV to write (default: stdout)")
    args = parser.parse_args(argv)
    if not (args.mirror or args.shared or args.peoples_daily):
        parser.error("give MIRROR, --shared DIR, --peoples-daily GITDIR, or several")
    return args


def write_candidates(text: str, output: str | None) -> None:
    """A miner's TSV to ``output`` (``-o FILE``), else to stdout."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
