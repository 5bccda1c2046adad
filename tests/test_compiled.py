"""The optional compiled backend (``make compiled``, ``speechkit.backend``): it gives the
pure Python code's output byte for byte, and ``SPEECHKIT_PURE=1`` turns it off."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from speechkit import backend
from tests.conftest import ROOT, SAMPLE

# The CLI as the console script runs it, in a fresh process (the backend is chosen at import).
CLI = "import sys; from speechkit.cli import main; sys.argv[0] = 'speechkit'; main()"


def speechkit(*args: str, pure: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != backend.PURE_VARIABLE}
    if pure:
        env[backend.PURE_VARIABLE] = "1"
    return subprocess.run(
        [sys.executable, "-c", CLI, *args], capture_output=True, env=env, cwd=ROOT, check=True
    )


def built() -> bool:
    modules = backend.compiled_modules()
    return bool(modules) and not backend.stale_modules(modules)


needs_build = pytest.mark.skipif(not built(), reason="no up-to-date build (make compiled)")

# The sample and eval texts of each level: county, national, provincial and city reports.
TEXTS = [
    str(SAMPLE),
    *(
        str(ROOT / "eval" / "texts" / name)
        for name in (
            "county_hailar_work_report_2012.txt",
            "national_work_report_2010_full.txt",
            "provincial_hebei_work_report_2026.txt",
            "city_unnamed_speech_2022_county.txt",
        )
        if (ROOT / "eval" / "texts" / name).exists()
    ),
]


@needs_build
@pytest.mark.parametrize(
    "command", [["targets", "--all"], ["targets"], ["slogans", "--discover"], ["directives"]]
)
def test_compiled_and_pure_python_write_the_same_bytes(command):
    compiled = speechkit(*command, *TEXTS, "--csv", pure=False)
    pure = speechkit(*command, *TEXTS, "--csv", pure=True)
    assert compiled.stdout.count(b"\n") > 50
    assert compiled.stdout == pure.stdout


@needs_build
def test_a_build_loads_its_compiled_modules():
    code = (
        "import importlib, speechkit.backend as b; "
        "print(*(importlib.import_module('speechkit.' + m).__file__ for m in b.compiled_modules()))"
    )
    files = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert files and all(not f.endswith(".py") for f in files)
    assert "compiled with mypyc" in speechkit("--version", pure=False).stdout.decode()


def test_pure_variable_runs_the_python_source():
    code = (
        "import speechkit.analyzers.targets.frames as f, speechkit.ingest.clean as c; "
        "from speechkit.resources import bundled_lines; "
        "print(f.__file__, c.__file__, len(bundled_lines('units.tsv')) > 10)"
    )
    env = {**os.environ, backend.PURE_VARIABLE: "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    assert out[0].endswith("frames.py") and out[1].endswith("clean.py") and out[2] == "True"
    version = speechkit("--version", pure=True).stdout.decode()
    assert "pure Python" in version


def test_a_module_edited_since_the_build_is_stale(tmp_path, monkeypatch):
    monkeypatch.setattr(backend, "PACKAGE", str(tmp_path))
    (tmp_path / "text").mkdir()
    for name in ("fresh", "edited"):
        source, extension = backend._paths(f"text.{name}")
        open(source, "w").close()
        open(extension, "w").close()
    source, extension = backend._paths("text.edited")
    os.utime(extension, (1_000_000, 1_000_000))  # built before the edit
    assert backend.stale_modules(["text.fresh", "text.edited", "text.missing"]) == [
        "text.edited",
        "text.missing",
    ]


def test_a_plain_install_adds_no_finder(tmp_path, monkeypatch):
    # Nothing compiled (pip install . without the build): nothing to hide, so no finder
    # stands in front of every later import.
    monkeypatch.setattr(backend, "MANIFEST", str(tmp_path / "_compiled.txt"))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    before = list(sys.meta_path)
    assert backend.choose() == "pure"
    assert sys.meta_path == before
    assert backend.describe() == "pure Python (nothing compiled)"
