"""`speechkit targets`: quantitative goals (and, with --all, every numeric mention)."""

from __future__ import annotations

import click

from speechkit.analyzers import targets as targets_analyzer
from speechkit.cli.common import corpus_input, table_output

# Columns drawn in the terminal table; --csv/--json always write all of them.
TABLE_COLUMNS = ["speech", "kind", "indicator", "value", "unit", "comparator", "hardness", "year"]


@click.command()
@corpus_input
@table_output
@click.option(
    "--all",
    "all_kinds",
    is_flag=True,
    help="Also list achieved results and other numeric mentions, with their kind.",
)
def targets(corpus, output, all_kinds):
    """Quantitative targets: 确保今年净增规模工业企业40家以上 -> 40 家 以上 binding 2022.

    Each number is classified as a target (a forward-looking goal), achieved (a past
    result) or other (facts, comparisons, rules) from its sentence's cue words, tense
    markers and section (回顾 vs 今年工作安排). --csv and --json write the columns
    source, speech, kind, indicator, value, value_high, unit, value_base, unit_base,
    comparator, hardness, year, sentence, start, end (start/end: raw-file offsets).

    \b
    Examples:
      speechkit targets corpus/speeches_2022_traditional_dump.txt
      speechkit targets gov_work_report_2023.txt --all --csv -o targets.csv
    """
    frame = targets_analyzer.analyze(corpus, all=all_kinds)
    if output.format == "table":
        frame = frame[TABLE_COLUMNS]
    output.emit(frame, title="Targets")
