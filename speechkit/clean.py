"""Clean a raw slice for analysis: strip pinyin glosses and noise, normalise punctuation.

The raw text is never changed. Cleaning only deletes characters or swaps one character for
one, and it records where each deletion happened, so every cleaned position maps back to the
raw file (see ``OffsetMap``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from speechkit.decode import _common_hanzi
from speechkit.model import CleaningStats, OffsetMap

PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# A gloss is a Han character's reading in parentheses: 發(fā), or l(xiāng) where mojibake ate the
# character. The reading must be one valid syllable, so asides such as (村) and redactions
# such as (x) are never taken for glosses.
GLOSS = rf"(?<=[{HANZI}A-Za-z])[(（]([{PINYIN_LETTERS}]{{1,7}})[)）]"
HTML = r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,200})?/?>|(?<![A-Za-z<])/(?:p|div|span|br)>|&nbsp;"
INVISIBLE = "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
# A narrow no-break space between digits groups thousands (1 000); it goes.
DIGIT_SEPARATOR = r"(?<=\d)\u202f(?=\d)"
DELETIONS = re.compile(
    rf"(?P<gloss>{GLOSS})|(?P<html>{HTML})|(?P<invisible>{INVISIBLE})|(?P<sep>{DIGIT_SEPARATOR})"
)

SYLLABLE = re.compile(
    r"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iong|iang|uang|ing|ang|eng|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn"
    r"|ia|ie|iu|ua|uo|ui|ve|ue|a|o|e|i|u|v)"
    r"|hm|hng|ng|m|n"
)

# ASCII punctuation of scraped dumps, made full-width so that patterns need one form only.
# A comma or colon between two digits (1,000 or 10:30) is part of the number and stays.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
PUNCTUATION = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;!?()]")
SPACES = re.compile("[\u202f\u00a0]")

# Damaged glosses, reported but left in place: a reading whose "(" was eaten, or a line that
# ends inside an opening gloss.
ORPHAN_READING = re.compile(rf"(?<![(（{PINYIN_LETTERS}])[{PINYIN_LETTERS}]{{1,7}}[)）]")
OPEN_AT_LINE_END = re.compile(rf"(?<=[{HANZI}])[(（][{PINYIN_LETTERS}]{{0,6}}$", re.M)
MOJIBAKE_SEED = re.compile("[?？\ufffd]")


@cache
def is_syllable(reading: str) -> bool:
    """True when ``reading`` (with tone marks) is one Mandarin syllable."""
    base = unicodedata.normalize("NFD", reading.replace("ü", "v").replace("ǖ", "v"))
    base = "".join(ch for ch in base if not unicodedata.combining(ch))
    base = base.replace("ü", "v")
    return SYLLABLE.fullmatch(base) is not None


@dataclass(frozen=True)
class Finding:
    """Something cleaning noticed but did not fix: a damaged gloss or a mojibake run."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cleaned:
    text: str
    offsets: OffsetMap
    stats: CleaningStats
    findings: tuple[Finding, ...]


def clean(raw: str, base: int = 0) -> Cleaned:
    """Clean ``raw``, a slice that starts at offset ``base`` of the decoded raw file."""
    pieces: list[str] = []
    breaks: list[tuple[int, int]] = [(0, base)]
    counts = {"gloss": 0, "html": 0, "invisible": 0}
    glosses: list[tuple[int, int]] = []
    prev = 0
    clean_pos = 0
    for m in DELETIONS.finditer(raw):
        kind = m.lastgroup
        if kind == "gloss":
            if not is_syllable(m.group(2)):
                continue
            glosses.append(m.span())
        if kind in counts:
            counts[kind] += 1
        pieces.append(raw[prev : m.start()])
        clean_pos += m.start() - prev
        prev = m.end()
        if breaks[-1][0] == clean_pos:
            breaks[-1] = (clean_pos, base + prev)
        else:
            breaks.append((clean_pos, base + prev))
    pieces.append(raw[prev:])
    text = "".join(pieces)
    text = SPACES.sub(" ", text)
    normalised = PUNCTUATION.sub(lambda m: FULL_WIDTH[m.group()], text)
    punctuation = sum(1 for a, b in zip(text, normalised) if a != b)
    findings = tuple(sorted(_suspects(raw, base) + _mojibake(raw, base, glosses), key=_at))
    stats = CleaningStats(
        glosses=counts["gloss"],
        html=counts["html"],
        invisible=counts["invisible"],
        punctuation=punctuation,
        suspects=sum(1 for f in findings if f.kind == "suspect"),
        mojibake=sum(1 for f in findings if f.kind == "mojibake"),
    )
    return Cleaned(normalised, OffsetMap(tuple(breaks), base + len(raw)), stats, findings)


def _at(finding: Finding) -> int:
    return finding.start


def _suspects(raw: str, base: int) -> list[Finding]:
    found = []
    for pattern in (ORPHAN_READING, OPEN_AT_LINE_END):
        for m in pattern.finditer(raw):
            reading = m.group().strip("()（）")
            if pattern is ORPHAN_READING and not is_syllable(reading):
                continue
            found.append(Finding("suspect", base + m.start(), base + m.end(), m.group()))
    return found


def _is_odd(ch: str) -> bool:
    """A character that ordinary Chinese prose next to a question mark would not hold."""
    if ch in "?？\ufffd":
        return True
    if ch.isascii():
        return ch.isalpha()
    if "\u4e00" <= ch <= "\u9fff":
        return ch not in _common_hanzi()
    category = unicodedata.category(ch)
    return category.startswith("L") or category in ("No", "So", "Co")


def _mojibake(raw: str, base: int, glosses: list[tuple[int, int]]) -> list[Finding]:
    """Runs of mis-decoded text: a ``?`` (or U+FFFD) with odd characters right after it.

    A real question mark is followed by ordinary prose; a mis-decoding leaves rare
    characters, stray Latin letters or symbols. Well-formed glosses are not counted as odd.
    """
    in_gloss = set()
    for a, b in glosses:
        in_gloss.update(range(a, b))
    runs: list[Finding] = []
    pos = 0
    while True:
        m = MOJIBAKE_SEED.search(raw, pos)
        if not m:
            break
        start = m.start()
        last_odd = start if raw[start] == "\ufffd" else -1
        i = start + 1
        gap = 0
        while i < len(raw) and raw[i] != "\n" and gap <= 2:
            if i not in in_gloss and _is_odd(raw[i]):
                last_odd = i
                gap = 0
            else:
                gap += 1
            i += 1
        if last_odd < 0:
            pos = start + 1
            continue
        end = last_odd + 1
        if runs and runs[-1].end >= base + start:
            prev = runs.pop()
            start = prev.start - base
        runs.append(Finding("mojibake", base + start, base + end, raw[start:end]))
        pos = end
    return runs
