"""Tokens kept beside a corpus directory (tokens.parquet), so a second `words` run skips jieba.

Rows are keyed by a hash of the speech text plus the segmentation fingerprint (jieba's
version and the user words): a changed speech or a changed lexicon is tokenized afresh.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

CACHE_FILE = "tokens.parquet"


def text_key(text: str, fingerprint: str) -> str:
    return hashlib.sha1((fingerprint + "\n" + text).encode("utf-8")).hexdigest()


def read(directory: Path) -> dict[str, list[str]]:
    path = directory / CACHE_FILE
    if not path.is_file():
        return {}
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=["key", "tokens"])
    except (OSError, ValueError):
        return {}  # a damaged cache is only a slower run: it is rewritten below
    return dict(zip(table.column("key").to_pylist(), table.column("tokens").to_pylist()))


def write(directory: Path, entries: dict[str, list[str]]) -> None:
    """Replace the cache atomically (a temp file renamed into place)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {"key": list(entries), "tokens": pa.array(list(entries.values()), pa.list_(pa.string()))}
    )
    fd, tmp = tempfile.mkstemp(prefix=".tokens.", suffix=".parquet", dir=directory)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, directory / CACHE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
