"""The cue words of the targets analyzer (``speechkit/data/target_frames.tsv``) and the
canonical indicators (``speechkit/data/indicators.tsv``), read once."""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from speechkit.resources import bundled_rows
from speechkit.text.trie import trie_pattern

# Roles that set the frame of a clause, in the order a tie is broken.
FRAME_ROLES = (
    "future_time",
    "future",
    "weak_future",
    "past_time",
    "past",
    "weak_past",
    "forecast",
    "quote",
    "fact",
    "none",
)


@functools.cache
def cues() -> dict[str, frozenset[str]]:
    """role -> the cue words of that role."""
    roles: dict[str, set[str]] = defaultdict(set)
    for cue, role, *_ in bundled_rows("target_frames.tsv")[1:]:
        roles[role].add(cue)
    return {role: frozenset(words) for role, words in roles.items()}


@functools.cache
def frame_roles() -> dict[str, str]:
    """Frame cue -> its role (a word in two frame roles keeps the first of FRAME_ROLES)."""
    out: dict[str, str] = {}
    for role in reversed(FRAME_ROLES):
        for cue in cues().get(role, ()):
            out[cue] = role
    return out


@functools.cache
def frame_pattern() -> re.Pattern[str]:
    """Every frame cue; at a position the longest wins (主要 hides 要, 了解 hides 了)."""
    return re.compile(trie_pattern(frame_roles()))


@functools.cache
def words_pattern(role: str) -> re.Pattern[str]:
    """The cues of one role as one pattern."""
    return re.compile(trie_pattern(cues().get(role, ())))


@functools.cache
def indicators() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every indicator form (longest first) and form -> indicator id."""
    ids: dict[str, str] = {}
    for row in bundled_rows("indicators.tsv")[1:]:
        for form in row[2].split("|"):
            ids.setdefault(form, row[0])
    return re.compile(trie_pattern(ids)), ids


def indicator_id(indicator: str) -> str:
    """The id of the longest indicator form in ``indicator`` ('' when none)."""
    pattern, ids = indicators()
    best = ""
    for m in pattern.finditer(indicator):
        if len(m.group()) > len(best):
            best = m.group()
    return ids.get(best, "")
