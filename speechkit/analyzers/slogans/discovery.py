"""Discovery of formulations missing from the lexicon: numbered ones (七个必须, 一会三卡)
and short quoted phrases that recur (“清廉交通”). Pure functions over one speech's text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from speechkit.resources import bundled_rows
from speechkit.text.numerals import COUNT_NUMERALS as NUMERALS

_NUM = f"[{NUMERALS}]"
# A count up to ninety-nine: 七, 十, 十四 (十四个坚持), 二十 (“二十字经”, round 28).
_COUNT = f"(?:[二三四五六七八九]?十[一二三四五六七八九]?|{_NUM})"
# Classifiers that turn a count into a numbered formulation: 五个到位, 三项工程, 六大行动,
# 六重保障, 五字要求, 两条底线.
_CLASSIFIERS = "个项大条字重类"
# A word piece between numerals: CJK only, no numeral, so 一会三卡 splits as 一会|三卡.
_PIECE = f"[^\\W\\d_a-zA-Zａ-ｚＡ-Ｚ{NUMERALS}]"
# The head after a classifier: CJK, digits and % (五个100%). Never a redaction mark (x, ×,
# ＊, *): the sites print 五个x for a redacted 五个…, which is no formulation.
_HEAD = "[\u4e00-\u9fff0-9%]"

# 双 counts two in a name (双限双竞, 双结合, 双招双引), but not before a numeral: “双十条”,
# “双十一” name a package of rules and a shopping day.
_PAIR = f"双(?![{NUMERALS}0-9])"
# A numbered formulation as a whole quoted piece:
#   N + classifier + head       七个必须, 五个100%, 三项工程, 四个一批
#   two or more N + piece       一会三卡, 两客一危一货, 三管三必须, 三坚决三确保, 双限双竞
#   N + a short piece           两违, 三定方案, 双结合 (not 一/二: 一把手, 一盘棋, 二传手 are not
#                               counts; not 十亿元: a magnitude makes a quantity)
#   N + (a piece) + 合一, 统一, 归一   六统一, 两线合一, 五证合一: so many things made one
#                               (round 28; not 四极之一, one of four)
# each may follow 新, a new edition of a numbered name: 新九通一平, 新三个一 (round 28)
_NUMBERED = re.compile(
    "新?(?:"
    + "|".join(
        [
            f"{_COUNT}[{_CLASSIFIERS}]{_HEAD}{{1,6}}",
            f"(?:(?:{_NUM}|{_PAIR}){_PIECE}{{1,3}}){{2,4}}",
            # not a quantity: 十亿元, 三万吨 (a magnitude after the numeral)
            f"(?:[两三四五六七八九十](?![百千万亿])|{_PAIR}){_PIECE}{{1,3}}",
            f"[两三四五六七八九十](?![百千万亿]){_PIECE}?[合统归]一",
        ]
    )
    + ")"
)
# Unquoted N个XX, where XX is the two characters after 个. Not after a numeral or 第:
# 十三个 and 第三个 are a larger count and an ordinal. Not 一个: it is the indefinite article
# (一个过程, 一个系统工程). The match starts at 个, which re finds quickly, and its
# numeral is text[start - 1]; two such phrases can never overlap.
_UNQUOTED_GE = re.compile(
    f"个(?<=[两三四五六七八九十]个)(?<![{NUMERALS}百千万零〇0-9第]..){_PIECE}{{2}}"
)
_QUOTED = re.compile(r"“([^“”\n]{1,24})”")
_COUNT_GE = re.compile(f"{_COUNT}个")
# A quote ends at its first ”, so a pattern that only adds conditions on the inside finds
# a subset of the quotes _QUOTED finds, with the same spans.
# Quotes with a numeral in them: the only ones that can hold a numbered formulation.
_QUOTED_WITH_NUMERAL = re.compile(f"“(?=[^“”\n]{{0,23}}[{NUMERALS}双])([^“”\n]{{1,24}})”")
# Pieces inside one pair of quotes: “七个必须，七个一律”.
_QUOTE_SEPARATORS = re.compile("[、，,；;]")
# A recurring quoted phrase: 3 to 10 CJK characters, 、 allowed between them (等、靠、要).
_QUOTED_PHRASE = re.compile(r"[\u4e00-\u9fff](?:、?[\u4e00-\u9fff]){2,9}")
_QUOTED_WHOLE_PHRASE = re.compile(f"“({_QUOTED_PHRASE.pattern})”")
# Every numbered pattern starts with a numeral, 双 or 新 and a numeral: a piece that does
# not is never numbered.
_NUMERAL_PIECE = re.compile(f"(?:^|{_QUOTE_SEPARATORS.pattern})新?[{NUMERALS}双]")


@dataclass(frozen=True)
class Candidate:
    """A phrase found at ``text[start:end]``; ``quoted`` when it stood inside “…”."""

    phrase: str
    start: int
    end: int
    quoted: bool


@dataclass(frozen=True)
class StopList:
    heads: tuple[str, ...]
    phrases: frozenset[str]
    plain_heads: tuple[str, ...] = ()

    def stops(self, phrase: str, quoted: bool = False) -> bool:
        """True for ordinary counting phrases: 三个方面 (head 方面) and listed idioms. A plain
        head stops only a phrase said without quotes: 两个环境 is a count, 改善“两个环境”
        a formulation."""
        if phrase in self.phrases:
            return True
        match = _COUNT_GE.match(phrase)
        heads = self.heads if quoted else self.heads + self.plain_heads
        return bool(match) and phrase[match.end() :].startswith(heads)


@cache
def stop_list() -> StopList:
    """The bundled stop list, ``speechkit/data/numbered_stop.tsv``."""
    words: dict[str, list[str]] = {"head": [], "plain": [], "phrase": []}
    for word, kind in bundled_rows("numbered_stop.tsv"):
        words[kind].append(word)
    return StopList(tuple(words["head"]), frozenset(words["phrase"]), tuple(words["plain"]))


def is_numbered(phrase: str, stops: StopList | None = None, quoted: bool = False) -> bool:
    """Whether ``phrase`` as a whole looks like a numbered formulation and is not stopped."""
    stops = stop_list() if stops is None else stops
    # the stop list reads the name without the 新 of its new edition (新三个方面 is a count)
    bare = phrase[1:] if phrase.startswith("新") else phrase
    return bool(_NUMBERED.fullmatch(phrase)) and not stops.stops(bare, quoted)


def quoted_numbered(text: str, stops: StopList | None = None) -> list[Candidate]:
    """Numbered formulations quoted in ``text``: each piece of “…” split at 、，；."""
    stops = stop_list() if stops is None else stops
    found = []
    for quote in _QUOTED_WITH_NUMERAL.finditer(text):
        inner = quote.group(1)
        offset = quote.start(1)
        pos = 0
        for piece in _QUOTE_SEPARATORS.split(inner):
            start = inner.index(piece, pos)
            pos = start + len(piece)
            if piece and _NUMERAL_PIECE.match(piece) and is_numbered(piece, stops, quoted=True):
                found.append(Candidate(piece, offset + start, offset + pos, True))
    return found


def unquoted_numbered(text: str, stops: StopList | None = None) -> list[Candidate]:
    """N个XX phrases outside quotes that are not ordinary counting phrases (三个方面)."""
    stops = stop_list() if stops is None else stops
    found = []
    for m in _UNQUOTED_GE.finditer(text):
        phrase = text[m.start() - 1 : m.end()]
        if not stops.stops(phrase):
            found.append(Candidate(phrase, m.start() - 1, m.end(), False))
    return found


def quoted_phrases(text: str, stops: StopList | None = None) -> list[Candidate]:
    """Short quoted phrases that are not numbered (“清廉交通”, “暖心之家”)."""
    stops = stop_list() if stops is None else stops
    found = []
    for quote in _QUOTED_WHOLE_PHRASE.finditer(text):
        inner = quote.group(1)
        if not _NUMERAL_PIECE.search(inner) or not any(
            is_numbered(piece, stops) for piece in _QUOTE_SEPARATORS.split(inner)
        ):
            found.append(Candidate(inner, quote.start(1), quote.end(1), True))
    return found


def contains_any(phrase: str, forms: Iterable[str]) -> bool:
    """Whether ``phrase`` is one of ``forms`` said with a frame (a lexicon form wins over a
    discovery): “两不愁、三保障” is 两不愁三保障, 坚持以人民为中心 is 以人民为中心 with 坚持,
    “两山”理念 is 两山. A phrase that adds words of its own is a formulation of its own:
    四化两型 holds 四化, 美丽乡村示范县 holds 美丽乡村, 庸懒散浮 holds 庸懒散."""
    bare = _PUNCTUATION.sub("", phrase)
    for form in forms:
        if form[0] not in bare:
            continue
        form = _PUNCTUATION.sub("", form)
        if form and form in bare:
            rest = bare.replace(form, "", 1)
            if not rest or rest in frame_words():
                return True
    return False


_PUNCTUATION = re.compile("[、，,；;·\\s]")


def joined_series(forms: Iterable[str]) -> set[str]:
    """The forms that are another form of the same list with its separators taken out:
    两不愁三保障 where 两不愁、三保障 is a form too."""
    return {
        bare for form in forms if (bare := _PUNCTUATION.sub("", form)) != form and bare in forms
    }


@cache
def frame_words() -> frozenset[str]:
    """Words that only frame a formulation (坚持, 工程, 理念): the ``frame``, ``after`` and
    ``before`` rows of ``local_slogans.tsv``."""
    kinds = ("frame", "after", "before")
    return frozenset(word for word, kind in bundled_rows("local_slogans.tsv") if kind in kinds)


def novelty(forms: dict[str, str], free: Iterable[str] = ()) -> Callable[[str], bool]:
    """Whether a discovered phrase is new to the lexicon (``forms``): neither around a
    lexicon form (the lexicon entry is what gets counted) nor a fragment of one: “两不愁、
    三保障” quotes 两不愁三保障, not a new 三保障. A phrase that begins a lexicon form but stands
    without it in some speech (``free``) is one of its own: a county's 十大产业 is not the
    national 十大产业振兴规划. So is one that ends a form (``free_fragments``)."""
    # A form written without the separators of its series (举旗帜聚民心育新人兴文化展形象)
    # holds pieces that run across two items (心育): the fragments of such a form are those
    # of its written series (举旗帜、聚民心、育新人、兴文化、展形象).
    joined = joined_series(forms)
    pieces_of = [form for form in forms if form not in joined]
    free = set(free)
    # contains_any and the fragment test, each read through one lookup first: the ranker
    # asks about thousands of phrases a speech, and most touch no form at all
    bare_forms = {b for form in forms if (b := _PUNCTUATION.sub("", form))}
    all_pieces = "\0".join(pieces_of)

    def framed(phrase: str) -> bool:
        bare = _PUNCTUATION.sub("", phrase)
        inside = {
            bare[i:j] for i in range(len(bare)) for j in range(i + 1, len(bare) + 1)
        } & bare_forms
        return any(not (rest := bare.replace(f, "", 1)) or rest in frame_words() for f in inside)

    def new(phrase: str) -> bool:
        if framed(phrase):
            return False
        return (
            phrase not in all_pieces
            or phrase in free
            or not any(phrase in form for form in pieces_of)
        )

    return new


def series_items(forms: Iterable[str]) -> frozenset[str]:
    """The items of the lexicon's series, two characters or more: 两不愁 and 三保障 of
    两不愁、三保障 (and of its joined form 两不愁三保障)."""
    return frozenset(
        item
        for form in forms
        if _PUNCTUATION.search(form)
        for item in _PUNCTUATION.split(form)
        if len(item) >= 2
    )


@dataclass(frozen=True)
class LongerForms:
    """The lexicon's forms (one string of them all joined, for a quick look-up first) and
    the items of its series."""

    forms: tuple[str, ...]
    joined: str
    items: frozenset[str]
    starts: tuple[int, ...]  # where each form starts in ``joined``

    @classmethod
    def of(cls, forms: Iterable[str]) -> LongerForms:
        forms = tuple(forms)
        starts = tuple(accumulate((len(form) + 1 for form in forms[:-1]), initial=0))
        return cls(forms, "\0".join(forms), series_items(forms), starts)

    def holding(self, phrase: str) -> list[str]:
        """The forms longer than ``phrase`` that hold it, found where ``phrase`` occurs in
        all the forms joined (a phrase never spans two: no form holds the NUL between)."""
        found: dict[str, None] = {}
        at = self.joined.find(phrase)
        while at != -1:
            form = self.forms[bisect_right(self.starts, at) - 1]
            if form != phrase:
                found[form] = None
            at = self.joined.find(phrase, at + 1)
        return list(found)

    def heads_or_kinds(self, phrase: str, holders: list[str]) -> bool:
        """Whether ``phrase`` begins each of ``holders`` (十大产业 of 十大产业振兴规划) or ends
        it as its kind, of three characters or more and no item of a series (桥头堡 of
        面向西南开放重要桥头堡; not 三保障 of 两不愁、三保障, nor a word such as 体检 of 城市体检,
        nor the end of a number, 五计划 of 七五计划)."""
        kind = len(phrase) >= 3 and phrase not in self.items
        return all(
            form.startswith(phrase)
            or (kind and form.endswith(phrase) and _ends_apart(form, phrase))
            or phrase in _layout_pieces(form)
            for form in holders
        )


# A layout named by numbered pieces only: 一河三山, 一圈一带两区, 一本三基四梁八柱 (round 22).
_LAYOUT = re.compile(f"(?:[{NUMERALS}][^{NUMERALS}])+")


def _layout_pieces(form: str) -> tuple[str, ...]:
    """The pieces of two characters of a layout named by numbered pieces only, each a numeral
    and one character (三山 of 一河三山, 三基 of 一本三基四梁八柱): a county's quoted “三山”
    said on its own is its own name, not the province's layout (round 25). A layout that
    begins a longer form gives its pieces too (四美 of 五讲四美活动 and 五讲四美三热爱, round 28:
    a county's quoted “四美” goals of its villages)."""
    return tuple(
        run[i : i + 2]
        for m in _LAYOUT.finditer(form)
        if len(run := m.group()) >= 4 and (m.start() == 0 or form[m.start() - 1] in "、，")
        for i in range(0, len(run), 2)
    )


def _ends_apart(form: str, phrase: str) -> bool:
    """Whether the end ``phrase`` of ``form`` is no piece of a longer number in it: 五计划
    of 七五计划 is (七 before it), 十大行动 of 碳达峰十大行动 is not."""
    before = form[-len(phrase) - 1]
    return not (before in NUMERALS or before.isdigit()) or not (
        phrase[0] in NUMERALS or phrase[0].isdigit()
    )


def free_fragments(text: str, phrases: Iterable[str], longer: LongerForms) -> list[str]:
    """The ``phrases`` that begin or end a longer lexicon form and stand in ``text`` at
    least once without it: 十大产业 said on its own, where the lexicon has 十大产业振兴规划;
    a county's “桥头堡” where it has a province's 面向西南开放重要桥头堡, a city's “十大行动”
    where it has 碳达峰十大行动. Not free: a phrase said only inside the longer form (三驾
    of 三驾马车), an item that ends a series (“三保障” said alone still quotes 两不愁、三保障),
    or a word in the middle of a form (“一把手” of 对一把手和领导班子监督)."""
    free = []
    for phrase in set(phrases):
        holders = longer.holding(phrase)
        if (
            holders
            and longer.heads_or_kinds(phrase, holders)
            and text.count(phrase) > sum(text.count(form) for form in holders)
        ):
            free.append(phrase)
    return sorted(free)
