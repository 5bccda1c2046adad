"""Tokens kept beside a corpus directory (tokens.arrow), so a second `words` run skips jieba.

Rows are keyed by a hash of the speech text plus the segmentation fingerprint (the tokenizer,
its version and the user words): a changed speech, tokenizer or lexicon is tokenized afresh.

The file is an uncompressed Arrow IPC (Feather v2) file, read through a memory map: a
second run touches the tokens in place instead of decompressing them (Parquet with zstd was
ten times smaller on disk but cost 130 MB of memory and 0.2 s to read 20 MB of speeches).
pandas, polars and R's arrow package read it with read_feather.

Nothing in the file is trusted: its schema metadata holds the token backend with its
version and a SHA-256 of the keys and tokens; before any use the table is validated in full
(offsets, UTF-8) and the hash compared. A file that fails any check is a cache miss, and
is rewritten. A cache that cannot be written (a read-only corpus) costs one notice.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from array import array
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

from speechkit import atomic

CACHE_FILE = "tokens.arrow"
HASH_KEY = b"speechkit.sha256"
BACKEND_KEY = b"speechkit.backend"


def text_key(text: str, fingerprint: str) -> str:
    return hashlib.sha1((fingerprint + "\n" + text).encode("utf-8")).hexdigest()


def backend(name: str | None = None) -> str:
    """The token backend ``name`` and its version, ``jieba 0.42.1`` (read without importing
    it; see ``speechkit.tokens.segment.backend`` for the default)."""
    from speechkit.tokens.segment import backend_version

    return backend_version(name)


def digest(keys, tokens) -> str:
    """SHA-256 of a cache's content: its keys, each row's token offsets and the tokens'
    text, read from the Arrow buffers (``binary_join`` would import pandas, 0.5 s)."""
    import pyarrow as pa

    hasher = hashlib.sha256()
    keys = single_array(keys) if hasattr(keys, "num_chunks") else keys
    _hash_strings(hasher, keys.cast(pa.large_string()))
    tokens = single_array(tokens) if hasattr(tokens, "num_chunks") else tokens
    tokens = tokens.cast(pa.large_list(pa.large_string()))  # fresh buffers, offsets from 0
    hasher.update(f"{len(tokens)}:{tokens.null_count}:".encode())
    hasher.update(memoryview(tokens.buffers()[1])[: (len(tokens) + 1) * 8])
    _hash_strings(hasher, tokens.values)
    return hasher.hexdigest()


def _hash_strings(hasher, strings_array) -> None:
    """Feed a large_string array (offsets from 0) to ``hasher``: length, nulls, offsets, text."""
    hasher.update(f"{len(strings_array)}:{strings_array.null_count}:".encode())
    offsets = strings_array.buffers()[1]
    count = (len(strings_array) + 1) * 8
    hasher.update(memoryview(offsets)[:count])
    end = int.from_bytes(memoryview(offsets)[count - 8 : count], "little", signed=True)
    if end:
        hasher.update(memoryview(strings_array.buffers()[2])[:end])


def read(directory: Path, name: str | None = None):
    """The cached ``key, tokens`` table (pyarrow), or None when there is none or it fails
    any check."""
    path = directory / CACHE_FILE
    if not path.is_file():
        return None
    import pyarrow as pa
    import pyarrow.ipc as ipc

    try:
        table = ipc.open_file(pa.memory_map(str(path))).read_all()
        metadata = table.schema.metadata or {}
        if metadata.get(BACKEND_KEY, b"").decode("utf-8", "replace") != backend(name):
            return None
        table = table.select(["key", "tokens"])
        if table.schema != pa.schema([("key", pa.string()), ("tokens", pa.list_(pa.string()))]):
            return None
        table.validate(full=True)  # offsets in bounds, valid UTF-8: safe to read from here
        expected = metadata.get(HASH_KEY, b"").decode("ascii", "replace")
        if digest(table.column("key"), table.column("tokens")) != expected:
            return None
        return table
    except Exception:  # any damage is a cache miss; the cache is then rewritten
        return None


def write(directory: Path, table, name: str | None = None) -> None:
    """Replace the cache with ``table`` atomically (a temp file renamed into place)."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    fd, tmp = tempfile.mkstemp(prefix=".tokens.", suffix=".arrow", dir=directory)
    os.close(fd)
    atomic.register(tmp)
    try:
        metadata = {
            BACKEND_KEY: backend(name).encode(),
            HASH_KEY: digest(table.column("key"), table.column("tokens")).encode(),
        }
        table = table.replace_schema_metadata(metadata)
        # An uncompressed Arrow IPC file is Feather v2; written with ipc, not
        # ``feather.write_feather``, which imports pandas (0.5 s) to check its argument.
        with pa.OSFile(tmp, "wb") as sink, ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        atomic.with_umask(tmp)
        with atomic.no_interrupts():
            os.replace(tmp, directory / CACHE_FILE)
            atomic.release(tmp)
    finally:
        if tmp in atomic.PENDING:
            atomic.remove(tmp)


def single_array(column):
    """One Arrow array from a (usually one-chunk) column, copying only if it must."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def lookup(directory: Path, speeches: list, fingerprint: str, tokenizer: str | None = None):
    """``(keys, column, rows)`` for ``speeches``: each speech's cache key, the valid cache's
    tokens column (None when there is no valid cache), and for each speech its row in that
    column, or None when the cache lacks it."""
    keys = [text_key(s.text, fingerprint) for s in speeches]
    cached = read(directory, tokenizer)
    if cached is None:
        return keys, None, [None] * len(keys)
    cached_keys = cached.column("key").to_pylist()
    column = single_array(cached.column("tokens"))
    if cached_keys == keys:
        return keys, column, list(range(len(keys)))
    known: dict[str, int] = {}
    for row, key in enumerate(cached_keys):
        known.setdefault(key, row)
    return keys, column, [known.get(key) for key in keys]


def store(
    directory: Path,
    keys: list[str],
    column,
    rows: list,
    fresh,
    tokenizer: str | None = None,
    notify: Callable[[str], None] | None = None,
) -> None:
    """Rewrite the cache with exactly these speeches: speech ``i`` gets row ``rows[i]`` of the
    cached ``column``, or, where that is None, the next row of ``fresh`` (the tokens of the
    speeches the cache lacked, in order). If it cannot be written, ``notify`` is told once."""
    import pyarrow as pa

    if column is None or all(row is None for row in rows):
        tokens = fresh
    else:
        picks, next_fresh = [], len(column)
        for row in rows:
            if row is None:
                row, next_fresh = next_fresh, next_fresh + 1
            picks.append(row)
        tokens = pa.concat_arrays([column, fresh.cast(column.type)]).take(integers(picks))
    table = pa.Table.from_arrays([strings(keys).cast(pa.string()), tokens], ["key", "tokens"])
    try:
        write(directory, table, tokenizer)
    except OSError as exc:
        message = (
            f"{directory}: cannot write the token cache ({exc.strerror or exc}); the counts "
            "are complete, but the next run will tokenize again."
        )
        (notify or logging.getLogger("speechkit").warning)(message)


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
        return self._chunks[0] if len(self._chunks) == 1 else pa.concat_arrays(self._chunks)


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
