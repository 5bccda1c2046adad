"""The one reader of data files: the tables bundled in ``speechkit/data`` and files a user names.

Bundled tables are UTF-8 text; lines starting with ``#`` and blank lines are comments. A file
the user names is read with a one-line ``SpeechkitError`` that names it and says what to do.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from speechkit.errors import SpeechkitError


@cache
def bundled_text(name: str) -> str:
    """The text of ``speechkit/data/<name>``."""
    return files("speechkit.data").joinpath(name).read_text(encoding="utf-8")


def bundled_bytes(name: str) -> bytes:
    """The bytes of ``speechkit/data/<name>`` (to hash it, say)."""
    return files("speechkit.data").joinpath(name).read_bytes()


def data_lines(text: str) -> list[str]:
    """The lines of a data file that are neither blank nor comments."""
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def bundled_lines(name: str) -> list[str]:
    """The data lines of ``speechkit/data/<name>``."""
    return data_lines(bundled_text(name))


def bundled_rows(name: str) -> list[list[str]]:
    """The data lines of a bundled TSV, split on tabs, each cell stripped."""
    return [[cell.strip() for cell in line.split("\t")] for line in bundled_lines(name)]


def user_bytes(path: str | Path, what: str) -> bytes:
    """The bytes of a file the user named (``what`` it should be, for the message), or a
    one-line ``SpeechkitError`` saying why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise SpeechkitError(f"{path}: no such file; check the path to the {what}.") from None
    except IsADirectoryError:
        raise SpeechkitError(f"{path}: is a directory; give a {what} file.") from None
    except PermissionError:
        raise SpeechkitError(f"{path}: permission denied; check the mode of the {what}.") from None
    except OSError as exc:
        raise SpeechkitError(f"{path}: cannot read the {what} ({exc.strerror}).") from None


def user_text(path: str | Path, what: str) -> str:
    """``user_bytes`` decoded as UTF-8, with a one-line error if it is not."""
    try:
        return user_bytes(path, what).decode("utf-8")
    except UnicodeDecodeError:
        raise SpeechkitError(f"{path}: the {what} is not UTF-8; save it as UTF-8.") from None
