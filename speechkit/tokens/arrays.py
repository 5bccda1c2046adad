"""Arrow arrays of tokens built from Python objects and worker output: the ``list<string>``
column of the token cache (``speechkit.tokens.cache``), made without ``pa.array`` (which
imports pandas) and without holding two copies of it."""

from __future__ import annotations

from array import array
from itertools import accumulate


class Joined:
    """Collects tokens joined by ``speechkit.tokens.segment.SEPARATOR`` (one UTF-8 string per
    speech, as workers send them) into a pyarrow list array, a chunk at a time, so the
    splitting runs while the workers still work rather than after them."""

    CHUNK = 64

    def __init__(self) -> None:
        self._pending: list[bytes] = []
        self._chunks: list = []

    def add(self, joined: bytes) -> None:
        self._pending.append(joined)
        if len(self._pending) >= self.CHUNK:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        import pyarrow as pa
        import pyarrow.compute as pc

        from speechkit.tokens.segment import SEPARATOR

        joined = utf8_strings(self._pending)
        tokens = pc.split_pattern(joined, SEPARATOR).cast(pa.list_(pa.string()))
        if b"" in self._pending:  # an empty text splits into [""]; it has no token
            empty = pc.equal(joined, "")
            tokens = pc.if_else(empty, pa.scalar([], tokens.type), tokens)
        self._chunks.append(tokens)
        self._pending = []

    def array(self):
        """Everything added so far, as one ``list<string>`` array."""
        import pyarrow as pa

        self._flush()
        if not self._chunks:
            return pa.array([], pa.list_(pa.string()))
        chunks, self._chunks = self._chunks, []
        return chunks[0] if len(chunks) == 1 else concatenated(chunks)


def concatenated(chunks: list):
    """``pa.concat_arrays(chunks)`` of ``list<string>`` arrays without nulls, copied into
    buffers of the final size a chunk at a time and each chunk let go once copied (emptying
    ``chunks``): at most one chunk besides the result is held, not all of them."""
    import numpy as np
    import pyarrow as pa

    rows = sum(len(chunk) for chunk in chunks)
    bounds = [_list_bounds(chunk) for chunk in chunks]
    tokens = sum(int(last - first) for first, last, _values in bounds)
    size = sum(
        int(offsets(values, first, last)[-1] - offsets(values, first, last)[0])
        for first, last, values in bounds
    )
    del bounds
    pool = pa.default_memory_pool()
    list_offsets = np.empty(rows + 1, np.int32)
    string_offsets = np.empty(tokens + 1, np.int32)
    data = np.empty(size, np.uint8)
    list_offsets[0] = string_offsets[0] = 0
    row = token = at = 0
    while chunks:
        chunk = chunks.pop(0)
        first, last, values = _list_bounds(chunk)
        rows_here = offsets(chunk, 0, len(chunk))
        list_offsets[row + 1 : row + len(chunk) + 1] = rows_here[1:] - first + token
        strings = offsets(values, first, last)
        string_offsets[token + 1 : token + (last - first) + 1] = strings[1:] - strings[0] + at
        text = int(strings[-1] - strings[0])
        data[at : at + text] = np.frombuffer(values.buffers()[2], np.uint8, text, int(strings[0]))
        row, token, at = row + len(chunk), token + int(last - first), at + text
        del chunk, values
        pool.release_unused()  # the chunk's memory, given back as it is copied (mimalloc keeps it)
    strings = pa.Array.from_buffers(
        pa.string(), tokens, [None, pa.py_buffer(string_offsets), pa.py_buffer(data)]
    )
    return pa.ListArray.from_buffers(
        pa.list_(pa.string()), rows, [None, pa.py_buffer(list_offsets)], children=[strings]
    )


def _list_bounds(chunk):
    """``(first, last, values)``: the span of ``chunk``'s tokens in its values array."""
    rows = offsets(chunk, 0, len(chunk))
    return int(rows[0]), int(rows[-1]), chunk.values


# Arrays from Python lists through their buffers: ``pa.array(list)`` imports pandas (0.5 s)
# to check whether the list is a pandas object.


def strings(values: list[str]):
    """A pyarrow ``large_string`` array of ``values``."""
    return utf8_strings([value.encode("utf-8") for value in values])


def utf8_strings(encoded: list[bytes]):
    """A pyarrow ``large_string`` array of strings already encoded in UTF-8."""
    import pyarrow as pa

    offsets = array("q", accumulate(map(len, encoded), initial=0))
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(pa.large_string(), len(encoded), buffers)


def integers(values: list[int]):
    """A pyarrow ``int64`` array of ``values``."""
    import pyarrow as pa

    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(array("q", values))])


def offsets(array, start: int, end: int):
    """Offsets ``start`` to ``end`` (inclusive) of a string or list array: a numpy view of
    its offsets buffer, int32 or int64 as the type has them."""
    import numpy as np
    import pyarrow.types as types

    large = types.is_large_string(array.type) or types.is_large_list(array.type)
    dtype = np.dtype(np.int64 if large else np.int32)
    count, at = end - start + 1, (array.offset + start) * dtype.itemsize
    return np.frombuffer(array.buffers()[1], dtype, count, at)
