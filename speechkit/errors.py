"""The exception types, and the record of a speech that failed during a run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass


class SpeechkitError(Exception):
    """A problem with the user's input, worded as: what is wrong, and what to do."""


class AnalysisError(Exception):
    """An analyzer (or cleaning) failed on one speech: the message starts with its id. Raised
    only when a run is asked to stop at the first failure (``on_error="raise"``); its
    ``failure`` is the ``SpeechFailure``."""

    def __init__(self, message: str, failure: SpeechFailure | None = None):
        super().__init__(message)
        self.failure = failure


@dataclass(frozen=True)
class SpeechFailure:
    """One speech whose cleaning or analysis raised: where it is in its raw file (``start``,
    ``end``: offsets into the decoded ``source``), which step failed (``cleaning``, or the
    analyzer's name, with `` scan`` for a first round), the exception's type and message,
    and its traceback as text (made where it happened, so it travels from any worker)."""

    id: str
    source: str
    start: int
    end: int
    step: str
    error: str
    message: str
    traceback: str = ""

    def line(self) -> str:
        """One line: ``dump-12 (dump.txt, raw 1200-3400): targets failed: ValueError: …``."""
        message = " ".join(self.message.splitlines())
        where = f"{self.source}, raw {self.start}-{self.end}"
        return f"{self.id} ({where}): {self.step} failed: {self.error}: {message}"

    def record(self) -> dict:
        """The failure as a plain dict (for ``DataFrame.attrs`` and JSON)."""
        return asdict(self)


def failure_of(exc: BaseException, id: str, source: str, start: int, end: int, step: str):
    """The ``SpeechFailure`` for ``exc``, raised while ``step`` ran on speech ``id``."""
    import traceback

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return SpeechFailure(id, source, start, end, step, type(exc).__name__, str(exc), text)


class Failures:
    """The speeches that failed in one run, and how many speeches the run saw.

    Engines ``count`` every speech they are handed and ``add`` each failure; the run goes on
    without the failed speech's rows. With ``stop=True`` the first failure raises
    ``AnalysisError`` instead (and ends the run); ``on_failure`` hears of each one as it
    happens (the CLI prints it).
    """

    def __init__(
        self, stop: bool = False, on_failure: Callable[[SpeechFailure], None] | None = None
    ):
        self.stop = stop
        self.on_failure = on_failure
        self.failed: list[SpeechFailure] = []
        self.speeches = 0

    def count(self, speeches: int) -> None:
        self.speeches += speeches

    def add(self, failure: SpeechFailure) -> None:
        if self.stop:
            raise AnalysisError(failure.line(), failure)
        self.failed.append(failure)
        if self.on_failure is not None:
            self.on_failure(failure)

    def extend(self, failures) -> None:
        for failure in failures:
            self.add(failure)

    def __bool__(self) -> bool:
        return bool(self.failed)

    def __len__(self) -> int:
        return len(self.failed)

    def summary(self) -> str:
        """``2 of 900 speeches failed; their rows are missing from the output``."""
        failed = len({failure.id for failure in self.failed})  # a speech may fail two steps
        total = max(self.speeches, failed)
        noun = "speech" if total == 1 else "speeches"
        return f"{failed} of {total:,} {noun} failed; their rows are missing from the output"


def failures_or_raise(failures: Failures | None) -> Failures:
    """``failures``, or when None (a library caller who gave none) a collector whose first
    failure raises ``AnalysisError``."""
    return failures if failures is not None else Failures(stop=True)
