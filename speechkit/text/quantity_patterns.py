"""The patterns that find a quantity's parts (number, unit, range, date) in a text, and the
scan that skips to where one can start (``quantities._scan`` reads the matches)."""

from __future__ import annotations

import re
from functools import cache

from speechkit.text.units import unit_pattern, units

_ARABIC_DIGIT = "0-9０-９"
_CN_DIGIT = "一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
# A number starts with a digit or 十 (never with 百/千/万: 千家万户 is not a number).
_NUM = (
    rf"[{_ARABIC_DIGIT}{_CN_DIGIT}十拾]"
    # 千/百 may start a unit (10.5亿千瓦, 3个百分点): then they are not part of the number.
    rf"(?:[{_ARABIC_DIGIT}{_CN_DIGIT}零〇十拾佰仟万亿]|千(?![瓦米克伏])|百(?!分点)"
    rf"|[.．点](?=[{_ARABIC_DIGIT}{_CN_DIGIT}零〇])"
    r"|[,\u202f](?=[0-9]{3}))*"
)
# A redaction placeholder (x, xx, x.x) standing for a number.
_X = r"(?<![A-Za-z])x+(?:\.x+)?(?![A-Za-z])"
_SEP = r"[~～\-－—–]|至|到"
# Dates are matched first so that their digits are not read as quantities. Their forms, in
# the order they are tried (the first also reads a year in Chinese digits: 一九八五年):
_MONTH_DAY = r"(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号])?)?"
_DATE_FORMS = (
    r"(?:[0-9]{4}\s*[-—–~～至到]\s*)?(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年" + _MONTH_DAY,
    r"[0-9]{1,2}(?:[-—–~～至到][0-9]{1,2})?月(?:[0-9]{1,2}[日号])?",
    r"[0-9]{1,2}[日号]",
    r"[0-9]{1,2}[:：][0-9]{2}",
    r"0[0-9]年|[0-9]0年代",  # 09年 (2009), 80年代
)
# The same forms behind one test of an Arabic digit, so that at a Chinese numeral (most places
# the scan tries) re passes over them at once, and the one form in Chinese digits after them:
# a date opens with a digit of one script or the other, so each match is the one the forms
# give tried in order (a test holds the two to that).
_DATE = (
    rf"(?=[0-9])(?:{'|'.join(_DATE_FORMS)})"
    rf"|[〇零一二三四五六七八九]{{4}}年{_MONTH_DAY}"
)


def _pattern() -> re.Pattern[str]:
    """The pattern of one quantity's parts (the scan reads it through ``_scan_pattern``;
    compiled alone only for the tests that read the scan against it)."""
    return re.compile(_pattern_source())


@cache
def _pattern_source() -> str:
    unit = unit_pattern(units())
    return (
        rf"(?P<date>{_DATE})"
        rf"|(?P<pct>百分之|千分之|万分之)(?P<pnum>{_NUM}|百)"
        rf"(?:(?P<psep>{_SEP})(?:百分之|千分之|万分之)?(?P<pnum2>{_NUM}|百))?"
        rf"|(?P<num>{_NUM}|{_X})(?P<unit1>{unit})?"
        rf"(?:(?P<sep>{_SEP})(?P<num2>{_NUM}|{_X}))?"
        rf"(?P<fuzzy>多|余)?(?P<unit>{unit})?"
    )


# Every match of _pattern() opens with one of these characters: a digit, a Chinese numeral,
# 百/千/万 (百分之…) or a redacted x. The pattern opens with an alternation of groups and a
# look-behind, which keeps re from skipping ahead to where a match can start; searching for
# this class first does that skipping in C, and the pattern is tried only there.
_FIRST = re.compile(rf"[{_ARABIC_DIGIT}{_CN_DIGIT}十拾〇零百千万x](?:(?<![百千万])|(?=分之))")
# Most places where _FIRST matches are bare Chinese numerals (一些, 统一, 十四五): _scan reads
# each one and drops it, as it has no unit. _skip_pattern() passes over them in C, with the
# text where no number starts: a run of Chinese numerals followed by nothing that could
# continue it or make it a quantity (any character of a number, a unit, a range, 多/余). The
# run leaves out 千, 百 and the decimal point's Arabic form, which _NUM reads with
# look-aheads; they are in the "more" class instead, so a run next to them is left to _scan.
# The run is an atomic group, so that it is never shortened to skip a part of it; the loop and
# its runs of other characters are possessive: nothing after the skip can fail, so re would
# never come back into them, and possessive repeats keep no state to come back with (about
# 8% fewer instructions for the scan than the look-ahead and back-reference written before).
# Inside the run, numerals are taken a stretch at a time (a class repeated, which re runs in
# one loop), a decimal point between stretches: the same characters as taking them one by one,
# with one round of the outer repeat per point rather than per character.
_CN_NUMERAL = rf"[{_CN_DIGIT}零〇十拾佰仟万亿]"
_CN_RUN = rf"[{_CN_DIGIT}十拾]{_CN_NUMERAL}*+(?:[点．.](?=[{_CN_DIGIT}零〇]){_CN_NUMERAL}*+)*+"


def _skip_pattern() -> re.Pattern[str]:
    return re.compile(_skip_source())


@cache
def _skip_source() -> str:
    firsts = re.escape("".join(sorted({u[0] for u in units()})))
    more = rf"[{_ARABIC_DIGIT}{_CN_DIGIT}零〇十拾佰仟万亿千百.．点,\u202f{firsts}~～\-－—–至到多余]"
    return rf"(?:[^{_ARABIC_DIGIT}{_CN_DIGIT}十拾〇零百千万x]++|(?>{_CN_RUN})(?!{more}))*+"


# Where _FIRST does not match: a character outside its class, or 百/千/万 not opening 百分之.
_NOT_FIRST = rf"(?:[^{_ARABIC_DIGIT}{_CN_DIGIT}十拾〇零百千万x]|[百千万](?!分之))"


@cache
def _scan_pattern() -> re.Pattern[str]:
    """_skip_pattern, on to where _FIRST matches (the empty group ``at``), and _pattern there
    if it matches: three calls in one. Nothing after the skip can fail, so re never gives
    back what it took: ``at`` is where _FIRST.search would match, or the text's end."""
    # (Built from the parts' sources: compiling the parts too would cost a worker's
    # warm-up 25 ms for nothing.)
    return re.compile(rf"{_skip_source()}{_NOT_FIRST}*+(?P<at>)(?:{_pattern_source()})?")


@cache
def _groups() -> dict[str, int]:
    """The numbers of _scan_pattern()'s groups: a match looks a group up by number faster
    than by name, and _scan does so for every number."""
    return dict(_scan_pattern().groupindex)
