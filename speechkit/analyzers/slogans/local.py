"""Discovery of local campaign slogans in one speech: quoted phrases framed as a programme
(实施“畅返不畅”工程), quoted series (“美丽发展、科学崛起、共享繁荣”), numbered objects and
issued rules, and place slogans (平安海拉尔, 美丽甘肃, 新福建); series said without quotes
(做优一产、做大二产、做强三产) are ``series.py``.

Each family stands on its own in one speech: a slogan of a county is often said once. The cues
are data (``speechkit/data/local_slogans.tsv``). Pure functions over one speech's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from speechkit.analyzers.slogans.long_quotes import long_framed_quotes
from speechkit.analyzers.slogans.series import OBJECT_RUN, recurring_series
from speechkit.resources import bundled_rows

_CJK = "\u4e00-\u9fff"
# A quoted series: two or more items of 1 to 12 CJK characters between 、 (或 ，),
# e.g. “防、控、治”, “美丽发展、科学崛起、共享繁荣”.
# A space of a line wrap may follow a separator (“科学发展、 富民兴垫”).
_QUOTED_SERIES = re.compile(f"“([{_CJK}]{{1,12}}(?:[、，] ?[{_CJK}]{{1,12}})+)”")
# A quoted phrase: 2 to 12 CJK characters (“吉字号”, “中心城区优先发展”); digits and + kept
# for “8337”, “新能源+”.
# A space of a line wrap may stand inside (“4城同 创”): the slogan is reported without it.
# A Latin capital stands in a code (“6S”行动, “1+N”产业园区, “10+N热火朝天工作场景”; round 31);
# lower case is no code (“xx”计划 is a redaction, pinyin glosses stand in brackets).
_QUOTED_WORD = re.compile(f"“([{_CJK}0-9A-Z+·](?: ?[{_CJK}0-9A-Z+·]){{1,11}})”")
# The same inside a quotation, in single quotes: 实施‘三足鼎立’战略 in “我们将…战略”.
_SINGLE_QUOTED_WORD = re.compile(_QUOTED_WORD.pattern.replace("“", "‘").replace("”", "’"))
# A plan named by numbers: 8337, or numbers joined by + (1+1+9, 9+2); a capital may stand for
# a number (1+N, 10+N) or follow one (6S).
_DIGIT_PLAN = re.compile(r"[0-9]+[A-Z]?(?:\+(?:[0-9]+|[A-Z]))*")
_PLACE_SUFFIX = "市县区旗州盟省"
# Characters that never sit inside a place name: 的 in 理论的省.
_FUNCTION = re.compile("[的了和与是在对把为及等]")


@dataclass(frozen=True)
class Cues:
    after: tuple[str, ...]
    before: tuple[str, ...]
    prefixes: tuple[str, ...]
    places: frozenset[str]
    stops: frozenset[str]
    strong_before: tuple[str, ...] = ()
    strategy_after: tuple[str, ...] = ()
    strategy_lead: tuple[str, ...] = ()
    strategy_not: frozenset[str] = frozenset()
    honours: tuple[str, ...] = ()
    holds: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    of_frames: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()


@cache
def cues() -> Cues:
    """The bundled cue words, ``speechkit/data/local_slogans.tsv``."""
    by_kind: dict[str, list[str]] = {}
    for word, kind in bundled_rows("local_slogans.tsv"):
        by_kind.setdefault(kind, []).append(word)
    return Cues(
        after=tuple(by_kind.get("after", ())),
        before=tuple(by_kind.get("before", ())),
        prefixes=tuple(sorted(by_kind.get("prefix", ()), key=len, reverse=True)),
        places=frozenset(by_kind.get("place", ())),
        stops=frozenset(by_kind.get("stop", ())),
        strong_before=tuple(by_kind.get("strong", ())),
        strategy_after=tuple(by_kind.get("strategy_after", ())),
        strategy_lead=tuple(by_kind.get("strategy_lead", ())),
        strategy_not=frozenset(by_kind.get("strategy_not", ())),
        honours=tuple(by_kind.get("honour", ())),
        holds=tuple(by_kind.get("holds", ())),
        positions=tuple(by_kind.get("position", ())),
        of_frames=tuple(by_kind.get("of_frame", ())),
        goals=tuple(by_kind.get("goal", ())),
    )


def framed_quotes(text: str, cue: Cues | None = None) -> list[str]:
    """Quoted phrases said as a programme: a frame word right after the quote (工程, 品牌,
    发展思路) or right before it (打造, 实施). Quoted series are always slogans, but for the
    honours a place holds (有着“文化摇篮、帝王故里、歌舞之乡”美誉, 素有“米县”之称)."""
    from speechkit.analyzers.slogans.discovery import is_numbered

    cue = cues() if cue is None else cue
    found = []
    for m in _QUOTED_SERIES.finditer(text):
        if text.startswith(cue.honours, m.end()):
            continue
        items = re.split("[、，] ?", m.group(1))
        # “规模、质量” is two words, “防、控、治” a slogan; numbered pieces said between
        # commas (“七个必须，七个一律”) are found one by one as numbered formulations, but
        # “一产做优、二产做大、三产做强” is one slogan, and so is a series of numbered pieces
        # joined by 、 (“四清、四化、五改”, “一村一处方、一户一套餐”), its pieces found too
        if (len(items) >= 3 or min(map(len, items)) >= 3) and (
            "，" not in m.group(1) or not all(is_numbered(item) for item in items)
        ):
            found.append(m.group(1))
    for m, first, last in _quote_runs(text):
        phrase = m.group(1)
        # a plan named by numbers only: “8337”, “1+1+9”, “9+2” (digits and + only)
        if not re.search(f"[{_CJK}]", phrase) and not _DIGIT_PLAN.fullmatch(phrase):
            continue
        # quotes said back to back share the frame of their run: 打造校园“心育”“心防”体系,
        # 强调“产业为基”“项目为要”
        after = text[last.end() : last.end() + 4]
        if after.startswith(cue.honours):
            continue
        # a space typed before the quote is no word: 坚持 “美丽发展” is 坚持“美丽发展”
        before = text[max(0, first.start() - 8) : first.start()].rstrip(" \u3000\t")[-4:]
        # the noun phrase the quote stands before: “一核多边”对外开放格局, also after the 等
        # that closes a list of quotes: 开展“川字号”优品100、“川品出川”等市场拓展活动
        head = _HEAD_AFTER.match(text, last.end() + text.startswith("等", last.end()))
        if (
            # numbers joined by + name the plan the words after them say (“6+3”现代农业产业
            # 体系, “1+9”工作部署; round 31: every such quote on dev), not a sum (完成“15+3”，)
            ("+" in phrase and _DIGIT_PLAN.fullmatch(phrase) and re.match(f"[{_CJK}]", after))
            or after.startswith(cue.after)
            or before.endswith(cue.before)
            or (len(phrase) >= 3 and phrase.endswith(cue.after))  # “百亿工程”, “双品牌”
            or (len(phrase) >= 3 and head is not None and head.group().endswith(cue.after))
            or (len(phrase) >= 3 and text.count(phrase) >= 3)  # quoted once, said again
            # the theme or lever of the year: 以“工业经济推动年”为主题, 以“四城同创”为抓手
            or (before.endswith("以") and after.startswith("为"))
            # a campaign held, the clause ending with it: 开展“卫生革命”， (not 开展“川字号”优品)
            or (before.endswith(cue.holds) and after[:1] in ("，", "。", "；"))
            # a plan framed after 的 (“12345”的重大部署, “四个一批”的思路; round 25)
            or (after.startswith("的") and text.startswith(cue.of_frames, last.end() + 1))
        ):
            found.append(phrase)
    # a long quote said as the place's position or goal: 着眼“京津冀都市圈生态发展示范区”发展定位
    # (quotes of 13 characters or more are else no slogans: whole sentences said in quotes)
    found += long_framed_quotes(text, cue.positions, cue.goals)
    return [p for p in found if p not in cue.stops]


def _quote_runs(text: str) -> list[tuple[re.Match, re.Match, re.Match]]:
    """Each quoted phrase with the first and the last quote of its run of quotes said back
    to back (“产业为基”“项目为要”); a quote said alone is its own run. Quotes in single
    quotes inside a quotation (‘三足鼎立’战略) are quotes too."""
    runs: list[list[re.Match]] = []
    quotes = list(_QUOTED_WORD.finditer(text))
    if "‘" in text:
        quotes = sorted([*quotes, *_SINGLE_QUOTED_WORD.finditer(text)], key=lambda m: m.start())
    for m in quotes:
        if runs and text[runs[-1][-1].end() : m.start()] in _QUOTE_JOINERS:
            runs[-1].append(m)
        else:
            runs.append([m])
    return [(m, run[0], run[-1]) for run in runs for m in run]


# What may stand between two quotes of one run: nothing, or a word that joins them
# (巩固拓展“双创双服”和“三深化三提升”活动).
_QUOTE_JOINERS = frozenset({"", "和", "与", "及", "、"})
# Up to six CJK characters right after a quote, up to punctuation or 的.
_HEAD_AFTER = re.compile(f"[{_CJK}]{{2,6}}(?=[^{_CJK}]|的)")


def strong_places(text: str, cue: Cues | None = None) -> list[str]:
    """Goals of becoming strong in a field, said of the province, city or county: 能源强省,
    高等教育强市 (the national 科技强国 and 人才强国 are lexicon entries). The field is the two
    to five characters after a cue word (建设, 迈进, 加快 …; five for a kind of city, 打造区域性
    中心强市, round 28) or, with no cue, the two before
    强省 when 建设 or 战略 follows. Also the goal of a place made strong and its people rich,
    强县富民, 兴县富民, 强市富民 (in that order: 富民强县 in 富民强县的大项目 is said of
    projects). And a place's strategy named after a national one (``named_strategies``)."""
    cue = cue or cues()
    found = [m.group() for m in _STRONG_AND_RICH.finditer(text)]
    for m in _STRONG.finditer(text):
        start = m.start()
        for size in (2, 3, 4, 5):
            if text[: start - size].endswith(cue.strong_before):
                found.append(text[start - size : m.end()])
                break
        else:
            if text.startswith(("建设", "战略"), m.end()) and _FIELD.fullmatch(
                text[start - 2 : start]
            ):
                found.append(text[start - 2 : m.end()])
    found = [p for p in found if _FIELD.fullmatch(p[:-2]) and p not in cue.stops]
    return found + [name for name in named_strategies(text, cue) if name not in found]


