"""`speechkit split`: raw dumps in, speeches out (a table, CSV, JSON Lines or a corpus dir)."""

from __future__ import annotations

import click

from speechkit.cli.common import (
    corpus_input,
    end_with,
    engine_options,
    speech_failures,
    table_output,
)

TABLE_COLUMNS = ["ordinal", "id", "chars", "title", "begins"]


@click.command()
@corpus_input
@table_output(file_option=False)
@engine_options
@click.option(
    "-o",
    "--output-dir",
    "output_dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Write a corpus directory (one Simplified .txt per speech + speeches.jsonl).",
)
def split(corpus, output, output_dir, engine):
    """Split raw dumps into speeches on their opening lines (同志们：, 各位代表：…).

    Offsets (start, end) point into the decoded raw file; the preamble plus the speeches
    tile it exactly. --json includes the Simplified `text` and the cleaned `original`;
    --csv leaves the texts out. Inputs under 1 MB are cleaned in one process; larger ones
    on every core. A speech whose cleaning fails is left out (one line on stderr; exit
    status 3 once the rest is written).

    \b
    Examples:
      speechkit split corpus/speeches_2022_traditional_dump.txt
      speechkit split dump.txt --json > speeches.jsonl
      speechkit split dump.txt -o speeches/
      cat dump.txt | speechkit split - --csv
    """
    from functools import partial
    from types import SimpleNamespace

    from speechkit.engines.local import LocalEngine
    from speechkit.ingest import corpus_dir
    from speechkit.ingest.sources import cleaning_summary
    from speechkit.model import SPEECH_COLUMNS, TEXT_COLUMNS, split_row

    engine = engine or LocalEngine()
    failures = speech_failures()
    if output_dir:
        # Each speech is written where it is built: only manifest lines come back.
        def entries(folder):
            return engine.each(corpus, partial(corpus_dir.entry_if_shared, folder), failures)

        count = corpus_dir.write((), output_dir, entries)
        click.echo(f"wrote {count} speeches to {output_dir}", err=True)
        end_with(failures)
        return
    fmt = output.format
    texts = fmt == "json"
    made = list(engine.each(corpus, partial(split_row, texts=texts), failures))
    rows = [row for row, _ in made]
    if fmt == "table":
        output.emit(rows, TABLE_COLUMNS, title="Speeches")
        counted = [SimpleNamespace(source=r["source"], chars=r["chars"], stats=s) for r, s in made]
        for line in cleaning_summary(corpus, counted):
            click.echo(line)
    else:
        output.emit(rows, SPEECH_COLUMNS + (TEXT_COLUMNS if texts else []), title="Speeches")
    end_with(failures)
