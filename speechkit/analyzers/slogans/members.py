"""Slogans a place builds from a name it has already said: its own series of modes of
development led by a national keynote (科学发展、提速发展、和谐发展), and the members of a
quoted name made of counts and heads (“三地一区”: 科技创新策源地 …). Pure functions over one
speech's text; the cue words are rows of ``speechkit/data/local_slogans.tsv`` (kinds
``keynote`` and ``sets_up``).
"""

from __future__ import annotations

import re

from speechkit.analyzers.slogans.frames import cue_words
from speechkit.analyzers.slogans.series import parallel_series

_CJK = "\u4e00-\u9fff"


def keynote_series(text: str) -> list[str]:
    """A place's keynote said as modes of development led by a national keynote (rows of
    kind ``keynote``): 科学发展、提速发展、和谐发展, 科学发展、和谐发展、跨越发展. Every item
    is the lead's length and ends as it does; said once, it is a slogan. A list of modes that
    no keynote leads (持续发展、转型发展、协调发展、和谐发展) is not."""
    keynotes = set(cue_words("keynote"))
    found = []
    for series in parallel_series(text):
        lead, *rest = series.split("、")
        if lead in keynotes and all(
            len(item) == len(lead) and item[2:] == lead[2:] for item in rest
        ):
            found.append(series)
    return found


# A quoted name made of counts and the heads of its members: “三地一区” (three …地, one …区).
_HEADED_NAME = re.compile(f"“((?:[一二两三四五六七八九][{_CJK}]){{2,3}})”")


def named_members(text: str) -> list[str]:
    """The members of a quoted name made of counts and heads (“三地一区”), said after it as
    the objects of the verb that sets the name up (rows of kind ``sets_up``): 打造…“三地一区”,
    then 打造科技创新策源地, 打造新兴产业聚集地, 打造改革开放新高地, 打造经济社会发展全面
    绿色转型区. Every head must have as many distinct objects as its count, or none is
    reported (a name that the speech does not spell out gives nothing)."""
    from speechkit.text.numerals import small_number

    found = []
    for m in _HEADED_NAME.finditer(text):
        name = m.group(1)
        wanted = {name[i + 1]: small_number(name[i]) for i in range(0, len(name), 2)}
        before = text[max(0, m.start() - 12) : m.start()]
        verb = next((v for v in cue_words("sets_up") if v in before), None)
        if verb is None or len(wanted) * 2 != len(name):
            continue
        objects = re.findall(f"{verb}([{_CJK}]{{3,14}}?)(?=[，。；、])", text[m.end() :])
        members = {head: [] for head in wanted}
        for obj in dict.fromkeys(objects):
            if obj[-1] in members:
                members[obj[-1]].append(obj)
        if all(len(members[head]) == count for head, count in wanted.items()):
            found.extend(obj for objs in members.values() for obj in objs)
    return list(dict.fromkeys(found))
