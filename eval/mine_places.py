"""Phrases that the reports of several places of one plan period share (round 9, issue 12).

Round 8b's idea (eval/mine_provinces.py) carried from one year of many provinces to the
provincial, city and county government work reports of 2000-2020: a place copies the wording of
the centre, so a phrase said word for word by the province, its city and its counties within
one five-year plan period is a candidate formulation of that period (or a provincial slogan,
which the vetting drops). This script only lists candidates; they are vetted by hand
(eval/lexicon_mining/round9.tsv, eval/LABELLING.md, round 9).

Source: yver-sun/gaoyang-towel-resilience (git directory MIRROR, read with ``git show``):
  data/government_reports/<place>_<year>_report.txt  河北省, 保定市, 高阳县 (a header, then 正文：)
  data/policies/保定市各县政府工作报告.xlsx             reports of Baoding's counties (one a row)
Left out: stubs (no 正文, or text the collector wrote itself: 基于公开资料整理, 未能找到), reports
outside 2000-2020, every file an eval manifest names, every spreadsheet row a manifest names
(年份=…, 区县名称=… in its path: the county reports of batch slogans_locals9), and Hebei's 2026
report (a test text).

    python eval/mine_places.py MIRROR [-o FILE]
"""

from __future__ import annotations

import argparse
import html
import io
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the sibling miners

from central_documents import write_candidates  # noqa: E402
from mine_provinces import QUOTE_MARKS, QUOTED, git_show, lexicon_forms, ngrams, used_in_eval  # noqa: E402
from mine_recurring import stop_frames  # noqa: E402

REPORTS = "data/government_reports/"
COUNTIES_XLSX = "data/policies/保定市各县政府工作报告.xlsx"
FIRST_YEAR, LAST_YEAR = 2000, 2020
FORBIDDEN = {("河北省", 2026)}  # a test text, whatever the years kept
NOT_A_REPORT = ("基于公开资料整理", "未能找到")
WRONG_COUNTY = {"唐县": "高唐县", "易县": "米易县"}  # rows of another county, see county_rows
MIN_BODY = 1500  # characters: a shorter body is a stub or a page of navigation
SERIES = re.compile(r"[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,6}){2,5}")


def plan_period(year: int) -> str:
    """The five-year plan a report of ``year`` belongs to: 2001-2005, ..., 2016-2020."""
    start = year - (year - 1) % 5
    return f"{start}-{start + 4}"


def report_files(mirror: str) -> list[tuple[str, int, str]]:
    """``(place, year, text)`` of the report files of Hebei, Baoding and Gaoyang."""
    used = used_in_eval()
    out = []
    listing = git_show(mirror, f"HEAD:{REPORTS}").decode("utf-8").split("\n")
    for name in listing:
        match = re.fullmatch(r"(.+?)_(\d{4})_report\.txt", name.strip())
        if not match or name in used:
            continue
        text = git_show(mirror, f"HEAD:{REPORTS}{name}").decode("utf-8")
        header, _, body = text.partition("正文：")
        if any(mark in header for mark in NOT_A_REPORT):
            continue
        out.append((match[1], int(match[2]), body))
    return out


def xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet of an .xlsx as rows of cell strings (shared and inline strings)."""
    book = zipfile.ZipFile(io.BytesIO(data))
    shared_xml = book.read("xl/sharedStrings.xml").decode("utf-8")
    shared = [
        html.unescape("".join(re.findall(r"<t[^>]*>([^<]*)</t>", item, flags=re.S)))
        for item in re.findall(r"<si>(.*?)</si>", shared_xml, flags=re.S)
    ]
    sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    rows = []
    for row in re.findall(r"<row[^>]*>(.*?)</row>", sheet, flags=re.S):
        cells = []
        for attrs, inner in re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", row, flags=re.S):
            value = re.search(r"<v>(.*?)</v>", inner or "", flags=re.S)
            if value and 't="s"' in attrs:
                cells.append(shared[int(value[1])])
            elif value:
                cells.append(html.unescape(value[1]))
            else:
                inline = re.search(r"<t[^>]*>(.*?)</t>", inner or "", flags=re.S)
                cells.append(html.unescape(inline[1]) if inline else "")
        rows.append(cells)
    return rows


def rows_in_eval() -> set[tuple[str, int]]:
    """(county, year) of the spreadsheet rows that an eval manifest names."""
    named = set()
    for manifest in (HERE / "manifests").glob("*.tsv"):
        for row in re.finditer(r"年份=(\d{4}), 区县名称=([^,\s]+)", manifest.read_text("utf-8")):
            named.add((row[2], int(row[1])))
    return named


def county_rows(mirror: str) -> list[tuple[str, int, str]]:
    """``(place, year, text)`` of the county reports of the spreadsheet (年份, 区县名称, 报告全文).

    The collector matched some counties by a part of their name (唐县's 2020s rows are the
    reports of 高唐县, 易县's 2023 row 米易县's), so the place is the one the report names in
    its first lines when that differs."""
    rows = xlsx_rows(git_show(mirror, f"HEAD:{COUNTIES_XLSX}"))
    header = rows[0]
    year_at, place_at, text_at = (header.index(h) for h in ("年份", "区县名称", "报告全文"))
    out, in_eval = [], rows_in_eval()
    for row in rows[1:]:
        if len(row) <= text_at or not row[text_at].strip():
            continue
        place, text = row[place_at], row[text_at]
        if (place, int(row[year_at])) in in_eval:
            continue
        longer = WRONG_COUNTY.get(place)
        if longer and longer in text[:400]:
            place = longer
        out.append((place, int(row[year_at]), text))
    return out


def place_reports(mirror: str) -> list[tuple[str, int, str]]:
    """Every usable report of 2000-2020, oldest first."""
    reports = report_files(mirror) + county_rows(mirror)
    return sorted(
        (place, year, text)
        for place, year, text in reports
        if FIRST_YEAR <= year <= LAST_YEAR
        and (place, year) not in FORBIDDEN
        and len(text) >= MIN_BODY
    )


def shared_phrases(reports, shortest: int, longest: int, stops: list[str]):
    """(period, kind, phrase) -> the (place, year) reports saying it, for n-grams, quoted
    phrases and 、-series."""
    said: dict[tuple[str, str, str], set[tuple[str, int]]] = defaultdict(set)
    stop = re.compile("|".join(map(re.escape, stops)))
    for place, year, text in reports:
        period = plan_period(year)
        for gram in ngrams(text, shortest, longest):
            if not stop.search(gram):
                said[(period, "ngram", gram)].add((place, year))
        for quote in set(QUOTED.findall(text)):
            said[(period, "quoted", quote.translate(QUOTE_MARKS))].add((place, year))
        for series in set(SERIES.findall(text)):
            said[(period, "series", series)].add((place, year))
    return said


def kept(where: set[tuple[str, int]], kind: str, min_places: int) -> bool:
    places = {place for place, _ in where}
    if kind == "ngram":
        return len(places) >= min_places or (len(places) >= 2 and len(where) >= min_places + 1)
    return len(where) >= 2


def maximal(found: dict) -> dict:
    """Drop an n-gram when a one-character extension of it is said by the same reports."""
    covered = set()
    for (period, kind, gram), where in found.items():
        if kind == "ngram":
            for part in (gram[1:], gram[:-1]):
                if found.get((period, kind, part)) == where:
                    covered.add((period, kind, part))
    return {key: where for key, where in found.items() if key not in covered}


def command_line(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirror", help="git directory of yver-sun/gaoyang-towel-resilience")
    parser.add_argument("-o", "--output", help="TSV to write (default: stdout)")
    parser.add_argument("--min-places", type=int, default=3)
    parser.add_argument("--shortest", type=int, default=4)
    parser.add_argument("--longest", type=int, default=14)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = command_line(argv)
    reports = place_reports(args.mirror)
    names = " ".join(f"{place}{year}" for place, year, _ in reports)
    print(f"# {len(reports)} reports: {names}", file=sys.stderr)
    said = shared_phrases(reports, args.shortest, args.longest, stop_frames())
    found = maximal({k: w for k, w in said.items() if kept(w, k[1], args.min_places)})
    known = lexicon_forms()
    rows = []
    for (period, kind, phrase), where in found.items():
        places = sorted({place for place, _ in where})
        reports_of = " ".join(f"{place}{year}" for place, year in sorted(where))
        rows.append((period, -len(places), -len(where), kind, phrase, int(phrase in known),
                     reports_of))  # fmt: skip
    out = ["period\tkind\tphrase\tplaces\treports\tin_lexicon\twhere"]
    for period, places, n, kind, phrase, known_form, where in sorted(rows):
        out.append(f"{period}\t{kind}\t{phrase}\t{-places}\t{-n}\t{known_form}\t{where}")
    text = "\n".join(out) + "\n"
    write_candidates(text, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
