"""The frame of a number: does the text around it look ahead (a goal) or back (a result)?

Read as a reader does, from near to far: the number's clause, its sentence, its paragraph, the
head of the list it belongs to (a line ending in ：, such as 主要预期目标是：), and the heading
of its section (回顾 vs 目标/任务). The nearest level that holds a cue decides. Time words
count as cues: 今年/明年/到2030年/十四五期间 look ahead, 去年/过去五年/2019年以来 look back,
a bare year by its place before or after the speech's year.

``Frames(text, year)`` reads a line of the text (``lines``) when a number in it asks, as far
as that number needs; ``frame(start, end)`` answers per number.
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from speechkit.analyzers.targets.cues import cues, words_pattern
from speechkit.analyzers.targets.lines import (
    CLAUSE_MARK,
    LAST_CLAUSE_MARK,
    Hit,
    Line,
    is_heading,
    read_piece,
    read_times,
)

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
_LOOKS_BACK = {"past", "weak_past"}
PARAGRAPH = {"future_time", "goal_head", "past_time"}
_ORIENTATION = {
    "future_time": "future",
    "weak_future": "future",
    "goal_head": "future",
    "past_time": "past",
    "weak_past": "past",
}
# 实现“新增航道110公里、…”等目标, 完成2000亿元的目标: the goal is named after its numbers.
_GOAL_AFTER = re.compile(r"[”\"]?等(?:战略|年度|既定|奋斗)?目标")
_OWN_GOAL_AFTER = re.compile(r"的(?:战略|年度|既定|奋斗)?目标")
_GOAL_AFTER_REACH = 12  # the goal word closes the number's own phrase: …110公里”等目标
_SEMICOLON = re.compile("[；;]")
_LIST_HEAD_REACH = 40  # lines a list head reaches down, unless a heading comes first


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


# A named tuple made without its __new__ (a Python function): for the many frames.
_tuple_new = tuple.__new__


class Frames:
    """Every level of a number's frame lies in the number's line (a line break ends clauses,
    sentences and paragraphs), so a line is read when a number in it is asked about, or when
    it heads a list: lines without numbers (a third of a speech) are never scanned. No cue,
    clause or sentence mark spans a line break, so a line read alone gives the hits and
    marks that reading the whole text would give there."""

    def __init__(self, text: str, year: int | None):
        self.text = text
        self.year = year
        # What was read of the last line a number asked about, and of the list heads (a
        # number's line is read once: numbers come in order, so no other line is kept).
        self.current: tuple[int, Line | None] = (-1, None)
        self.heads_read: dict[int, Line] = {}
        self.line_starts, self.headings, self.list_heads = self._lines()
        self.head_starts = [start for start, _ in self.list_heads]
        self.heading_starts = [start for start, _ in self.headings]
        # The role of each heading's section: its own, or the last one above it that has one.
        self.section_roles: list[str] = []
        for _, role in self.headings:
            self.section_roles.append(
                role or (self.section_roles[-1] if self.section_roles else "")
            )

    # -- reading a line once ---------------------------------------------------------------

    def _line(self, i: int, start: int, end: int) -> Line:
        """Line ``i``, the line of the number at ``start``–``end``, read far enough for its
        frame: to the first 。 after the number (its sentence and clause end there or
        before), or to the line's end; for time words only up to the last 。 before it
        (``read_times``: only they reach over sentences). Numbers come in order, so a line
        is read a piece at a time, once, and no other line is kept."""
        n, line = self.current
        # (A number asked out of order may lie where only time words were read: its line is
        # read again, from its start.)
        if n != i or line is None or start < line.times_to:
            line = self._new_line(i)
            self.current = (i, line)
        if end >= line.read_to:
            before = self.text.rfind("。", line.read_to, start)
            if before >= 0:
                read_times(self.text, self.year, line, before + 1)
            stop = self.text.find("。", end, line.end)
            read_piece(self.text, self.year, line, stop + 1 if stop >= 0 else line.end)
        return line

    def _head(self, i: int) -> Line:
        """Line ``i``, a list head: read whole on first use, and kept."""
        line = self.heads_read.get(i)
        if line is None:
            # (A new Line: what a number's line holds before its sentence is time words only.)
            line = self._new_line(i)
            read_piece(self.text, self.year, line, line.end)
            self.heads_read[i] = line
        return line

    def _new_line(self, i: int) -> Line:
        start = self.line_starts[i]
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        return Line(start, end)

    def _lines(self) -> tuple[list[int], list[tuple[int, str]], list[tuple[int, int]]]:
        """Where each line starts; heading lines with the way their section looks, and
        list-head lines (ending ：). (One split of the text: no search per line.)"""
        plan, review = words_pattern("plan_heading"), words_pattern("review_heading")
        starts, headings, heads = [], [], []
        start = 0
        for raw in self.text.split("\n"):
            starts.append(start)
            end = start + len(raw)
            line = raw.strip()
            if line:
                if line[-1] in "：:":
                    heads.append((start, end))
                elif is_heading(line):
                    role = "past" if review.search(line) else "future" if plan.search(line) else ""
                    headings.append((start, role))
            start = end + 1
        return starts, headings, heads

    # -- one number ------------------------------------------------------------------------

    def _part(self, s_lo: int, c_lo: int) -> int:
        """Where the part of the sentence before ``c_lo`` begins: after its last ；."""
        semi = max(self.text.rfind("；", s_lo, c_lo), self.text.rfind(";", s_lo, c_lo))
        return semi + 1 if semi >= 0 else s_lo

    @staticmethod
    def _hits(line: Line, lo: int, hi: int, roles: set[str] | None = None) -> list[Hit]:
        """The hits of ``line`` inside ``[lo, hi)``, of ``roles`` if given."""
        i, j = bisect.bisect_left(line.starts, lo), bisect.bisect_left(line.starts, hi)
        return [h for h in line.hits[i:j] if h.end <= hi and (roles is None or h.role in roles)]

    def frame(self, start: int, end: int) -> Frame:
        # (The hot path of the analyzer: the bisections are written out, each once.)
        line_starts = self.line_starts
        n = bisect_right(line_starts, start) - 1
        p_lo = line_starts[n]
        p_hi = line_starts[n + 1] - 1 if n + 1 < len(line_starts) else len(self.text)
        # (Most numbers lie in the stretch of the current line read already.)
        i, line = self.current
        if i != n or line is None or start < line.times_to or end >= line.read_to:
            line = self._line(n, start, end)
        # The clause and the sentence: from just after the last mark before the number to
        # the first mark after it (the line's ends are marks too).
        mark = LAST_CLAUSE_MARK.match(self.text, p_lo, start)
        c_lo = mark.end() if mark else p_lo
        mark = CLAUSE_MARK.search(self.text, end, p_hi)
        c_hi = mark.start() if mark else p_hi
        marks = line.sentence_marks
        k = bisect_left(marks, start)
        s_lo = marks[k - 1] + 1 if k else p_lo
        k = bisect_left(marks, end, k)
        s_hi = marks[k] if k < len(marks) else p_hi
        spans = (c_lo, c_hi, s_lo, s_hi)
        hits, starts = line.hits, line.starts
        # The hits inside [lo, hi) are hits[bisect_left(starts, lo):bisect_left(starts, hi)]
        # less those that end after hi.
        at_start = bisect_left(starts, start)
        at_c_lo = bisect_left(starts, c_lo, 0, at_start) if at_start else 0
        # (Each list is built only when its stretch holds a hit: most stretches hold none.)
        clause = [h for h in hits[at_c_lo:at_start] if h.end <= start] if at_start > at_c_lo else []
        # A completion after the number in its clause (额度已下达, 增长了5%) looks back.
        at_end = bisect_left(starts, end, at_start)
        at_c_hi = bisect_left(starts, c_hi, at_end)
        after = (
            [h for h in hits[at_end:at_c_hi] if h.end <= c_hi and h.role in _LOOKS_BACK]
            if at_c_hi > at_end
            else []
        )
        # A figure quoted from another document (去年政府工作报告提出…) stays quoted to the end
        # of its sentence, unless a goal or result word of its own clause says otherwise.
        # A time word after the quote word is the quoted thing's own (参照河南今年8个…的做法).
        at_s_lo = bisect_left(starts, s_lo, 0, at_c_lo) if at_c_lo else 0
        quoted = (
            [h for h in hits[at_s_lo:at_start] if h.end <= start and h.role == "quote"]
            if line.quotes
            else []
        )
        if quoted:
            clause_strong = [
                h
                for h in clause
                if h.role in STRONG
                and h.role != "quote"
                and not (h.start > quoted[-1].start and h.role in _TIME_ROLES)
            ]
            if not clause_strong:
                return Frame("quote", "sentence", quoted[-1].cue, "", *spans)
        # 预计今年毕业生超过1170万人: a time word does not undo the estimate before it.
        # (Plain loops over the clause's few hits: no comprehension to set up.)
        forecast = None
        for h in clause:
            if h.role == "forecast":
                forecast = h
        if forecast is not None:
            for h in clause:
                if h.role == "future" and h.start > forecast.start:
                    break
            else:
                return Frame("forecast", "clause", forecast.cue, "", *spans)
        # …等目标 names the goal of the numbers listed before it, not across a ；.
        # (Looked for only when the clause has no cue: with one, the goal word would not count.)
        goal_after = None
        # (Both goal patterns end in 目标: a sentence without it after the number skips them.)
        if not clause and self.text.find("目标", end, s_hi) >= 0:
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
        level, found = "clause", clause
        if not found and hits:
            level = "sentence"
            if at_c_lo > at_s_lo:
                found = [h for h in hits[at_s_lo:at_c_lo] if h.end <= c_lo and h.role in SENTENCE]
                if not found:
                    part = self._part(s_lo, c_lo)
                    found = [
                        h
                        for h in hits[bisect_left(starts, part, at_s_lo, at_c_lo) : at_c_lo]
                        if h.end <= c_lo and h.role in WEAK and h.cue in _CARRY
                    ]
            if not found:
                level = "paragraph"
                found = (
                    [h for h in hits[:at_s_lo] if h.end <= s_lo and h.role in PARAGRAPH]
                    if at_s_lo
                    else []
                )
        if not found:
            level, found = "list", self._list_hits(p_lo)
        if found:
            nearest = found[-1]
            role = _ORIENTATION.get(nearest.role, nearest.role)
            if role == "fact" and level == "sentence" and self._ordered_after(line, nearest, start):
                role = "future"  # 目前…，要新增50家: an order after the fact word wins
            if role != "future":
                return _tuple_new(Frame, (role, level, nearest.cue, "", *spans))
            # (The horizon only of a future frame: the nearest hit that names one.)
            horizon = ""
            for h in reversed(found):
                if h.horizon:
                    horizon = h.horizon
                    break
            horizon = horizon or self._horizon(line, p_lo, start)
            return _tuple_new(Frame, (role, level, nearest.cue, horizon, *spans))
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
        head = self._head(bisect.bisect_right(self.line_starts, head_start) - 1)
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
