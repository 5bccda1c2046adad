"""Clean a raw slice for analysis: strip pinyin glosses and noise, normalise punctuation.

The raw text is never changed. Cleaning only deletes characters or swaps one character for
one, and it records where each deletion happened, so every cleaned position maps back to the
raw file (see ``OffsetMap``).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, islice

from speechkit.ingest.decode import _common_hanzi
from speechkit.model import CleaningStats, OffsetMap

PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# A gloss is a reading in parentheses right after a Han character: 發(fā), or l(xiāng) where
# mojibake ate the character. The reading must be one valid syllable, so asides such as (村)
# and redactions such as (x) are never taken for glosses. Every pattern here starts with a
# literal character and checks what comes before it with a look-behind after that literal:
# that lets the regex engine skip ahead in C (a class mixing ASCII and CJK, or a leading
# look-behind, makes it try every position). The capture group makes ``split`` return the
# glosses between the kept pieces.
GLOSS_ASCII = re.compile(rf"(\((?<=[{HANZI}A-Za-z]\()[{PINYIN_LETTERS}]{{1,7}}[)）])")
GLOSS_ANY = re.compile(rf"([(（](?<=[{HANZI}A-Za-z][(（])[{PINYIN_LETTERS}]{{1,7}}[)）])")
HAN_OR_LETTER = re.compile(rf"[{HANZI}A-Za-z]")
HTML = (
    r"<(?:/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,200})?/?>)"
    r"|/(?<![A-Za-z<]/)(?:p|div|span|br)>|&nbsp;"
)
INVISIBLE = "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
# A narrow no-break space between digits groups thousands (1 000); it goes.
DIGIT_SEPARATOR = r"\u202f(?<=\d\u202f)(?=\d)"
# Line endings: the CR of a CRLF goes and a lone CR becomes LF (in SPACES), so the text and
# its length are the same whatever the line endings; offsets still point at the raw CR.
NOISE = re.compile(
    rf"(?P<html>{HTML})|(?P<invisible>{INVISIBLE})|(?P<sep>{DIGIT_SEPARATOR})|(?P<crlf>\r(?=\n))"
)
NOISE_HINTS = "<>&\u200b\u200c\u200d\u2060\ufeff\u00ad\u202f\r"
# The characters a NOISE match starts with. NOISE begins with named groups, so re cannot
# skip ahead and tries it at every position; a search for these first is 5 times faster.
NOISE_START = re.compile("[</&\u200b\u200c\u200d\u2060\ufeff\u00ad\u202f\r]")

SYLLABLE = re.compile(
    r"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iong|iang|uang|ing|ang|eng|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn"
    r"|ia|ie|iu|ua|uo|ui|ve|ue|a|o|e|i|u|v)"
    r"|hm|hng|ng|m|n"
)

# ASCII punctuation of scraped dumps, made full-width so that patterns need one form only.
# A comma or colon between two digits (1,000 or 10:30) is part of the number and stays.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
# Each starts with the punctuation itself so the regex engine can skip ahead to candidates.
IN_NUMBER = {",": re.compile(r",(?<=\d,)(?=\d)"), ":": re.compile(r":(?<=\d:)(?=\d)")}
SPACES = {"\u202f": " ", "\u00a0": " ", "\r": "\n"}
# A pair of straight double quotes on one line around Chinese text ("六个百亿", a web page's
# ASCII quotes) is a pair of Chinese quotation marks; quotes around Latin text ("OK") stay.
# Pairs are taken left to right, so "OK" and "好" stay two pairs.
STRAIGHT_QUOTES = re.compile('"([^"\\n]{1,40})"')
HAS_HANZI = re.compile(f"[{HANZI}]")

# Damaged glosses, reported but left in place: a reading whose "(" was eaten, or a line that
# ends inside an opening gloss. Both are looked for after the good glosses are gone.
# An orphan reading is the run of (at most 7) letters before a ")"; it is found from the ")".
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz" + PINYIN_LETTERS.replace("a-z", ""))
OPEN_AT_LINE_END = {
    "(": re.compile(rf"\([{PINYIN_LETTERS}]{{0,6}}$", re.M),
    "（": re.compile(rf"（[{PINYIN_LETTERS}]{{0,6}}$", re.M),
}
MOJIBAKE_SEEDS = "?？\ufffd"


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
    parts = _gloss_split(raw)
    counts = {"gloss": len(parts) // 2, "html": 0, "invisible": 0}
    noise = _noise(raw, counts) if any(ch in raw for ch in NOISE_HINTS) else []
    if noise:
        text, clean_at, raw_at = _splice(raw, base, sorted(_gloss_spans(parts, base) + noise))
    else:
        text, clean_at, raw_at = _join(parts, base)
    text = _replace_all(text, SPACES)
    offsets = OffsetMap(clean_at, raw_at, base + len(raw))
    findings = _suspects(text, raw, base, offsets) + _mojibake(text, raw, base, offsets)
    findings.sort(key=_at)
    normalised, punctuation = _full_width(text)
    stats = CleaningStats(
        glosses=counts["gloss"],
        html=counts["html"],
        invisible=counts["invisible"],
        punctuation=punctuation,
        suspects=sum(1 for f in findings if f.kind == "suspect"),
        mojibake=sum(1 for f in findings if f.kind == "mojibake"),
    )
    return Cleaned(normalised, offsets, stats, tuple(findings))


def _gloss_split(raw: str) -> list[str]:
    """``raw`` as kept, gloss, kept, gloss, …, kept: a candidate whose reading is not one
    syllable stays inside the kept piece."""
    parts = (GLOSS_ANY if "（" in raw else GLOSS_ASCII).split(raw)
    # Each distinct reading is checked once; usually all of them are syllables.
    bad = {g for g in set(parts[1::2]) if not is_syllable(g[1:-1])}
    if not bad:
        return parts
    merged = [parts[0]]
    for gloss, kept in zip(parts[1::2], parts[2::2]):
        if gloss in bad:
            merged[-1] += gloss + kept
        else:
            merged += [gloss, kept]
    return merged


def _join(parts: list[str], base: int) -> tuple[str, array, array]:
    """The kept pieces joined, and the offset breaks (``OffsetMap``'s two arrays): after each
    gloss, where it ends in the cleaned text and in the raw file. No two glosses touch (a
    gloss follows a Han character or a letter, never a closing parenthesis), so every kept
    piece but the last is non-empty and the breaks' cleaned positions rise strictly:
    both arrays are running sums of the parts' lengths, computed in C."""
    lengths = list(map(len, parts))
    clean_at = array("q", [0])
    clean_at.extend(accumulate(lengths[0:-1:2]))
    raw_at = array("q")
    raw_at.extend(islice(accumulate(lengths, initial=base), 0, None, 2))
    return "".join(parts[0::2]), clean_at, raw_at


def _gloss_spans(parts: list[str], base: int) -> list[tuple[int, int]]:
    """Where each gloss of ``_gloss_split``'s parts lies in ``raw`` (0-based)."""
    ends = list(accumulate(map(len, parts)))
    return [(ends[i - 1], ends[i]) for i in range(1, len(parts), 2)]


def _noise(raw: str, counts: dict[str, int]) -> list[tuple[int, int]]:
    """Spans of HTML residue, invisible characters and digit separators; counts them."""
    spans = []
    at = NOISE_START.search(raw)
    while at:
        m = NOISE.match(raw, at.start())
        if m is None:
            at = NOISE_START.search(raw, at.start() + 1)
            continue
        spans.append(m.span())
        if m.lastgroup in counts:
            counts[m.lastgroup] += 1
        at = NOISE_START.search(raw, m.end())
    return spans


def _splice(raw: str, base: int, deletions: list[tuple[int, int]]) -> tuple[str, array, array]:
    """``raw`` without the sorted spans ``deletions``, and the offset breaks (as ``_join``)."""
    pieces: list[str] = []
    clean_at, raw_at = array("q", [0]), array("q", [base])
    prev = 0
    clean_pos = 0
    for start, end in deletions:
        pieces.append(raw[prev:start])
        clean_pos += start - prev
        prev = end
        if clean_at[-1] == clean_pos:
            raw_at[-1] = base + prev
        else:
            clean_at.append(clean_pos)
            raw_at.append(base + prev)
    pieces.append(raw[prev:])
    return "".join(pieces), clean_at, raw_at


def _full_width(text: str) -> tuple[str, int]:
    """ASCII punctuation to full-width, except a comma or colon inside a number; pairs of
    straight double quotes around Chinese text to “ and ”."""
    keep = sorted(
        m.start() for ch, pattern in IN_NUMBER.items() if ch in text for m in pattern.finditer(text)
    )
    changed = sum(text.count(ch) for ch in FULL_WIDTH) - len(keep)
    out = _replace_all(text, FULL_WIDTH)
    if '"' in out:
        out, quotes = _chinese_quotes(out)
        changed += 2 * quotes
    if keep:
        pieces, prev = [], 0
        for i in keep:
            pieces += [out[prev:i], text[i]]
            prev = i + 1
        pieces.append(out[prev:])
        out = "".join(pieces)
    return out, changed


def _chinese_quotes(text: str) -> tuple[str, int]:
    """Straight quote pairs around Chinese text to “…”, and how many pairs changed."""
    changed = 0

    def pair(m: re.Match) -> str:
        nonlocal changed
        if not HAS_HANZI.search(m.group(1)):
            return m.group()
        changed += 1
        return f"“{m.group(1)}”"

    return STRAIGHT_QUOTES.sub(pair, text), changed


def _replace_all(text: str, table: dict[str, str]) -> str:
    # str.replace per character is several times faster than str.translate into non-Latin-1.
    for old, new in table.items():
        if old in text:
            text = text.replace(old, new)
    return text


def _at(finding: Finding) -> int:
    return finding.start


def _finding(kind: str, start: int, end: int, raw: str, base: int, offsets: OffsetMap):
    raw_start, raw_end = offsets.raw_span(start, end)
    return Finding(kind, raw_start, raw_end, raw[raw_start - base : raw_end - base])


def _suspects(text: str, raw: str, base: int, offsets: OffsetMap) -> list[Finding]:
    orphans = sorted(span for close in ")）" if close in text for span in _orphans(text, close))
    left_open = sorted(
        m.span()
        for opening, pattern in OPEN_AT_LINE_END.items()
        if opening in text
        for m in pattern.finditer(text)
        if m.start() and HAN_OR_LETTER.match(text, m.start() - 1)
    )
    return [_finding("suspect", a, b, raw, base, offsets) for a, b in orphans + left_open]


def _orphans(text: str, close: str) -> list[tuple[int, int]]:
    """Readings whose "(" was eaten: up to 7 letters before ``close``, not right after a
    "(", that make one syllable."""
    found = []
    at = text.find(close)
    while at >= 0:
        start = at
        while start > at - 7 and start > 0 and text[start - 1] in LETTERS:
            start -= 1
        if start < at and not (start and text[start - 1] in "(（") and is_syllable(text[start:at]):
            found.append((start, at + 1))
        at = text.find(close, at + 1)
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


def _mojibake(text: str, raw: str, base: int, offsets: OffsetMap) -> list[Finding]:
    """Runs of mis-decoded text: a ``?`` (or U+FFFD) with odd characters right after it.

    A real question mark is followed by ordinary prose; a mis-decoding leaves rare
    characters, stray Latin letters or symbols. Runs on the text with good glosses gone.
    """
    runs: list[tuple[int, int]] = []
    if not any(ch in text for ch in MOJIBAKE_SEEDS):
        return []
    pos = 0
    next_seed = _SeedFinder(text)
    while True:
        start = next_seed(pos)
        if start < 0:
            break
        last_odd = start if text[start] == "\ufffd" else -1
        i = start + 1
        gap = 0
        while i < len(text) and text[i] != "\n" and gap <= 2:
            if _is_odd(text[i]):
                last_odd = i
                gap = 0
            else:
                gap += 1
            i += 1
        if last_odd < 0:
            pos = start + 1
            continue
        end = last_odd + 1
        if runs and runs[-1][1] >= start:
            start = runs.pop()[0]
        runs.append((start, end))
        pos = end
    return [_finding("mojibake", a, b, raw, base, offsets) for a, b in runs]


class _SeedFinder:
    """``finder(pos)``: where the first mojibake seed at or after ``pos`` is, or -1; for
    ``pos`` that never decrease. Each seed's next place is kept and looked for again (with
    ``str.find``, several times faster than a regex class) only once ``pos`` has passed it."""

    def __init__(self, text: str):
        self.text = text
        self.at = {seed: text.find(seed) for seed in MOJIBAKE_SEEDS}

    def __call__(self, pos: int) -> int:
        found = -1
        for seed, at in self.at.items():
            if 0 <= at < pos:
                at = self.at[seed] = self.text.find(seed, pos)
            if at >= 0 and (found < 0 or at < found):
                found = at
        return found


class WindowedClean:
    """``clean`` over a long slice given as consecutive windows that each end at a line end:
    cleaning never looks across a line end, so the windows' texts, offset breaks, counts and
    findings put together are exactly those of ``clean`` over the whole slice, while the
    intermediates (about ten times a window's size) stay bounded by one window.

    ``add(window)`` cleans the next window and returns its cleaned text; ``offsets`` and
    ``stats`` describe everything added so far."""

    def __init__(self, base: int):
        self.base = base
        self.at = base  # raw offset of the next window
        self.length = 0  # cleaned characters so far
        self.clean_at = array("q")
        self.raw_at = array("q")
        self.totals = dict.fromkeys(CleaningStats.__dataclass_fields__, 0)

    def add(self, window: str) -> str:
        cleaned = clean(window, self.at)
        clean_at, raw_at = cleaned.offsets.clean_at, cleaned.offsets.raw_at
        first = 0
        # A window's first break (its start) continues the previous window's shift unless a
        # deletion sits right at its start: the whole slice's map has no break there.
        shift = raw_at[0] - clean_at[0] - self.length
        if self.clean_at and shift == self.raw_at[-1] - self.clean_at[-1]:
            first = 1
        self.clean_at.extend(pos + self.length for pos in clean_at[first:])
        self.raw_at.extend(raw_at[first:])
        for key in self.totals:
            self.totals[key] += getattr(cleaned.stats, key)
        self.at += len(window)
        self.length += len(cleaned.text)
        return cleaned.text

    @property
    def offsets(self) -> OffsetMap:
        return OffsetMap(self.clean_at, self.raw_at, self.at)

    @property
    def stats(self) -> CleaningStats:
        return CleaningStats(**self.totals)
