"""The unit table (speechkit/data/units.tsv): what a unit as written means and weighs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from speechkit.resources import bundled_lines

_MAGNITUDE_TAIL = re.compile(r"[万亿]+$")


@dataclass(frozen=True)
class Unit:
    """A row of units.tsv: value_base = value * factor, in ``base``."""

    unit: str
    base: str
    factor: float
    kind: str  # magnitude | percent | measure | counter | generic | time
    not_before: str = ""


@cache
def units() -> dict[str, Unit]:
    """The unit table from speechkit/data/units.tsv, by unit as written."""
    table: dict[str, Unit] = {}
    rows = bundled_lines("units.tsv")
    for line in rows[1:]:  # rows[0] is the header
        cols = (line.split("\t") + [""] * 5)[:5]
        table[cols[0]] = Unit(cols[0], cols[1], float(cols[2]), cols[3], cols[4])
    return table


def unit_kind(unit: str) -> str:
    """The kind of a unit as written (万亩 -> measure, 万 -> magnitude, 元/担 -> rate), or ''."""
    info = _unit_info(unit) if unit else None
    return info[0].kind if info else ""


@cache
def _unit_info(unit: str) -> tuple[Unit, float] | None:
    """(unit row, factor including a 万/亿 prefix) for a unit as written, e.g. 万亩."""
    table = units()
    if "/" in unit:  # a rate: 元/担 -> 元/斤 at 1/100
        num, _, den = unit.partition("/")
        top, bottom = _unit_info(num), _unit_info(den)
        if top is None or bottom is None:
            return None
        row = Unit(unit, f"{top[0].base}/{bottom[0].base}", top[1] / bottom[1], "rate")
        return row, row.factor
    if unit in table:
        return table[unit], table[unit].factor
    for k in range(len(unit) - 1, 0, -1):
        prefix, rest = unit[:k], unit[k:]
        if prefix in table and table[prefix].kind == "magnitude" and rest in table:
            return table[rest], table[prefix].factor * table[rest].factor
    if _MAGNITUDE_TAIL.fullmatch(unit):  # 万万
        factor = 1.0
        for c in unit:
            factor *= table[c].factor
        return table[unit[-1]], factor
    return None


def unit_pattern(table: dict[str, Unit]) -> str:
    """A regex for any unit of ``table`` as written: an optional 万/亿 prefix and a unit, or
    the prefix alone (the longest first)."""
    magnitudes = sorted((u for u in table.values() if u.kind == "magnitude"), key=_longest)
    others = sorted((u for u in table.values() if u.kind != "magnitude"), key=_longest)
    mag = "|".join(re.escape(u.unit) for u in magnitudes)

    def alt(u: Unit) -> str:
        guard = f"(?![{re.escape(u.not_before)}])" if u.not_before else ""
        return re.escape(u.unit) + guard

    base = "|".join(alt(u) for u in others)
    # The look-ahead rejects in one step the many numbers with no unit after them, where
    # the alternation would try each unit in turn.
    first = "".join(sorted({re.escape(u.unit[0]) for u in table.values()}))
    return rf"(?=[{first}])(?:(?:{mag})?(?:{base})|(?:{mag}))"


def _longest(u: Unit) -> int:
    return -len(u.unit)


@cache
def per_pattern() -> re.Pattern[str]:
    """ "/unit" after a unit, for rates such as 元/担 or 担/亩 (no 万/亿 prefix)."""
    table = units()
    alts = [u.unit for u in table.values() if u.kind not in ("magnitude", "percent")]
    alts.sort(key=len, reverse=True)
    return re.compile("[/／](" + "|".join(re.escape(a) for a in alts) + ")")
