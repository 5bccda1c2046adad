"""Build one click command per registered analyzer, from what the analyzer declares."""

from __future__ import annotations

import inspect

import click

from speechkit.analyzers.base import Analyzer, Option
from speechkit.cli.common import (
    corpus_input,
    end_with,
    engine_options,
    speech_failures,
    table_output,
    view_options,
)
from speechkit.errors import SpeechkitError

# Said in every analyzer's --help: the engine decides from the input's size (see
# speechkit.engines.local.PARALLEL_MIN_BYTES).
SIZE_NOTE = (
    "Inputs under 1 MB (all files together) run in one process; larger ones on every core, "
    "where each worker cleans, converts and analyses its share of the speeches."
)


def click_option(option: Option):
    """The click decorator for one analyzer ``Option``."""
    settings: dict = {"help": option.help}
    if option.kind == "flag":
        settings["is_flag"] = True
        settings["default"] = bool(option.default)
    elif option.kind == "int":
        settings["type"] = click.IntRange(min=option.minimum)
        settings["metavar"] = option.metavar or "N"
    elif option.kind == "choice":
        settings["type"] = click.Choice(option.choices)
    elif option.kind == "path":
        settings["type"] = click.Path(exists=True, dir_okay=False)
        settings["metavar"] = option.metavar or "FILE"
    else:
        settings["metavar"] = option.metavar or "TEXT"
    if option.multiple:
        settings["multiple"] = True
    return click.option(*option.cli_flags, option.name, **settings)


def analyzer_command(analyzer: Analyzer) -> click.Command:
    """``speechkit NAME INPUT...`` with the shared input, output and view options and the
    analyzer's own."""

    def command(corpus, output, engine, meta, by, pivot=False, **options):
        from speechkit.analyzers.runner import run_view

        try:
            resolved = analyzer.resolve(**options)
        except SpeechkitError as exc:
            raise click.UsageError(str(exc)) from None
        view = analyzer.view(**resolved)
        if view != "rows" and output.fmt:
            flag = next(o.cli_flags[-1] for o in analyzer.options if o.name == view)
            raise click.UsageError(f"{flag} cannot be combined with --csv, --json or --table.")
        if view != "rows" and (by or pivot):
            flag = next(o.cli_flags[-1] for o in analyzer.options if o.name == view)
            raise click.UsageError(f"{flag} cannot be combined with --by or --pivot.")
        failures = speech_failures()
        # Rows written to a file may be written as they come: the file appears only when
        # all is done (atomic), so an error midway still leaves nothing behind.
        lazy = view == "rows" and output.format != "table" and output.atomic
        rows, columns = run_view(
            analyzer, corpus, engine, meta, by, pivot, failures=failures, lazy=lazy, **options
        )
        if view != "rows":
            output.emit(rows, columns, fmt=view)
        elif output.format == "table" and not (meta or by or pivot):
            if analyzer.table_columns:
                columns = list(analyzer.table_columns)
            title = analyzer.heading(**resolved)
            output.emit(rows, columns, title=title, fmt=analyzer.table_writer)
        else:
            output.emit(rows, columns, title=analyzer.heading(**resolved))
        end_with(failures)

    positional = next((o for o in analyzer.options if o.positional), None)
    for option in reversed(analyzer.options):
        if option is not positional:
            command = click_option(option)(command)
    command = view_options(command, pivot=analyzer.pivot_index is not None)
    command = table_output(command)
    command = engine_options(command)
    command = corpus_input(command, leading=positional)
    text = "\n\n".join([analyzer.help, inspect.cleandoc(analyzer.description), SIZE_NOTE])
    return click.command(name=analyzer.name, help=text, short_help=analyzer.help)(command)
