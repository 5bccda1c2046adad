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
from collections.abc import Callable
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


def _hash_strings(hasher, array) -> None:
    """Feed a large_string array (offsets from 0) to ``hasher``: length, nulls, offsets, text."""
    hasher.update(f"{len(array)}:{array.null_count}:".encode())
    offsets = array.buffers()[1]
    count = (len(array) + 1) * 8
    hasher.update(memoryview(offsets)[:count])
    end = int.from_bytes(memoryview(offsets)[count - 8 : count], "little", signed=True)
    if end:
        hasher.update(memoryview(array.buffers()[2])[:end])


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
    import pyarrow.feather as feather

    fd, tmp = tempfile.mkstemp(prefix=".tokens.", suffix=".arrow", dir=directory)
    os.close(fd)
    atomic.register(tmp)
    try:
        metadata = {
            BACKEND_KEY: backend(name).encode(),
            HASH_KEY: digest(table.column("key"), table.column("tokens")).encode(),
        }
        feather.write_feather(
            table.replace_schema_metadata(metadata), tmp, compression="uncompressed"
        )
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


def aligned_tokens(
    directory: Path,
    speeches: list,
    fingerprint: str,
    tokenize_joined,
    notify: Callable[[str], None] | None = None,
    tokenizer: str | None = None,
):
    """Tokens of ``speeches`` in order, as a pyarrow list array, from the cache where possible.

    ``tokenize_joined(texts)`` yields, for each text the cache lacks, its tokens joined by
    ``speechkit.tokens.segment.SEPARATOR``; they are split into lists inside Arrow, so no Python
    object is made per token. If anything was missing the cache is rewritten with exactly
    this corpus's speeches; if it cannot be, ``notify`` is told once and the tokens are
    returned all the same. ``tokenizer`` names the backend (recorded in the file).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from speechkit.tokens.segment import SEPARATOR

    if not speeches:
        return pa.array([], pa.list_(pa.string()))
    keys = [text_key(s.text, fingerprint) for s in speeches]
    cached = read(directory, tokenizer)
    known = {} if cached is None else {k: i for i, k in enumerate(cached.column("key").to_pylist())}
    missing = [i for i, k in enumerate(keys) if k not in known]
    if not missing:
        rows = [known[k] for k in keys]
        column = single_array(cached.column("tokens"))
        return column if rows == list(range(cached.num_rows)) else column.take(pa.array(rows))
    joined = pa.array(list(tokenize_joined(speeches[i].text for i in missing)), pa.string())
    fresh = pc.split_pattern(joined, SEPARATOR)
    empty = pc.equal(joined, "")
    if pc.any(empty).as_py():  # an empty text splits into [""]; jieba gives no token for it
        fresh = pc.if_else(empty, pa.scalar([], fresh.type), fresh)
    del joined, empty
    if cached is None or len(missing) == len(keys):
        tokens = fresh
    else:
        # Rows 0..len(cached)-1 are the cache, the rest the fresh ones: pick each speech's row.
        fresh_row = {i: cached.num_rows + j for j, i in enumerate(missing)}
        rows = [fresh_row[i] if i in fresh_row else known[k] for i, k in enumerate(keys)]
        pool = single_array(cached.column("tokens"))
        tokens = pa.concat_arrays([pool, fresh.cast(pool.type)]).take(pa.array(rows))
    try:
        write(directory, pa.table({"key": keys, "tokens": tokens}), tokenizer)
    except OSError as exc:
        message = (
            f"{directory}: cannot write the token cache ({exc.strerror or exc}); the counts "
            "are complete, but the next run will tokenize again."
        )
        (notify or logging.getLogger("speechkit").warning)(message)
    return tokens