# Not 加强 or 富强 (加强市场监管), nor 强市场 or 强区域.
_STRONG = re.compile(
    f"(?<=[{_CJK}]{{2}})(?<![加增坚富做图自变要最更很])强[省市县区](?![场民政委域内级长])"
)
_FIELD = re.compile(f"[{_CJK}]{{2,5}}")
# 强县富民, 兴县富民, 强省富民: not 富强县 or 振兴县 (the 强 or 兴 of a word before it)
_STRONG_AND_RICH = re.compile("(?<![富加增坚振复新中])[强兴][省市县区]富民")


def named_strategies(text: str, cue: Cues | None = None) -> list[str]:
    """A place's strategy named after a national one (科教兴国, 依法治国, 人才强国): a field of
    two or three characters, then 兴, 立, 强, 富 or 治 and the place, said where a name stands
    on its own (round 28): a whole clause or an item of a list (坚持依法行政，依法治县，; 是可持续
    发展、科教兴县、城镇化和两环开放带动战略在清苑的具体化), a quote (“生态立县”战⏎略), or a
    clause it begins that carries it on (体育强市扎实推进: kind ``strategy_after`` of the cue
    file); a verb that carries a strategy out may lead it (实施开放兴县、…: ``strategy_lead``).
    Not where it only qualifies a noun (推进依法治区建设, 立区强区的大项目, 实干兴县的重要时期),
    nor as an item of a quoted series, which is one slogan (“环境立县、工业兴县、…”四大战略),
    nor an item of a template whose field is itself a verb of the shape (强工富县 of 强农富民、
    强工富县、强市富社会)."""
    cue = cue or cues()
    series = [m.span() for m in _QUOTED_LIST.finditer(text)]
    found = []
    for m in _named_strategy(cue.strategy_lead).finditer(text):
        name = m.group(1)
        after = text[m.end() : m.end() + 1]
        ends = bool(after) and after in _NAME_ENDS
        if not (ends or text.startswith(cue.strategy_after, m.end())):
            continue
        # not a field that starts with a verb of its own (强工富县) or leads the clause (实施兴县),
        # nor a word that ends in the verb (壮族自治区, 复兴县), nor a place before it (延安市富县)
        if (
            name[0] in _STRATEGY_VERBS
            or name[:2] in cue.strategy_not
            or name[-3:-1] in cue.strategy_not
            or name[-3] in _PLACE_SUFFIX
        ):
            continue
        if any(start < m.start() < end for start, end in series):
            continue
        found.append(name)
    return found


