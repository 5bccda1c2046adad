"""Regenerate golden files: `python -m tests.regen [split] [directives] [slogans] [targets]`
(all four when none is named).

Review the diff before committing: a golden file is a claim about the right answer.
"""

from __future__ import annotations

import sys

import speechkit
from speechkit.model import speech_record

from .conftest import GOLDEN, SAMPLE


def split() -> None:
    import pandas as pd

    speeches = list(speechkit.load(SAMPLE))
    text = "\n".join(s.text for s in speeches)
    (GOLDEN / "sample_simplified.txt").write_text(text, encoding="utf-8")
    frame = pd.DataFrame([speech_record(s, texts=False) for s in speeches])
    frame["source"] = frame["source"].str.replace(str(SAMPLE.parent.parent) + "/", "")
    frame.to_csv(GOLDEN / "split_sample.csv", index=False, lineterminator="\n")


def directives() -> None:
    from .test_directives import regen_golden

    regen_golden()


def slogans() -> None:
    from .regen_slogans import main

    main()


def targets() -> None:
    from .regen_targets import main

    main()


if __name__ == "__main__":
    for name in sys.argv[1:] or ["split", "directives", "slogans", "targets"]:
        globals()[name]()
