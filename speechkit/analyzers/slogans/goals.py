"""A place's goals and keynotes said again and again without quotes (issue 12, round 35): the
kind of place it means to become, named by a goal noun (之都, 之城, 样板, 副中心, 增长极 …: rows
of kind ``goal_noun`` of ``speechkit/data/local_slogans.tsv``) and by the words before it that
the speech repeats with it (建设现代化中医药之都 …加快建设具有国际影响力的现代化中医药之都 gives
现代化中医药之都), and the keynote said again at the end of the task headings (跑出加速度). Pure
functions over one speech's text."""

from __future__ import annotations

import re
from functools import cache

from speechkit.analyzers.slogans.frames import cue_words

_CJK = "\u4e00-\u9fff"
# The longest stretch before a goal noun that is read: a goal is rarely longer.
_REACH = 16
# Where a goal's name starts: after the verb that sets it (建设, 打造, 加快 …) or a word that
# joins or frames (和, 是, 把 …; not 等 or 为, which sit inside words: 高等教育, 为民). 的 is
# read apart (below).
_LEAD = re.compile(
    "建设|打造|建成|争创|创建|成为|争当|当好|加快|加速|推进|实现|[和与及是在把向将以对]"
)
# A title the state or a province confers is no goal of the place's own (国家农业现代化示范区,
# 全国文明城市; round 5: titles a place won are no formulations).
_CONFERRED = ("国家", "全国", "省级", "市级")
# Qualities said as a series before 的: 宜居乐业、厚德尚美的品质生活之城 is one name.
_QUALITIES = re.compile(f"[{_CJK}]{{2,4}}(?:、[{_CJK}]{{2,4}})+")


@cache
def _goal_noun() -> re.Pattern:
    return re.compile("|".join(map(re.escape, cue_words("goal_noun"))))


def repeated_goals(text: str) -> list[str]:
    """Goals named by a goal noun and the words before it, said at least twice: for each
    mention, the longest stretch before the noun (CJK, 、 and 的) said as often as twice with
    it, from the last verb or joining word in it on; the words before a 的 are left out
    (具有国际影响力的现代化中医药之都 is 现代化中医药之都) unless they are a series of qualities
    (宜居乐业、厚德尚美的品质生活之城). The name holds two characters at least before the noun,
    is no title conferred (国家…, 全国…) and stands at least once as a whole name."""
    found = []
    for m in _goal_noun().finditer(text):
        run = re.search(f"[{_CJK}、]{{0,{_REACH}}}$", text[max(0, m.start() - _REACH) : m.start()])
        before = run.group() if run else ""
        shared = ""
        for size in range(1, len(before) + 1):
            if text.count(before[-size:] + m.group()) < 2:
                break
            shared = before[-size:]
        name = _named(_LEAD.split(shared)[-1].lstrip("、"))
        if len(name) >= 2 and "、" not in name.split("的")[-1] and not name.startswith(_CONFERRED):
            found.append(name + m.group())
    return [goal for goal in dict.fromkeys(found) if _stands_alone(text, goal)]


def _stands_alone(text: str, goal: str) -> bool:
    """Whether ``goal`` is said at least once as a whole name: after punctuation, the start of
    the text, 的 or a word of ``_LEAD``, not as the tail of a longer name (与京津一体化发展先行区
    and 京雄保一体化发展先行区 share 一体化发展先行区, two goals, neither said alone)."""
    for m in re.finditer(re.escape(goal), text):
        before = text[max(0, m.start() - 2) : m.start()]
        if not before or not re.search(f"[{_CJK}]$", before) or before.endswith("的"):
            return True
        if any(lead.end() == len(before) for lead in _LEAD.finditer(before)):
            return True
    return False


def _named(words: str) -> str:
    """The words of a goal's name: those after its last 的, or all of them when the words
    before that 的 are a series of qualities."""
    head, _, tail = words.rpartition("的")
    if head and _QUALITIES.fullmatch(head) and "的" not in head:
        return words
    return tail


# A task heading: a line that opens with an outline marker, （一）, (一), 一、 or 1．; its first
# sentence is the heading.
_ORDINAL = "[一二三四五六七八九十]{1,3}"
_HEADING = re.compile(
    f"^[ \t\u3000]*(?:[（(]{_ORDINAL}[)）]|{_ORDINAL}、|\\d{{1,2}}[．.、])([^。！？；\n]+)", re.M
)
# The frame of a heading's end: 在…上 before the keynote (在激发市场活力上奋力跑出加速度).
_ON = re.compile(f"在[{_CJK}]+上")


def heading_keynotes(text: str) -> list[str]:
    """The speech's keynote said again at the end of its task headings: the words that end
    the last clause of two headings or more after 在…上 and after a word that only urges (奋力,
    全力 …: rows of kind ``urge``), four characters at least, when the speech says them
    elsewhere too, as its theme or title (决胜“十四五”、跑出加速度 …（一）…，在积蓄发展动能上
    奋力跑出加速度。). Ends that only the headings share are their template, not a keynote
    (在…上攻坚突破 ×7 and nowhere else), and so are ends without 在…上 (发展战略)."""
    clauses = [m.group(1).split("，")[-1] for m in _HEADING.finditer(text)]
    ends = [_ON.split(clause)[-1] for clause in clauses if _ON.search(clause)]
    urges = cue_words("urge")
    found = []
    for i, end in enumerate(ends):
        for other in ends[i + 1 :]:
            shared = _shared_end(end, other)
            while shared.startswith(urges):
                shared = shared[len(next(u for u in urges if shared.startswith(u))) :]
            said = sum(e.endswith(shared) for e in ends)
            if len(shared) >= 4 and text.count(shared) > said:
                found.append(shared)
    return list(dict.fromkeys(found))


def _shared_end(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[-size - 1] == b[-size - 1]:
        size += 1
    return a[len(a) - size :]
