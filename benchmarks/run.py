"""`make bench`: speed and memory of speechkit on a synthetic corpus (the sample × N).

Every measurement runs in its own process, timed from outside (wall clock, start-up
included) with its peak RSS read from the kernel's rusage of that process tree.
Prints a table, then the same figures as JSON on the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "speeches_2022_traditional_dump.txt"
BIN = Path(sys.executable).parent
SPEECHKIT = str(BIN / "speechkit")

# The floor: what any tool must do at least — read the file, convert it with the C++ OpenCC,
# and make one regex pass over it.
FLOOR = """
import re, sys, opencc
text = open(sys.argv[1], encoding="utf-8").read()
simplified = opencc.OpenCC("t2s.json").convert(text)
print(len(re.findall(r"确保|力争|两个确立", simplified)))
"""

# Single-process jieba over the same Simplified texts that `speechkit words` reads.
JIEBA_SERIAL = """
import sys, pathlib, jieba
jieba.setLogLevel(60)
jieba.initialize()
n = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    n += len(jieba.lcut(path.read_text(encoding="utf-8")))
print(n)
"""

# Runs a command and reports the peak RSS of its whole process tree (workers included).
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": wall, "peak_rss_mb": rss / 1024, "rc": done.returncode,
                  "stderr": done.stderr.decode(errors="replace")[-300:]}))
"""


def measure(*command: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed: {result['stderr']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=100, help="copies of the sample")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    from speechkit.analyzers import REGISTRY

    # Every registered analyzer that needs no tokens: the regex analyzers (words is timed below).
    regex_analyzers = [name for name in REGISTRY if not REGISTRY[name].needs_tokens]

    work = Path(tempfile.mkdtemp(prefix="speechkit-bench-"))
    try:
        big = work / "corpus.txt"
        big.write_text(SAMPLE.read_text(encoding="utf-8") * args.repeat, encoding="utf-8")
        size_mb = big.stat().st_size / 1e6
        rows: dict[str, dict] = {}
        rows["floor"] = measure(sys.executable, "-c", FLOOR, str(big))
        floor = rows["floor"]["seconds"]
        for name in regex_analyzers:
            rows[name] = measure(SPEECHKIT, name, str(big), "--csv", "-o", str(work / "x.csv"))
        rows["split -o"] = measure(SPEECHKIT, "split", str(big), "-o", str(work / "speeches"))
        # Split once, analyse many times: the same analyzers on the corpus directory.
        for name in regex_analyzers:
            rows[f"{name} (corpus dir)"] = measure(
                SPEECHKIT, name, str(work / "speeches"), "--csv", "-o", str(work / "x.csv")
            )
        rows["jieba serial"] = measure(sys.executable, "-c", JIEBA_SERIAL, str(work / "speeches"))
        words = [SPEECHKIT, "words", str(work / "speeches"), "--csv", "-j", str(args.jobs)]
        rows["words (first run)"] = measure(*words, "-o", str(work / "w1.csv"))
        rows["words (cached)"] = measure(*words, "-o", str(work / "w2.csv"))
        same = (work / "w1.csv").read_bytes() == (work / "w2.csv").read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    jieba_s = rows["jieba serial"]["seconds"]
    first_s = rows["words (first run)"]["seconds"]
    ratios = {
        "words_speedup_vs_jieba_serial": jieba_s / first_s,
        "cached_speedup": first_s / rows["words (cached)"]["seconds"],
        "peak_rss_budget_mb": 3 * size_mb + 300,
        "peak_rss_max_mb": max(r["peak_rss_mb"] for r in rows.values()),
        "cached_output_identical": same,
    }
    for name in regex_analyzers:
        if name in rows:
            ratios[f"{name}_vs_floor"] = rows[name]["seconds"] / floor
            ratios[f"{name}_on_corpus_dir_vs_floor"] = (
                rows[f"{name} (corpus dir)"]["seconds"] / floor
            )
    report = {
        "input_mb": round(size_mb, 1),
        "repeat": args.repeat,
        "jobs": args.jobs,
        "cores": os.cpu_count(),
        "runs": {
            k: {"seconds": round(v["seconds"], 3), "peak_rss_mb": round(v["peak_rss_mb"], 1)}
            for k, v in rows.items()
        },
        "ratios": {k: round(v, 2) if isinstance(v, float) else v for k, v in ratios.items()},
    }
    _print_table(report, floor)
    print(json.dumps(report))


def _print_table(report: dict, floor: float) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"speechkit bench: {report['input_mb']} MB (sample × {report['repeat']})")
    for column in ("run", "seconds", "× floor", "peak RSS MB"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for name, run in report["runs"].items():
        table.add_row(
            name,
            f"{run['seconds']:.2f}",
            f"{run['seconds'] / floor:.2f}",
            f"{run['peak_rss_mb']:.0f}",
        )
    console = Console(width=100)
    console.print(table)
    for key, value in report["ratios"].items():
        console.print(f"{key}: {value}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    time.perf_counter()
    main()
