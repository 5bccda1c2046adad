"""More frames of local campaign slogans (issue 12, third round), each a shape that city and
county speeches of every decade use, not a phrase of one place:

- numbered programmes said without quotes, N大 + head (六大工程, 四大主导产业, 六大主战场), and
  numbered titles in book-title marks (《七个专件》);
- campaign names said again and again, ending in 大会战, 攻坚战, 专项行动 … (公路建设大会战):
  the part before the ending that every mention shares;
- quoted theme years (“工作落实年”, “项目建设年”), and years held without quotes (开展项目年活动:
  round 15);
- programmes named with 百, 千 or 万 (百城建设提质工程, 城市转型百项工程) after a verb that
  starts them (实施, 推进, 开展 …) or after 的;
- a national strategy said of the place (推进科教兴市战略: round 7c);
- the steps of a campaign by years (一年一个样、三年大变样) and a place's ranking goal
  (跨入西部百强县);
- the short names of the creation campaigns said again (创文, 创城: sixth round);
- a series of goals said as clauses X有新Y (农民收入有新增加、农业经济有新发展、…: round 13);
- the kind of city a place means to become (建设新兴工业卫星城, 推进山水生态型城市建设, 建设
  西部装备制造业聚集城市、区域现代物流中心城市、…: round 13).

Pure functions over one speech's text; the cue words are rows of
``speechkit/data/local_slogans.tsv`` (kinds ``head``, ``campaign`` and ``creation``).
"""

from __future__ import annotations

import re
from functools import cache

from speechkit.resources import bundled_rows

_CJK = "\u4e00-\u9fff"
_NUMERAL = "两三四五六七八九十"


@cache
def cue_words(kind: str) -> tuple[str, ...]:
    """The cue words of one ``kind`` of ``speechkit/data/local_slogans.tsv``, longest first."""
    words = [word for word, k in bundled_rows("local_slogans.tsv") if k == kind]
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _big_numbered() -> re.Pattern:
    # N大 + up to three characters + a head: not after a numeral, 第 or a digit (十六大, 第三大)
    heads = "|".join(map(re.escape, cue_words("head")))
    return re.compile(f"(?<![一{_NUMERAL}百千万第0-9])[{_NUMERAL}]大[{_CJK}]{{0,3}}?(?:{heads})")


def big_numbered(text: str) -> list[str]:
    """Numbered programmes said without quotes: 六大工程, 四大主导产业, 六大主战场."""
    return [m.group() for m in _big_numbered().finditer(text)]


_TITLED = re.compile(f"《([{_NUMERAL}][个项条大][{_CJK}]{{1,4}})》")


def titled_numbered(text: str) -> list[str]:
    """Numbered titles in book-title marks: 印发了《七个专件》."""
    return [m.group(1) for m in _TITLED.finditer(text)]


# The characters that end a verb or a measure before a campaign: 打好, 打赢, 这场, 一次.
_NOT_NAME_END = frozenset("好赢响展场次起织加个项")
_LEAD = re.compile(
    "打赢|打好|打响|决战|开展|组织|发起|参加|实施|推进|抓好|做好|如期|一场|这场|本次|这次|此次|的"
)


def campaign_names(text: str) -> list[str]:
    """A campaign said at least twice (公路建设大会战 in 冬季公路建设大会战, 今冬公路建设大会战
    …): the characters before its ending that every mention shares, two at least."""
    found = []
    for ending in cue_words("campaign"):
        starts = [m.start() for m in re.finditer(re.escape(ending), text)]
        if len(starts) < 2:
            continue
        befores = []
        for start in starts:
            run = re.search(f"[{_CJK}]{{0,8}}$", text[max(0, start - 8) : start])
            befores.append(run.group() if run else "")
        # the name starts after the verb or the measure that leads to it: 打赢脱贫攻坚战
        shared = _LEAD.split(_common_end(befores))[-1]
        if len(shared) >= 2 and shared[-1] not in _NOT_NAME_END:
            found.append(shared + ending)
    # one campaign of two endings is one name: 安全隐患大排查大整治, not also 安全隐患大排查
    return [name for name in found if not any(name in other != name for other in found)]


def _common_end(words: list[str]) -> str:
    shortest = min(words, key=len)
    size = 0
    while size < len(shortest) and len({w[len(w) - size - 1] for w in words}) == 1:
        size += 1
    return shortest[len(shortest) - size :]


_THEME_YEAR = re.compile(f"“([{_CJK}]{{2,8}}年)”")
_HAS_NUMBER = re.compile(f"[〇零一{_NUMERAL}百千万]")


