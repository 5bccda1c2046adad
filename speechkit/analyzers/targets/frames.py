"""The frame of a number: does the text around it look ahead (a goal) or back (a result)?

Read as a reader does, from near to far: the number's clause, its sentence, its paragraph, the
head of the list it belongs to (a line ending in ：, such as 主要预期目标是：), and the heading
of its section (回顾 vs 目标/任务). The nearest level that holds a cue decides. Time words
count as cues: 今年/明年/到2030年/十四五期间 look ahead, 去年/过去五年/2019年以来 look back,
a bare year by its place before or after the speech's year.

``Frames(text, year)`` reads a line of the text once, when a number in it asks; ``frame(start,
end)`` answers per number.
"""

from __future__ import annotations

import bisect
import re
from operator import attrgetter
from typing import NamedTuple

from speechkit.analyzers.targets.cues import cues, frame_pattern, frame_roles, words_pattern
from speechkit.text.numerals import small_number

# Roles strong enough to decide from outside the number's own clause: goal and result words
# reach to the end of their sentence; time words and list heads to the end of their paragraph.
STRONG = {"future_time", "future", "goal_head", "past_time", "past", "forecast", "quote", "fact"}
SENTENCE = STRONG
# 要 and 了 of an earlier clause carry over the rest of their sentence, up to a ；, when no
# stronger word is there (各县市要迅速落实…，以34.79万亩为底线，…分两年完成: 要 governs every
# clause after it; a ； opens a part with its own subject and modal).
# Only the grammatical markers carry: a completion word (全面完成) names a task as often as a
# result, so it decides only its own clause.
WEAK = {"weak_future", "weak_past"}
_CARRY = {"要", "了", "已", "已经"}
_TIME_ROLES = {"future_time", "past_time"}
PARAGRAPH = {"future_time", "goal_head", "past_time"}
_ORIENTATION = {
    "future_time": "future",
    "weak_future": "future",
    "goal_head": "future",
    "past_time": "past",
    "weak_past": "past",
}
# 主要预期目标是：, 目标定为, 工作目标：: a goal list follows.
_GOAL_HEAD = re.compile(r"目标(?:任务)?(?:是|为|定为|：|:)")
# 实现“新增航道110公里、…”等目标, 完成2000亿元的目标: the goal is named after its numbers.
_GOAL_AFTER = re.compile(r"[”\"]?等(?:战略|年度|既定|奋斗)?目标")
_OWN_GOAL_AFTER = re.compile(r"的(?:战略|年度|既定|奋斗)?目标")
_ONLY_AMOUNT = re.compile(r"[\d０-９一二两三四五六七八九十百千万半为有占达剩是]")
_COUNTED_YEARS = re.compile(r"[\d一二两三四五六七八九十几]$")
_GOAL_AFTER_REACH = 12  # the goal word closes the number's own phrase: …110公里”等目标
# 经过八年持续努力，近1亿人口实现脱贫: effort that has been made (再经过十年努力 looks ahead).
_EFFORT = re.compile(r"经过(?<!再经过)[^，。；\n]{0,10}努力")
# 去年政府工作报告提出…: what follows is quoted from another document.
_QUOTE = re.compile(r"(?:去年|上年|前年|过去)[^。；\n]{0,20}提出")
_SEMICOLON = re.compile("[；;]")
_CLAUSE_MARK = re.compile("[，、；：,;:。！？!?\n]")
_SENTENCE_MARK = re.compile("[。！？!?\n]")
_LINE_END = re.compile("\n")
# The patterns open with a literal or a class, so that re skips ahead to where they can
# match; what comes before a year (到, 截至) is read from the text before the match.
_YEAR = re.compile(
    r"(?P<y>[12一二][09九〇○零][0-9〇○零一二三四五六七八九]{2})年"  # 2008年, 一九八五年
    r"(?P<suffix>以来|来|底|末|前|以前|之前|上半年|下半年|年底|年末)?"
)
_YEAR_TO = re.compile(r"(?:截止到|截至|截止|(?<![加高长低少大升降])到|至)$")
_PLAN = re.compile(
    r"(?P<n>十[一二三四五六七八九]?|[六七八九])五”?(?:规划)?"
    # 十四五仅中央补助就有…: the bare name of a plan period used as a time word (checked in
    # _time_hits: not the document 十四五规划 or “十四五”, not a numeral 三十四五个).
    r"(?:(?P<s>期间|时期|末|规划期)|(?=[\u4e00-\u9fff])(?![规计时期末个年]))"
)
_BARE_PLAN_AFTER = re.compile(r"[“\d一二三四五六七八九十]")
_RELATIVE = {"今年": 0, "本年": 0, "年内": 0, "明年": 1, "今明两年": 1, "去年": -1, "上年": -1}
_HEADING_MAX = 40  # a line this short, with no full stop, reads as a heading
_LIST_HEAD_REACH = 40  # lines a list head reaches down, unless a heading comes first
_HEADING_STOP = re.compile("[。！？；]")


