"""Shared paths and fixtures: the bundled sample and the public texts in ../shared/eval."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "speeches_2022_traditional_dump.txt"
GOLDEN = ROOT / "tests" / "golden"
EVAL_TEXTS = ROOT.parent / "shared" / "eval" / "texts"

# A report's title block (issue 12): hand-written, quoted from no real text.
# Page chrome of a scraped page, ending in the site's tag line: other articles' titles, dates.
CHROME = "推动高质量发展心得体会（通用5篇）\n2024-02-23\n【example.com--演讲稿】\n"
# Title, a subtitle that holds a formulation and a quoted local slogan, the speaker.
TITLE_BLOCK = "政府工作报告\n——在全市推进高质量发展、建设“清水绿岸”大会上\n市长 某某\n"
REPORT_BODY = "各位代表：\n现在，我代表市人民政府作报告。要推动高质量发展，建设“清水绿岸”。\n"


def title_block_reports(folder):
    """Three one-speech reports with title blocks (one behind page chrome, one with CRLF)."""
    folder.mkdir()
    texts = {
        "a.txt": CHROME + TITLE_BLOCK + REPORT_BODY,
        "b.txt": TITLE_BLOCK.replace("\n", "\r\n") + REPORT_BODY.replace("\n", "\r\n"),
        "c.txt": "深化改革 建设“清水绿岸”\n" + REPORT_BODY + "要深化改革。\n",
    }
    for name, text in texts.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return sorted(str(p) for p in folder.iterdir())


def run_python(code: str) -> subprocess.CompletedProcess:
    """``code`` run by this interpreter in a fresh process (for what a process imports or
    does at exit), its output captured as text."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


@pytest.fixture(scope="session", autouse=True)
def session_user_cache(tmp_path_factory):
    """The tests never write to the user's own cache folder (``speechkit.user_cache``):
    its tables (slogans' lexicon context, jieba's dictionary cache) go to a folder of this
    test session, for the speechkit processes the tests start too."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


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
