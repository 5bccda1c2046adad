"""`speechkit split`: raw dumps in, speeches out (a table, CSV, JSON Lines or a corpus dir)."""

from __future__ import annotations

import click

from speechkit.cli.common import corpus_input, engine_options, table_output

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
    on every core.

    \b
    Examples:
      speechkit split corpus/speeches_2022_traditional_dump.txt
      speechkit split dump.txt --json > speeches.jsonl
      speechkit split dump.txt -o speeches/
      cat dump.txt | speechkit split - --csv
    """
    from speechkit.ingest import corpus_dir
    from speechkit.ingest.sources import cleaning_summary
    from speechkit.model import SPEECH_COLUMNS, TEXT_COLUMNS, first_words, speech_record

    built = corpus if engine is None else engine.speeches(corpus)
    if output_dir:
        entries = None
        if engine is None:
            # Each speech is written where it is built: only manifest lines come back.
            from functools import partial

            from speechkit.engines.local import LocalEngine

            def entries(folder):
                return LocalEngine().each(corpus, partial(corpus_dir.entry, folder))

        count = corpus_dir.write(built, output_dir, entries)
        click.echo(f"wrote {count} speeches to {output_dir}", err=True)
        return
    fmt = output.format
    texts = fmt == "json"
    speeches = list(built)
    rows = [speech_record(s, texts) | {"begins": first_words(s.text)} for s in speeches]
    if fmt == "table":
        output.emit(rows, TABLE_COLUMNS, title="Speeches")
        for line in cleaning_summary(corpus, speeches):
            click.echo(line)
    else:
        output.emit(rows, SPEECH_COLUMNS + (TEXT_COLUMNS if texts else []), title="Speeches")