@cache
def _named_strategy(leads: tuple[str, ...]) -> re.Pattern:
    # the name: a field of two or three characters with no function word, at the start of a
    # clause, an item or a quote, or after a verb that carries a strategy out (kind
    # ``strategy_lead``: 坚持产业兴县, 实施开放兴县、工业兴城、项目兴业)
    lead = "|".join(map(re.escape, sorted(leads, key=len, reverse=True)))
    return re.compile(
        f"(?:^|(?<=[，、。；：\n“]))(?:{lead})?"
        f"((?:(?![的了和与是在对把为及等])[{_CJK}]){{2,3}}[兴立强富治][省市县区旗])",
        re.M,
    )


# What may follow a name that stands on its own: the end of its clause, item or quote.
_NAME_ENDS = frozenset("，、。；”")
_STRATEGY_VERBS = frozenset("兴立强富治")
# A quoted list: its items are one slogan, said together.
_QUOTED_LIST = re.compile("“[^“”\n]{0,40}[、，][^“”\n]{0,40}”")


def numbered_objects(text: str) -> list[str]:
    """Numbered formulations said as the objects of a series of actions: 做实四篇文章、
    推进四个着力、深化五比五晒 gives 四篇文章, 四个着力, 五比五晒 (two such objects at
    least). A series that is itself a recurring slogan is left whole."""
    from speechkit.analyzers.slogans.discovery import NUMERALS, is_numbered

    whole = set(recurring_series(text))
    runs = [
        m.group().split("、")
        for m in OBJECT_RUN.finditer(text)
        if not any(series in m.group() for series in whole)
    ]
    # the actions of a quoted work programme, said between 、 or ，: “实施两大带动战略，
    # 推进三化进程，……，办好十件实事”
    runs += [re.split("[、，] ?", m.group(1)) for m in _QUOTED_SERIES.finditer(text)]
    found = []
    for pieces in runs:
        objects = []
        for piece in pieces:
            for k in range(1, min(len(piece) - 2, 4)):
                if piece[k] in NUMERALS and piece[k - 1] not in NUMERALS + "第":
                    # not a meeting (十届三次全会, 七届人大二次会议)
                    if is_numbered(piece[k:]) and not re.search("[届次]", piece[k:]):
                        objects.append(piece[k:])
                    break
        if len(objects) >= 2:
            found.extend(objects)
    return list(dict.fromkeys(found))


