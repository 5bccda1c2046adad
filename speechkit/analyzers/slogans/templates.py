"""Parallel series said once, unquoted, that make a local slogan by their device (issue 12,
round 27): items that count off 一、二、三 at one place (一产增效益、二产扩规模、三产提质量),
actions on counted objects (利用三个资源、打造三个增长极、培育两个市场), actions held to
(扭住发展不放松、大抓项目不动摇), whole clauses of short actions in pairs or of three templated
items (挑起担子、扑下身子、干出样子), five-character items hinged in the middle (科学新发现、
技术新发明) and a parallel series naming the programme after it (…港口铁路通项目). Pure
functions over one speech's text, as ``series.py``'s families, whose helpers they share.
"""

from __future__ import annotations

import re
from functools import lru_cache

from speechkit.analyzers.slogans.series import (
    _CJK,
    _parallel,
    _series_items,
    _shared_places,
    office_row,
)


def ordinal_series(text: str) -> list[str]:
    """Three or more items of four to eight characters that count off 一, 二, 三 … at one
    place, the rest of each item its own: 一产增效益、二产扩规模、三产提质量; 一产做优，二产做大，
    三产做强 (round 27). A count holds nothing of its own (第一季度、第二季度、第三季度: every
    other character shared), and an outline's 一是…、二是… or a count of things (一批, 两个)
    is no item."""
    from speechkit.analyzers.slogans.candidates import parallel_clauses

    found: list[str] = []
    if not _COUNTED_OFF.search(text):
        return found  # no 一… then 二… item in a row: the runs need not be read
    for run in parallel_clauses(text):
        items = _SEPARATOR.split(run)
        size = len(items[0])
        if len(items) < 3 or not 4 <= size <= 8:
            continue
        shared = _shared_places(items)
        for place in range(size):
            if "".join(item[place] for item in items) != _ORDINALS[: len(items)]:
                continue
            after = {item[place + 1 : place + 2] for item in items}
            before = {item[place - 1 : place] for item in items} if place else set()
            if after & _COUNT_WORDS or "第" in before or len(shared) >= size - 1:
                continue
            found.append(run)
            break
    return found


_SEPARATOR = re.compile("[、，]")
# An item with 一 followed, within a row, by one with 二.
_COUNTED_OFF = re.compile(f"一[{_CJK}]{{1,7}}[、，][{_CJK}]{{0,7}}二")
_ORDINALS = "一二三四五六七八九十"
# What a numeral counts or orders when it is no item's own: 一是, 一要, 一个, 一批, 一年 …
_COUNT_WORDS = frozenset("是要个项条种大批年次季期级号位")


# An action on a counted object: a verb of two characters, a numeral, a measure word and a
# head of one to four characters (利用三个资源, 打造三个增长极, 做好三篇文章).
_COUNTED_ACTION = f"[{_CJK}]{{2}}(?<!第)[一两二三四五六七八九十]+[个大项篇张条种][{_CJK}]{{1,4}}"
_COUNTED_ACTIONS = re.compile(
    f"(?<![一两二三四五六七八九十第]){_COUNTED_ACTION}(?:、{_COUNTED_ACTION}){{2,}}(?![{_CJK}])"
)


def counted_actions(text: str) -> list[str]:
    """Three or more actions on counted objects said as one series, a place's line of work:
    利用三个资源、打造三个增长极、培育两个市场; 坚持一个中心、突出两个重点、做好三篇文章、
    落实四项措施 (round 27). The verb is the first piece's last two characters; the last
    action ends the run."""
    return [m.group() for m in _COUNTED_ACTIONS.finditer(text)]


@lru_cache(maxsize=1)
def _held_actions() -> re.Pattern:
    from speechkit.analyzers.slogans.frames import cue_words

    ends = "|".join(map(re.escape, cue_words("persist")))
    # the first piece reaches back no further than the longest item: one look a place
    return re.compile(f"[{_CJK}]{{2,5}}(?:{ends})(?:[、，][{_CJK}]{{2,5}}(?:{ends}))+")


