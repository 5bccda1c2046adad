"""Series of items between 、 or commas that make a local slogan: parallel series
(项目大推进、环境大整治), series sharing their first character (高起点规划、高质量建设、
高标准推进), series of one piece differing in one character (全面创建、全域创建、全民创建),
whole clauses (，战疫情、稳经济、保稳定、惠民生，) and series of three-character items led by a
verb (抓好稳增长、促改革、调结构、治污染: round 15), series the speech counts (…三大主题),
series said again item by item, and campaign pairs (城乡环境大整治、植树造林大建设). Pure
functions over one speech's text; ``local.py`` holds the quoted and place families.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

_CJK = "\u4e00-\u9fff"
# A run of items separated by 、: the pieces between 、 are CJK only.
_SERIES_RUN = re.compile(f"[{_CJK}]+(?:、[{_CJK}]+){{2,}}")


@lru_cache(maxsize=4)
def _runs(text: str) -> tuple[tuple[str, ...], ...]:
    """The pieces of every run of three or more 、-separated pieces of one speech, read once
    for all the families below (each used to scan the whole text again)."""
    return tuple(tuple(m.group().split("、")) for m in _SERIES_RUN.finditer(text))


# Two or more items separated by 、 (a series of actions).
OBJECT_RUN = re.compile(f"[{_CJK}]+(?:、[{_CJK}]+)+")


def parallel_series(text: str) -> list[str]:
    """Parallel series of three or more items of one length that share a character at one
    place (项目大推进、环境大整治、作风大转变; 做优一产、做大二产、做强三产) or a piece of two
    characters (全面提高教育质量、大力促进教育公平、积极推进教育均衡)."""
    return ["、".join(items) for items, _ in _series_items(text, 3, 10) if _parallel(items)]


def _series_items(text: str, shortest: int, longest: int) -> Iterator[tuple[list[str], str]]:
    """The items of each run of three or more 、-separated pieces whose inner pieces have one
    length between ``shortest`` and ``longest``: the first piece is cut to its last characters
    and the last to its first (推进项目大推进、环境大整治、作风大转变年 gives 项目大推进 …),
    with what the last piece says after its item (年)."""
    for pieces in _runs(text):
        middle = pieces[1:-1]
        size = len(middle[0])
        if not shortest <= size <= longest or any(len(p) != size for p in middle):
            continue
        if len(pieces[0]) < size or len(pieces[-1]) < size:
            continue
        yield [pieces[0][-size:], *middle, pieces[-1][:size]], pieces[-1][size:]


def anaphora_series(text: str) -> list[str]:
    """A series of three or more items of four to six characters that share their first
    character and no other: 高起点规划、高质量建设、高标准推进; 敢创一流、敢挑重任、敢为人先.
    Said once, it is a slogan: a list shares more (自我管理、自我服务、自我教育 shares 自我,
    数字消费、绿色消费 its end), or nothing at one place. Not when the shared character
    compares, joins or grades (更高质量、更有效率; 共叙工作情谊、共谋发展大计; 极不平凡、
    极其不易、极为难忘, the year described: round 27): a description or a greeting. The
    last item ends the run or goes on with 的 (敢为人先的精神): an item cut out of a longer
    one (重要决策重要事项) is none."""
    return [
        "、".join(items)
        for items, rest in _series_items(text, 4, 6)
        if _shared_places(items) == [0]
        and items[0][0] not in _NOT_ANAPHORA
        and len(set(items)) == len(items)
        and rest[:1] in ("", "的")
    ]


_NOT_ANAPHORA = frozenset("更最共极很")


def _shared_places(items: list[str]) -> list[int]:
    return [i for i in range(len(items[0])) if len({item[i] for item in items}) == 1]


def _parallel(items: list[str]) -> bool:
    """Items share a character at one place, or a two-character piece anywhere; but not
    all characters but one (一年级、二年级、三年级 is a count, not a slogan)."""
    size = len(items[0])
    shared = _shared_places(items)
    if shared:
        return len(shared) < size - 1
    first = items[0]
    pairs = {first[i : i + 2] for i in range(size - 1)}
    return any(all(pair in item for item in items[1:]) for pair in pairs)


def one_piece_series(text: str) -> list[str]:
    """A series of three or more items of three or four characters that differ in one
    character only, at one place: several actions on one object (重工业、抓工业、兴工业), one
    frame with several ends (心中有数、心中有策、心中有底) or with several middles (全面创建、
    全域创建、全民创建). Said once, it is a slogan,
    unless the character that differs is a count, a level or a place in a row
    (一季度、二季度、三季度; 省政府、市政府、县政府; 上半年、下半年), or the items open
    with a word of degree (格外关注、格外关心、格外关爱: care described, round 27)."""
    found = []
    for pieces in _runs(text):
        size = len(pieces[1])
        if size not in (3, 4) or any(len(p) != size for p in pieces[1:-1]):
            continue
        if len(pieces[0]) < size or len(pieces[-1]) < size:
            continue
        items = [pieces[0][-size:], *pieces[1:-1], pieces[-1][:size]]
        for place in range(size):
            differ = {item[place] for item in items}
            if (
                len({item[:place] + item[place + 1 :] for item in items}) == 1
                and len(differ) == len(items)
                and not differ & _ROW_CHARACTERS
                and not items[0].startswith(_DEGREE)
            ):
                found.append("、".join(items))
    return found


# Words of degree that open a description, not a slogan: 格外关心, 极不平凡, 十分重要.
_DEGREE = ("格外", "十分", "非常", "特别", "极", "很", "更", "最")
# Characters that make a row rather than a slogan: counts, levels, places, sizes, halves.
_ROW_CHARACTERS = frozenset(
    "一二两三四五六七八九十百千万第首末省市县区乡镇村组东西南北中上下前后左右内外大小高低"
    "初男女老少甲乙丙丁春夏秋冬早晚新旧正副"
)


def campaign_pairs(text: str) -> list[str]:
    """Two or more campaigns of the form ...大XX said in a row, each of five to eight
    characters: 城乡环境大整治、植树造林大建设 (项目大推进、环境大整治, 作风大转变). Not 扩大,
    加大, 壮大 …, which are verbs: 扩大内需、加大投入 is no campaign."""
    found = []
    for m in OBJECT_RUN.finditer(text):
        pieces = m.group().split("、")
        whole = pieces[1:-1] or [pieces[-1]]
        size = len(whole[0])
        if not 5 <= size <= 8 or len(pieces[0]) < size or len(pieces[-1]) < size:
            continue
        items = [pieces[0][-size:], *pieces[1:-1], pieces[-1][:size]]
        if all(
            item[-3] == "大" and item[-4] not in _BIG_VERBS and len(set(items)) == len(items)
            for item in items
        ):
            found.append("、".join(items))
    return found


# Characters that make ...大 a verb or an adjective, not a campaign: 扩大, 加大, 重大.
_BIG_VERBS = "扩加壮放做强重伟远广巨盛庞宏最很较更极特老长增变高"


def clause_series(text: str) -> list[str]:
    """A series that is a whole clause by itself, four or more items of three to five
    characters each: ，战疫情、稳经济、保稳定、惠民生， and ，持续盘活存量、培育增量、增强能量、
    提高质量、做大总量。 (the first item may carry an adverb of two characters)."""
    found = []
    for m in _CLAUSE_SERIES.finditer(text):
        pieces = m.group(1).split("、")
        size = len(pieces[1])
        if not 3 <= size <= 5 or any(len(p) != size for p in pieces[1:]):
            continue
        items = [pieces[0][-size:], *pieces[1:]]
        # a row of offices or places (县人大、县政府、县政协) is no slogan, nor a review of
        # what was done (顶住了压力、打开了局面、增强了信心: round 27)
        if office_row(items):
            continue
        if all("了" in item for item in items):
            continue
        if 0 <= len(pieces[0]) - size <= 2:
            found.append("、".join(items))
    return found


_LEVELS = frozenset("省市县区乡镇村党")


def office_row(items: list[str]) -> bool:
    """Whether all items but one open with a level (省, 市, 县 … 党): a row of offices or places
    (县人大、县政府、县政协), no slogan."""
    return sum(item[0] in _LEVELS for item in items) >= len(items) - 1


_CLAUSE_SERIES = re.compile(f"(?<=[，。；：,;:\\n])([{_CJK}]+(?:、[{_CJK}]+){{3,}})(?=[，。；,;])")


def led_series(text: str) -> list[str]:
    """Four or more items of three characters that share no character at any place, led by
    a verb inside a clause (统筹抓好稳增长、促改革、调结构、治污染、惠民生、防风险各项工作; 要坚持
    高起点、高站位、大动作、大气魄): the last item ends the run or goes on with 各 or 等. Not
    after a word that makes the items its objects' names (与东北、环渤海、长三角; 是呢绒、电视机),
    nor a row of offices (县人大、县政府、县政协)."""
    found = []
    for pieces in _runs(text):
        if len(pieces) < 4 or any(len(p) != 3 for p in pieces[1:-1]):
            continue
        first, last = pieces[0], pieces[-1]
        # the verb before the first item is part of its piece: a run that opens a bracket
        # spells out a name (“一会三卡”（班前会、风险卡、作业卡、应急卡）)
        if len(first) <= 3 or not (len(last) == 3 or last[3:].startswith(("各", "等"))):
            continue
        items = [first[-3:], *pieces[1:-1], last[:3]]
        if _shared_places(items) or items[0][0] in _NOUN_LEADS:
            continue
        if not office_row(items):
            found.append("、".join(items))
    return found


# Words before a name of two characters, caught in a first item of three: 与, 和, 是, 在 …
_NOUN_LEADS = frozenset("与和及是在对从向把为同跟")


def template_series(text: str) -> list[str]:
    """Three or more items of four or five characters on one template of two fixed
    characters, the first and the third, the others all different: 强农富民、强工富县、
    强市富社会; not a saying or a description, whose fixed characters are function words or
    pronouns (各司其职、各尽其责、各显其能). The first piece is cut to its item; the last
    piece is its item whole."""
    found = []
    for pieces in _runs(text):
        first, middle, last = pieces[0], pieces[1:-1], pieces[-1]
        if not all(4 <= len(p) <= 5 for p in [*middle, last]):
            continue
        fixed = (middle[0][0], middle[0][2])
        if any((p[0], p[2]) != fixed for p in [*middle, last]) or set(fixed) & _SAYING_WORDS:
            continue
        cut = next((n for n in (4, 5) if len(first) >= n and (first[-n], first[2 - n]) == fixed), 0)
        items = [first[-cut:], *middle, last] if cut else []
        if items and len({item[1] for item in items}) == len(items):
            found.append("、".join(items))
    return found


# Fixed characters of a saying or a description, not of a programme: 各司其职、各尽其责;
# 人无我有、人有我优; 最快的速度、最短的时间.
_SAYING_WORDS = frozenset("各其之的得地我你他人最更不无以而于与和")


def counted_series(text: str) -> list[str]:
    """A series the speech counts itself: 全面提高教育质量、大力促进教育公平、积极推进教育均衡
    三大主题 (three items, then 三大 or 三个 or 三项 and a head that is not an ordinary
    count such as 方面)."""
    from speechkit.analyzers.slogans.discovery import stop_list

    stops = stop_list()
    found = []
    for pieces in _runs(text):
        count = _COUNTED.search(pieces[-1])
        if count is None or _VALUES.index(count.group(1)) != len(pieces):
            continue
        if stops.stops(count.group(1) + "个" + count.group(3)):
            continue
        last = pieces[-1][: count.start()]
        middle = pieces[1:-1]
        size = len(middle[0])
        if not 3 <= size <= 10 or any(len(p) != size for p in middle) or len(last) != size:
            continue
        if len(pieces[0]) < size:
            continue
        found.append("、".join([pieces[0][-size:], *middle, last]))
    return found


_VALUES = "〇一两三四五六七八九十"
_COUNTED = re.compile("([两三四五六七八九十])([大个项条类])([\u4e00-\u9fff]{2})")


def recurring_series(text: str) -> list[str]:
    """Parallel series whose items the speech also says on their own, and those items
    (草原音乐名城、冰雪运动名城、文化旅游名城, each item said again and again). A series
    said once with items said once is a list, as often as it is a slogan. Items of four
    characters must share one character only (开放兴县、工业兴城、项目兴业): those that share
    a word are kinds of one thing (基础教育、职业教育、高等教育; 经济建设、政治建设)."""
    found = []
    for series in parallel_series(text):
        items = series.split("、")
        n = text.count(series)
        size = len(items[0])
        if size == 4 and len(_shared_places(items)) != 1:
            continue
        if all(len(item) >= 4 and text.count(item) > n for item in items):
            found.extend([series, *items])
    return found


@lru_cache(maxsize=1)
def _named_line() -> re.Pattern:
    from speechkit.analyzers.slogans.frames import cue_words

    leads = "|".join(map(re.escape, cue_words("line_lead")))
    lines = "|".join(map(re.escape, cue_words("line")))
    item = f"(?:(?![的了和与是在对把及等])[{_CJK}]){{2,6}}"  # 为 stays: 教育为本
    return re.compile(f"(?:{leads})({item}(?:、{item})+)的?(?:{lines})")


def named_lines(text: str) -> list[str]:
    """A place's named line said without quotes: a series of two or more items between a
    verb that adopts it and the name of the line (按照乘势而上、开拓创新、全面上水平的工作基调,
    提出了抢抓机遇、跨越式发展的工作思路, 抓好教育为本、科技兴省方针; round 25). Not a row
    of the bodies that set it (党中央、国务院的方针, 自治区党委、政府确定的发展思路)."""
    found = []
    for m in _named_line().finditer(text):
        items = m.group(1).split("、")
        if not any(item[-1] in "委府院央" for item in items):
            found.append(m.group(1))
    return found


# Two items of four characters joined by 、, the second ending its clause (or going on with 的).
_PAIR = re.compile(
    f"(?<![、{_CJK}])(?:[{_CJK}]*?)([{_CJK}]{{4}})、([{_CJK}]{{4}})(?=[，。；！？：,;!?:]|的)"
)


def repeated_pairs(text: str) -> list[str]:
    """A pair of four-character aims said twice or more in the speech, the second ending
    its clause: 知重负重、苦干实干 (唯有…，才能), 开拓奋进、持续快进 (round 38). Said once, a
    pair is a phrase of the prose as often as a slogan. Not items sharing a piece of two
    characters (各位领导、各位来宾; 形式主义、官僚主义: kinds of one thing), a row of offices,
    or a pair cut out of a longer series (…、A、B)."""
    counts: Counter[str] = Counter()
    for m in _PAIR.finditer(text):
        items = [m.group(1), m.group(2)]
        if office_row(items) or any("了" in item for item in items):
            continue
        if any(items[0][i : i + 2] in items[1] for i in range(3)):
            continue
        counts["、".join(items)] += 1
    return [pair for pair, n in counts.items() if n >= 2]
