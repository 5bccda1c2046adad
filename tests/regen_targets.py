"""Regenerate the targets golden files: `python -m tests.regen_targets`.

Writes tests/golden/targets_sample.csv (the bundled sample) and targets_gov_2019.csv /
targets_gov_2023.csv (../shared/eval/texts), all kinds (``analyze(all=True)``), with
``source`` reduced to the file name. Review the diff before committing: a golden file is a
claim about the right answer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import speechkit

from .conftest import EVAL_TEXTS, GOLDEN, SAMPLE

GOLDENS = {
    "targets_sample.csv": SAMPLE,
    "targets_gov_2019.csv": EVAL_TEXTS / "gov_work_report_2019.txt",
    "targets_gov_2023.csv": EVAL_TEXTS / "gov_work_report_2023.txt",
}


def frame_for(path: Path) -> pd.DataFrame:
    frame = speechkit.analyze("targets", speechkit.load(path), all=True)
    frame["source"] = frame["source"].map(lambda s: Path(s).name)
    return frame


def main() -> None:
    for name, path in GOLDENS.items():
        frame_for(path).to_csv(GOLDEN / name, index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
