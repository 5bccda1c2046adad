"""The People's Daily (人民日报) of January-June 1998 as central documents for the miners (round 37,
issue 12).

Source: the People's Daily NER data (MSRA/人民日报 1998, files ``example.train``, ``example.dev``,
``example.test``: one character and its BIO tag per line, sentences separated by blank lines),
read from the git directory of a fetched mirror given on the command line
(``--peoples-daily GITDIR``, with ``git show HEAD:...``; no work tree needed). Round 37 read
zjy-ucas/ChineseNER, ``data/example.dev`` and ``data/example.test`` at commit
48e1007e60194c13377f8ce612c505d484b18c7d (``data/example.train`` is listed in that snapshot but
its blob is absent, as in every stored copy found; OYE93/Chinese-NLP-Corpus ``NER/People's
Daily/`` holds the same three blobs). The dataset is not copied into the repository.

Each file's sentences are rebuilt (the characters joined, the tags dropped) and grouped, in the
file's order, into chunks of CHUNK sentences: each chunk is one "document" of 1998, so the miners'
"seen in two documents" rules mean "said in two parts of the paper".
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator

FILES = ("example.train", "example.dev", "example.test")
CHUNK = 200
YEAR = 1998
SOURCE = "人民日报 1998"


def sentences(lines: Iterable[str]) -> Iterator[str]:
    """The sentences of the NER format: the first field of each line (its character) joined, the
    tag dropped; a blank line ends a sentence."""
    chars: list[str] = []
    for line in lines:
        fields = line.split()
        if fields:
            chars.append(fields[0])
        elif chars:
            yield "".join(chars)
            chars = []
    if chars:
        yield "".join(chars)


def chunked(name: str, said: Iterable[str], size: int = CHUNK) -> list[tuple[int, str, str]]:
    """``(1998, "人民日报 1998 NAME k", text)`` for each run of ``size`` sentences, one per line."""
    said = list(said)
    return [
        (YEAR, f"{SOURCE} {name} {k + 1}", "\n".join(said[i : i + size]) + "\n")
        for k, i in enumerate(range(0, len(said), size))
    ]


def _present(mirror: str) -> list[str]:
    """The dataset's files in the mirror's HEAD whose blobs are really there."""
    listing = subprocess.run(
        ["git", "--git-dir", mirror, "ls-tree", "-r", "--name-only", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    paths = [p for p in listing if p.rsplit("/", 1)[-1] in FILES]
    there = []
    for path in paths:
        probe = ["git", "--git-dir", mirror, "cat-file", "-e", f"HEAD:{path}"]
        if subprocess.run(probe, capture_output=True).returncode == 0:
            there.append(path)
    return sorted(there, key=lambda p: FILES.index(p.rsplit("/", 1)[-1]))


def git_show(mirror: str, path: str) -> str:
    """The text of ``path`` at HEAD of the git directory ``mirror`` (no work tree needed)."""
    return subprocess.run(
        ["git", "--git-dir", mirror, "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def documents(mirror: str, size: int = CHUNK) -> list[tuple[int, str, str]]:
    """``(1998, name, text)`` chunks of every dataset file present in the mirror's HEAD."""
    docs = []
    for path in _present(mirror):
        text = git_show(mirror, path)
        name = path.rsplit("/", 1)[-1].removeprefix("example.")
        docs += chunked(name, sentences(text.splitlines()), size)
    if not docs:
        raise ValueError(f"{mirror}: no People's Daily NER file ({', '.join(FILES)}) present")
    return docs
