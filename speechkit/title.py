"""A best guess at a speech's title: the meeting its first paragraph names."""

from __future__ import annotations

import re

# 召开十五届州人民政府第一次全体会议 / 决定召开这次全州2022年烟叶工作会议 / 今天的会议
MEETING = re.compile(
    r"(?:召开|举行|开好|参加|今天的|这次)(?:了|这次|今天的)?"
    r"(?!了?[x\d]+次)([^，。；：！？、\n“”《》]{2,40}?"
    r"(?:全体会议|工作会议|会议|大会|全会|座谈会|推进会|部署会))"
)
# Second choice: a meeting named anywhere in the opening lines (今年全省交通运输工作会议采取…).
NAMED_MEETING = re.compile(
    r"(?:\d+次|[x\d]+月[x\d]+日)?([^，。；：！？、\n“”《》\d]{2,20}?"
    r"(?:工作会议|视频会议|全体会议|大会|座谈会))"
)
CLAUSE = re.compile(r"[^，。；：！？\n]{1,30}")


def guess_title(text: str, preamble_title: str = "") -> str:
    """Name the meeting in the first paragraphs of ``text`` (Simplified), else fall back.

    The fallback is ``preamble_title`` (a report's own title line) or the first clause.
    """
    body = text.split("\n", 1)[1] if "\n" in text else text
    head = body[:400]
    m = MEETING.search(head)
    if m:
        return m.group(1).lstrip("这次今天的")
    m = NAMED_MEETING.search(head)
    if m:
        return m.group(1).lstrip("今年这次")
    if preamble_title:
        return preamble_title
    first = CLAUSE.search(body)
    return first.group().strip() if first else ""
