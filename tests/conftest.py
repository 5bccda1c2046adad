"""Shared paths and fixtures: the bundled sample and the public texts in ../shared/eval."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "speeches_2022_traditional_dump.txt"
GOLDEN = ROOT / "tests" / "golden"
EVAL_TEXTS = ROOT.parent / "shared" / "eval" / "texts"


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
