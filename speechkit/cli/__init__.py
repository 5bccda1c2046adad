"""The `speechkit` command: a thin layer that parses options and calls the library."""

from __future__ import annotations

import gc
import signal
import sys

import click

from speechkit.cli.common import verbose_option
from speechkit.errors import SpeechkitError

# Commands that are not analyzers; every analyzer in the registry is a command too.
COMMANDS = {"split": "speechkit.cli.split:split", "report": "speechkit.cli.report:report"}


class SpeechkitGroup(click.Group):
    """Turns a user's mistake into one line on stderr; the traceback only with --verbose.

    Commands are made when asked for: ``split``, then one per registered analyzer (built by
    ``speechkit.cli.factory`` from what the analyzer declares), plugins included.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        from speechkit.analyzers import REGISTRY

        return [*COMMANDS, *REGISTRY]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            from importlib import import_module

            module, _, attribute = COMMANDS[name].partition(":")
            return getattr(import_module(module), attribute)
        from speechkit.analyzers import REGISTRY
        from speechkit.cli.factory import analyzer_command

        return analyzer_command(REGISTRY[name]) if name in REGISTRY else None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except SpeechkitError as exc:
            if (ctx.obj or {}).get("verbose"):
                raise
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if (ctx.obj or {}).get("verbose"):
                raise
            raise click.ClickException(
                f"internal error ({type(exc).__name__}: {exc}); rerun with --verbose "
                "for the traceback and report it."
            ) from None


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the version, and which code runs (compiled modules or pure Python)."""
    if not value or ctx.resilient_parsing:
        return
    from speechkit import __version__
    from speechkit.backend import describe

    click.echo(f"speechkit, version {__version__}; {describe()}")
    ctx.exit()


@click.group(cls=SpeechkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@verbose_option
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Show the version and which code runs (compiled or pure Python), and exit.",
)
def cli():
    """Load, split and analyse corpora of Chinese political speeches.

    \b
    Examples:
      speechkit split corpus/speeches_2022_traditional_dump.txt
      speechkit split dump.txt -o speeches/       # a corpus directory for later runs
      speechkit slogans speeches/ --csv > slogans.csv
    """


def main() -> None:
    # `speechkit … | head` must end quietly, as any Unix filter does.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from speechkit.cli.interrupt import install

    install()
    try:
        cli(obj={}, prog_name="speechkit")
    finally:
        # The output is written: what is left is the interpreter's teardown, whose garbage
        # collections walk every object alive. After a Dask run (distributed's modules loaded)
        # that took 0.15-0.25 s; with those objects frozen, out of the collector's sight, 0.02 s.
        # Objects are still freed as their references go, and exit handlers still run.
        gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
