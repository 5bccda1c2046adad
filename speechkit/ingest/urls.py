"""Inputs named by URL (``s3://bucket/dumps/x.txt``, ``https://…``, ``file:///…``): read with
fsspec where it is installed (it comes with ``speechkit[dask]``), whole, by this process.

A URL is read like a local dump, never streamed: its bytes come once (and are kept for the
run, as standard input's are), then it is decoded and split as usual. The workers of any
engine get raw slices from this process, so they need no access to the URL.
"""

from __future__ import annotations

import re

from speechkit.errors import SpeechkitError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
INSTALL_HINT = "reading {url} needs fsspec (and the package of its protocol); pip install fsspec"


def is_url(path: str) -> bool:
    """Whether ``path`` names a URL rather than a local file (``scheme://…``)."""
    return bool(_URL.match(path))


def url_bytes(url: str, what: str = "raw dump") -> bytes:
    """The bytes at ``url``, or a one-line ``SpeechkitError`` saying why not."""
    try:
        import fsspec
    except ImportError:
        raise SpeechkitError(INSTALL_HINT.format(url=url)) from None
    try:
        with fsspec.open(url, "rb") as stream:
            return stream.read()
    except FileNotFoundError:
        raise SpeechkitError(f"{url}: no such file; check the URL of the {what}.") from None
    except IsADirectoryError:
        raise SpeechkitError(f"{url}: is a directory; give a {what} file.") from None
    except ImportError as exc:  # the protocol's own package (s3fs, gcsfs…)
        raise SpeechkitError(f"{url}: {exc}".splitlines()[0]) from None
    except ValueError as exc:  # an unknown protocol
        raise SpeechkitError(f"{url}: {exc}".splitlines()[0]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise SpeechkitError(f"{url}: cannot read the {what} ({reason}).") from None
