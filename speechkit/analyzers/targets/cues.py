"""Cue words, time expressions and section roles used by the targets analyzer.

Cue words live in speechkit/data/target_cues.tsv (cue, role); see that file's header.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import PurePath

from speechkit.errors import SpeechkitError
from speechkit.resources import bundled_text
from speechkit.text.numerals import small_number
from speechkit.text.sentences import find_headings
from speechkit.text.trie import trie_pattern

KIND_ROLES = {
    "binding",
    "aspirational",
    "future",
    "modal",
    "past",
    "earlier",
    "forecast",
    "rule",
    "fact",
    "none",
}
SECTION_ROLES = {"review", "plan"}
LIST_ROLE = "enumeration"


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str
    role: str


@dataclass(frozen=True)
class Time:
    """A time expression; ``year`` is "2023", "2023-03" (a month deadline) or "2021-2025"."""

    start: int
    end: int
    year: str
    text: str = ""


# What can separate two sentence blocks (see speechkit.text.sentences): never inside a cue.
_BOUNDARY = re.compile(r"[\s。！？；”’」』）]")


@functools.cache
def load_cues() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(kind cues, section cues, list nouns), read once from target_cues.tsv."""
    kind: dict[str, str] = {}
    section: dict[str, str] = {}
    nouns: set[str] = set()
    for n, line in enumerate(bundled_text("target_cues.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line == "cue\trole":
            continue
        cue, _, role = line.partition("\t")
        if _BOUNDARY.search(cue):
            # The targets analyzer looks for cues one sentence block at a time.
            raise SpeechkitError(
                f"target_cues.tsv line {n}: cue {cue!r} holds a space or 。！？；”）"
            )
        if role in KIND_ROLES:
            kind[cue] = role
        elif role in SECTION_ROLES:
            section[cue] = role
        elif role == LIST_ROLE:
            nouns.add(cue)
        else:
            raise SpeechkitError(f"target_cues.tsv line {n}: unknown role {role!r}")
    return kind, section, frozenset(nouns)


def list_nouns() -> frozenset[str]:
    return load_cues()[2]


@functools.cache
def cue_pattern() -> re.Pattern[str]:
    """All kind cues; at each position the longest cue wins: 主要 (none) masks 要.

    Written as a trie (主(?:要(?:预期目标)?)|…): re then tries one branch per first
    character instead of every cue in turn, and still prefers the longer cue.
    """
    return re.compile(trie_pattern(load_cues()[0]))


# The patterns below open with a literal or a character class, so that re can skip ahead to
# where they can match; an optional group first (such as 到 before a year) would make it try
# every position of the text.
_YEAR = re.compile(
    r"(?P<y>(?:19|20)\d{2})年(?P<suffix>年底|年末|底|末|前|以前|之前|以来|上半年|下半年)?"
)
# Written just before a year ("到2025年", "截至2022年"), they make it a deadline or a cut-off.
# Longest first: the match takes the longest one the text ends with.
_YEAR_TO = ("截止到", "截至", "截止", "到", "至")
_MONTH = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
    r"(?:底|末|份|中旬|上旬|下旬)?(?:前|以前|之前)"
)
# What every _MONTH match ends with, from its 月 on; the match starts at most 7 characters
# before that 月 ("2022年12月").
_MONTH_TAIL = re.compile(r"月(?:底|末|份|中旬|上旬|下旬)?(?:前|以前|之前)")
_MONTH_REACH = 7
_PLAN = re.compile(r"(?:“十|十)(?P<n>[一二三四五六七八九])五”?(?P<s>期间|时期|末|规划期内|规划期)")
_RELATIVE = {
    "今年": 0,
    "本年": 0,
    "年内": 0,
    "全年": 0,
    "明年": 1,
    "去年": -1,
    "上年": -1,
    "前年": -2,
}
_RELATIVE_RE = re.compile("今后五年|未来五年|" + "|".join(_RELATIVE))


def find_cues(text: str, year: int | None = None) -> list[Cue]:
    """Cue words (from the TSV) and year-derived cues, in text order; ``none`` dropped."""
    quoted = quoted_spans(text, 0, len(text))
    return _cues(text, year, 0, len(text), quoted, _dates(text, 0, len(text)))


def cues_and_times(
    text: str, year: int | None, start: int, end: int, quoted: list[tuple[int, int]]
) -> tuple[list[Cue], list[Time]]:
    """``find_cues`` and ``find_times`` for ``text[start:end]``, a stretch none of them crosses.

    No cue or time expression contains a sentence end, a space or a line break (see
    ``load_cues``), so a whole sentence block or line will do. ``quoted`` are the
    ``quoted_spans`` of its line.
    """
    dates = _dates(text, start, end)
    return _cues(text, year, start, end, quoted, dates), _times(text, year, start, end, dates)


_Dates = tuple[
    list[tuple[int, re.Match[str], str | None]], list[re.Match[str]], list[re.Match[str]]
]


def _dates(text: str, start: int, end: int) -> _Dates:
    """The matches of years, month deadlines and five-year plans, shared by cues and times."""
    return (
        _years(text, start, end),
        _months(text, start, end),
        list(_PLAN.finditer(text, start, end)),
    )


def _cues(
    text: str,
    year: int | None,
    start: int,
    end: int,
    quoted: list[tuple[int, int]],
    dates: _Dates,
) -> list[Cue]:
    kind = load_cues()[0]
    out = []
    for m in cue_pattern().finditer(text, start, end):
        word = m.group()
        role = kind[word]
        if role != "none" and not _inside(quoted, m.start()):
            out.append(Cue(m.start(), m.end(), word, role))
    years, months, plans = dates
    for begin, m, to in years:
        role = _year_role(int(m.group("y")), to, m.group("suffix"), year)
        if role:
            out.append(Cue(begin, m.end(), text[begin : m.end()], role))
    for m in months:
        out.append(Cue(m.start(), m.end(), m.group(), "future"))
    for m in plans:
        first = _plan_start(m)
        if year is not None:
            role = "future" if first + 4 >= year else "earlier"
            out.append(Cue(m.start(), m.end(), m.group(), role))
    out.sort(key=_start)
    return out


def _start(item: Cue | Time) -> int:
    return item.start


_QUOTE = re.compile(r"[“《][^“”《》\n]{1,30}[”》]")


def quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of short quoted names and titles (“强基计划”, 《…方案》): cue words there are names.

    ``text[start:end]`` is the whole text or whole lines: a quote never crosses a line break.
    """
    return [m.span() for m in _QUOTE.finditer(text, start, end)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, len(spans) + 10**9)) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def _years(text: str, start: int, end: int) -> list[tuple[int, re.Match[str], str | None]]:
    """(start, match, word before) for each year: 到/至/截至… extend the match to the left."""
    out = []
    for m in _YEAR.finditer(text, start, end):
        start = m.start()
        to = None
        for word in _YEAR_TO:
            if text.endswith(word, 0, start):
                to = word
                start -= len(word)
                break
        out.append((start, m, to))
    return out


def _months(text: str, start: int, end: int) -> list[re.Match[str]]:
    """``_MONTH.finditer(text, start, end)``, looked for only near each 月…前 (they are rare)."""
    out: list[re.Match[str]] = []
    pos = start
    for tail in _MONTH_TAIL.finditer(text, start, end):
        if tail.end() <= pos:
            continue
        # A match ends with its tail, so one found here uses this 月: none can start
        # between ``pos`` and this window that ends before it.
        m = _MONTH.search(text, max(pos, tail.start() - _MONTH_REACH), tail.end())
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


def _year_role(y: int, to: str | None, suffix: str | None, year: int | None) -> str:
    if to in ("截至", "截止", "截止到") or suffix == "以来":
        return "past"
    if year is None:
        return ""
    if to in ("到", "至") or suffix in ("前", "以前", "之前"):
        return "future" if y >= year else "earlier"
    if y > year:
        return "future"
    return "modal" if y == year else "earlier"


def find_times(text: str, year: int | None) -> list[Time]:
    """Time expressions resolved to a year string, in text order."""
    return _times(text, year, 0, len(text), _dates(text, 0, len(text)))


def _times(text: str, year: int | None, start: int, end: int, dates: _Dates) -> list[Time]:
    out = []
    years, months, plans = dates
    for begin, m, _ in years:
        out.append(Time(begin, m.end(), m.group("y")))
    for m in months:
        y = int(m.group("y")) if m.group("y") else year
        if y is not None:
            out.append(Time(m.start(), m.end(), f"{y}-{small_number(m.group('m')):02d}"))
    for m in plans:
        first = _plan_start(m)
        when = str(first + 4) if m.group("s") == "末" else f"{first}-{first + 4}"
        out.append(Time(m.start(), m.end(), when))
    if year is not None:
        for m in _RELATIVE_RE.finditer(text, start, end):
            if (m.start() and text[m.start() - 1] in "比较") or text.startswith("基础上", m.end()):
                continue  # 比去年预算低…, 在去年基础上…: a baseline, not the number's date
            if m.group() in _RELATIVE:
                when = str(year + _RELATIVE[m.group()])
            else:
                when = f"{year}-{year + 4}"
            out.append(Time(m.start(), m.end(), when, m.group()))
    # A month deadline ("2022年3月底前") wins over the year inside it.
    out.sort(key=lambda t: (t.start, -t.end))
    kept: list[Time] = []
    for t in out:
        if kept and t.start < kept[-1].end:
            continue
        kept.append(t)
    return kept


def _plan_start(m: re.Match[str]) -> int:
    """First year of a _PLAN match's five-year plan: 十四五 -> 2021 (the 6th began in 1981)."""
    return 1981 + 5 * (small_number(m.group("n")) + 10 - 6)


def section_role(heading: str) -> str:
    """review, plan or '' for a heading's wording (回顾 wins; both kinds of cue give '')."""
    section = load_cues()[1]
    roles = {role for cue, role in section.items() if cue in heading}
    if "回顾" in heading:
        return "review"
    return roles.pop() if len(roles) == 1 else ""


_DATE = re.compile(r"((?:19|20)\d{2})年\d{1,2}月\d{1,2}日")
_REPORT = re.compile(r"((?:19|20)\d{2})年[^\n。]{0,8}工作报告")
_HEADING_YEAR = re.compile(r"((?:19|20)\d{2})年")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def speech_year(text: str, title: str = "", source: str = "") -> int | None:
    """The year a speech was given, for resolving 今年/去年.

    In order: a date or "2023年…工作报告" in the title or first lines; a year in the title
    ("全州2022年烟叶工作会议"); a plan heading's year
    ("三、2019年政府工作任务") or a review heading's year plus one ("一、2018年工作回顾");
    a year in the source file's name (the bundled sample is speeches_2022_…).
    """
    head = title + "\n" + text[:300]
    for rx in (_DATE, _REPORT):
        m = rx.search(head)
        if m:
            return int(m.group(1))
    m = _HEADING_YEAR.search(title)
    if m:
        return int(m.group(1))
    for h in find_headings(text):
        m = _HEADING_YEAR.search(h.text)
        if not m:
            continue
        role = section_role(h.text)
        if role == "plan":
            return int(m.group(1))
        if role == "review" and "以来" not in h.text:
            return int(m.group(1)) + 1
    m = _FILE_YEAR.search(PurePath(source).stem) if source else None
    return int(m.group(1)) if m else None