def held_actions(text: str) -> list[str]:
    """Two or more actions of one length, each held to with 不放松, 不动摇 … (cue kind
    ``persist``), said as one pledge: 扭住发展不放松、大抓项目不动摇 (round 27). The first
    piece is cut to the others' length; one such action alone (坚持党的基本路线不动摇) is
    none."""
    found = []
    for m in _held_actions().finditer(text):
        pieces = _SEPARATOR.split(m.group())
        size = len(pieces[1])
        if len(pieces[0]) < size or any(len(p) != size for p in pieces[1:]):
            continue
        separators = _SEPARATOR.findall(m.group())
        items = [pieces[0][-size:], *pieces[1:]]
        found.append(items[0] + "".join(s + i for s, i in zip(separators, items[1:])))
    return found


_PAIRED_CLAUSE = re.compile(
    f"(?<=[，。；：！\\n])([{_CJK}]{{3}}、[{_CJK}]{{3}}(?:，[{_CJK}]{{3}}、[{_CJK}]{{3}})+)(?=[，。；！])"
)


def paired_clause_series(text: str) -> list[str]:
    """A whole clause of actions of three characters said in pairs, 、 inside a pair and ，
    between them: ，定规矩、提品位，建设施、强基础，理秩序、解遗难， (round 27; a clause of one
    such run with 、 only is ``clause_series``). Not a row of offices or places, nor a
    review of what was done (了)."""
    found = []
    for m in _PAIRED_CLAUSE.finditer(text):
        items = _SEPARATOR.split(m.group(1))
        if office_row(items):
            continue
        if not any("了" in item for item in items):
            found.append(m.group(1))
    return found


# The words of a question: 怎么, 什么, 哪里, 如何, 为何.
_QUESTION = ("怎", "什么", "哪", "如何", "为何")
_THREE_CLAUSE = re.compile(
    f"(?<=[，。；：！\\n])([{_CJK}]{{3,5}}、[{_CJK}]{{3,5}}、[{_CJK}]{{3,5}})(?=[，。；！])"
)


def templated_clause_series(text: str) -> list[str]:
    """A whole clause of three items of one length (three to five characters) on one
    template, a character shared at a place other than the first: ，挑起担子、扑下身子、
    干出样子！ and ，宁在苦中干、不在苦中熬、不在苦中等， (round 27). Items that share their
    first character only open alike (有决心、有信心、有措施: ``anaphora_series`` reads those
    of four characters or more); items that share all but one are a row (一年级、二年级);
    questions are none (项目怎么来、资金怎么筹、机制怎么活, the sample)."""
    found = []
    for m in _THREE_CLAUSE.finditer(text):
        items = m.group(1).split("、")
        size = len(items[0])
        if any(len(item) != size for item in items[1:]):
            continue
        shared = _shared_places(items)
        if not shared or 0 in shared or len(shared) >= size - 1:
            continue
        if not any(word in item for item in items for word in _QUESTION):
            found.append(m.group(1))
    return found


def hinged_series(text: str) -> list[str]:
    """Three or more items of five characters hinged on one character they share in the
    middle, two characters of their own on either side: 科学新发现、技术新发明、产业新方向、
    体制新动能 (round 27). Not when the hinge only joins, grades or denies (速度与效益、
    经济与社会; 平远至武平、湛江至南宁; 群众无伤亡、堤防无决口: a list, routes, a state
    described)."""
    found = []
    for items, _ in _series_items(text, 5, 5):
        if _shared_places(items) == [2] and items[0][2] not in _WEAK_HINGES:
            found.append("、".join(items))
    return found


# Characters that join, link two places, grade or deny: no template of a slogan hinges on them.
_WEAK_HINGES = frozenset("的了与和及或之而至到无不没非未最更极很")


def programme_series(text: str) -> list[str]:
    """A parallel series of three or more items of three to six characters that names the
    programme after it (cue kind ``series_after``: 工程, 项目, 行动 …): 建设邻县高速通、乡镇
    便捷通、港口铁路通项目 (round 27). The items share a character at one place; a list of
    names before 战略性 or 项目 shares none (吉能集团、交投集团、一汽吉林战略性重组)."""
    from speechkit.analyzers.slogans.frames import cue_words

    heads = cue_words("series_after")
    found = []
    for items, rest in _series_items(text, 3, 6):
        if rest.startswith(heads) and _parallel(items) and len(set(items)) == len(items):
            found.append("、".join(items))
    return found
