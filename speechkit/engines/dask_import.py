"""Importing distributed, for a Dask run's client: a one-line error where it is missing, and
an import that costs less than distributed's own."""

from __future__ import annotations

from contextlib import contextmanager
from functools import partial

from speechkit.errors import SpeechkitError

INSTALL_HINT = (
    "--engine dask needs dask and distributed; install them: pip install 'speechkit[dask]'"
)


def import_distributed():
    """distributed, imported (``_lean``), or a one-line error naming the extra to install."""
    try:
        with _lean():
            import distributed
    except ImportError:
        raise SpeechkitError(INSTALL_HINT) from None
    return distributed


@contextmanager
def _lean():
    """Import distributed here for less: its configuration files are parsed with libyaml's
    loader (where PyYAML has it) instead of the pure-Python one distributed calls, and numpy
    is kept out when nothing has imported it (distributed imports it only to allocate receive
    buffers without zeroing them; this process receives rows of a few hundred KB). The same
    configuration either way; 0.1-0.2 s of the 0.4-0.6 s the import takes. Once the import is
    over, both are as they were: numpy imports as usual, for this process and its caller."""
    import sys

    import yaml

    safe_load = yaml.safe_load
    keep_numpy_out = "numpy" not in sys.modules
    if getattr(yaml, "__with_libyaml__", False):
        yaml.safe_load = partial(yaml.load, Loader=yaml.CSafeLoader)
    if keep_numpy_out:
        sys.modules["numpy"] = None  # an import of it raises ImportError
    try:
        yield
    finally:
        yaml.safe_load = safe_load
        if keep_numpy_out and sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]
