"""Shared paths and fixtures: the bundled sample and the public texts in ../shared/eval."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "speeches_2022_traditional_dump.txt"
GOLDEN = ROOT / "tests" / "golden"
EVAL_TEXTS = ROOT.parent / "shared" / "eval" / "texts"


def run_python(code: str) -> subprocess.CompletedProcess:
    """``code`` run by this interpreter in a fresh process (for what a process imports or
    does at exit), its output captured as text."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


@pytest.fixture(scope="session")
def sample_speeches():
    import speechkit

    return list(speechkit.load(SAMPLE))


@pytest.fixture(scope="session")
def sample_raw() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def eval_text(name: str) -> Path:
    path = EVAL_TEXTS / name
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared/eval is beside the repo only in sessions/CI)")
    return path
