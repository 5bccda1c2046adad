"""Compile speechkit's hot modules with mypyc, in place: each ``.py`` of ``MODULES`` gets a
``.so`` beside it, which Python imports before the ``.py`` (``speechkit/backend.py`` says
which ran, and ``SPEECHKIT_PURE=1`` turns them off).

    python benchmarks/compile.py           # build (make compiled, called by make install)
    python benchmarks/compile.py --clean   # remove what a build made (make clean)

Optional: without mypy (the ``compiled`` or ``dev`` extra) or a C compiler, or when the build
fails, it prints one line and exits 0, and the pure Python code runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The modules compiled, one group: calls between them are C calls. Each module is listed
# with what it calls per number or per character; a module that is not listed runs as
# Python, and compiled code calls into it as Python.
MODULES = (
    # targets: the numbers' scan and their frames, kinds and fields
    "speechkit/analyzers/targets/read.py",
    "speechkit/analyzers/targets/frames.py",
    "speechkit/analyzers/targets/lines.py",
    "speechkit/analyzers/targets/classify.py",
    "speechkit/analyzers/targets/fields.py",
    "speechkit/analyzers/targets/cues.py",
    "speechkit/analyzers/targets/year.py",
    "speechkit/text/quantities.py",
    "speechkit/text/quantity_patterns.py",
    "speechkit/text/numerals.py",
    "speechkit/text/units.py",
    "speechkit/text/trie.py",
    "speechkit/text/windows.py",
    # cleaning, for every analyzer
    "speechkit/ingest/clean.py",
    # slogans' matcher
    "speechkit/analyzers/slogans/matcher.py",
    # directives: the outline parser and the announcements
    "speechkit/text/outline.py",
    "speechkit/text/outline_markers.py",
    "speechkit/analyzers/directives/announcements.py",
)
# mypy checks the listed modules; what they import is read for its types, not checked.
MYPY_FLAGS = ("--follow-imports=silent", "--ignore-missing-imports")
GROUP = "speechkit._compiled"  # the shared library of the group: speechkit/_compiled__mypyc*.so
BUILD = ROOT / "build" / "mypyc"  # the generated C and objects (made anew by each build)
# What was compiled, for speechkit.backend (which checks each .so against its .py).
MANIFEST = ROOT / "speechkit" / "_compiled.txt"


def module_names() -> list[str]:
    """``MODULES`` as names inside the package: analyzers.targets.read."""
    return [m.removesuffix(".py").replace("/", ".").partition(".")[2] for m in MODULES]


def products() -> list[Path]:
    """The extension files a build leaves in the source tree."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    found = [ROOT / m.removesuffix(".py") for m in MODULES]
    out = [p.with_name(p.name + suffix) for p in found]
    out += (ROOT / "speechkit").glob(GROUP.rpartition(".")[2] + "__mypyc*")
    out.append(MANIFEST)
    return [p for p in out if p.exists()]


def clean() -> None:
    for path in products():
        path.unlink()
    shutil.rmtree(BUILD, ignore_errors=True)


def build() -> int:
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution
    except ImportError:
        print(
            "speechkit: mypy is not installed, nothing compiled (the compiled extra)",
            file=sys.stderr,
        )
        return 0
    began = time.perf_counter()
    os.chdir(ROOT)  # mypycify takes paths relative to the root, as the module names are
    clean()
    try:
        extensions = mypycify(
            [*MYPY_FLAGS, *MODULES], opt_level="3", group_name=GROUP, target_dir=str(BUILD)
        )
        # (A bare Distribution: setup() would read pyproject.toml, which describes speechkit.)
        dist = Distribution({"name": "speechkit-compiled", "ext_modules": extensions})
        command = dist.get_command_obj("build_ext")
        command.inplace, command.build_temp, command.build_lib = True, str(BUILD), str(BUILD)
        dist.run_command("build_ext")
        MANIFEST.write_text("".join(f"{name}\n" for name in module_names()), encoding="utf-8")
    except (Exception, SystemExit) as error:  # a build that fails leaves Python running
        clean()
        print(
            f"speechkit: compiled modules not built ({type(error).__name__}, see above): "
            "pure Python runs",
            file=sys.stderr,
        )
        return 0
    print(f"speechkit: compiled {len(MODULES)} modules in {time.perf_counter() - began:.0f} s")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="remove the build products")
    args = parser.parse_args()
    if args.clean:
        clean()
        return 0
    return build()


if __name__ == "__main__":
    sys.exit(main())
