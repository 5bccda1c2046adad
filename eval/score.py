"""Score speechkit against the hand-labelled development sets: `make eval`.

Prints, for dev and test (eval/splits.tsv), the targets figures (eval/score_targets.py) and the
formulation and outline figures (eval/score_slogans.py), and how far two human labellings of
the same dev texts agree (eval/agreement.py: the ceiling those figures can be read against).
Tune on dev only; quote test.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCORERS = ("score_targets", "score_slogans", "agreement")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    wanted = argv or [name.removeprefix("score_") for name in SCORERS]
    for name in SCORERS:
        if name.removeprefix("score_") in wanted and (HERE / f"{name}.py").exists():
            importlib.import_module(name).main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
