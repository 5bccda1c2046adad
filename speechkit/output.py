"""The one table of writers every command uses: a rich table, CSV, JSON Lines, or a tree.

Rows are dicts; ``columns`` gives their order. No pandas: CSV cells are written as pandas'
``to_csv`` writes them (None empty, floats as ``repr``), so scripts see the same bytes, with
two exceptions for safety: a cell holding a carriage return is quoted (pandas and Python's
csv would write it bare, which no reader parses back), and a text cell that a spreadsheet
would run as a formula (it starts with = + - @, a tab or a CR) gets a leading ``'`` unless
``raw_cells`` is set. JSON Lines never hold ``NaN`` or ``Infinity``; empty cells are null.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from speechkit.atomic import atomic_file
from speechkit.errors import SpeechkitError

FORMATS = ("table", "csv", "json")
SUFFIXES = {".csv": "csv", ".json": "json", ".jsonl": "json", ".ndjson": "json"}
CELL_WIDTH = 40


def resolve_format(fmt: str | None, path: str | None, stream: IO[str]) -> str:
    """``fmt`` if given; else from the output file's suffix; else a table only on a terminal."""
    if fmt:
        return fmt
    if path:
        return SUFFIXES.get(Path(path).suffix.lower(), "csv")
    return "table" if stream.isatty() else "csv"


def _plain(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# What a spreadsheet runs as a formula (OWASP's CSV injection list), and plain numbers that
# start with a sign, which it reads as numbers and so stay as they are.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?%?")
MUST_QUOTE = re.compile(r'[,"\r\n]')
NEEDS_QUOTES = re.compile(r'["\r\n]')  # in a joined line, where commas are checked apart
WRITE_LINES = 4096  # CSV lines per write


def _csv_cell(value, raw_cells: bool = False) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if not isinstance(value, str):
        return str(value)
    if not raw_cells and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv_line(cells: list[str]) -> str:
    """One CSV record as Python's csv module writes it (minimal quoting, "\\n" ends), except
    that a cell holding a carriage return is quoted too."""
    if cells == [""]:
        return '""\n'
    quoted = [
        '"' + cell.replace('"', '""') + '"' if MUST_QUOTE.search(cell) else cell for cell in cells
    ]
    return ",".join(quoted) + "\n"


def write_csv(
    rows: Sequence[dict],
    columns: Sequence[str],
    stream: IO[str],
    title: str = "",
    raw_cells: bool = False,
) -> None:
    stream.write(_csv_line([str(column) for column in columns]))
    isfinite = math.isfinite
    commas = len(columns) - 1
    lines: list[str] = []
    for row in rows:
        # Plain text, integers, finite floats and empty cells, most cells, inline; the rest
        # through _csv_cell.
        cells = [
            value
            if (kind := type(value)) is str and not value.startswith(FORMULA_START)
            else str(value)
            if kind is int
            else repr(value)
            if kind is float and isfinite(value)
            else ""
            if value is None
            else _csv_cell(value, raw_cells)
            for value in map(row.get, columns)
        ]
        line = ",".join(cells)
        # Most lines need no quoting: no cell holds a comma, a quote or a line break.
        if line.count(",") != commas or not line or NEEDS_QUOTES.search(line):
            line = _csv_line(cells)[:-1]
        lines.append(line)
        if len(lines) == WRITE_LINES:
            stream.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        stream.write("\n".join(lines) + "\n")


def _json_cell(value):
    value = _plain(value)
    return None if value == "" else value


def write_jsonl(
    rows: Sequence[dict], columns: Sequence[str], stream: IO[str], title: str = "", **_
) -> None:
    for row in rows:
        record = {column: _json_cell(row.get(column)) for column in columns}
        stream.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")


def _cell(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value).replace("\n", "⏎")
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def _numeric(rows: Sequence[dict], column: str) -> bool:
    values = [row.get(column) for row in rows]
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, (int, float)) for v in present)


