"""Reading a line of a speech for the targets analyzer, a piece at a time: its cue words
(``speechkit/data/target_frames.tsv``), time words (今年, 到2030年, 十四五期间, 2019年以来) and
the offsets of its clause and sentence marks. ``frames.Frames`` asks for a line's pieces as its
numbers need them."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from operator import attrgetter
from typing import NamedTuple

from speechkit.analyzers.targets.cues import frame_pattern, frame_roles
from speechkit.text.numerals import small_number
from speechkit.text.trie import trie_pattern

CLAUSE_MARK = re.compile("[，、；：,;:。！？!?\n]")
# Up to the last clause mark before where the match is asked to end: ``.*`` jumps to that
# end and re steps back from there to the mark, so the cost is the clause's, not the line's.
LAST_CLAUSE_MARK = re.compile(f"(?s:.*){CLAUSE_MARK.pattern}")
SENTENCE_MARKS = "。！？!?\n"  # the marks that end a sentence (some clause marks)
# 今年, 去年: the year they name, from the speech's year.
_RELATIVE = {"今年": 0, "本年": 0, "年内": 0, "明年": 1, "今明两年": 1, "去年": -1, "上年": -1}
# 主要预期目标是：, 目标定为, 工作目标：: a goal list follows.
_GOAL_HEAD = re.compile(r"目标(?:任务)?(?:是|为|定为|：|:)")
_ONLY_AMOUNT = re.compile(r"[\d０-９一二两三四五六七八九十百千万半为有占达剩是]")
_COUNTED_YEARS = re.compile(r"[\d一二两三四五六七八九十几]$")
_YEAR_TO = re.compile(r"(?:截止到|截至|截止|(?<![加高长低少大升降])到|至)$")
_BARE_PLAN_AFTER = re.compile(r"[“\d一二三四五六七八九十]")
_COMPARED = ("比", "较")  # 比一九八○年: the base of a comparison
_HAN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
# 经过八年持续努力，近1亿人口实现脱贫: effort that has been made (再经过十年努力 looks ahead).
_EFFORT = re.compile(r"经过(?<!再经过)[^，。；\n]{0,10}努力")
# 去年政府工作报告提出…: what follows is quoted from another document.
_QUOTE = re.compile(r"(?:去年|上年|前年|过去)[^。；\n]{0,20}提出")


HEADING_MAX = 40  # a line this short, with no sentence mark, reads as a heading
_HEADING_STOP = re.compile("[。！？；]")


def is_heading(line: str) -> bool:
    """Whether a stripped, non-empty line reads as a heading: short, no sentence mark, and
    not a list head (a line ending in ：, which introduces what follows)."""
    return len(line) <= HEADING_MAX and line[-1] not in "：:" and not _HEADING_STOP.search(line)


class Hit(NamedTuple):
    start: int
    end: int
    role: str
    cue: str
    horizon: str = ""


class Line:
    """What ``Frames`` has read of one line, from its start up to ``read_to``: its cue hits
    (by start) and the offsets of its sentence marks (a clause's ends are looked for in the
    text: a line has many more clause marks than numbers)."""

    __slots__ = (
        "end",
        "hits",
        "quotes",
        "read_to",
        "sentence_marks",
        "starts",
        "times_to",
    )

    def __init__(self, start: int, end: int):
        self.hits: list[Hit] = []
        self.starts: list[int] = []
        self.sentence_marks: list[int] = []
        self.quotes = False  # whether any hit is a quote word (most lines have none)
        self.read_to = start
        self.times_to = start  # the end of the last stretch read for time words only
        self.end = end


_START = attrgetter("start")
# A named tuple made without its __new__ (a Python function): for the many hits and frames.
_tuple_new = tuple.__new__
_CHECKED = {"年内", "仅"}  # cues that their neighbours can undo (see _cue_hits)


@functools.cache
def _cue_table(year: int | None) -> dict[str, tuple[str, str, str] | None]:
    """Frame cue -> (role, cue, horizon) of its hit in a speech of ``year``; None for a cue
    of role none."""
    table: dict[str, tuple[str, str, str] | None] = {}
    for cue, role in frame_roles().items():
        horizon = str(year + _RELATIVE[cue]) if year and cue in _RELATIVE else ""
        table[cue] = None if role == "none" else (role, cue, horizon)
    return table


def read_piece(text: str, year: int | None, line: Line, hi: int) -> None:
    """Read ``line`` on from where it was left up to ``hi``: the end of the line or just
    after a 。. No cue, time word or mark holds a 。 (or a line break), so none spans
    the places where reading stops and starts again, and the pieces read give the hits
    and marks that reading the line at once would give."""
    lo = line.read_to
    if hi <= lo:
        return
    hits = sorted(_cue_hits(text, year, lo, hi) + _time_hits(text, year, lo, hi), key=_START)
    line.hits += hits
    line.starts += map(_START, hits)
    line.sentence_marks += _sentence_marks(text, lo, hi)
    line.quotes = line.quotes or any(h.role == "quote" for h in hits)
    line.read_to = hi


def _sentence_marks(text: str, lo: int, hi: int) -> list[int]:
    """Where the sentence marks of ``text[lo:hi]`` stand, in order. (A find per mark: a
    stretch holds few of them, and a find passes over the rest faster than a pattern.)"""
    marks: list[int] = []
    for mark in SENTENCE_MARKS:
        at = text.find(mark, lo, hi)
        while at >= 0:
            marks.append(at)
            at = text.find(mark, at + 1, hi)
    marks.sort()
    return marks


# The roles a number reads from before its own sentence: its paragraph's frame and horizon.
PARAGRAPH_ROLES = frozenset({"future_time", "past_time", "goal_head"})


@functools.cache
def _time_words() -> re.Pattern[str]:
    """The frame cues of the time roles (今年, 去年, 以来…): where read_times looks."""
    return re.compile(
        trie_pattern(cue for cue, role in frame_roles().items() if role in PARAGRAPH_ROLES)
    )


def read_times(text: str, year: int | None, line: Line, hi: int) -> None:
    """Read ``line`` on up to ``hi``, just after a 。 before the sentence of the number that
    asks, for the hits its sentence and the later ones can use there: the paragraph's time
    words and list heads (``PARAGRAPH_ROLES``; the horizon is one of them too). A cue never
    holds a clause mark, so the frame cues of a clause are those of reading the clause
    alone: only the clauses with a time word are read for cues, and the time words found
    are those of reading the whole stretch. Its marks are left out but the 。 at its end,
    the last before the sentence (``Frames`` asks for no earlier one)."""
    lo = line.read_to
    if hi <= lo:
        return
    hits = []
    read = lo  # where the last clause read for cues ends
    for m in _time_words().finditer(text, lo, hi):
        if m.start() < read:
            continue
        last = LAST_CLAUSE_MARK.match(text, lo, m.start())
        after = CLAUSE_MARK.search(text, m.end(), hi)
        clause_lo, read = last.end() if last else lo, after.start() if after else hi
        hits += [
            h for h in _cue_hits(text, year, clause_lo, read, False) if h.role in PARAGRAPH_ROLES
        ]
    hits += _goal_heads(text, lo, hi)
    hits += _time_hits(text, year, lo, hi)
    hits.sort(key=_START)
    line.hits += hits
    line.starts += map(_START, hits)
    line.sentence_marks.append(hi - 1)
    line.read_to = line.times_to = hi


def _goal_heads(text: str, lo: int, hi: int) -> list[Hit]:
    # (Most pieces have no 目标: a find in C spares them the pattern.)
    if text.find("目标", lo, hi) < 0:
        return []
    return [
        Hit(m.start(), m.end(), "goal_head", m.group()) for m in _GOAL_HEAD.finditer(text, lo, hi)
    ]


def _cue_hits(text: str, year: int | None, lo: int, hi: int, others: bool = True) -> list[Hit]:
    """The frame cues' hits in ``[lo, hi)``, and with ``others`` those of the list heads,
    effort (经过…努力) and quote words."""
    table = _cue_table(year)
    out: list[Hit] = []
    append = out.append
    for m in frame_pattern().finditer(text, lo, hi):
        cue = m.group()
        found = table[cue]
        if found is None:
            continue  # a cue of role none: it only hides the shorter cues inside it
        start, end = m.span()
        if cue in _CHECKED and (
            (cue == "年内" and _COUNTED_YEARS.search(text, max(0, start - 1), start))
            # 仅中央补助就有…: "X alone", not a shortfall (占比仅2.3%, 仅为…)
            or (cue == "仅" and not _ONLY_AMOUNT.match(text, end))
        ):
            continue  # 五年内 is a span of years, not "within this year"
        append(_tuple_new(Hit, (start, end, *found)))
    if not others:
        return out
    out += _goal_heads(text, lo, hi)
    # (Most pieces have no 经过 or 提出: a find in C spares them the patterns.)
    for m in _EFFORT.finditer(text, lo, hi) if text.find("经过", lo, hi) >= 0 else ():
        out.append(Hit(m.start(), m.end(), "past", m.group()))
    for m in _QUOTE.finditer(text, lo, hi) if text.find("提出", lo, hi) >= 0 else ():
        out.append(Hit(m.end() - 2, m.end(), "quote", "提出"))
    return out


# A year and its suffix (tried at each 年: see _years); what comes before a year (到, 截至)
# is read from the text before the match.
_YEAR = re.compile(
    r"(?P<y>[12一二][09九〇○零][0-9〇○零一二三四五六七八九]{2})年"  # 2008年, 一九八五年
    r"(?P<suffix>以来|来|底|末|前|以前|之前|上半年|下半年|年底|年末)?"
)


def _year_number(written: str) -> int:
    """2008 or 一九八五 (old reports write years in Chinese digits)."""
    return int(written.translate(_HAN_DIGITS))


# (The first branches are single characters, 六|七|八|九, not a class: with every branch
# opening with a character, re skips ahead in C to where one is, instead of trying the
# pattern at each position.)
_PLAN = re.compile(
    r"(?P<n>十[一二三四五六七八九]?|六|七|八|九)五”?(?:规划)?"
    # 十四五仅中央补助就有…: the bare name of a plan period used as a time word (checked in
    # _time_hits: not the document 十四五规划 or “十四五”, not a numeral 三十四五个).
    r"(?:(?P<s>期间|时期|末|规划期)|(?=[\u4e00-\u9fff])(?![规计时期末个年]))"
)


def _time_hits(text: str, year: int | None, lo: int, hi: int) -> list[Hit]:
    out = []
    for m in _years(text, lo, hi):
        y, suffix = _year_number(m.group("y")), m.group("suffix") or ""
        if not 1900 <= y < 2100:
            continue  # 1099年, 二九〇〇年: no year of a speech
        to_match = _YEAR_TO.search(text, max(0, m.start() - 3), m.start())
        to = to_match.group() if to_match else None
        if text[max(0, m.start() - 1) : m.start()] in _COMPARED:
            continue  # 比一九八○年增长一点三倍: the base of a comparison, not a time frame
        if suffix in ("以来", "来") or to in ("截至", "截止", "截止到"):
            out.append(Hit(m.start(), m.end(), "past_time", m.group()))
        elif (to and not (year and y < year)) or (year and y > year):
            out.append(Hit(m.start(), m.end(), "future_time", m.group(), str(y)))
        elif year and y < year:
            out.append(Hit(m.start(), m.end(), "past_time", m.group()))
    # (_PLAN opens with a group that re cannot skip ahead to: look for its 五 first.)
    for m in _PLAN.finditer(text, lo, hi) if text.find("五", lo, hi) >= 0 else ():
        if not m.group("s") and (
            len(m.group()) != 3 or (m.start() and _BARE_PLAN_AFTER.match(text, m.start() - 1))
        ):
            continue  # a bare name is 十X五 alone, not “十四五” or 三十四五
        n = small_number(m.group("n"))
        if not n or text[max(0, m.start() - 2) : m.start()].rstrip("“").endswith("比"):
            continue  # 比“六五”期间增长一倍: the base of a comparison, not a time frame
        first = 1981 + 5 * (n - 6)  # the 6th five-year plan began in 1981
        period = f"{first}-{first + 4}"
        if year is None or first + 4 >= year:
            out.append(Hit(m.start(), m.end(), "future_time", m.group(), period))
        else:
            out.append(Hit(m.start(), m.end(), "past_time", m.group()))
    return out


def _years(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """``_YEAR.finditer(text, lo, hi)``, tried only where a 年 is: a year is the four
    characters before one (re would try the pattern at every 一, 二, 1 and 2)."""
    end = lo  # where the last match ended: finditer's matches do not overlap
    at = text.find("年", lo + 4, hi)
    while at >= 0:
        if at - 4 >= end and (m := _YEAR.match(text, at - 4, hi)):
            yield m
            end = m.end()
        at = text.find("年", at + 1, hi)
