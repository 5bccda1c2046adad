"""A best guess at a speech's title: the meeting its first paragraph names."""

from __future__ import annotations

import re

# 召开十五届州人民政府第一次全体会议 / 决定召开这次全州2022年烟叶工作会议 / 今天的会议
MEETING = re.compile(
    r"(?:召开|举行|开好|参加|今天的|这次)(?:了|这次|今天的)?"
    r"([^，。；：！？、\n“”《》]{2,40}?"
    r"(?:全体会议|工作会议|会议|大会|全会|座谈会|推进会|部署会))"
)
# Second choice: a meeting named anywhere in the opening lines (今年全省交通运输工作会议采取…).
MEETING_WORDS = ("工作会议", "视频会议", "全体会议", "大会", "座谈会")
NAMED_MEETING = re.compile(
    rf"(?![日月次])([^，。；：！？、\n“”《》\dx]{{2,20}}?(?:{'|'.join(MEETING_WORDS)}))"
)
# NAMED_MEETING starts with a look-ahead, so re tries it at every position; a match ends in
# one of MEETING_WORDS at most 20 characters after it starts, so the search starts there.
NAMED_REACH = 20
# "召开了5次州委常委会议、x次全州性大会" counts meetings; it names none being held.
COUNTED = re.compile(r"[x\d]+次")
CLAUSE_END = re.compile(r"[，。；：！？、\n]")
# Third choice: the field of work a meeting covers (全州科技创新工作).
FIELD = re.compile(r"(全[州省市县区国][^，。；：！？、\n“”《》\dx]{2,12}?工作)")
CLAUSE = re.compile(r"[^，。；：！？\n]{1,30}")
YEAR = re.compile(r"\d{4}年|[x\d]+月")


def guess_title(text: str) -> str:
    """Name the meeting in the first paragraphs of ``text`` (Simplified), else the field of
    work it covers, else the first clause of the speech that holds no date."""
    # Positions into ``text``, not a copy of its body: a speech may be hundreds of MB.
    body = text.find("\n") + 1
    head = text[body : body + 400]
    words = [at for word in MEETING_WORDS if (at := head.find(word)) >= 0]
    named = max(min(words) - NAMED_REACH, 0) if words else len(head) + 1
    choices = ((MEETING, "了这次今天的", 0), (NAMED_MEETING, "今年这次", named), (FIELD, "", 0))
    for pattern, strip, start in choices:
        for m in pattern.finditer(head, start):
            name = m.group(1)
            clause_start = max(
                (c.end() for c in CLAUSE_END.finditer(head, 0, m.start(1))), default=0
            )
            if COUNTED.search(head, clause_start, m.start(1) + 3):
                continue
            return name.lstrip(strip)
    # Fallback: the first clause that holds no year, since a title's year is read as the
    # speech's year (2021年以来 opens a review of last year, not the year of the speech).
    for clause in CLAUSE.finditer(text, body):
        text = clause.group().strip()
        if text and not YEAR.search(text):
            return text
    return ""
