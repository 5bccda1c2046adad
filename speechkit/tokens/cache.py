"""Tokens kept beside a corpus directory (tokens.arrow), so a second `words` run skips jieba.

Rows are keyed by a hash of the speech text plus the segmentation fingerprint (jieba's
version and the user words): a changed speech or a changed lexicon is tokenized afresh.

The file is an uncompressed Arrow IPC (Feather v2) file, read through a memory map: a
second run touches the tokens in place instead of decompressing them (Parquet with zstd was
ten times smaller on disk but cost 130 MB of memory and 0.2 s to read 20 MB of speeches).
pandas, polars and R's arrow package read it with read_feather.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

CACHE_FILE = "tokens.arrow"


def text_key(text: str, fingerprint: str) -> str:
    return hashlib.sha1((fingerprint + "\n" + text).encode("utf-8")).hexdigest()


def read(directory: Path):
    """The cached ``key, tokens`` table (pyarrow), or None when there is none."""
    path = directory / CACHE_FILE
    if not path.is_file():
        return None
    import pyarrow as pa
    import pyarrow.ipc as ipc

    try:
        table = ipc.open_file(pa.memory_map(str(path))).read_all()
        return table.select(["key", "tokens"])
    except (OSError, ValueError, KeyError):
        return None  # a damaged cache is only a slower run: it is rewritten


def write(directory: Path, table) -> None:
    """Replace the cache with ``table`` atomically (a temp file renamed into place)."""
    import pyarrow.feather as feather

    fd, tmp = tempfile.mkstemp(prefix=".tokens.", suffix=".arrow", dir=directory)
    os.close(fd)
    try:
        feather.write_feather(table, tmp, compression="uncompressed")
        os.replace(tmp, directory / CACHE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def single_array(column):
    """One Arrow array from a (usually one-chunk) column, copying only if it must."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def aligned_tokens(directory: Path, speeches: list, fingerprint: str, tokenize_joined):
    """Tokens of ``speeches`` in order, as a pyarrow list array, from the cache where possible.

    ``tokenize_joined(texts)`` yields, for each text the cache lacks, its tokens joined by
    ``speechkit.tokens.segment.SEPARATOR``; they are split into lists inside Arrow, so no Python
    object is made per token. If anything was missing the cache is rewritten with exactly
    this corpus's speeches.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from speechkit.tokens.segment import SEPARATOR

    keys = [text_key(s.text, fingerprint) for s in speeches]
    cached = read(directory)
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
    write(directory, pa.table({"key": keys, "tokens": tokens}))
    return tokens
