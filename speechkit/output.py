"""The one way every command emits rows: a rich table on a terminal, else CSV or JSON Lines."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import IO

import pandas as pd

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
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def write_csv(frame: pd.DataFrame, stream: IO[str]) -> None:
    frame.to_csv(stream, index=False, lineterminator="\n")


def write_jsonl(frame: pd.DataFrame, stream: IO[str]) -> None:
    columns = list(frame.columns)
    for row in frame.itertuples(index=False, name=None):
        record = {key: _plain(value) for key, value in zip(columns, row)}
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _cell(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value).replace("\n", "⏎")
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def write_table(frame: pd.DataFrame, stream: IO[str], title: str = "") -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        table.add_column(str(column), justify="right" if numeric else "left", overflow="fold")
    for row in frame.itertuples(index=False, name=None):
        table.add_row(*(_cell(v) for v in row))
    # Off a terminal (a file, a pipe, a test) rich would assume 80 columns and fold cells.
    width = None if stream.isatty() else 200
    console = Console(file=stream, width=width)
    console.print(table)
    if frame.empty:
        console.print("[dim]no rows[/dim]")


class Output:
    """Where and how a command writes its rows; made by the ``table_output`` CLI decorator."""

    def __init__(self, fmt: str | None = None, path: str | None = None):
        self.path = path
        self.fmt = fmt
        self.stream: IO[str] = sys.stdout

    @property
    def format(self) -> str:
        return resolve_format(self.fmt, self.path, self.stream)

    def emit(self, frame: pd.DataFrame, title: str = "") -> None:
        fmt = self.format
        if self.path and self.path != "-":
            with open(self.path, "w", encoding="utf-8", newline="") as stream:
                self._write(frame, fmt, stream, title)
        else:
            self._write(frame, fmt, self.stream, title)

    @staticmethod
    def _write(frame: pd.DataFrame, fmt: str, stream: IO[str], title: str) -> None:
        if fmt == "csv":
            write_csv(frame, stream)
        elif fmt == "json":
            write_jsonl(frame, stream)
        else:
            write_table(frame, stream, title)
