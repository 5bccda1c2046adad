"""Phrases that many provinces' work reports of one year share verbatim (round 8b of the lexicon).

Provinces copy the centre's wording, so a phrase said word for word in the reports of many
provinces of the same year is a candidate central formulation of that year. This script only
lists candidates; they are vetted by hand (eval/lexicon_mining/round8b.tsv, eval/LABELLING.md).

Sources (git directories of the fetched snapshots, read with ``git show``):
  2026: johncodes404/china-provincial-gov-reports-2026,
        output/2026_raw_text/2026_<省>_政府工作报告.csv (one CSV a province)
  2025: alexzhu0/Jina_Embeddings_v4_RAG, docs/31省区市政府工作报告.zip (one .docx a province)
Every file named in eval/manifests/*.tsv (an eval text) is skipped, and so are the forbidden
reports named below even when no manifest lists them.

    python eval/mine_provinces.py 2026 GIT_DIR > candidates_2026.tsv
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEXICON = HERE.parent / "speechkit" / "data" / "formulations.tsv"
REPORTS_2026 = "output/2026_raw_text/"
ZIP_2025 = "docs/31省区市政府工作报告.zip"
# Test texts and texts of eval, whether or not a manifest names the very file.
FORBIDDEN = {2026: ("河北", "四川"), 2025: ("贵州", "安徽")}
# A run of Chinese characters; 、 may join two of them (a series), other punctuation splits.
RUN = re.compile(r"[\u4e00-\u9fff](?:[\u4e00-\u9fff]|、(?=[\u4e00-\u9fff]))*")
QUOTED = re.compile(r"“([^“”\n]{2,24})”")
QUOTE_MARKS = str.maketrans("", "", '“”‘’"')


def used_in_eval() -> set[str]:
    """File names (the last path part) of every source text that eval's manifests name."""
    used = set()
    for manifest in (HERE / "manifests").glob("*.tsv"):
        with manifest.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                path = row.get("path") or ""
                used.add(re.split(r"[/→ ]+", path.strip())[-1])
    return used


def git_show(git_dir: str, spec: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", git_dir, "show", spec], check=True, capture_output=True
    ).stdout


def docx_text(data: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paragraphs)


def zip_name(info: zipfile.ZipInfo) -> str:
    """A member's name; names without the UTF-8 flag are GBK here (unzip shows them right)."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gbk")


def reports(year: int, git_dir: str) -> dict[str, str]:
    """Province name -> report text, eval's texts and the forbidden ones left out."""
    used = used_in_eval()
    out = {}
    if year == 2026:
        names = git_show(git_dir, f"HEAD:{REPORTS_2026}").decode("utf-8").split()
        for name in names:
            if name.endswith("_政府工作报告.csv") and name not in used:
                data = git_show(git_dir, f"HEAD:{REPORTS_2026}{name}").decode("utf-8-sig")
                row = next(csv.DictReader(io.StringIO(data)))
                out[name.split("_")[1]] = row["full_text"]
    elif year == 2025:
        archive = zipfile.ZipFile(io.BytesIO(git_show(git_dir, f"HEAD:{ZIP_2025}")))
        for info in archive.infolist():
            name = zip_name(info)
            if name.endswith(".docx") and name not in used:
                out[name[5:].replace("政府工作报告.docx", "")] = docx_text(archive.read(info))
    else:
        raise SystemExit(f"no source known for {year}")
    return {p: t for p, t in out.items() if not p.startswith(FORBIDDEN.get(year, ()))}


def ngrams(text: str, shortest: int, longest: int) -> set[str]:
    grams = set()
    for run in RUN.findall(text):
        for n in range(shortest, min(longest, len(run)) + 1):
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                if gram[0] != "、" and gram[-1] != "、":
                    grams.add(gram)
    return grams


def maximal(counts: Counter) -> dict[str, int]:
    """Drop an n-gram whose one-character-longer extension is in as many provinces."""
    covered = set()
    for gram, count in counts.items():
        if len(gram) > 1:
            for part in (gram[1:], gram[:-1]):
                if counts.get(part) == count:
                    covered.add(part)
    return {g: c for g, c in counts.items() if g not in covered}


def lexicon_forms() -> set[str]:
    forms = set()
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("canonical\t"):
            continue
        cells = line.split("\t")
        forms.update(f.translate(QUOTE_MARKS) for f in [cells[0], *cells[1].split("|")] if f)
    return forms


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("year", type=int)
    parser.add_argument("git_dir")
    parser.add_argument("--min-provinces", type=int, default=5)
    parser.add_argument("--min-quoted", type=int, default=2)
    parser.add_argument("--shortest", type=int, default=4)
    parser.add_argument("--longest", type=int, default=14)
    args = parser.parse_args(argv)

    texts = reports(args.year, args.git_dir)
    print(f"# {args.year}: {len(texts)} provinces: {' '.join(sorted(texts))}", file=sys.stderr)
    grams: dict[str, set[str]] = {}
    quotes: dict[str, set[str]] = {}
    for province, text in texts.items():
        for gram in ngrams(text, args.shortest, args.longest):
            grams.setdefault(gram, set()).add(province)
        for quote in set(QUOTED.findall(text)):
            quotes.setdefault(quote, set()).add(province)
    counts = Counter({g: len(p) for g, p in grams.items() if len(p) >= args.min_provinces})
    kept = maximal(counts)
    known = lexicon_forms()
    rows = [("ngram", g, c) for g, c in kept.items()]
    rows += [("quoted", q, len(p)) for q, p in quotes.items() if len(p) >= args.min_quoted]
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["kind", "phrase", "provinces", "in_lexicon", "province_names"])
    for kind, phrase, count in sorted(rows, key=lambda r: (-r[2], r[1])):
        where = grams.get(phrase) if kind == "ngram" else quotes[phrase]
        out.writerow([kind, phrase, count, int(phrase in known), " ".join(sorted(where or ()))])
    print(f"# {len(kept)} maximal n-grams in >= {args.min_provinces} provinces", file=sys.stderr)


if __name__ == "__main__":
    main()
