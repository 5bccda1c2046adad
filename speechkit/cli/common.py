"""Options shared by every command: how input is read and how rows are written."""

from __future__ import annotations

import functools

import click

# The exit status of a run that wrote its output without the rows of speeches that failed
# (1 is a user error, 2 misuse of flags, 130/143 an interrupt).
SPEECHES_FAILED = 3


def notice(message: str) -> None:
    click.echo(f"notice: {message}", err=True)


def speech_failures():
    """A ``Failures`` for one run of a command: each failed speech is one line on stderr as
    it happens (its traceback too with --verbose)."""
    from speechkit.errors import Failures

    verbose = bool((click.get_current_context().obj or {}).get("verbose"))

    def report(failure) -> None:
        click.echo(f"error: {failure.line()}", err=True)
        if verbose:
            click.echo(failure.traceback.rstrip("\n"), err=True)

    return Failures(on_failure=report)


def end_with(failures) -> None:
    """After the output is written: the summary line and exit status 3 if speeches failed."""
    if failures:
        click.echo(f"error: {failures.summary()}", err=True)
        click.get_current_context().exit(SPEECHES_FAILED)


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


def corpus_input(command=None, *, leading=None):
    """Add ``INPUT...``, ``--encoding`` and ``--opening``; pass the loaded ``corpus``.

    ``leading`` (an analyzer ``Option`` with ``positional``) is an optional argument before
    the inputs, such as kwic's PATTERN; when an option of its ``unless`` is given it is not
    there, and the first argument is an input.
    """

    def decorate(command):
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
            if leading is not None:
                inputs = _leading_argument(leading, inputs, kwargs)
            # Imported when a command runs, not when --help lists the commands.
            from speechkit.cli.progress import SpeechProgress
            from speechkit.ingest.sources import load

            corpus = load(inputs, encoding=encoding, openings=openings or None, on_notice=notice)
            corpus.on_speech = SpeechProgress()
            return command(corpus=corpus, **kwargs)

        exists = leading is None  # with a leading argument, inputs are checked once sorted
        wrapper = click.argument(
            "inputs",
            metavar="INPUT...",
            nargs=-1,
            required=exists,
            type=InputPath(exists=exists),
        )(wrapper)
        if leading is not None:
            wrapper = click.argument(
                leading.name, required=False, metavar=f"[{leading.cli_flags[0]}]"
            )(wrapper)
        return wrapper

    return decorate(command) if command else decorate


def _leading_argument(leading, inputs: tuple, kwargs: dict) -> tuple:
    """Sort out ``[PATTERN] INPUT...``: returns the inputs and sets ``kwargs[leading.name]``."""
    value = kwargs.get(leading.name)
    if value is not None and any(kwargs.get(name) for name in leading.unless):
        inputs, kwargs[leading.name] = (value, *inputs), None
    if not inputs:
        raise click.UsageError("Missing argument 'INPUT...'.")
    path = InputPath(exists=True)
    return tuple(path.convert(i, None, click.get_current_context()) for i in inputs)


class InputPath(click.Path):
    """An input: a local path checked as ``click.Path`` checks it, ``-``, or a URL
    (``s3://…``, read with fsspec; ``speechkit.ingest.urls``), passed on as it is."""

    def __init__(self, exists: bool = True):
        super().__init__(exists=exists, allow_dash=True)

    def convert(self, value, param, ctx):
        from speechkit.ingest.urls import is_url

        if isinstance(value, str) and is_url(value):
            return value
        return super().convert(value, param, ctx)


def view_options(command, pivot: bool = False):
    """Add ``--meta FILE.csv``, ``--by COL`` and (where the analyzer has one) ``--pivot``."""

    @click.option(
        "--meta",
        metavar="FILE.csv",
        type=click.Path(exists=True, dir_okay=False),
        help="Join document variables (year, level, region…) from a CSV with an `id` or "
        "`file` column; `speechkit meta INPUT --csv` writes one to start from.",
    )
    @click.option(
        "--by",
        metavar="COL",
        help="Rows per group of speeches with the same COL (a --meta column, or year, title, "
        "file): counts, speeches and per_10k within each group.",
    )
    @functools.wraps(command)
    def wrapper(**kwargs):
        return command(**kwargs)

    if pivot:
        wrapper = click.option(
            "--pivot",
            is_flag=True,
            help="One row per indicator, one column per speech (per group with --by), "
            "holding the values.",
        )(wrapper)
    return wrapper


def engine_options(command):
    """Add ``--engine`` and ``--scheduler``; pass ``engine`` (None: the local one)."""

    @click.option(
        "--engine",
        "engine_name",
        type=click.Choice(["local", "dask"]),
        help="Where the per-speech work runs: this machine's processes (local, the default) "
        "or a Dask cluster (dask; the default when a scheduler is named).",
    )
    @click.option(
        "--scheduler",
        metavar="ADDRESS",
        envvar="SPEECHKIT_SCHEDULER",
        help="A running Dask scheduler (tcp://host:8786) for --engine dask; without one, "
        "--engine dask starts a LocalCluster here. Default: $SPEECHKIT_SCHEDULER.",
    )
    @functools.wraps(command)
    def wrapper(engine_name, scheduler, **kwargs):
        return command(engine=make_engine(engine_name, scheduler), **kwargs)

    return wrapper


def make_engine(name: str | None, scheduler: str | None):
    """The engine the options ask for: None for the local one (the runner's default)."""
    if name == "local" or (name is None and not scheduler):
        return None
    from speechkit.cli.progress import TaskProgress
    from speechkit.engines import get_engine

    return get_engine("dask", scheduler=scheduler or None, on_progress=TaskProgress())


def table_output(command=None, *, file_option: bool = True):
    """Add ``--csv``, ``--json`` and (unless ``file_option=False``) ``-o FILE``; pass ``output``."""

    def decorate(command):
        @click.option("--csv", "fmt", flag_value="csv", help="Write CSV.")
        @click.option("--json", "fmt", flag_value="json", help="Write JSON Lines.")
        @click.option(
            "--table", "fmt", flag_value="table", help="Draw a table (the default on a terminal)."
        )
        @click.option(
            "--raw-cells",
            is_flag=True,
            help="Write CSV cells as they are (no leading ' before = + - @).",
        )
        @functools.wraps(command)
        def wrapper(fmt, raw_cells, output_path=None, **kwargs):
            from speechkit.output import Output

            output = Output(fmt, output_path, raw_cells)
            output.check()
            return command(output=output, **kwargs)

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
