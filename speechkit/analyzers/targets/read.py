"""The targets pipeline on one text: quantities → frames → kind → fields, once, in order."""

from __future__ import annotations

from collections.abc import Iterator

from speechkit.analyzers.targets.classify import can_be_target, classify, may_be_baseline
from speechkit.analyzers.targets.cues import indicator_id
from speechkit.analyzers.targets.fields import comparator, indicator, sentence_window
from speechkit.analyzers.targets.frames import Frame, Frames, binding_cue
from speechkit.analyzers.targets.year import speech_year
from speechkit.text.quantities import Quantity, find_quantities


def read_numbers(
    text: str, title: str = "", source: str = "", year: int | None = None, everything: bool = False
) -> list[dict]:
    """One record per number of ``text`` (targets only unless ``everything``), with offsets
    into ``text``."""
    return list(each_number(text, title, source, year, everything))


def each_number(
    text: str, title: str = "", source: str = "", year: int | None = None, everything: bool = False
) -> Iterator[dict]:
    """``read_numbers``' records one at a time, as they are read: a long speech's are never
    all held (``targets --all`` on one 100 MB speech gives 183,000)."""
    year_source = "option" if year else ""
    if year is None:
        year, year_source = speech_year(text, title, source)
    frames = Frames(text, year)
    previous: dict | None = None
    # The numbers read so far in the current clause, as (start, kind, value_base): what a
    # target's baseline is looked for in. A clause holds few numbers, so memory stays flat
    # on a long speech however many numbers it has.
    clause: list[tuple[int, str, float | None]] = []
    clause_start = -1
    for q in find_quantities(text):
        frame = frames.frame(q.start, q.end)
        if everything or can_be_target(text, q, frame) or may_be_baseline(text, q, frame):
            kind, kind_type = classify(text, q, frame)
        else:
            kind, kind_type = "", ""  # not a target, not a baseline: its kind is not needed
        if frame.clause_start != clause_start:
            # (Numbers come in order, so the earlier ones all lie before this clause.)
            clause, clause_start = [], frame.clause_start
        if kind != "target" and not everything:
            clause.append((q.start, kind, q.value_base))
            continue
        target = kind == "target"
        words = indicator(text, q, frame.clause_start) if target or kind == "result" else ""
        if not words and previous and _continues(text, previous, q):
            words = previous["indicator"]  # 分别控制在46.8%、67.51%: the list's indicator
        lo, hi = sentence_window(text, q, frame.sentence_start, frame.sentence_end)
        record = {
            "kind": kind,
            "type": kind_type,
            "indicator": words,
            "indicator_id": _indicator_id(text, words, frame) if target else "",
            "value": _float(q.value),
            "value_high": _float(q.value_high),
            "unit": q.unit,
            "value_base": _float(q.value_base),
            "unit_base": q.unit_base,
            "comparator": comparator(text, q, frame.clause_start),
            "hardness": binding_cue(text, frame.sentence_start, q.start) if target else "",
            "year": frame.horizon if target else "",
            "baseline": _baseline(clause, frame.clause_start) if target else None,
            "speech_year": year,
            "speech_year_source": year_source,
            "sentence": text[lo:hi].strip(),
            "start": q.start,
            "end": q.end,
        }
        clause.append((q.start, kind, q.value_base))
        previous = record
        yield record


def _continues(text: str, previous: dict, q: Quantity) -> bool:
    """Whether ``q`` follows the previous number in one list (46.8%、67.51%和72.73%)."""
    gap = text[previous["end"] : q.start]
    return len(gap) <= 3 and gap.strip("、和及与以上左右") == ""


def _indicator_id(text: str, words: str, frame: Frame) -> str:
    """The id of the indicator as worded, else of the nearest indicator its clause names."""
    return indicator_id(words) or indicator_id(text[frame.clause_start : frame.clause_end])


def _baseline(clause: list[tuple[int, str, float | None]], clause_start: int) -> float | None:
    """The value of the baseline just before a target in its clause (从5.2万元提高到6万元):
    ``clause`` holds the numbers before it, as (start, kind, value_base)."""
    for start, kind, value_base in reversed(clause):
        if start < clause_start:
            break
        if kind == "baseline":
            return _float(value_base)
    return None


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)
