"""Give the memory a long text's intermediates were freed from back to the system.

glibc's malloc keeps what Python frees in its heap for reuse; after a 100 MB speech is
cleaned and converted a window at a time, 180 MB of freed windows stayed in a worker's heap
(its RSS 355 MB, 178 MB after ``malloc_trim``) while the next step ran. Elsewhere (no glibc)
this does nothing.
"""

from __future__ import annotations

import functools


def give_back() -> None:
    """Return the heap's free memory to the system (glibc ``malloc_trim``), if possible."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
