"""Maxims a city or county says of its own work without quotes (issue 12, round 15): a
thing that rules (坚持项目为王) and a thing that is the first of its kind, said after or like
the national maxims of that shape (发展是第一要务，项目是第一载体). Pure functions over one
speech's text."""

from __future__ import annotations

import re

_CJK = "\u4e00-\u9fff"
# X为王 after a verb or at the start of a clause, and ending it: 坚持项目为王、, ，项目为王，;
# not 胜者为王的道理
_RULES = re.compile(
    f"(?:(?<=坚持)|(?<=树立)|(?<=强化)|(?<=[，。；：“\\n]))([{_CJK}]{{2}}为王)(?=[，。；、”\\n])"
)
# X是第一Y, X and Y of two characters, as its own clause: ，项目是第一载体。
_FIRST = re.compile(f"(?<=[，。；：、“\\n])([{_CJK}]{{2}}是第一[{_CJK}]{{2}})(?=[，。；、”\\n])")


def maxims(text: str) -> list[str]:
    """坚持项目为王; ，项目是第一载体。 (发展是第一要务 and 科技是第一生产力 are lexicon forms)."""
    return [m.group(1) for m in _RULES.finditer(text)] + [m.group(1) for m in _FIRST.finditer(text)]
