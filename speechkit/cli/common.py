"""Options shared by every command: how input is read and how rows are written."""

from __future__ import annotations

import functools

import click

from speechkit.cli.progress import SpeechProgress
from speechkit.ingest.sources import load
from speechkit.output import Output


def notice(message: str) -> None:
    click.echo(f"notice: {message}", err=True)


def set_verbose(ctx: click.Context, _param, value: bool) -> bool:
    if value:
        ctx.ensure_object(dict)["verbose"] = True
    return value


verbose_option = click.option(
    "-v",
    "--verbose",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=set_verbose,
    help="Show the full traceback when something fails.",
)


def corpus_input(command):
    """Add ``INPUT...``, ``--encoding`` and ``--opening``; pass the loaded ``corpus``."""

    @click.argument(
        "inputs",
        metavar="INPUT...",
        nargs=-1,
        required=True,
        type=click.Path(exists=True, allow_dash=True),
    )
    @click.option(
        "-e",
        "--encoding",
        metavar="NAME",
        help="Input encoding (utf-8, gb18030, big5, utf-16…). Detected when omitted.",
    )
    @click.option(
        "--opening",
        "openings",
        metavar="TEXT",
        multiple=True,
        help="A line that opens a speech, such as 同志们 (repeatable; replaces the defaults).",
    )
    @verbose_option
    @functools.wraps(command)
    def wrapper(inputs, encoding, openings, **kwargs):
        corpus = load(inputs, encoding=encoding, openings=openings or None, on_notice=notice)
        corpus.on_speech = SpeechProgress()
        return command(corpus=corpus, **kwargs)

    return wrapper


def table_output(command=None, *, file_option: bool = True):
    """Add ``--csv``, ``--json`` and (unless ``file_option=False``) ``-o FILE``; pass ``output``."""

    def decorate(command):
        @click.option("--csv", "fmt", flag_value="csv", help="Write CSV.")
        @click.option("--json", "fmt", flag_value="json", help="Write JSON Lines.")
        @click.option(
            "--table", "fmt", flag_value="table", help="Draw a table (the default on a terminal)."
        )
        @functools.wraps(command)
        def wrapper(fmt, output_path=None, **kwargs):
            return command(output=Output(fmt, output_path), **kwargs)

        if file_option:
            wrapper = click.option(
                "-o",
                "--output",
                "output_path",
                metavar="FILE",
                type=click.Path(dir_okay=False, writable=True, allow_dash=True),
                help="Write to FILE; .csv or .jsonl picks the format.",
            )(wrapper)
        return wrapper

    return decorate(command) if command else decorate
