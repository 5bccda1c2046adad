"""The year a speech was given, and where that year was read (for 今年, 去年 and horizons)."""

from __future__ import annotations

import functools
import re
from pathlib import PurePath

from speechkit.analyzers.targets.cues import words_pattern
from speechkit.analyzers.targets.lines import is_heading

_DATE = re.compile(r"((?:19|20)\d{2})年\d{1,2}月\d{1,2}日")
_REPORT = re.compile(r"((?:19|20)\d{2})年[^\n。]{0,8}工作报告")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def speech_year(text: str, title: str = "", source: str = "") -> tuple[int | None, str]:
    """``(year, source)``; source is ``title``, ``text``, ``heading`` or ``file``.

    In order: a full date or "2023年…工作报告" in the title or the first lines; a year in the
    title ("全州2022年烟叶工作会议"); a heading that plans a year ("三、2019年工作安排") or
    reviews the one before ("一、2018年工作回顾"); a year in the file's name.
    """
    for rx in (_DATE, _REPORT):
        if m := rx.search(title):
            return int(m.group(1)), "title"
        if m := rx.search(text[:300]):
            return int(m.group(1)), "text"
    if m := _YEAR.search(title):
        return int(m.group(1)), "title"
    plan, review = words_pattern("plan_heading"), words_pattern("review_heading")
    for line in text.splitlines():
        if "年" not in line:
            continue  # no year to read (most lines: the test below is dearer)
        line = line.strip()
        if not line or not is_heading(line):
            continue
        m = _YEAR.search(line)
        if not m or "以来" in line:
            continue
        if review.search(line):
            return int(m.group(1)) + 1, "heading"
        if plan.search(line):
            return int(m.group(1)), "heading"
    file_year = _file_year(source) if source else None
    return (file_year, "file") if file_year is not None else (None, "")


@functools.lru_cache(maxsize=256)
def _file_year(source: str) -> int | None:
    """The year in a file's name (a dump's speeches share one: read once per file)."""
    m = _FILE_YEAR.search(PurePath(source).stem)
    return int(m.group(1)) if m else None