def issued_rules(text: str) -> list[str]:
    """Numbered rules that a committee or a government issues, the local counterparts of
    the 八项规定: 自治区28条规定, 市委十项要求, 省委十条禁令 give 28条规定, 十项要求,
    十条禁令 (the issuer right before the number; Arabic digits as the speech writes them)."""
    return [m.group(1) for m in _ISSUED.finditer(text)]


_ISSUED = re.compile(
    "(?:中央|自治区|省委|市委|县委|区委|旗委|盟委|州委|党委|政府|纪委)"
    f"((?:[一二两三四五六七八九十]{{1,3}}|[0-9]{{1,3}})[条项](?:[{_CJK}]{{0,2}})"
    "(?:规定|要求|禁令|措施|意见|铁规))"
)


def places(text: str, cue: Cues | None = None) -> set[str]:
    """Place names of a speech: the provinces of the cue file, and the speech's own county
    or city: a name of 3 or 4 characters said at least five times, once at least with 市,
    县, 区, 旗, 州, 盟 or 省 after it (海拉尔区); or a name of 2 to 4 characters that names
    its government or party committee (顺平县人民政府, 中共蚌埠市委) and is said with its
    suffix twice at least (two characters before 县 are too often a verb: 发展县域经济)."""
    cue = cue or cues()
    named = set()
    for m in re.finditer(f"(?<=[{_CJK}]{{3}})[{_PLACE_SUFFIX}]", text):
        for size in (3, 4):
            name = text[max(0, m.start() - size) : m.start()]
            if name not in named and not _FUNCTION.search(name) and text.count(name) >= 5:
                named.add(name)
    for m in _SELF_NAMED.finditer(text):
        if text.count(m.group(1) + m.group(2)) >= 2:
            named.add(m.group(1))
    return set(cue.places) | named | suffixed_places(text) | paired_places(text, cue)


@cache
def _place_names() -> tuple[frozenset[str], frozenset[str]]:
    """The gazetteer's names, and those of them that are no common word (合作, 平原, 新城)."""
    rows = bundled_rows("place_names.tsv")
    return frozenset(r[0] for r in rows), frozenset(r[0] for r in rows if r[2:] != ["word"])


