"""`make bench-dask`: the local pool against Dask (2 workers) on the sample × 100.

For each command, paired runs one after the other (local, then `--engine dask`, which starts
a LocalCluster of one worker per core; then `--scheduler` on a LocalCluster that is already
running), each in its own process, timed from outside. The outputs must be equal byte for
byte. Prints a Markdown table of the median seconds and, for each dask run, the median of
the per-pair ratios dask / local (their range in brackets): the machine may be shared, and a
ratio within one pair is measured under the same load.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "speeches_2022_traditional_dump.txt"
SPEECHKIT = str(Path(sys.executable).parent / "speechkit")
COMMANDS = [
    ("split", "--csv"),
    ("split", "-o"),  # a corpus directory: each run writes its own, compared file by file
    ("slogans", "--csv"),
    ("directives", "--csv"),
    ("targets", "--csv"),
    ("words", "--csv"),
]


def timed(args: list[str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, check=True)
    return time.perf_counter() - start, done.stdout


def written(folder: Path) -> bytes:
    """A corpus directory's files, names and bytes, as one value to compare."""
    return b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in sorted(folder.iterdir()))


def ratio(seconds: list[float], reference: list[float]) -> str:
    """The median of the per-pair ratios, and their range."""
    ratios = [a / b for a, b in zip(seconds, reference, strict=True)]
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--times", type=int, default=100, help="copies of the sample")
    parser.add_argument("--pairs", type=int, default=3, help="paired runs per command")
    parser.add_argument("commands", nargs="*", help="only these commands (default: all)")
    args = parser.parse_args()
    commands = [c for c in COMMANDS if not args.commands or c[0] in args.commands]

    import dask
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / f"sample_x{args.times}.txt"
        corpus.write_text(SAMPLE.read_text(encoding="utf-8") * args.times, encoding="utf-8")
        size = corpus.stat().st_size / 1e6
        # The running cluster is set up as README's "Running on a cluster" advises (workers
        # without the statistical profiler: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False).
        with (
            dask.config.set({"distributed.worker.profile.enabled": False}),
            LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as cluster,
        ):
            address = cluster.scheduler_address
            engines = {
                "local": [],
                "dask": ["--engine", "dask"],
                "running": ["--scheduler", address],
            }
            print(f"sample x{args.times} ({size:.1f} MB), medians of {args.pairs} paired runs\n")
            print("| command | local pool (s) | `--engine dask`, cluster started (s) | ratio "
                  "| `--scheduler`, cluster running (s) | ratio |")  # fmt: skip
            print("|---|---:|---:|---:|---:|---:|")
            for command in commands:
                times: dict[str, list[float]] = {name: [] for name in engines}
                for _ in range(args.pairs):
                    outputs = {}
                    for name, flags in engines.items():
                        argv = [SPEECHKIT, command[0], str(corpus), *command[1:], *flags]
                        target = Path(folder) / f"corpus-{name}"
                        if command[-1] == "-o":
                            argv.insert(len(command) + 2, str(target))
                        seconds, outputs[name] = timed(argv)
                        if command[-1] == "-o":
                            outputs[name] = written(target)
                        times[name].append(seconds)
                    if len(set(outputs.values())) != 1:
                        sys.exit(f"{' '.join(command)}: the dask output differs from local")
                local, dask, running = (statistics.median(times[n]) for n in engines)
                print(
                    f"| {' '.join(command)} | {local:.2f} | {dask:.2f} "
                    f"| {ratio(times['dask'], times['local'])} "
                    f"| {running:.2f} | {ratio(times['running'], times['local'])} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