def theme_years(text: str) -> list[str]:
    """Quoted theme years: 围绕“工作落实年”, 开展“项目建设年”活动, a topic of two characters
    too (省市“项目年”决策部署); not “十二五”开局之年."""
    return [m.group(1) for m in _THEME_YEAR.finditer(text) if not _HAS_NUMBER.search(m.group(1))]


@cache
def _held_years() -> re.Pattern:
    # a year of 2-8 characters whose last two before 年 are a head of the cue file (项目年,
    # 重点项目建设年, 优化环境推进年), right after 开展, alone or in a 、 run; not 青少年, 周年
    heads = "|".join(map(re.escape, cue_words("year_head")))
    year = f"[{_CJK}]{{0,6}}?(?:{heads})年"
    return re.compile(f"开展了?((?:{year}、)*{year})(?=活动|、)")


def held_years(text: str) -> list[str]:
    """Campaign years said without quotes after 开展 (开展重点项目建设年活动, 开展企业服务年、
    招商引资项目建设年、…), each year, and a run of three or more as one series too."""
    found = []
    for m in _held_years().finditer(text):
        years = [y for y in m.group(1).split("、") if not _HAS_NUMBER.search(y)]
        found += years + (["、".join(years)] if len(years) >= 3 else [])
    return found


_HUNDRED = re.compile(
    f"(?:实施|推进|开展|启动|推动|深化|抓好|结合|落实|的)+"
    f"([{_CJK}]{{0,6}}[百千万](?![分元亩人户吨米方辆台件个家名所万亿])[{_CJK}]{{1,6}}?"
    "(?:工程|行动|计划))"
)


def hundred_programmes(text: str) -> list[str]:
    """Programmes named with 百, 千 or 万 after the verb that starts them, or after 的:
    结合实施百城建设提质工程, 89.81亿元的城市转型百项工程."""
    return [m.group(1) for m in _HUNDRED.finditer(text)]


_YEAR_STEP = re.compile(
    "[一二两三四五]年(?:一个样|大变样|一小变|一中变|一大变|上台阶|打基础|见成效|大发展|大跨越|大突破)"
)


def year_steps(text: str) -> list[str]:
    """The steps of a campaign by years: 一年一个样、三年大变样, 两年上台阶."""
    return [m.group() for m in _YEAR_STEP.finditer(text)]


_RANKING = re.compile(
    f"(?:跨入|进入|迈入|跻身|挺进|入围|争创|晋位)([{_CJK}]{{0,6}}?百强[县市区镇旗])"
)


def ranking_goals(text: str) -> list[str]:
    """A place's goal of a ranking: 跨入西部百强县, 跻身全国综合实力百强县."""
    return [m.group(1) for m in _RANKING.finditer(text)]


_REPEATED_NUMBERED = re.compile(
    f"(?<![一二{_NUMERAL}百千万第0-9])[{_NUMERAL}][件大项][{_CJK}]{{2}}"
)


def repeated_numbered(text: str) -> list[str]:
    """Numbered tasks said at least twice without quotes, N件/N大/N项 and a head of two to
    six characters: 十件大事, 十大产业, 十件民生实事 (the head goes on while every mention goes
    on with the same character). N个XX is discovery's own, across the corpus. Not ordinary
    counting phrases (三项工作 is stopped as 三个工作 would be)."""
    from speechkit.analyzers.slogans.discovery import stop_list

    stops = stop_list()
    ends: dict[str, list[int]] = {}
    for m in _REPEATED_NUMBERED.finditer(text):
        ends.setdefault(m.group(), []).append(m.end())
    found = []
    for phrase, at in ends.items():
        if len(at) < 2 or stops.stops(phrase[0] + "个" + phrase[2:]):
            continue
        while (
            len(phrase) < 8
            and len({text[i : i + 1] for i in at}) == 1
            and _CJK_CHAR.match(text, at[0])
        ):
            phrase += text[at[0]]
            at = [i + 1 for i in at]
        found.append(phrase)
    return found


# a character that goes on a head, not a function word (八项规定及其实施 is 八项规定)
_CJK_CHAR = re.compile(f"(?![的及和与是在对为等])[{_CJK}]")


# The same numeral twice, each with one character: 九比九看, 五比五晒, 三抓三促 (not 一心一意,
# 十全十美: idioms of 一 and 十; not 三点三倍, a number written in words with its decimal point).
_DOUBLED = re.compile(
    f"(?<![一{_NUMERAL}百千万第0-9])([三四五六七八九])(?![一二{_NUMERAL}点])([{_CJK}])\\1(?![一二{_NUMERAL}])([{_CJK}])"
)


def doubled_numerals(text: str) -> list[str]:
    """Campaigns named by one numeral twice: 九比九看强推进 gives 九比九看."""
    return [m.group() for m in _DOUBLED.finditer(text)]


