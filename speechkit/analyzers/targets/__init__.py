"""`targets`: the numbers a speech sets as goals, standards and allocations, kept apart from
results, baselines, forecasts, definitions and dates.

One pass per text, in one direction: quantities (``speechkit.text.quantities``) → frames (the
clause, sentence, paragraph, list head and section around each number: ``frames``) → kind
(``classify``) → fields (``fields``: indicator, comparator; ``cues.indicator_id``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

from speechkit.analyzers.base import Analyzer, Option
from speechkit.model import Speech

COLUMNS = (
    "source",
    "speech",
    "kind",
    "type",
    "indicator",
    "indicator_id",
    "value",
    "value_high",
    "unit",
    "value_base",
    "unit_base",
    "comparator",
    "hardness",
    "year",
    "baseline",
    "speech_year",
    "speech_year_source",
    "sentence",
    "start",
    "end",
)


_WARM_TEXT = (
    "2022年工作安排\n主要预期目标是：\n今年要确保新增就业1000人以上，力争安排专项资金2亿元，"
    "中央补助我省14亿元，每亩补助3元/斤，解决3个首要问题，从5.2万元提高到6万元。"
    "去年增长了5%，比上年多50多家。要继续努力。明年再增长8%。\n"
)


class Targets(Analyzer):
    name = "targets"
    help = "Quantitative targets: 确保今年净增规模工业企业40家以上 -> 40 家 以上 binding 2022."
    description = """
    Every number is read in its frame: its clause, sentence, paragraph, the list it belongs
    to (主要预期目标是：…) and its section (回顾 vs 目标/任务), from near to far; time words
    (今年, 到2030年, 十四五期间 vs 去年, 过去五年) and goal or result words (确保, 力争, 达到
    vs 完成了, 实现了) decide whether it looks ahead. A target has a type: goal, standard (a
    time limit or a norm: 2小时内到达, 每亩栽足1100株) or allocation (安排专项资金2亿元).
    With --all every other number is listed too, with its kind: result, baseline (the 5.2万元
    of 从5.2万元提高到6万元), forecast, quoted, definition (年收入10万元以下的家庭), elapsed
    (五年来), date or other.

    Columns: source, speech, kind, type, indicator, indicator_id (a canonical id shared across
    documents, empty when unknown), value, value_high, unit, value_base, unit_base (value in
    base units), comparator, hardness (binding, aspirational, expected), year (the horizon:
    the year or period the target is for), baseline, speech_year, speech_year_source (option,
    title, text, heading or file), sentence (up to 60 characters each side of the number),
    start, end (raw-file offsets of the number).

    \b
    Examples:
      speechkit targets corpus/speeches_2022_traditional_dump.txt
      speechkit targets gov_work_report_2023.txt --all --csv -o targets.csv
      speechkit targets county_speech.txt --year 2009
    """
    options = (
        Option("all", "Also list every other number, with its kind.", "flag"),
        Option(
            "year",
            "The year the speeches were given (for 今年, 去年); read from the text, the title or "
            "the file name when omitted.",
            kind="int",
            minimum=1900,
            metavar="YEAR",
        ),
    )
    columns = COLUMNS
    feature = pivot_index = "indicator_id"  # what --by counts and --pivot puts in its rows
    table_columns = (
        "speech",
        "kind",
        "type",
        "indicator",
        "value",
        "unit",
        "comparator",
        "hardness",
        "year",
    )

    def warm(self, **_: Any) -> None:
        # A worker compiles the patterns (0.1–0.2 s) while the main process reads the input,
        # not on its first speech: one text that takes every path that compiles one.
        from speechkit.analyzers.targets.read import read_numbers

        read_numbers(_WARM_TEXT, everything=True)

    def per_speech(
        self, speech: Speech, all: bool = False, year: int | None = None, **_: Any
    ) -> Iterator[dict]:
        from speechkit.analyzers.targets.read import each_number

        # (bool: the options may hold None, and a compiled each_number checks its types.)
        for found in each_number(speech.text, speech.title, speech.source, year, bool(all)):
            for column in ("value", "value_high", "value_base", "baseline"):
                number = found.get(column)
                if isinstance(number, float) and not math.isfinite(number):
                    # Too large for a float: the value keeps the number as written, never inf.
                    found[column] = None
                    if column == "value":
                        written = speech.text[found["start"] : found["end"]]
                        found[column] = written.removesuffix(found["unit"] or "") or written
            start, end = speech.raw_span(found["start"], found["end"])
            # each_number gives the other columns in COLUMNS' order, start and end last.
            yield {
                "source": speech.source,
                "speech": speech.id,
                **found,
                "start": start,
                "end": end,
            }

    def combine(self, records: Iterable[dict], **_: Any) -> Iterable[dict]:
        return records  # in order already: the runner lists them, or a writer streams them


TARGETS = Targets()
