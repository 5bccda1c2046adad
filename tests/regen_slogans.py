"""Regenerate the slogans golden files from the bundled sample: `python -m tests.regen_slogans`.

Review the diff before committing: a golden file is a claim about the right answer.
"""

from __future__ import annotations

import speechkit

from .conftest import GOLDEN, SAMPLE


def main() -> None:
    speeches = list(speechkit.load(SAMPLE))
    speechkit.analyze("slogans", speeches).to_csv(
        GOLDEN / "slogans_sample.csv", index=False, lineterminator="\n"
    )
    speechkit.analyze("slogans", speeches, by_speech=True).to_csv(
        GOLDEN / "slogans_by_speech_sample.csv", index=False, lineterminator="\n"
    )


if __name__ == "__main__":
    main()
