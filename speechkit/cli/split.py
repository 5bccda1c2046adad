"""`speechkit split`: raw dumps in, speeches out (a table, CSV, JSON Lines or a corpus dir)."""

from __future__ import annotations

import click
import pandas as pd

from speechkit import corpus_dir
from speechkit.cli.common import corpus_input, table_output
from speechkit.records import SPEECH_COLUMNS, TEXT_COLUMNS, speech_record


@click.command()
@corpus_input
@table_output(file_option=False)
@click.option(
    "-o",
    "--output-dir",
    "output_dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Write a corpus directory (one Simplified .txt per speech + speeches.jsonl).",
)
def split(corpus, output, output_dir):
    """Split raw dumps into speeches on their opening lines (同志们：, 各位代表：…).

    Offsets (start, end) point into the decoded raw file; the preamble plus the speeches
    tile it exactly. --json includes the Simplified `text` and the cleaned `original`;
    --csv leaves the texts out.

    \b
    Examples:
      speechkit split corpus/speeches_2022_traditional_dump.txt
      speechkit split dump.txt --json > speeches.jsonl
      speechkit split dump.txt -o speeches/
      cat dump.txt | speechkit split - --csv
    """
    if output_dir:
        count = corpus_dir.write(corpus, output_dir)
        click.echo(f"wrote {count} speeches to {output_dir}", err=True)
        return
    fmt = output.format
    texts = fmt == "json"
    speeches = list(corpus)
    frame = pd.DataFrame(
        [speech_record(s, texts) for s in speeches],
        columns=SPEECH_COLUMNS + (TEXT_COLUMNS if texts else []),
    )
    if fmt == "table":
        frame = frame[["ordinal", "id", "chars", "title"]].assign(
            begins=[_first_words(s.text) for s in speeches]
        )
    output.emit(frame, title="Speeches")
    if fmt == "table":
        _print_summary(corpus, speeches)


def _first_words(text: str) -> str:
    body = text.split("\n", 1)[-1].strip()
    return body[:20]


def _print_summary(corpus, speeches) -> None:
    for doc in corpus.reports.values():
        mine = [s for s in speeches if s.source == doc.source]
        totals = doc.summary(mine)
        click.echo(
            f"{doc.source} ({doc.encoding}): {totals['speeches']} speeches, "
            f"{totals['chars']:,} characters; cleaning: {totals['glosses']:,} pinyin glosses "
            f"stripped, {totals['suspects']} damaged-gloss suspects, {totals['mojibake']} "
            f"mojibake runs, {totals['html']} HTML residues, preamble of "
            f"{totals['preamble_lines']} lines kept apart."
        )
