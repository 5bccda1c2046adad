"""The one exception type for mistakes a user can fix, and reading a user's file with it."""

from pathlib import Path


class SpeechkitError(Exception):
    """A problem with the user's input, worded as: what is wrong, and what to do."""


def read_user_file(path: str | Path, what: str) -> bytes:
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


def read_user_text(path: str | Path, what: str) -> str:
    """``read_user_file`` decoded as UTF-8, with a one-line error if it is not."""
    try:
        return read_user_file(path, what).decode("utf-8")
    except UnicodeDecodeError:
        raise SpeechkitError(f"{path}: the {what} is not UTF-8; save it as UTF-8.") from None
