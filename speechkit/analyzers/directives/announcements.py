"""Announcements such as 讲五点意见, and the length of the list that follows each.

Cue words are in ``speechkit/data/directive_cues.tsv``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from speechkit.resources import bundled_rows
from speechkit.text.numerals import small_number
from speechkit.text.outline import Outline, parse

_NUM = r"[一二三四五六七八九十两]{1,3}|\d{1,3}"
# Heading styles, whose items stand on lines of their own even when the numbering skips
# 这两件, 以上三点: the number points back at what was said
_BACK = re.compile(r"(?:这|那|上述|以上)$")
_HEADINGS = frozenset({"一、", "（一）", "【N】"})


@functools.cache
def cues() -> dict[str, tuple[str, ...]]:
    """Announcement cue words by role, from ``speechkit/data/directive_cues.tsv``."""
    roles: dict[str, list[str]] = {}
    for cue, role, *_ in bundled_rows("directive_cues.tsv"):
        roles.setdefault(role, []).append(cue)
    return {role: tuple(words) for role, words in roles.items()}


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@functools.cache
def _announcement_pattern() -> re.Pattern[str]:
    words = cues()
    verbs = _alternatives(words["verb"])
    classes = _alternatives(tuple(c for c in words["classifier"] if c != "个"))
    nouns, modifiers = _alternatives(words["noun"]), _alternatives(words["modifier"])
    # the noun, two joined as one (四点希望和要求), after a modifier (五个方面重点工作)
    noun = rf"(?:{modifiers})?(?:{nouns})(?:[和与及、](?:{nouns}))?"
    # 个 is too common to count on its own (两个确立, 四个意识): only before a noun of the
    # list (讲三个问题) or in a quoted formula.
    if "个" in words["classifier"]:
        classes = rf"{classes}|(?P<ge>个)(?=(?:的)?{noun})"
    counted = rf"(?:(?P<n1>{_NUM})(?:{classes})(?:(?:的)?{noun})?)"
    quoted = (
        rf"(?:[“「](?P<n2>{_NUM})个[^”」\n]{{1,8}}[”」])" if "个" in words["classifier"] else ""
    )
    body = f"{counted}|{quoted}" if quoted else counted
    # the verb and the number sit in one clause, at most 10 characters apart
    return re.compile(rf"(?:{verbs})[^，。：；！？,;:!?\n]{{0,10}}?(?:{body})")


@dataclass(frozen=True)
class Announcement:
    """A phrase such as 讲五点意见, its number, and the length of the list that follows it."""

    start: int
    end: int
    phrase: str
    announced: int
    found: int


def find_announcements(text: str, outline: Outline | None = None) -> list[Announcement]:
    """Announcements in ``text`` with the length of the first list after each.

    The list must start on the announcement's line or the next non-empty one. A phrase with no
    list there counts only if it ends its clause with ：or ends the line (found = 0); otherwise
    it is an ordinary number (就…5次会议) and is skipped. A quoted formula (实现“四个突破”)
    counts only when a colon follows it, since most quoted numbers are slogans (“两个维护”),
    and 个 before a noun (谈三个问题) only with its list found. A list has two items or more:
    一条重要经验 announces nothing.
    """
    outline = outline or parse(text)
    found: list[Announcement] = []
    for m in _announcement_pattern().finditer(text):
        announced = small_number(m.group("n1") or m.group("n2") or "") or 0
        if announced < 2:  # 一条重要经验 counts nothing: a list has two items or more
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        reach = line_end
        while reach < len(text) and text[reach].isspace():
            reach += 1
        nxt = text.find("\n", reach)
        reach = len(text) if nxt < 0 else nxt
        seqs = [s for s in outline.sequences if m.end() <= s[0] < reach]
        tail = text[m.end() : line_end]
        if m.group("n1") and _BACK.search(text, max(m.start("n1") - 2, 0), m.start("n1")):
            continue  # 抓好…这两件大事 names what was said: no list follows
        if m.group("n2") and not re.match(r"[^，。；！？\n]{0,6}[：:]", tail):
            # a quoted formula (做到“两个维护”。) announces a list only when a colon follows
            continue
        if seqs:
            start, style, length = seqs[0]
            # a heading list (一、 （一）) is counted as the text holds it, gaps included; an
            # inline or numbered list as its run (一是…四是 restarts in every paragraph)
            count = _siblings_from(outline, start, style) if style in _HEADINGS else length
        elif not m.group("ge") and re.match(r"[^，。；！？\n]{0,12}[：:]|\s*$", tail):
            # 讲三个问题 with no list after it is too often no announcement (强调两个事情：
            # 一个是…一个是…): a 个 counts only with the list found
            count = 0
        else:
            continue
        found.append(Announcement(m.start(), m.end(), m.group(), announced, count))
    return found


def _siblings_from(outline: Outline, start: int, style: str) -> int:
    """How many items of ``style`` share a parent with the item at ``start``, it included and
    from it on: the list as the text holds it, a gap in its numbering included (a text cut to
    some sections keeps （二） and （七） under one heading)."""
    items = outline.items
    first = next(i for i, item in enumerate(items) if item.start == start and item.style == style)
    parent, _, _ = items[first].path.rpartition(".")
    level = items[first].level
    count = 0
    for item in items[first:]:
        if item.level < level:
            break
        if item.level == level and item.style == style:
            if item.path.rpartition(".")[0] != parent:
                break
            count += 1
    return count
