"""The `speechkit` command: a thin layer that parses options and calls the library."""

from __future__ import annotations

import signal
import sys

import click

from speechkit.cli.common import verbose_option
from speechkit.cli.directives import directives
from speechkit.cli.slogans import slogans
from speechkit.cli.split import split
from speechkit.cli.targets import targets
from speechkit.cli.words import words
from speechkit.errors import SpeechkitError

COMMANDS = [split, slogans, directives, targets, words]


class SpeechkitGroup(click.Group):
    """Turns a user's mistake into one line on stderr; the traceback only with --verbose."""

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


@click.group(cls=SpeechkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@verbose_option
@click.version_option(package_name="speechkit")
def cli():
    """Load, split and analyse corpora of Chinese political speeches.

    \b
    Examples:
      speechkit split corpus/speeches_2022_traditional_dump.txt
      speechkit split dump.txt -o speeches/       # a corpus directory for later runs
      speechkit slogans speeches/ --csv > slogans.csv
    """


for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    # `speechkit … | head` must end quietly, as any Unix filter does.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    cli(obj={}, prog_name="speechkit")


if __name__ == "__main__":
    sys.exit(main())
