"""Regenerate the slogans golden files from the bundled sample: `python -m tests.regen_slogans`.

Review the diff before committing: a golden file is a claim about the right answer.
"""

from __future__ import annotations

import speechkit

from .conftest import GOLDEN, SAMPLE

GOLDEN_FILES = {
    "slogans_sample.csv": {"discover": True},
    "slogans_by_speech_sample.csv": {"by_speech": True, "discover": True},
}


def golden_csv(speeches: list, options: dict) -> str:
    """The CSV text of a golden file (years as whole numbers, empty when unknown)."""
    frame = speechkit.analyze("slogans", speeches, **options)
    if "first_year" in frame:
        frame["first_year"] = frame["first_year"].astype("Int64")
    return frame.to_csv(index=False, lineterminator="\n")


def main() -> None:
    speeches = list(speechkit.load(SAMPLE))
    for name, options in GOLDEN_FILES.items():
        (GOLDEN / name).write_text(golden_csv(speeches, options), encoding="utf-8")


if __name__ == "__main__":
    main()