_STRATEGY = re.compile(f"(?:实施|落实)([{_CJK}]{{2,6}}?)战略((?:[和、与及][{_CJK}]{{2,6}}?战略)*)")
_NOT_STRATEGY = re.compile("^(?:这|该|各|一|国家|重大|总体|发展|战略|的)|的")


def strategies(text: str) -> list[str]:
    """Strategies the speech says it carries out (实施 or 落实): 大力实施精品战略和特色提升战略
    gives 精品战略 and 特色提升战略, 全面落实强首府战略 gives 强首府战略 (the lexicon's national
    strategies are not new)."""
    found = []
    for m in _STRATEGY.finditer(text):
        names = [m.group(1) + "战略"]
        names += [n + "战略" for n in re.findall(f"[和、与及]([{_CJK}]{{2,6}}?)战略", m.group(2))]
        found.extend(n for n in names if not _NOT_STRATEGY.search(n[:-2]))
    return found


def place_strategies(text: str) -> list[str]:
    """A national strategy said of the place, before 战略: 推进科教兴市战略 gives 科教兴市 (after
    科教兴国), 工业立县战略 gives 工业立县. The field is two characters, not a verb or a
    function word (实施兴县战略 has none); 强 goals are ``local.strong_places``."""
    return [
        m.group()
        for m in _PLACE_STRATEGY.finditer(text)
        if m.group(1) not in _NOT_FIELD and not _FUNCTION_WORD.search(m.group(1))
    ]


_PLACE_STRATEGY = re.compile(f"([{_CJK}]{{2}})[兴立][省市县区旗](?=战略)")
# Verbs that start a strategy, which are no field: 实施兴县战略, 大力兴市战略.
_NOT_FIELD = frozenset({"实施", "推进", "落实", "坚持", "大力", "深入", "全面", "加快", "积极"})
_FUNCTION_WORD = re.compile("[的了和与是在对把为及等]")


# A run of clauses between commas: the candidates for a comma series.
_COMMA_RUN = re.compile(
    f"(?<=[，,。；;：:\\n])([{_CJK}]{{2,11}}(?:[，,][{_CJK}]{{2,11}}){{3,}})(?=[，,。；;])"
)


def comma_series(text: str) -> list[str]:
    """Four or more clauses in a row that differ around one shared piece of two characters,
    at one place inside each clause and never at its start: ，进一步发挥县域优势，激发县域活力，
    提升县域实力，强化县域支撑， (县域 in every clause, each with a verb and an object of its
    own; the first may carry an adverb of up to three characters). Clauses that share only
    their verb (加强领导，加强督查，…) are a list, not a slogan."""
    found = []
    for m in _COMMA_RUN.finditer(text):
        pieces = re.split("[，,]", m.group(1))
        offsets = [0]
        for piece in pieces[:-1]:
            offsets.append(offsets[-1] + len(piece) + 1)
        first = 0
        while first + 4 <= len(pieces):
            size = len(pieces[first + 1])
            top = first + 1
            while top + 1 < len(pieces) and len(pieces[top + 1]) == size:
                top += 1
            # the longest window from this clause on (a clause after the series may have
            # the same length: ，强化县域支撑，实现双向发力。)
            for last in range(top, first + 2, -1):
                items = [pieces[first][-size:], *pieces[first + 1 : last + 1]]
                if (
                    4 <= size <= 8
                    and 0 <= len(pieces[first]) - size <= 3
                    and _around_one_piece(items)
                ):
                    begin = m.start(1) + offsets[first] + len(pieces[first]) - size
                    found.append(text[begin : m.start(1) + offsets[last] + size])
                    first = last
                    break
            first += 1
    return found


def _around_one_piece(items: list[str]) -> bool:
    size = len(items[0])
    shared = [i for i in range(1, size - 1) if len({item[i : i + 2] for item in items}) == 1]
    return len(shared) == 1 and len({item[0] for item in items}) == len(items)


# A title conferred by a province or a city, the local ranks of the national creation
# campaigns (全国文明城市, 国家卫生城市 are lexicon entries): 创建省级文明县, 市级卫生城区,
# 创建省文明县城, or with no rank right after 创建: 创建文明县城 (not 全省文明城市, the province's).
_LOCAL_TITLE = re.compile(
    "(?:省级|市级|自治区级|(?<![全本我])[省市]|(?<=创建))"
    "(?:文明|卫生|园林|森林|生态|双拥模范)(?:城市|县城|城区|村镇|乡镇|县|区)"
)


