"""Wide candidate generators for the discovery ranker (issue 12, round 18): every phrase of
one speech that could be a local slogan, far more than the hand-written families keep, for
``ranker.py`` to score. Four shapes: every quoted piece, phrases the speech says again
(maximal repeats), parallel clauses said on one template (新城拉框架，旧城提品位;
宁在苦中干、不在苦中熬), and maxims said as a clause (开放是出路). Pure functions over one
speech's text, each returning phrases in text order."""

from __future__ import annotations

import re
from collections import Counter

_CJK = "\u4e00-\u9fff"
# A quote of 2 to 24 characters on one line; its pieces between 、 ， ； too.
_QUOTE = re.compile("“([^“”\n]{2,24})”")
_PIECES = re.compile("[、，；]")
_WORDLIKE = re.compile(f"[{_CJK}0-9+·%]+(?:[、，][{_CJK}0-9+·%]+)*")
# Runs of CJK characters: a repeat never crosses punctuation.
_CJK_RUN = re.compile(f"[{_CJK}]{{4,}}")
# A phrase neither starts nor ends with a character that only joins or frames (的 and 了
# end a clause, 和 joins two, 在 and 把 open one): 的高质量发展 is no slogan.
_LOOSE_EDGE = frozenset("的了和与及是在对把为等着过要将就也都而并从向以于其之")
SHORTEST, LONGEST = 4, 12
# A sentence's clauses, and a clause's items: a parallel run sits inside one sentence.
_SENTENCE = re.compile("[^。；！？\n]+")
_ITEM_SEPARATOR = re.compile("([，、])")
_CLAUSE = re.compile(f"(?<=[，。；：、“\\n])([{_CJK}]{{4,10}})(?=[，。；、”\\n])")


def quoted_pieces(text: str) -> list[str]:
    """Every quoted phrase (“市区共建”, “四个上杭”), and each piece of a quoted series."""
    found = []
    for m in _QUOTE.finditer(text):
        inner = m.group(1).replace(" ", "")
        if _WORDLIKE.fullmatch(inner):
            found.append(inner)
            pieces = _PIECES.split(inner)
            if len(pieces) > 1:
                found.extend(p for p in pieces if len(p) >= 2)
    return found


def repeats(text: str) -> list[str]:
    """Phrases of 4 to 12 CJK characters said at least twice in the speech, as long as they
    run: no longer phrase around them is said as often (持续求进 said three times, not
    持续求 or 续求进)."""
    counts: Counter[str] = Counter()
    for m in _CJK_RUN.finditer(text):
        run = m.group()
        for size in range(SHORTEST, LONGEST + 2):  # one more, to know what is maximal
            counts.update(run[i : i + size] for i in range(len(run) - size + 1))
    held: set[str] = set()
    for phrase, count in counts.items():
        if count >= 2 and len(phrase) > SHORTEST:
            for part in (phrase[1:], phrase[:-1]):
                if counts[part] == count:
                    held.add(part)
    return [
        phrase
        for phrase, count in counts.items()
        if count >= 2
        and len(phrase) <= LONGEST
        and phrase not in held
        and phrase[0] not in _LOOSE_EDGE
        and phrase[-1] not in _LOOSE_EDGE
    ]


def parallel_clauses(text: str) -> list[str]:
    """Two or more items in a row of one length (3 to 8 characters) that share a character
    at one place, as written with their separators: 新城拉框架，旧城提品位; 宁在苦中干、
    不在苦中熬、不在苦中等; 开放是出路，项目是支撑. The piece before the run may end with
    an item and the piece after it begin with one (坚持创建为民、创建惠民；: 创建为民)."""
    found = []
    for sentence in _SENTENCE.finditer(text):
        parts = _ITEM_SEPARATOR.split(sentence.group())
        items, separators = parts[0::2], parts[1::2]
        start = 0
        while start < len(items):
            size = len(items[start])
            end = start + 1
            while end < len(items) and len(items[end]) == size:
                end += 1
            if 3 <= size <= 8:
                run = _templated_run(items, separators, start, end, size)
                if run:
                    found.append(run)
            start = end
    return found


def _templated_run(items: list[str], separators: list[str], start: int, end: int, size: int):
    """The longest templated run of the whole items ``items[start:end]``, with the end of
    the piece before them and the start of the piece after them as items when they fit."""
    before = start > 0 and len(items[start - 1]) > size
    after = end < len(items) and len(items[end]) > size
    best = ""
    for lead in (True, False) if before else (False,):
        for tail in (True, False) if after else (False,):
            run = items[start:end]
            seps = separators[start : end - 1]
            if lead:
                run, seps = [items[start - 1][-size:], *run], [separators[start - 1], *seps]
            if tail:
                run, seps = [*run, items[end][:size]], [*seps, separators[end - 1]]
            if len(run) >= 2 and _templated(run):
                written = run[0] + "".join(sep + item for sep, item in zip(seps, run[1:]))
                if len(written) > len(best):
                    best = written
    return best


def _templated(items: list[str]) -> bool:
    """CJK items, not all alike, that share at least one character at one place."""
    if not all(re.fullmatch(f"[{_CJK}]+", item) for item in items) or len(set(items)) == 1:
        return False
    return any(len({item[i] for item in items}) == 1 for i in range(len(items[0])))


def maxim_clauses(text: str) -> list[str]:
    """A whole clause of 4 to 10 characters said as a maxim, X是Y or X为Y: ，开放是出路，."""
    return [
        m.group(1)
        for m in _CLAUSE.finditer(text)
        if re.search("^.{2,}[是为].{2,}$", m.group(1)) and m.group(1)[-1] not in _LOOSE_EDGE
    ]


WIDE = {
    "quote": quoted_pieces,
    "repeat": repeats,
    "parallel": parallel_clauses,
    "maxim": maxim_clauses,
}


def wide_candidates(text: str) -> dict[str, set[str]]:
    """Phrase -> the names of the wide generators that gave it."""
    found: dict[str, set[str]] = {}
    for name, generate in WIDE.items():
        for phrase in generate(text):
            found.setdefault(phrase, set()).add(name)
    return found
