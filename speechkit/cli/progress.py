"""A progress line on a terminal for long runs: it appears only after a second or two."""

from __future__ import annotations

import sys
import time

DELAY = 1.5  # seconds before a run earns a progress display


class SpeechProgress:
    """Counts speeches and characters as a corpus streams by; draws on stderr if a terminal."""

    def __init__(self, stream=None, delay: float = DELAY):
        self.stream = stream or sys.stderr
        self.delay = delay
        self.started = time.monotonic()
        self.speeches = 0
        self.chars = 0
        self._live = None
        self._enabled: bool | None = None

    @property
    def enabled(self) -> bool:
        # Asked once: a call per speech would hand the GIL to the thread receiving results
        # (isatty releases it) and keep the main thread waiting.
        if self._enabled is None:
            self._enabled = self.stream.isatty()
        return self._enabled

    def __call__(self, speech) -> None:
        self.speeches += 1
        self.chars += speech.chars
        if not self.enabled:
            return
        if self._live is None and time.monotonic() - self.started >= self.delay:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._live = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._task = self._live.add_task("")
            self._live.start()
        if self._live is not None:
            self._live.update(
                self._task, description=f"{self.speeches:,} speeches, {self.chars:,} characters"
            )

    def add(self, speeches: int, chars: int) -> None:
        """Count speeches that went by without being read one by one (a whole cached
        corpus): they are counted, not drawn."""
        self.speeches += speeches
        self.chars += chars

    def finish(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None


class TaskProgress:
    """Tasks done out of tasks submitted on a cluster (the Dask engine reports the counts
    the scheduler sends back); draws on stderr if a terminal, after ``delay`` seconds."""

    def __init__(self, stream=None, delay: float = DELAY):
        self.stream = stream or sys.stderr
        self.delay = delay
        self.started = time.monotonic()
        self._live = None

    def __call__(self, stage: str, done: int, submitted: int, all_submitted: bool) -> None:
        if not self.stream.isatty():
            return
        if self._live is None:
            if time.monotonic() - self.started < self.delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._live = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._task = self._live.add_task("")
            self._live.start()
        total = f"{submitted:,}" if all_submitted else f"{submitted:,}+"
        self._live.update(
            self._task,
            description=f"{stage}: {done:,}/{total} tasks",
            completed=done,
            total=submitted,
        )
        if all_submitted and done == submitted:
            self.finish()

    def finish(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