def local_titles(text: str) -> list[str]:
    """Titles of the creation campaigns at provincial or city level that the speech works
    towards, said twice at least: 省级文明县, 省级卫生县城, 市级文明城区 (a title named once
    is an honour in a list: 获自治区级园林城区)."""
    found = [m.group() for m in _LOCAL_TITLE.finditer(text)]
    return [title for title in found if found.count(title) >= 2]


@cache
def _creation() -> re.Pattern:
    # not a verb that ends in 创 (开创城乡, 首创, 原创文章, 争创卫生城市), nor a word that goes on
    # (创文明城市 names the title in full, 创城市品牌)
    names = "|".join(map(re.escape, cue_words("creation")))
    return re.compile(f"(?<![开首原独草自初新始共争再])(?:{names})(?![明化章件字学作生市乡镇林])")


def creation_names(text: str) -> list[str]:
    """Short names of the creation campaigns, said at least twice: 创文 (创建文明城市), 创城,
    创卫 (卫生城市). Said once, 创城 may be a piece of another word."""
    found = [m.group() for m in _creation().finditer(text)]
    return [name for name in dict.fromkeys(found) if found.count(name) >= 2]


# Three or more clauses X有新Y between 、, the first after a punctuation mark: the goals of a
# year or a plan said as a series (实现新农村建设有新突破、改革创新有新成果、农民收入有新增加).
_NEW_STEPS = re.compile(
    f"(?<=[，,。；;：:\\n])([{_CJK}]{{2,14}}?有新[{_CJK}]{{2}}"
    f"(?:、[{_CJK}]{{2,12}}?有新[{_CJK}]{{2}}){{2,}})"
)


def new_step_series(text: str) -> list[str]:
    """A series of goals said as clauses X有新Y: 建设实力蚌埠有新成就、建设魅力蚌埠有新进展、
    建设活力蚌埠有新突破. The verb that leads the first clause (实现, 确保: rows of kind
    ``lead``) is not part of the series."""
    found = []
    for m in _NEW_STEPS.finditer(text):
        series = m.group(1)
        lead = next((w for w in cue_words("lead") if series.startswith(w)), "")
        found.append(series[len(lead) :])
    return found


@cache
def _city_goals() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    # the kind of city: a modifier of two to fourteen characters with no function word, then
    # a head of kind ``city`` (中心城市, 卫星城, 名城 …)
    heads = "|".join(map(re.escape, cue_words("city")))
    goal = f"(?:(?![的了和与是在对把为及等])[{_CJK}]){{2,14}}?(?:{heads})"
    after_verb = re.compile(
        f"(?:建设|打造|建成|成为)({goal})(?=[，。；：]|这样|的关键|的目标|的宏伟目标|战略|目标)"
    )
    before_building = re.compile(f"(?:加速推进|加快推进|推进|加快|加速)({goal})建设")
    series = re.compile(f"建设((?:{goal})(?:、{goal}){{2,}})")
    return after_verb, before_building, series


def city_goals(text: str) -> list[str]:
    """The kind of city a place means to become, said as a goal: after 建设, 打造, 建成 or
    成为 and before the end of the clause or 这样一个目标, 的关键年 (建设晋商文化旅游中心城市
    这样一个目标), or between 推进 and 建设 (加速推进山水生态型城市建设), and a series of them
    after 建设 (建设西部装备制造业聚集城市、区域现代物流中心城市、国家重点旅游城市). Not the
    titles of the creation campaigns (建设文明城市, 卫生城市: ``local_titles``)."""
    after_verb, before_building, series = _city_goals()
    found = [m.group(1) for m in series.finditer(text)]
    for pattern in (after_verb, before_building):
        found += [m.group(1) for m in pattern.finditer(text)]
    heads = cue_words("city")  # longest first: 中心城市 before 城市
    return [
        goal
        for goal in found
        if (modifier := goal[: -len(next(h for h in heads if goal.endswith(h)))])
        not in _TITLE_KINDS
        and len(modifier) >= 2
    ]


# The creation campaigns' titles, which are no goal of one place (文明城市, 卫生城市).
_TITLE_KINDS = frozenset({"文明", "卫生", "园林", "森林", "生态", "双拥模范"})


def all_frames(text: str) -> list[str]:
    """Every phrase the frames of this module find in one speech."""
    return (
        big_numbered(text)
        + titled_numbered(text)
        + campaign_names(text)
        + theme_years(text)
        + held_years(text)
        + hundred_programmes(text)
        + year_steps(text)
        + ranking_goals(text)
        + repeated_numbered(text)
        + doubled_numerals(text)
        + strategies(text)
        + place_strategies(text)
        + comma_series(text)
        + local_titles(text)
        + creation_names(text)
        + new_step_series(text)
        + city_goals(text)
    )