def write_table(
    rows: Sequence[dict], columns: Sequence[str], stream: IO[str], title: str = "", **_
) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    for column in columns:
        justify = "right" if _numeric(rows, column) else "left"
        table.add_column(str(column), justify=justify, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    # Off a terminal (a file, a pipe, a test) rich would assume 80 columns and fold cells.
    width = None if stream.isatty() else 200
    console = Console(file=stream, width=width)
    console.print(table)
    if not rows:
        console.print("[dim]no rows[/dim]")


def write_tree(
    rows: Sequence[dict], columns: Sequence[str], stream: IO[str], title: str = "", **_
) -> None:
    """A tree per speech from outline rows (``speech``, ``path``, ``marker``, ``heading``)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree("[bold]directives[/bold]", hide_root=True)
    branches: dict[str, Tree] = {}
    nodes: dict[tuple[str, str], Tree] = {}
    for row in rows:
        speech = str(row["speech"])
        if speech not in branches:
            branches[speech] = root.add(f"[bold]{escape(speech)}[/bold]")
        branch = branches[speech]
        parent_path = row["path"].rpartition(".")[0]
        parent = nodes.get((speech, parent_path), branch)
        if parent_path and (speech, parent_path) not in nodes:  # the virtual intro item 0
            parent = nodes[(speech, parent_path)] = branch.add("[dim](before the outline)[/dim]")
        heading = row["heading"] if len(row["heading"]) <= 40 else row["heading"][:39] + "…"
        nodes[(speech, row["path"])] = parent.add(
            f"[cyan]{escape(row['marker'])}[/cyan] {escape(heading)}"
        )
    # A file gets 120 columns; a terminal or pipe rich's own width (80 off a terminal).
    width = None if stream is sys.stdout else 120
    Console(file=stream, width=width).print(root)


def write_kwic(
    rows: Sequence[dict], columns: Sequence[str], stream: IO[str], title: str = ""
) -> None:
    """Concordance lines: the keyword centred and highlighted between its contexts."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False, box=None, padding=(0, 1))
    table.add_column("docname", style="dim", no_wrap=True)
    table.add_column("from", justify="right", style="dim")
    table.add_column("pre", justify="right", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("keyword", justify="center", style="bold reverse", no_wrap=True)
    table.add_column("post", justify="left", no_wrap=True, overflow="ellipsis", ratio=1)
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in ("docname", "from", "pre", "keyword", "post")))
    width = None if stream.isatty() else 200
    console = Console(file=stream, width=width)
    console.print(table)
    if not rows:
        console.print("[dim]no rows[/dim]")


WRITERS: dict[str, Callable[..., None]] = {
    "csv": write_csv,
    "json": write_jsonl,
    "table": write_table,
    "tree": write_tree,
    "kwic": write_kwic,
}


class Output:
    """Where and how a command writes its rows; made by the ``table_output`` CLI decorator.

    A file is written to a temporary sibling and renamed over ``path`` when complete, so
    the old file stays whole until the new one is.
    """

    def __init__(self, fmt: str | None = None, path: str | None = None, raw_cells: bool = False):
        self.path = path
        self.fmt = fmt
        self.raw_cells = raw_cells
        self.stream: IO[str] = sys.stdout

    @property
    def format(self) -> str:
        return resolve_format(self.fmt, self.path, self.stream)

    @property
    def atomic(self) -> bool:
        """Whether rows go to a file that appears only once it is complete."""
        return bool(self.path) and self.path != "-"

    def check(self) -> None:
        """Fail now, before any analysis, if ``path`` cannot be written."""
        if not self.path or self.path == "-":
            return
        check_writable_file(Path(self.path))

    def emit(
        self, rows: Sequence[dict], columns: Sequence[str], title: str = "", fmt: str | None = None
    ) -> None:
        write = WRITERS[fmt or self.format]
        extra = {"raw_cells": self.raw_cells} if write is write_csv else {}
        if self.atomic:
            with atomic_file(self.path, encoding="utf-8", newline="") as stream:
                write(rows, columns, stream, title, **extra)
        else:
            write(rows, columns, self.stream, title, **extra)


def check_writable_file(path: Path) -> None:
    """A one-line ``SpeechkitError`` unless a file can be written at ``path``."""
    folder = path.parent
    if path.is_dir():
        raise SpeechkitError(f"{path}: is a directory; give a file name to write to.")
    if not folder.is_dir():
        raise SpeechkitError(
            f"{path}: the folder {folder} does not exist; create it first or choose another path."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SpeechkitError(
            f"{path}: cannot write in {folder} (permission denied); choose another path."
        )
