"""`speechkit report`: one self-contained HTML page over the input (see speechkit.report)."""

from __future__ import annotations

import click

from speechkit.cli.common import corpus_input, end_with, speech_failures


@click.command()
@corpus_input
@click.option(
    "-o",
    "--output",
    "output_path",
    metavar="FILE",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The HTML file to write (report.html).",
)
@click.option(
    "--meta",
    "meta_path",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="A CSV of document variables (an id or file column, then level, region…; "
    "`speechkit meta INPUT --csv` starts one).",
)
@click.option("--by", metavar="COL", help="Group the slogan heatmap by this --meta column.")
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default="en",
    show_default=True,
    help="Language of the page's labels (the speeches' text stays Simplified Chinese).",
)
def report(corpus, output_path, meta_path, by, lang):
    """Write one HTML page (overview, slogans, targets, outline, context) that opens offline.

    Every script, style and number is inside the file: it fetches nothing, so it can be
    mailed or opened from a USB stick. Its numbers are the rows that `split`, `slogans`,
    `slogans --by-speech`, `directives`, `directives --check`, `targets --all` and
    `kwic --slogan NAME` (top 5 formulations) print. A speech whose cleaning or analysis
    fails is left out of what it fails (one line on stderr; exit status 3 once the page is
    written).

    \b
    Examples:
      speechkit report corpus/speeches_2022_traditional_dump.txt -o report.html
      speechkit report speeches/ --meta meta.csv --by level -o report.html --lang zh
    """
    from speechkit import report as builder

    if by and not meta_path:
        raise click.UsageError("--by needs --meta FILE, which holds the column to group by.")
    failures = speech_failures()
    data = builder.build(corpus, meta=meta_path, by=by, lang=lang, failures=failures)
    path = builder.write(data, output_path)
    click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)", err=True)
    end_with(failures)
