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

The metadata also holds a memo of the corpus directory as it was read and checked (the
SHA-256 of its manifest, its speeches' files): while the manifest is that one and each file
still gives its row's key, a re-run takes the tokens without reading a speech (``read_whole``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from speechkit import atomic
from speechkit.tokens.arrays import integers, offsets, strings

CACHE_FILE = "tokens.arrow"
HASH_KEY = b"speechkit.sha256"
CORPUS_KEY = b"speechkit.corpus"
BACKEND_KEY = b"speechkit.backend"
STATS_KEY = b"speechkit.token_stats"


def text_key(text: str, fingerprint: str) -> str:
    return hashlib.sha1((fingerprint + "\n" + text).encode("utf-8")).hexdigest()


def backend(name: str | None = None) -> str:
    """The token backend ``name`` and its version, ``jieba 0.42.1`` (read without importing
    it; see ``speechkit.tokens.segment.backend`` for the default)."""
    from speechkit.tokens.segment import backend_version

    return backend_version(name)


def digest(keys, tokens) -> str:
    """SHA-256 of a cache's content: its keys, each row's token offsets and the tokens'
    text, read from the Arrow buffers. The offsets are hashed as int64 counted from 0, as
    if cast to ``large_list<large_string>`` (the value every cache was written with), but
    widened with numpy: an Arrow cast copied the text as well (0.25 s on 20 MB)."""
    hasher = hashlib.sha256()
    keys = single_array(keys) if hasattr(keys, "num_chunks") else keys
    tokens = single_array(tokens) if hasattr(tokens, "num_chunks") else tokens
    _hash_strings(hasher, keys, 0, len(keys))
    rows = offsets(tokens, 0, len(tokens))
    hasher.update(f"{len(tokens)}:{tokens.null_count}:".encode())
    _hash_offsets(hasher, rows)
    _hash_strings(hasher, tokens.values, int(rows[0]), int(rows[-1]))
    return hasher.hexdigest()


def _hash_strings(hasher, strings, start: int, end: int) -> None:
    """Feed strings ``start:end`` of a string array to ``hasher``: how many, nulls, offsets
    (int64, from 0), text."""
    bounds = offsets(strings, start, end)
    nulls = strings.slice(start, end - start).null_count
    hasher.update(f"{end - start}:{nulls}:".encode())
    _hash_offsets(hasher, bounds)
    if bounds[-1] > bounds[0]:
        hasher.update(memoryview(strings.buffers()[2])[int(bounds[0]) : int(bounds[-1])])


def _hash_offsets(hasher, offsets, block: int = 1 << 20) -> None:
    """Feed ``offsets`` to ``hasher`` as int64 counted from the first, a block at a time
    (a whole widened copy would cost 8 bytes a token)."""
    import numpy as np

    first = offsets[0]
    for start in range(0, len(offsets), block):
        hasher.update(np.subtract(offsets[start : start + block], first, dtype=np.int64))


def read(directory: Path, name: str | None = None):
    """The cached ``key, tokens`` table (pyarrow), or None when there is none or it fails
    any check."""
    table = _open(directory, name)
    return table if table is not None and _intact(table) else None


def _open(directory: Path, name: str | None):
    """The cache's table if it is there, of backend ``name`` and of the right schema, not
    yet checked further (``_intact``); else None."""
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
        columns = table.select(["key", "tokens"])
        if columns.schema != pa.schema([("key", pa.string()), ("tokens", pa.list_(pa.string()))]):
            return None
        return columns.replace_schema_metadata(metadata)
    except Exception:  # any damage is a cache miss; the cache is then rewritten
        return None


def _intact(table) -> bool:
    """Whether ``table`` is whole and as it was written: validated in full (offsets in
    bounds, valid UTF-8: safe to read from here), and its content hash the one written."""
    try:
        table.validate(full=True)
        expected = table.schema.metadata.get(HASH_KEY, b"").decode("ascii", "replace")
        return digest(table.column("key"), table.column("tokens")) == expected
    except Exception:  # any damage is a cache miss; the cache is then rewritten
        return False


def memo(table) -> dict | None:
    """What the cache says of the corpus directory it was written for (``corpus_memo``),
    or None."""
    try:
        found = json.loads(table.schema.metadata[CORPUS_KEY])
        return found if isinstance(found, dict) else None
    except (KeyError, TypeError, ValueError):
        return None


def corpus_memo(checked) -> dict:
    """The memo of a corpus directory as ``speechkit.ingest.corpus_dir.read`` checked it:
    its manifest's SHA-256 and its speeches' files, in the order of the cache's rows."""
    return {"manifest": checked.manifest_sha256, "files": list(checked.files)}


# Continuation bytes of UTF-8: a valid text has one character per other byte.
_CONTINUATION = bytes(range(0x80, 0xC0))


def read_whole(directory: Path, fingerprint: str, name: str | None = None):
    """``(tokens, speeches, characters, stats)`` of a corpus directory the cache holds whole,
    found without reading its speeches (``stats``: the ``TokenStats`` the cache keeps, or
    None), or None (then read them, and use ``lookup``).

    The cache must have been written after ``corpus_dir.read`` checked this directory
    (``corpus_memo``): the manifest must be byte for byte the one checked then, and each
    speech's file must still give its row's key (its text and the ``fingerprint`` of the
    segmentation). The checks of the manifest depend on nothing else, so they hold still."""
    from speechkit.ingest.corpus_dir import MANIFEST

    table = _open(directory, name)
    found = None if table is None else memo(table)
    if found is None:
        return None
    try:
        with open(directory / MANIFEST, "rb") as manifest:
            if hashlib.file_digest(manifest, "sha256").hexdigest() != found.get("manifest"):
                return None
        keys = table.column("key").to_pylist()
        files = found.get("files")
        if not isinstance(files, list) or len(files) != len(keys):
            return None
        prefix = (fingerprint + "\n").encode("utf-8")  # text_key, on the file's bytes
        characters = 0
        for file, key in zip(files, keys):
            text = (directory / file).read_bytes()
            hashed = hashlib.sha1(prefix)
            hashed.update(text)
            if hashed.hexdigest() != key:
                return None
            characters += len(text.translate(None, _CONTINUATION))
    except (OSError, TypeError, ValueError):  # gone, unreadable, or not a name: read them
        return None
    if not _intact(table):
        return None
    from speechkit.tokens.stats import unpacked

    stats = unpacked(table.schema.metadata.get(STATS_KEY))
    return single_array(table.column("tokens")), len(keys), characters, stats


def write(
    directory: Path, table, name: str | None = None, memo: dict | None = None, stats=None
) -> None:
    """Replace the cache with ``table`` atomically (a temp file renamed into place), with
    the ``memo`` of its corpus directory (``corpus_memo``) and the ``TokenStats`` of its
    tokens, if given."""
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
        if memo is not None:
            metadata[CORPUS_KEY] = json.dumps(memo, ensure_ascii=False).encode("utf-8")
        if stats is not None:
            from speechkit.tokens.stats import packed

            metadata[STATS_KEY] = packed(stats)
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
    """``(keys, column, rows, memo)`` for ``speeches``: each speech's cache key, the valid
    cache's tokens column (None when there is no valid cache), for each speech its row in
    that column, or None when the cache lacks it, and the cache's ``memo`` (or None)."""
    keys = [text_key(s.text, fingerprint) for s in speeches]
    return (keys, *lookup_keys(directory, keys, tokenizer))


def lookup_keys(directory: Path, keys: list[str], tokenizer: str | None = None):
    """``lookup`` of speeches whose keys are known: ``(column, rows, memo)``."""
    cached = read(directory, tokenizer)
    if cached is None:
        return None, [None] * len(keys), None
    cached_keys = cached.column("key").to_pylist()
    column = single_array(cached.column("tokens"))
    if cached_keys == keys:
        return column, list(range(len(keys))), memo(cached)
    known: dict[str, int] = {}
    for row, key in enumerate(cached_keys):
        known.setdefault(key, row)
    return column, [known.get(key) for key in keys], memo(cached)


def store(
    directory: Path,
    keys: list[str],
    column,
    rows: list,
    fresh,
    tokenizer: str | None = None,
    notify: Callable[[str], None] | None = None,
    memo: dict | None = None,
):
    """Rewrite the cache with exactly these speeches: speech ``i`` gets row ``rows[i]`` of the
    cached ``column``, or, where that is None, the next row of ``fresh`` (the tokens of the
    speeches the cache lacked, in order), and ``memo`` (``corpus_memo``) if the speeches
    are a corpus directory's as read and checked. If it cannot be written, ``notify`` is
    told once. Returns the tokens written (``assembled``), one row per speech, and their
    ``TokenStats``, which the cache keeps too."""
    import pyarrow as pa

    from speechkit.tokens.stats import token_stats

    tokens = assembled(column, rows, fresh)
    stats = token_stats(tokens)
    table = pa.Table.from_arrays([strings(keys).cast(pa.string()), tokens], ["key", "tokens"])
    try:
        write(directory, table, tokenizer, memo, stats)
    except OSError as exc:
        message = (
            f"{directory}: cannot write the token cache ({exc.strerror or exc}); the counts "
            "are complete, but the next run will tokenize again."
        )
        (notify or logging.getLogger("speechkit").warning)(message)
    return tokens, stats


def assembled(column, rows: list, fresh):
    """The tokens of the speeches, in order: speech ``i``'s are row ``rows[i]`` of the cached
    ``column``, or, where that is None, the next row of ``fresh``."""
    import pyarrow as pa

    if column is None or all(row is None for row in rows):
        return fresh
    if not len(fresh) and rows == list(range(len(column))):
        return column  # the same rows
    picks, next_fresh = [], len(column)
    for row in rows:
        if row is None:
            row, next_fresh = next_fresh, next_fresh + 1
        picks.append(row)
    return pa.concat_arrays([column, fresh.cast(column.type)]).take(integers(picks))