# A suffix that starts a word is no place's suffix (市场, 市民, 县域, 县城, 区域, 区位), nor one
# that ends a word with the name's last character (雄安新区 is no 安新区, 沂蒙山区 no 蒙山区);
# names that make 城市 or 城区 with it are marked in the gazetteer (大城, 海城, 老城), so that
# 盐城市 and 越城区 stay places.
_SUFFIX_WORD = re.compile("市[场民容政]|[市县区]域|县城|区[位间别]")
_NAME_END_WORDS = frozenset(
    {"新区", "山区", "郊区", "景区", "园区", "社区", "矿区", "片区", "街区"}
)


def suffixed_places(text: str) -> set[str]:
    """Counties and cities of the gazetteer (``speechkit/data/place_names.tsv``) that the
    speech names with their suffix: 清苑县, 绍兴市, 汉阳区; a verb before 县 is none (发展县域),
    nor a name before 省 (黑龙江省 is no 龙江县)."""
    names, found = _place_names()[1], set()
    for m in re.finditer("[市县区旗州盟]", text):
        if _SUFFIX_WORD.match(text, m.start()) or text[m.start() - 1 : m.end()] in _NAME_END_WORDS:
            continue
        found.update(text[m.start() - n : m.start()] for n in (2, 3, 4))
    return found & names


# A place that names its own government or party committee, at the start of a line or after
# 中共 or its province: 顺平县人民政府, 中共蚌埠市委, 安徽省蚌埠市第十四届.
_SELF_NAMED = re.compile(
    f"(?:^|(?<=中共)|(?<=省))([{_CJK}]{{2,4}}?)([市县区旗])"
    "(?:人民政府|委员会|委|第[一二三四五六七八九十]+届)",
    re.M,
)


def paired_places(text: str, cue: Cues | None = None) -> set[str]:
    """A name that two prefixes of the cue file take in a row is a place, the speech's own
    most often, though a cut may never say it with its suffix: 容城 in 实力容城、魅力容城."""
    cue = cue or cues()
    prefix = "|".join(map(re.escape, cue.prefixes))
    pattern = re.compile(f"(?:{prefix})([{_CJK}]{{2,4}})[、，](?:{prefix})\\1")
    return {m.group(1) for m in pattern.finditer(text)} & _place_names()[0]


def _with_prefixes_before(text: str, start: int, end: int, cue: Cues) -> str:
    """A place slogan with up to two more prefixes said right before it: 平安和谐阜平 is one
    slogan, not 和谐阜平 (round 25)."""
    for _ in range(2):
        before = next(
            (p for p in cue.prefixes if len(p) <= start and text.startswith(p, start - len(p))),
            None,
        )
        if before is None:
            break
        start -= len(before)
    return text[start:end]


def place_slogans(text: str, cue: Cues | None = None) -> list[str]:
    """A prefix of the cue file before a place name of the speech: 平安海拉尔, 美丽甘肃; a run
    of them (实力容城、魅力容城、和谐容城); and the place's rise (汉阳全面崛起)."""
    cue = cue or cues()
    names = sorted(places(text, cue), key=len, reverse=True)
    if not names:
        return []
    prefix, name = "|".join(map(re.escape, cue.prefixes)), "|".join(names)
    # not before a suffix or a town: 新老城区, 新增城镇 are no slogans of 老城, 增城
    pattern = re.compile(f"(?:{prefix})(?:{name})(?![{_PLACE_SUFFIX}镇乡村])")
    found = [
        slogan
        for m in pattern.finditer(text)
        if (slogan := _with_prefixes_before(text, m.start(), m.end(), cue)) not in cue.stops
    ]
    # three or more on one place in a row are one slogan too, the place said each time or
    # once at the end: 实力容城、魅力容城、和谐容城; 文明、实力、和谐徐水
    series = re.compile(
        f"(?:{prefix})({name})(?:、(?:{prefix})\\1){{2,}}|(?:(?:{prefix})、){{2,}}(?:{prefix})(?:{name})"
    )
    # a place's rise as its keynote: 加速汉阳全面崛起, 实现了江西崛起新跨越
    rise = re.compile(f"(?:{name})(?:全面)?崛起(?:新[{_CJK}]{{2}}(?=[^{_CJK}]|的))?")
    found += [m.group() for m in rise.finditer(text)]
    return found + [m.group() for m in series.finditer(text)]
