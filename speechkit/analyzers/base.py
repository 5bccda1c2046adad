"""The analyzer contract: what every analyzer declares and the three steps it runs.

An analyzer is an object with

- ``name``, ``help`` (one line), ``description`` (the rest of ``speechkit NAME --help``),
  ``options`` (``Option``\\ s, declared once: the CLI builds its flags from them, the library
  takes them as keyword arguments) and ``columns`` (its output columns, in order);
- ``per_speech(speech, **options) -> Iterable[dict]``: the heavy work for one speech. Pure:
  its inputs and records are picklable, so it can run on a worker process or another
  machine. Records may carry more keys than ``columns`` (a speech's length, say). A
  generator lets a speech with very many records send them on a chunk at a time
  (``speechkit.engines.spilled``; targets does);
- ``combine(records, **options) -> Iterable[dict]``: the reduction across speeches (totals,
  document frequencies, sort order), giving rows keyed by exactly ``output_columns(...)``.
  One that only passes the records through may return them as they come (an iterator):
  the runner lists them, or the CLI writes them to a file while the engine works.

An analyzer that needs the whole corpus before it can look at one speech (slogans'
discovery of new formulations) declares ``rounds = 2``: a first round ``scan(speech,
**options)`` per speech, ``gather(scans, **options)`` across them, and the result reaches
``per_speech`` as the keyword ``context`` (``needs_scan(**options)`` false: no first round,
the context is ``gather([])``). ``needs_tokens = True`` asks the runner for each
speech's tokens (keyword ``tokens``), from the token cache or the segmenter.

An analyzer of tokens that can also count a whole corpus at once says so with
``counts_whole(**options)``: when the token cache holds every speech (a re-run on corpus
directories), the runner then calls ``combine_whole(whole, **options)`` instead of
``per_speech`` and ``combine``, with ``whole`` a ``speechkit.tokens.WholeCorpus`` (a pyarrow
``list<string>`` array of every speech's tokens, how many speeches and characters), and no
speech is read. Its rows must be exactly those of the two steps.

Views (``speechkit.analyzers.grouping``: ``--meta``, ``--by``, ``--pivot``) read three more
attributes: ``speech_column`` (the output column naming a row's speech), ``feature`` (what
an occurrence row is an occurrence of, counted per group) and ``pivot_index`` (the column
``--pivot`` makes rows of). ``needs_groups = True`` makes ``combine`` receive ``groups``
(speech id -> the ``--by`` value).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from speechkit.errors import SpeechkitError

if TYPE_CHECKING:
    from speechkit.model import Speech


@dataclass(frozen=True)
class Option:
    """One option of an analyzer: a keyword argument in the library, a flag on the CLI."""

    name: str  # the keyword argument
    help: str
    kind: str = "str"  # str | int | flag | choice | path
    default: Any = None
    flags: tuple[str, ...] = ()  # CLI spellings; default --name-with-dashes
    choices: tuple[str, ...] = ()
    multiple: bool = False
    minimum: int | None = None
    metavar: str | None = None
    # An optional argument before INPUT... on the CLI (kwic's PATTERN); when one of the
    # options named in ``unless`` is given, the first argument is an input instead.
    positional: bool = False
    unless: tuple[str, ...] = ()

    @property
    def cli_flags(self) -> tuple[str, ...]:
        if self.positional:
            return (self.metavar or self.name.upper(),)
        return self.flags or ("--" + self.name.replace("_", "-"),)

    def check(self, value: Any) -> Any:
        """``value`` as the analyzer wants it, or a one-line error naming the option."""
        flag = self.cli_flags[-1]
        if value is None:
            return () if self.multiple else self.default
        if self.kind == "flag":
            return bool(value)
        if self.multiple:
            return tuple(value)
        if self.kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                raise SpeechkitError(f"{flag} must be a whole number, got {value!r}")
            if self.minimum is not None and value < self.minimum:
                raise SpeechkitError(f"{flag} must be at least {self.minimum}, got {value}")
        if self.kind == "choice" and value not in self.choices:
            raise SpeechkitError(
                f"{flag}: unknown value {value!r}; use one of {', '.join(self.choices)}"
            )
        return value


class Analyzer:
    """Base class: subclasses set the attributes and write ``per_speech`` and ``combine``."""

    name: str = ""
    help: str = ""
    description: str = ""
    options: tuple[Option, ...] = ()
    columns: tuple[str, ...] = ()
    # Columns drawn in a terminal table (None: all); CSV and JSON always hold all of them.
    table_columns: tuple[str, ...] | None = None
    title: str = ""
    rounds: int = 1
    needs_tokens: bool = False
    # The writer (speechkit.output.WRITERS) that draws the rows on a terminal.
    table_writer: str = "table"
    speech_column: str = "speech"
    feature: str | None = None
    pivot_index: str | None = None
    needs_groups: bool = False

    def resolve(self, **options: Any) -> dict[str, Any]:
        """``options`` checked, with every option's default filled in."""
        known = {option.name: option for option in self.options}
        unknown = set(options) - set(known)
        if unknown:
            raise SpeechkitError(
                f"{self.name}: unknown option {', '.join(sorted(unknown))}; "
                f"known: {', '.join(known) or 'none'}"
            )
        return {name: option.check(options.get(name)) for name, option in known.items()}

    def output_columns(self, **options: Any) -> list[str]:
        """The columns of ``combine``'s rows for these options."""
        return list(self.columns)

    def heading(self, **options: Any) -> str:
        """The title of the terminal table for these options."""
        return self.title or self.name.capitalize()

    def view(self, **options: Any) -> str:
        """How the CLI draws the rows by default: ``rows`` (table, CSV, JSON) or ``tree``."""
        return "rows"

    def warm(self, context: Any = None, **options: Any) -> None:
        """Load what ``per_speech`` will need (modules, tables): engines call it in each new
        worker, while the main process is still reading the input. ``context``: the second
        round's context, when the engine has it already (no first round to wait for)."""

    def needs_scan(self, **options: Any) -> bool:
        """Whether the first round has anything to find with these options; when not,
        engines skip it and take ``gather([], **options)`` as the context."""
        return self.rounds == 2

    def scan(self, speech: Speech, **options: Any) -> Any:
        raise NotImplementedError

    def gather(self, scans: Iterable[Any], **options: Any) -> Any:
        raise NotImplementedError

    def per_speech(self, speech: Speech, **options: Any) -> Iterable[dict]:
        raise NotImplementedError

    def held(self, record: dict) -> dict:
        """``record`` as a view (``--by``, ``--meta``, ``--pivot``) holds it until every
        speech is in: an analyzer with bulky records may make them compact here, in a form
        its ``combine`` also takes."""
        return record

    def counts_whole(self, **options: Any) -> bool:
        """Whether ``combine_whole`` gives these options' rows (see the module docstring)."""
        return False

    def combine_whole(self, whole: Any, **options: Any) -> Iterable[dict]:
        raise NotImplementedError

    def combine(self, records: Iterable[dict], **options: Any) -> Iterable[dict]:
        raise NotImplementedError