_COMPARED = ("比", "较")
_HAN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def _year_number(written: str) -> int:
    """2008 or 一九八五 (old reports write years in Chinese digits)."""
    return int(written.translate(_HAN_DIGITS))


class Frame(NamedTuple):
    """What decided a number's frame: ``orientation`` (future, past, forecast, quote, fact or
    ''), the ``level`` it was read at, the ``cue`` itself, and ``horizon``: the year or period
    a future frame points to ('' if none)."""

    orientation: str
    level: str
    cue: str
    horizon: str
    clause_start: int
    clause_end: int
    sentence_start: int
    sentence_end: int


class Hit(NamedTuple):
    start: int
    end: int
    role: str
    cue: str
    horizon: str = ""


class Line(NamedTuple):
    """What ``Frames`` reads of one line: its cue hits (by start) and the offsets of its
    clause and sentence marks."""

    hits: list[Hit]
    starts: list[int]
    clause_marks: list[int]
    sentence_marks: list[int]
    quotes: bool  # whether any hit is a quote word (most lines have none)


_START = attrgetter("start")


class Frames:
    """Every level of a number's frame lies in the number's line (a line break ends clauses,
    sentences and paragraphs), so a line is read when a number in it is asked about, or when
    it heads a list: lines without numbers (a third of a speech) are never scanned. No cue,
    clause or sentence mark spans a line break, so a line read alone gives the hits and
    marks that reading the whole text would give there."""

    def __init__(self, text: str, year: int | None):
        self.text = text
        self.year = year
        self.line_starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
        self.read: dict[int, Line] = {}  # line index -> what was read of it
        self.headings, self.list_heads = self._lines()
        self.head_starts = [start for start, _ in self.list_heads]
        self.heading_starts = [start for start, _ in self.headings]
        # The role of each heading's section: its own, or the last one above it that has one.
        self.section_roles: list[str] = []
        for _, role in self.headings:
            self.section_roles.append(
                role or (self.section_roles[-1] if self.section_roles else "")
            )

    # -- reading a line once ---------------------------------------------------------------

    def _line(self, i: int) -> Line:
        """Line ``i``, read on first use."""
        line = self.read.get(i)
        if line is None:
            lo = self.line_starts[i]
            hi = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
            hits = sorted(self._cue_hits(lo, hi) + self._time_hits(lo, hi), key=_START)
            line = self.read[i] = Line(
                hits,
                [h.start for h in hits],
                [m.start() for m in _CLAUSE_MARK.finditer(self.text, lo, hi)],
                [m.start() for m in _SENTENCE_MARK.finditer(self.text, lo, hi)],
                any(h.role == "quote" for h in hits),
            )
        return line

    def _cue_hits(self, lo: int, hi: int) -> list[Hit]:
        text, year = self.text, self.year
        roles = frame_roles()
        out = []
        for m in frame_pattern().finditer(text, lo, hi):
            cue = m.group()
            role = roles[cue]
            if role == "none" or (
                cue == "年内" and _COUNTED_YEARS.search(text, max(0, m.start() - 1), m.start())
            ):
                continue  # 五年内 is a span of years, not "within this year"
            if cue == "仅" and not _ONLY_AMOUNT.match(text, m.end()):
                continue  # 仅中央补助就有…: "X alone", not a shortfall (占比仅2.3%, 仅为…)
            horizon = ""
            if year and cue in _RELATIVE:
                horizon = str(year + _RELATIVE[cue])
            out.append(Hit(m.start(), m.end(), role, cue, horizon))
        for m in _GOAL_HEAD.finditer(text, lo, hi):
            out.append(Hit(m.start(), m.end(), "goal_head", m.group()))
        for m in _EFFORT.finditer(text, lo, hi):
            out.append(Hit(m.start(), m.end(), "past", m.group()))
        for m in _QUOTE.finditer(text, lo, hi):
            out.append(Hit(m.end() - 2, m.end(), "quote", "提出"))
        return out

    def _time_hits(self, lo: int, hi: int) -> list[Hit]:
        text = self.text
        out = []
        for m in _YEAR.finditer(text, lo, hi):
            y, suffix = _year_number(m.group("y")), m.group("suffix") or ""
            if not 1900 <= y < 2100:
                continue  # 1099年, 二九〇〇年: no year of a speech
            to_match = _YEAR_TO.search(text, max(0, m.start() - 3), m.start())
            to = to_match.group() if to_match else None
            if text[max(0, m.start() - 1) : m.start()] in _COMPARED:
                continue  # 比一九八○年增长一点三倍: the base of a comparison, not a time frame
            if suffix in ("以来", "来") or to in ("截至", "截止", "截止到"):
                out.append(Hit(m.start(), m.end(), "past_time", m.group()))
            elif (to and not (self.year and y < self.year)) or (self.year and y > self.year):
                out.append(Hit(m.start(), m.end(), "future_time", m.group(), str(y)))
            elif self.year and y < self.year:
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
            if self.year is None or first + 4 >= self.year:
                out.append(Hit(m.start(), m.end(), "future_time", m.group(), period))
            else:
                out.append(Hit(m.start(), m.end(), "past_time", m.group()))
        return out

    def _lines(self) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
        """Heading lines with the way their section looks, and list-head lines (ending ：)."""
        plan, review = words_pattern("plan_heading"), words_pattern("review_heading")
        headings, heads = [], []
        for start in self.line_starts:
            end = self.text.find("\n", start)
            end = len(self.text) if end < 0 else end
            line = self.text[start:end].strip()
            if not line:
                continue
            if line[-1] in "：:":
                heads.append((start, end))
            elif len(line) <= _HEADING_MAX and not _HEADING_STOP.search(line):
                role = "past" if review.search(line) else "future" if plan.search(line) else ""
                headings.append((start, role))
        return headings, heads

    # -- one number ------------------------------------------------------------------------

    @staticmethod
    def _before(marks: list[int], pos: int, line_start: int) -> int:
        """Just after the last mark before ``pos`` in its line (the line break before it is
        a mark too)."""
        i = bisect.bisect_left(marks, pos) - 1
        return marks[i] + 1 if i >= 0 else line_start

    def _part(self, s_lo: int, c_lo: int) -> int:
        """Where the part of the sentence before ``c_lo`` begins: after its last ；."""
        semi = max(self.text.rfind("；", s_lo, c_lo), self.text.rfind(";", s_lo, c_lo))
        return semi + 1 if semi >= 0 else s_lo

    @staticmethod
    def _after(marks: list[int], pos: int, line_end: int) -> int:
        i = bisect.bisect_left(marks, pos)
        return marks[i] if i < len(marks) else line_end

    @staticmethod
    def _hits(line: Line, lo: int, hi: int, roles: set[str] | None = None) -> list[Hit]:
        """The hits of ``line`` inside ``[lo, hi)``, of ``roles`` if given."""
        i, j = bisect.bisect_left(line.starts, lo), bisect.bisect_left(line.starts, hi)
        return [h for h in line.hits[i:j] if h.end <= hi and (roles is None or h.role in roles)]

    def frame(self, start: int, end: int) -> Frame:
        n = bisect.bisect_right(self.line_starts, start) - 1
        p_lo = self.line_starts[n]
        p_hi = self.line_starts[n + 1] - 1 if n + 1 < len(self.line_starts) else len(self.text)
        line = self._line(n)
        c_lo = self._before(line.clause_marks, start, p_lo)
        c_hi = self._after(line.clause_marks, end, p_hi)
        s_lo = self._before(line.sentence_marks, start, p_lo)
        s_hi = self._after(line.sentence_marks, end, p_hi)
        spans = (c_lo, c_hi, s_lo, s_hi)
        clause = self._hits(line, c_lo, start) if line.hits else []
        # A completion after the number in its clause (额度已下达, 增长了5%) looks back.
        after = (
            [h for h in self._hits(line, end, c_hi) if h.role in ("past", "weak_past")]
            if line.hits
            else []
        )
        # A figure quoted from another document (去年政府工作报告提出…) stays quoted to the end
        # of its sentence, unless a goal or result word of its own clause says otherwise.
        # A time word after the quote word is the quoted thing's own (参照河南今年8个…的做法).
        quoted = (
            [h for h in self._hits(line, s_lo, start) if h.role == "quote"] if line.quotes else []
        )
        clause_strong = [
            h
            for h in clause
            if h.role in STRONG
            and h.role != "quote"
            and not (quoted and h.start > quoted[-1].start and h.role in _TIME_ROLES)
        ]
        if quoted and not clause_strong:
            return Frame("quote", "sentence", quoted[-1].cue, "", *spans)
        # 预计今年毕业生超过1170万人: a time word does not undo the estimate before it.
        forecast = [h for h in clause if h.role == "forecast"]
        if forecast and not any(
            h.role == "future" and h.start > forecast[-1].start for h in clause
        ):
            return Frame("forecast", "clause", forecast[-1].cue, "", *spans)
        # …等目标 names the goal of the numbers listed before it, not across a ；.
        # (Looked for only when the clause has no cue: with one, the goal word would not count.)
        goal_after = None
        if not clause:
            semi = _SEMICOLON.search(self.text, end, s_hi)
            goal_after = _GOAL_AFTER.search(
                self.text, end, semi.start() if semi else s_hi
            ) or _OWN_GOAL_AFTER.search(self.text, end, min(s_hi, end + _GOAL_AFTER_REACH))
        if goal_after:
            return Frame(
                "future", "sentence", goal_after.group(), self._horizon(line, p_lo, start), *spans
            )
        nearest_in_clause = clause[-1:]
        if after and not any(
            _ORIENTATION.get(h.role, h.role) == "future" for h in nearest_in_clause
        ):
            return Frame("past", "clause", after[0].cue, "", *spans)
        # From near to far, the first level that has a cue decides (the farther ones are
        # read only when the nearer are silent).
        level, hits = "clause", clause
        if not hits:
            level, hits = "sentence", self._hits(line, s_lo, c_lo, SENTENCE)
        if not hits:
            carried = self._hits(line, self._part(s_lo, c_lo), c_lo, WEAK)
            level, hits = "sentence", [h for h in carried if h.cue in _CARRY]
        if not hits:
            level, hits = "paragraph", self._hits(line, p_lo, s_lo, PARAGRAPH)
        if not hits:
            level, hits = "list", self._list_hits(p_lo)
        horizon = ""
        if hits:
            for h in reversed(hits):
                horizon = horizon or h.horizon
            nearest = hits[-1]
            role = _ORIENTATION.get(nearest.role, nearest.role)
            if role == "fact" and level == "sentence" and self._ordered_after(line, nearest, start):
                role = "future"  # 目前…，要新增50家: an order after the fact word wins
            if role == "future" and not horizon:
                horizon = self._horizon(line, p_lo, start)
            return Frame(role, level, nearest.cue, horizon if role == "future" else "", *spans)
        role = self._section(start)
        if role == "future":
            horizon = self._horizon(line, p_lo, start) or (str(self.year) if self.year else "")
        return Frame(
            role, "section" if role else "", "", horizon if role == "future" else "", *spans
        )

    def _ordered_after(self, line: Line, fact: Hit, start: int) -> bool:
        return any(h.role == "weak_future" for h in self._hits(line, fact.end, start))

    def _list_hits(self, para_start: int) -> list[Hit]:
        """Strong cues of the nearest list head above the paragraph, if no heading is nearer."""
        i = bisect.bisect_left(self.head_starts, para_start) - 1
        if i < 0:
            return []
        head_start, head_end = self.list_heads[i]
        lines_between = bisect.bisect_left(self.line_starts, para_start) - bisect.bisect_left(
            self.line_starts, head_end
        )
        heading = self._nearest_heading(para_start)
        if lines_between > _LIST_HEAD_REACH or (heading is not None and heading > head_start):
            return []
        head = self._line(bisect.bisect_right(self.line_starts, head_start) - 1)
        return self._hits(head, head_start, head_end, STRONG)

    def _nearest_heading(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.heading_starts, pos) - 1
        return self.heading_starts[i] if i >= 0 else None

    def _section(self, pos: int) -> str:
        """The way the nearest heading above ``pos`` that has one looks (future, past, '')."""
        i = bisect.bisect_right(self.heading_starts, pos) - 1
        return self.section_roles[i] if i >= 0 else ""

    def _horizon(self, line: Line, lo: int, hi: int) -> str:
        """The year or period named nearest before ``hi`` in the paragraph, or the speech's
        year."""
        for h in reversed(self._hits(line, lo, hi)):
            if h.horizon:
                return h.horizon
        return str(self.year) if self.year else ""


def binding_cue(text: str, lo: int, hi: int) -> str:
    """binding, aspirational or expected: the nearest hardness cue before ``hi``."""
    best, best_start = "expected", -1
    for role in ("binding", "aspirational"):
        for m in words_pattern(role).finditer(text, lo, hi):
            if m.start() > best_start:
                best, best_start = role, m.start()
    return best


def has_cue(role: str, text: str, lo: int, hi: int) -> bool:
    return bool(cues().get(role)) and words_pattern(role).search(text, lo, hi) is not None
