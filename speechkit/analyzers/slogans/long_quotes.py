"""Long quotes (13 to 20 characters) said as a place's position or goal: whole sentences are
said in quotes too, so a long quote is a slogan only in a frame that names a position or a goal
(round 25: right before 发展定位, 奋斗目标 …; round 31: after 的 or 等 and a goal word, or between
以 and 为). The frame words are data: kinds ``position`` and ``goal`` of
``speechkit/data/local_slogans.tsv``. A pure function over one speech's text."""

from __future__ import annotations

import re

_CJK = "\u4e00-\u9fff"
_LONG_QUOTE = re.compile(f"“([{_CJK}]{{13,20}})”")


def long_framed_quotes(text: str, positions: tuple[str, ...], goals: tuple[str, ...]) -> list[str]:
    """The long quotes of ``text`` said as a position or goal: right before a position word
    (着眼“京津冀都市圈生态发展示范区”发展定位), before 的 or 等 and a goal or position word
    (“努力把万年打造成滨湖地区新型工业县”的战略构想, “建设现代化经济强省取得重要进展”等主要
    目标), or between 以 and 为 and such a word (以建设“华北绿色农产品生产加工基地”为目标).
    Titles a place won (“全省农村公路养护管理示范县”, “…示范区”称号) stand before none of these."""
    frames = positions + goals
    found = []
    for m in _LONG_QUOTE.finditer(text):
        end = m.end()
        if (
            text.startswith(positions, end)
            or (text[end : end + 1] in ("的", "等") and text.startswith(frames, end + 1))
            or (
                "以" in text[max(0, m.start() - 3) : m.start()]
                and text[end : end + 1] == "为"
                and text.startswith(frames, end + 1)
            )
        ):
            found.append(m.group(1))
    return found
