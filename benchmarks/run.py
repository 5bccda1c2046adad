"""`make bench`: speed and memory of speechkit on a synthetic corpus (the sample × N).

Every figure is a ratio against a reference measured in the same run, because the machine
is noisy: each command runs in its own process, paired with its reference (reference,
command, reference, command, …), and the figure is the median of the per-pair ratios.

- the regex analyzers and `split -o` against the floor (read + C++ OpenCC t2s + one regex
  pass over the same file);
- `words` against single-process jieba over the same speeches (first run with jieba, first
  run with rjieba), and the cached re-run against the first run;
- `speechkit --help` against `python -c "import click"`;
- peak memory (the sum of the proportional set sizes of the whole process tree, sampled)
  of every command on a 100 MB corpus and on a single 100 MB speech, against the budget of
  3 × the input + 300 MB.

Prints a table, then the same figures as JSON on the last line.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "speeches_2022_traditional_dump.txt"
BIN = Path(sys.executable).parent
SPEECHKIT = str(BIN / "speechkit")
PY = sys.executable

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


PARTS = ("analyzers", "split", "words", "help")


def seconds(*command: str, before=None) -> float:
    """Wall-clock seconds of one run of ``command`` (start-up included)."""
    if before:
        before()
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed: {done.stderr.decode()[-300:]}")
    return wall


def paired(
    reference: list[str],
    command: list[str],
    pairs: int,
    before=None,
    before_reference=None,
    warm: bool = False,
) -> dict:
    """Run reference and command alternately; the median of the per-pair ratios
    command / reference, and the median seconds of each. ``before``/``before_reference``
    run before each timed command/reference (untimed). ``warm``: each runs once untimed
    first, so that no pair pays for a first run (the page cache, the kept patterns)."""
    if warm:
        seconds(*reference, before=before_reference)
        seconds(*command, before=before)
    ref_s, cmd_s = [], []
    for _ in range(pairs):
        ref_s.append(seconds(*reference, before=before_reference))
        cmd_s.append(seconds(*command, before=before))
    ratios = [c / r for c, r in zip(cmd_s, ref_s)]
    return {
        "seconds": statistics.median(cmd_s),
        "reference_seconds": statistics.median(ref_s),
        "ratio": statistics.median(ratios),
        "ratio_range": [min(ratios), max(ratios)],
    }


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_memory(*command: str, timeout: float, env: dict | None = None) -> dict:
    """Peak memory of ``command``'s process tree: the sum of its processes' PSS (shared
    pages counted once across forked workers), sampled every 50 ms; and the largest single
    process's peak RSS from the kernel. ``env``: variables set for the command."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    peak = 0
    while proc.poll() is None:
        if time.perf_counter() - start > timeout:
            proc.kill()
            proc.wait()
            return {"seconds": None, "peak_mb": peak / 1024, "timeout": timeout}
        peak = max(peak, sum(_pss_kb(pid) for pid in _tree(proc.pid)))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        return {"seconds": wall, "peak_mb": peak / 1024, "failed": proc.returncode}
    return {"seconds": wall, "peak_mb": peak / 1024, "largest_process_so_far_mb": largest / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=100, help="copies of the sample")
    parser.add_argument("--pairs", type=int, default=5, help="paired runs per figure (default 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--memory-mb", type=int, default=100, help="size of the memory inputs (0: skip them)"
    )
    parser.add_argument("--timeout", type=float, default=600, help="seconds per memory run")
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"the timed parts to run, comma-separated (default: all of {', '.join(PARTS)})",
    )
    parser.add_argument(
        "--analyzers",
        help="the regex analyzers to time and measure, comma-separated (default: all of them)",
    )
    parser.add_argument(
        "--memory-only",
        choices=("corpus", "single speech", "both"),
        help="measure only peak memory, on these inputs (no speed runs)",
    )
    args = parser.parse_args()
    only = set(args.only.split(","))
    if only - set(PARTS):
        parser.error(f"--only: unknown part(s) {', '.join(sorted(only - set(PARTS)))}")

    from speechkit.analyzers import REGISTRY

    # Every registered analyzer that runs on an input alone (no PATTERN, no groups) and needs
    # no tokens: the regex analyzers (words is timed below; kwic and keyness need arguments).
    regex_analyzers = [
        name
        for name, analyzer in REGISTRY.items()
        if not analyzer.needs_tokens
        and not analyzer.needs_groups
        and not any(option.positional for option in analyzer.options)
    ]
    if args.analyzers:
        chosen = args.analyzers.split(",")
        if set(chosen) - set(regex_analyzers):
            unknown = ", ".join(sorted(set(chosen) - set(regex_analyzers)))
            parser.error(f"--analyzers: not a regex analyzer: {unknown}")
        regex_analyzers = [name for name in regex_analyzers if name in chosen]
    try:
        import rjieba  # noqa: F401

        backends = ["jieba", "rjieba"]
    except ImportError:
        backends = ["jieba"]

    # An installed speechkit has its bytecode (pip compiles a package as it installs it), as
    # click, the reference of `--help`, has; an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would compile speechkit's sources on every run instead.
    compileall.compile_dir(ROOT / "speechkit", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="speechkit-bench-"))
    report: dict = {"machine": _machine(), "date": time.strftime("%Y-%m-%d"), "runs": {}}
    runs = report["runs"]
    if args.memory_only:
        try:
            report["memory"] = memory_runs(work, args, regex_analyzers, backends)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        report["acceptance"] = memory_acceptance(report["memory"])
        _print_memory(report)
        print(json.dumps(report))
        return
    try:
        big = work / "corpus.txt"
        big.write_text(SAMPLE.read_text(encoding="utf-8") * args.repeat, encoding="utf-8")
        report["input_mb"] = round(big.stat().st_size / 1e6, 1)
        floor = [PY, "-c", FLOOR, str(big)]
        out = str(work / "x.csv")
        analyzers = regex_analyzers if "analyzers" in only else []
        for name in analyzers:
            command = [SPEECHKIT, name, str(big), "--csv", "-o", out]
            runs[name] = paired(floor, command, args.pairs, warm=True)
        speeches = work / "speeches"
        split = [SPEECHKIT, "split", str(big), "-o", str(speeches)]
        if "split" in only:
            runs["split -o"] = paired(floor, split, args.pairs, warm=True)
        elif only & {"analyzers", "words"}:
            seconds(*split)  # the corpus directory they read
        # Split once, analyse many times: the same analyzers on the corpus directory.
        for name in analyzers:
            runs[f"{name} DIR"] = paired(
                floor, [SPEECHKIT, name, str(speeches), "--csv", "-o", out], args.pairs, warm=True
            )
        cache_file = speeches / "tokens.arrow"

        def no_cache():
            cache_file.unlink(missing_ok=True)

        jieba_serial = [PY, "-c", JIEBA_SERIAL, str(speeches)]
        words = [SPEECHKIT, "words", str(speeches), "--csv", "-j", str(args.jobs)]
        outputs = {}
        for backend in backends if "words" in only else []:
            command = [*words, "--tokenizer", backend, "-o", str(work / f"{backend}.csv")]
            runs[f"words DIR ({backend}, first run)"] = paired(
                jieba_serial, command, args.pairs, before=no_cache
            )
            runs[f"words DIR ({backend}, cached)"] = paired(
                command,
                [*command[:-1], str(work / f"{backend}-cached.csv")],
                args.pairs,
                before_reference=no_cache,
            )
            outputs[backend] = (work / f"{backend}.csv").read_bytes() == (
                work / f"{backend}-cached.csv"
            ).read_bytes()
        if "help" in only:
            runs["speechkit --help"] = paired(
                [PY, "-c", "import click"], [SPEECHKIT, "--help"], max(args.pairs, 5), warm=True
            )
        report["cached_output_identical"] = outputs
        report["acceptance"] = acceptance(runs, backends)
        if args.memory_mb:
            report["memory"] = memory_runs(work, args, regex_analyzers, backends)
            report["acceptance"].update(memory_acceptance(report["memory"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print(report)
    print(json.dumps(report))


# The goals of issue 14: (figure, how it is computed from a run, goal, "max" or "min").
GOALS = [
    ("directives × floor", "directives", 1.8, "max"),
    ("slogans × floor", "slogans", 2.0, "max"),
    ("targets × floor", "targets", 2.2, "max"),
    ("split -o × floor", "split -o", 2.0, "max"),
    ("words (jieba) speed-up over serial jieba", "words DIR (jieba, first run)", 1.8, "min"),
    ("words (rjieba) speed-up over serial jieba", "words DIR (rjieba, first run)", 8.0, "min"),
    ("cached words speed-up over the first run", "words DIR (jieba, cached)", 10.0, "min"),
    ("speechkit --help × import click", "speechkit --help", 2.0, "max"),
]


def acceptance(runs: dict, backends: list[str]) -> dict:
    """Each goal's figure (a speed-up is 1 / the median ratio) and whether it is met."""
    result = {}
    for label, run, goal, kind in GOALS:
        if run not in runs:
            continue
        ratio = runs[run]["ratio"]
        figure = ratio if kind == "max" else 1 / ratio
        met = figure <= goal if kind == "max" else figure >= goal
        result[label] = {"figure": round(figure, 2), "goal": goal, "met": met}
    return result


def memory_runs(work: Path, args, regex_analyzers: list[str], backends: list[str]) -> dict:
    """Peak memory of every command on a corpus of ``--memory-mb`` MB and on one speech that
    large (the sample's text with its speech openings removed: no opening, one speech)."""
    sample = SAMPLE.read_text(encoding="utf-8")
    copies = max(1, round(args.memory_mb * 1e6 / len(sample.encode("utf-8"))))
    single = "\n".join(line for line in sample.splitlines() if not line.startswith("同志"))
    inputs = {"corpus": sample * copies, "single speech": single * copies}
    if getattr(args, "memory_only", None) in inputs:
        inputs = {args.memory_only: inputs[args.memory_only]}
    memory: dict = {}
    tokenizer = backends[-1]  # rjieba when installed: jieba would take minutes at this size
    for label, text in inputs.items():
        path = work / f"{label.replace(' ', '_')}.txt"
        path.write_text(text, encoding="utf-8")
        size_mb = path.stat().st_size / 1e6
        budget = 3 * size_mb + 300
        commands = {"split -o": ["split", str(path), "-o", str(work / f"{path.stem}-dir")]}
        for name in regex_analyzers:
            commands[name] = [name, str(path), "--csv", "-o", str(work / "m.csv")]
        commands[f"words --tokenizer {tokenizer}"] = [
            "words",
            str(path),
            "--csv",
            "-o",
            str(work / "m.csv"),
            "--tokenizer",
            tokenizer,
        ]
        # The corpus directory split -o wrote: words' first run (the cache written), then
        # its cached re-run; and the commands of the research views (the tokenizer named
        # by SPEECHKIT_TOKENIZER where they take no option), and the report.
        words_dir = ["words", str(work / f"{path.stem}-dir"), "--csv", "-o", str(work / "m.csv")]
        commands[f"words DIR --tokenizer {tokenizer}"] = [*words_dir, "--tokenizer", tokenizer]
        commands["words DIR, cached"] = [*words_dir, "--tokenizer", tokenizer]
        commands["kwic 高质量发展"] = [
            "kwic",
            "高质量发展",
            str(path),
            "--csv",
            "-o",
            str(work / "m.csv"),
        ]
        if label == "corpus":  # keyness compares groups of speeches: one speech has none
            commands["keyness --by year"] = [
                *("keyness", str(path), "--by", "year", "--target", "2022"),
                *("--csv", "-o", str(work / "m.csv")),
            ]
        commands["report"] = ["report", str(path), "-o", str(work / "m.html")]
        # Every command that reads speeches, on the corpus directory too: a long speech of a
        # directory is read by the worker that analyses it.
        directory = str(work / f"{path.stem}-dir")
        for name in regex_analyzers:
            commands[f"{name} DIR"] = [name, directory, "--csv", "-o", str(work / "m.csv")]
        commands["kwic DIR"] = ["kwic", "高质量发展", directory, "--csv", "-o", str(work / "m.csv")]
        # The views that hold or stream every speech's counts.
        out = ["--csv", "-o", str(work / "m.csv")]
        commands["words DIR --by-speech"] = ["words", directory, "--by-speech", *out]
        if label == "corpus":
            commands["words --by year"] = ["words", str(path), "--by", "year", *out]
            commands["keyness DIR --by year"] = [
                *("keyness", directory, "--by", "year", "--target", "2022", *out)
            ]
        commands["report DIR"] = ["report", directory, "-o", str(work / "m.html")]
        if args.analyzers:  # the analyzers named, alone
            commands = {name: commands[name] for name in regex_analyzers}
        rows = {}
        for name, command in commands.items():
            env = {"SPEECHKIT_TOKENIZER": tokenizer}
            result = peak_memory(SPEECHKIT, *command, timeout=args.timeout, env=env)
            # A run cut off by --timeout has no full peak: it does not count as within.
            result["within_budget"] = (
                result["peak_mb"] <= budget and "failed" not in result and "timeout" not in result
            )
            rows[name] = result
        memory[label] = {"input_mb": round(size_mb, 1), "budget_mb": round(budget), "runs": rows}
        path.unlink()
        shutil.rmtree(work / f"{path.stem}-dir", ignore_errors=True)
    return memory


def memory_acceptance(memory: dict) -> dict:
    """The memory goal of issues 13 and 14 per input: every command's peak (tree PSS)
    within 3 × the input + 300 MB; the figure is the largest peak."""
    result = {}
    for label, block in memory.items():
        peaks = [run["peak_mb"] for run in block["runs"].values()]
        met = all(run["within_budget"] for run in block["runs"].values())
        result[f"peak memory MB, {label} ({block['input_mb']} MB), largest of all commands"] = {
            "figure": round(max(peaks)),
            "goal": block["budget_mb"],
            "met": met,
        }
    return result


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}"


def _print(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=110)
    console.print(f"{report['machine']}, {report['date']}")
    table = Table(title=f"speechkit bench: {report['input_mb']} MB (paired runs, medians)")
    for column in ("run", "seconds", "reference", "ratio (median, range)"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for name, run in report["runs"].items():
        low, high = run["ratio_range"]
        table.add_row(
            name,
            f"{run['seconds']:.2f}",
            f"{run['reference_seconds']:.2f}",
            f"{run['ratio']:.2f} ({low:.2f}–{high:.2f})",
        )
    console.print(table)
    console.print(
        "references: floor for the analyzers and split; jieba serial for words' first runs "
        "(ratio < 1 is a speed-up: speed-up = 1/ratio); the first run for the cached run; "
        "`python -c 'import click'` for --help"
    )
    console.print(f"cached output identical: {report['cached_output_identical']}")
    _print_memory(report, console)


def _print_memory(report: dict, console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console(width=110)
    for label, item in report["acceptance"].items():
        sign = "≤" if "×" in label or "memory" in label else "≥"
        verdict = "met" if item["met"] else "NOT met"
        console.print(f"{label}: {item['figure']:.2f} (goal {sign} {item['goal']}): {verdict}")
    for label, block in report.get("memory", {}).items():
        table = Table(
            title=f"peak memory, {label}: {block['input_mb']} MB, budget {block['budget_mb']} MB"
        )
        for column in ("command", "seconds", "peak MB (tree PSS)", "within budget"):
            table.add_column(column, justify="left" if column == "command" else "right")
        for name, run in block["runs"].items():
            wall = "timeout" if run["seconds"] is None else f"{run['seconds']:.1f}"
            table.add_row(name, wall, f"{run['peak_mb']:.0f}", str(run["within_budget"]))
        console.print(table)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
