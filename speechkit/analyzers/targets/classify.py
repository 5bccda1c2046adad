"""What a number is, from its shape and its frame: a target (goal, standard, allocation) or a
non-target (result, baseline, forecast, quoted, definition, elapsed, date, other).

Shape first: some numbers are never goals whatever the frame (a date, a threshold that
defines a class, the base of a change, the size of a list, elapsed time). Then the frame
(``frames.Frame``) decides between target and result.
"""

from __future__ import annotations

import re

from speechkit.analyzers.targets.cues import words_pattern
from speechkit.analyzers.targets.frames import Frame, has_cue
from speechkit.text.quantities import Quantity, unit_kind

TARGET_TYPES = ("goal", "standard", "allocation")
NON_TARGET_KINDS = (
    "result",
    "baseline",
    "forecast",
    "quoted",
    "definition",
    "elapsed",
    "date",
    "other",
)
_TIME_UNITS = {"年", "个月", "月", "天", "日", "周", "小时", "分钟", "秒", "个工作日", "工作日"}
_TIME_UNITS |= {"周年", "世纪", "个世纪", "百年", "星期"}
# A time span that ends a deadline: 2小时内到达, 3天内完成, 30个工作日以内.
_WITHIN = re.compile(r"(?:以内|之内|内)")
# A duration that an operational rule is written in: 24小时值班, 15分钟就医圈, 监测14天.
_RULE_SPAN = re.compile(
    r"(?:值班|值守|备勤|值报|核酸|就医圈|生活圈|服务圈|监测|隔离|响应|办结|到位|到达)"
)
_RULE_SPAN_BEFORE = re.compile(r"(?:监测|隔离|观察|居家)$")
_CAMPAIGN = re.compile(r"为期$")
_SPAN_FOR = re.compile(r"(?:用|利用|花)$")
_SPAN_TIME = re.compile(r"(?:左右)?(?:的)?时间")
_SPAN_END = re.compile(r"[^，。；]{0,12}?(?:之内|以内|内)")
# Elapsed time: 五年来, 三年以来, 过去五年, 近二十年, 连续三年, 五年年均增长.
_SINCE_AFTER = re.compile(r"(?:以来|来|间|年均|累计|共|中)")
_SINCE_BEFORE = re.compile(r"(?:过去|近|连续|历经|经过|这|那|前|后|最近)的?$")
_EACH = ("都", "均")  # after a count: each of the set it names
# The rest of the number's phrase asks what the things are (…102项重大工程…具体是哪些).
_ASKED = re.compile(r"[^，。；！？!?]{0,60}?(?:是哪些|有哪些|是什么|在哪里|是多少)")
# “五个100%”, 三大主题, 四类模式: a count of the items of a list.
_ITEM_UNITS = {"大", "类", "种", "方面", "个方面", "句"}
# 50万元以上项目, 年收入10万元以下的家庭: a size that selects a class.
_THRESHOLD = re.compile(
    r"(?:及|或)?(?:以上|以下|以内)的?"
    r"(?!目标|任务|水平|的|安排|增长|实现|完成|提高|下降|左右)[\u4e00-\u9fff]"
)
_LEVEL_VERB = re.compile(
    r"(?:达到|达|提高到|提升到|增至|增长到|降至|降到|下降到|控制在|保持在|稳定在|不低于|不少于"
    r"|不超过|超过|突破|新增|增加|完成|实现|建成|培育|创建|打造|建设|引进|发展|为)$"
)
# 从5.2万元提高到6万元: the first number is the base of the change.
_FROM = re.compile(r"(?:从|由)[^，；。从由]{0,12}$")
_CHANGE_TO = re.compile(
    r"(?:左右)?(?:提高|提升|增加|增长|扩大|降低|下降|减少|压减|缩小|调整|放宽|延长|缩短|调增|调减|降|升|减)"
    r"[到至为]"
)
_POPULATION = re.compile(r"多?(?:人口|中国人|人民|各族人民|农民|党员|群众)")
_CARDINAL_WORD = re.compile(r"第$")
_RANK = re.compile(r"前$")
# 进入全省前10, 排名保持全国前20: a rank to reach is a bare number after 前.
_RANK_GOAL = re.compile(r"(?:进入|进|排名|排|位居|居|保持|稳居|跻身|迈入)[^，。；]{0,6}前$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A count right after a list of named items (A、B2个…; A、B、C等8个部门).
_AND = re.compile("[和及与]")
_LISTED = re.compile(r"(?:^|[，。；：“（、])[^，。；、\d]{1,12}、(?P<last>[^，。；、\d]{1,14})$")
_POLICY_AFTER = re.compile(
    r"(?:以上|以下|左右|至[^，。；]{0,8})?(?:的)?(?:税率|费率|利率|征收率|部分)"
)
_POLICY_BEFORE = re.compile(r"税率|费率|起征点|扣除比例|征收率|缴费比例|所得额")
_SLOGAN = re.compile(r"[一二两三四五六七八九十]个“?$")
# 达到全国平均水平的80%: a goal set as a share of a reference level.
_GOAL_OF = re.compile(r"(?:达到|提高到|提升到|不低于|保持在|相当于)[^，；。]{0,16}的$")
_OVER = re.compile(r"超过?$")
# A rating written before the thing it rates: 年产15万吨原丝项目, 750千伏输变电工程.
_RATING_BEFORE = re.compile(r"(?:时速|年产|日产|年处理|日处理|年产能)$")
_RATING_UNITS = {"千伏", "千瓦"}
_THRESHOLD_WORD = re.compile(r"及?(?:以上|以下|以内|左右)")
_NAMES_NEXT = re.compile(
    r"[^，。；、\d]{0,8}?(?:工程|项目|线路|通道|电站|电厂|机组|列车|铁路|生产线|基地)"
)
_NOUN_NEXT = re.compile(r"(?:的)?(?:项目|企业|工程|产业|集群|县|园区|城市)")


def is_date(text: str, q: Quantity) -> bool:
    """Years and calendar dates are time expressions, not quantities."""
    if q.unit in ("年", "月", "日", "号") and q.value is not None:
        if q.unit == "年" and 1900 <= q.value <= 2100 and q.value == int(q.value):
            return True
        nxt = text[q.end : q.end + 1]
        prev = text[q.start - 1 : q.start] if q.start else ""
        if nxt in ("月", "日", "号") or prev in ("年", "月"):
            return True
    return False


def shape_kind(text: str, q: Quantity, frame: Frame) -> str:
    """A non-target kind the number has whatever its frame, or '' (the frame decides)."""
    before = text[frame.clause_start : q.start]
    after = text[q.end : q.end + 8]
    if is_date(text, q):
        return "date"
    if _CARDINAL_WORD.search(before) or _in_title(text, q.start):
        return "other"
    if q.unit in _TIME_UNITS and _span_given(text, q, before):
        return ""  # 用三年左右时间基本化解, 分两年完成: the time a goal is given
    if q.unit in _TIME_UNITS and not _WITHIN.match(after) and not _LEVEL_VERB.search(before):
        rule = _RULE_SPAN.match(after) or _RULE_SPAN_BEFORE.search(before)
        looks_back = frame.orientation == "past" and frame.level in ("clause", "sentence")
        if rule and not _CAMPAIGN.search(before) and not looks_back:
            return ""  # 24小时值班, 48小时核酸检测: an operational standard, if the frame says so
        if (
            _SINCE_AFTER.match(after)
            or _SINCE_BEFORE.search(before)
            or frame.orientation != "future"
        ):
            return "elapsed"
        return "other"  # 今后五年, 再经过十年: the span a goal is set over
    if q.unit in _ITEM_UNITS or _counts_a_list(text, q):
        return "other"
    if _ASKED.match(text, q.end):
        return "other"  # 国家实施的102项重大工程具体是哪些: a set asked about, not a level set
    if unit_kind(q.unit) in ("counter", "generic") and after[:1] in _EACH:
        return "other"  # 两家都会被追责, 三个部门均…: the count names the set, it sets no level
    if _POPULATION.match(text, q.end):
        return "other"
    if _FROM.search(before) and _CHANGE_TO.match(after):
        return "baseline"
    if _POLICY_AFTER.match(after) or _POLICY_BEFORE.search(before):
        return "definition"  # 提价7%政策, 所得额100万元至300万元部分: a rule's parameter
    if _SLOGAN.search(before):
        return "other"  # “五个100%”: a slogan's name
    share = (unit_kind(q.unit) == "percent" or q.unit == "倍") and before.endswith("的")
    if share and not _LEVEL_VERB.search(before[:-1].rstrip()) and not _GOAL_OF.search(before):
        return "other"  # 造价仅为传统的70%, 是计划任务的2.1倍: a share of something else
    if _counts_named_items(text, q, frame):
        return "other"  # 特色食品、新材料2个国家级产业集群: the count of items just named
    if (_RANK.search(before) and _HAN.match(after)) or (
        _OVER.search(before) and _NOUN_NEXT.match(after)
    ):
        return "definition"  # ESI前1%学科, 总投资超10亿元项目: the number names a class
    rating = _RATING_BEFORE.search(before) or q.unit_base in _RATING_UNITS
    if rating and _NAMES_NEXT.match(text, q.end, q.end + 12) and not _THRESHOLD_WORD.match(after):
        return "definition"  # 750千伏河西走廊通道, 时速250公里列车: a rating names the thing
    if (
        (unit_kind(q.unit) in ("measure", "magnitude", "rate", "percent") or q.unit == "岁")
        and _THRESHOLD.match(after)
        and not _LEVEL_VERB.search(before)
    ):
        return "definition"  # 5000万元以上的项目, 3岁以下婴幼儿: a size or an age names a class
    return ""


def _span_given(text: str, q: Quantity, before: str) -> bool:
    """用三年左右时间, 分两年完成, 在五年或者更长一些的时间内: a span a task is given."""
    if _SPAN_FOR.search(before):
        return _SPAN_TIME.match(text, q.end) is not None
    if before.endswith("在"):
        return _SPAN_END.match(text, q.end) is not None
    return before.endswith("分")


def classify(text: str, q: Quantity, frame: Frame) -> tuple[str, str]:
    """``(kind, type)``: kind is ``target`` (type goal, standard or allocation) or a
    non-target kind (type '')."""
    kind = shape_kind(text, q, frame)
    if kind:
        return kind, ""
    orientation = frame.orientation
    if orientation == "future" and frame.level != "clause" and _approximate_count(text, q):
        # 达到2890多亿美元, 实际到位400多亿美元: a goal is set as a level, a result is
        # reported as "more than"; without a goal word in its own clause it is a result.
        return "result", ""
    if orientation == "future":
        before = text[frame.clause_start : q.start]
        if not q.unit and not _LEVEL_VERB.search(before) and not _RANK_GOAL.search(before):
            return "other", ""  # a bare number (省道302线) measures nothing; 进入全省前10 ranks
        return "target", target_type(text, q, frame)
    distant = frame.level in ("paragraph", "list", "section")
    rule_span = _RULE_SPAN.match(text, q.end) or _RULE_SPAN_BEFORE.search(
        text, frame.clause_start, q.start
    )
    if q.unit in _TIME_UNITS and (_WITHIN.match(text, q.end) or rule_span) and distant:
        return "target", "standard"  # 2小时内到达现场: a time limit, whatever the paragraph recalls
    if (
        orientation == "past"
        and q.unit_base == "元"
        and _THIS_YEAR_ALLOCATION.search(text, frame.sentence_start, q.start)
    ):
        return "target", "allocation"  # 今年，省预算安排了3.5亿元: this year's money
    if orientation in ("past", "fact"):
        return "result", ""
    if not orientation and q.unit in _TIME_UNITS:
        after = text[q.end : q.end + 4]
        if (
            _WITHIN.match(after)
            or _RULE_SPAN.match(after)
            or _RULE_SPAN_BEFORE.search(text, frame.clause_start, q.start)
        ):
            return "target", "standard"  # a rule needs no time word: 2小时内到达现场
    if orientation == "forecast":
        return "forecast", ""
    if orientation == "quote":
        return "quoted", ""
    return "other", ""


def can_be_target(text: str, q: Quantity, frame: Frame) -> bool:
    """Whether ``classify`` can call the number a target: in a future frame; as a time limit
    or a rule's span, in any frame; as this year's money (今年…安排了3.5亿元), in a past one.
    A targets-only run classifies just these (in a review most numbers are none: results)."""
    orientation = frame.orientation
    return (
        orientation == "future"
        or q.unit in _TIME_UNITS
        or (
            orientation == "past"
            and q.unit_base == "元"
            and _THIS_YEAR_ALLOCATION.search(text, frame.sentence_start, q.start) is not None
        )
    )


def may_be_baseline(text: str, q: Quantity, frame: Frame) -> bool:
    """Whether the number may be the base of a change (从5.2万元提高到6万元), the one non-target
    kind a targets-only run needs (for the target's baseline column): ``shape_kind`` calls
    none a baseline that fails this."""
    lo = frame.clause_start
    # (Most clauses hold neither 从 nor 由: two finds in C spare them the pattern.)
    if text.find("从", lo, q.start) < 0 and text.find("由", lo, q.start) < 0:
        return False
    return _FROM.search(text, lo, q.start) is not None


_GRANT = re.compile(r"补助|补贴|奖补|奖励")
_THIS_YEAR_ALLOCATION = re.compile(r"(?:今年|本年|年内)[^。；]{0,12}(?:安排|下达|拨付|预算)")


def _approximate_count(text: str, q: Quantity) -> bool:
    return q.approx in ("多", "余") or text[q.end : q.end + 1] in ("多", "余")


def target_type(text: str, q: Quantity, frame: Frame) -> str:
    lo = frame.clause_start
    spans = (
        _WITHIN.match(text, q.end)
        or _RULE_SPAN.match(text, q.end)
        or _SPAN_TIME.match(text, q.end)
        or _RULE_SPAN_BEFORE.search(text, lo, q.start)
    )
    if q.unit in _TIME_UNITS and spans:
        return "standard"  # a time limit: 2小时内到达; a rule's span: 24小时值班, 监测14天
    if q.unit_base == "元" and (
        has_cue("allocation", text, lo, q.start)
        or (_GRANT.search(text, lo, q.start) and not has_cue("per_unit", text, lo, q.start))
    ):
        return "allocation"  # 安排专项资金2亿元; 中央补助我省1400亿元 (a total, not per head)
    if has_cue("standard", text, lo, q.start):
        return "standard"
    return "goal"


def _counts_named_items(text: str, q: Quantity, frame: Frame) -> bool:
    """特色食品、新材料2个国家级产业集群: a count of the items named just before it, followed
    by what they are. Not 越城区28个、柯桥区22个 (each item has its own count), nor
    森林覆盖率达到13.52%、林草覆盖率达到44.79% (a verb sets a level), nor 呼伦大街、望城路等
    9条道路 (等 leaves the list open: the count is the goal)."""
    window = max(frame.sentence_start, q.start - 30)
    # (The list needs a 、 and a noun after the count: most numbers fail these cheap tests.)
    if not _HAN.match(text, q.end) or text.find("、", window, q.start) < 0:
        return False
    m = _LISTED.search(text, window, q.start)
    if m is None or _LEVEL_VERB.search(m.group("last")):
        return False
    # The count is the number of names (A、B、C和D4项行动), not an amount of each
    # (街道辖区、工人新村和零散区域1.8万户).
    lo = max(text.rfind(mark, frame.sentence_start, q.start) for mark in "，；：“（")
    names = text[max(lo + 1, frame.sentence_start) : q.start].split("、")
    joined = len(_AND.findall(names[-1]))
    return q.value in (len(names), len(names) + joined)


_LIST_QUALIFIER = re.compile(r"首要|主要|关键|州定|省定|市定|县定")


def _counts_a_list(text: str, q: Quantity) -> bool:
    """3个首要问题, 讲三个方面, 15件州定民生实事: the number sizes a list of items."""
    if not q.unit or q.unit[-1] not in "个项条件大类种":
        return False
    at = q.end + (len(m.group()) if (m := _LIST_QUALIFIER.match(text, q.end)) else 0)
    return words_pattern("list_noun").match(text, at) is not None


def _in_title(text: str, pos: int) -> bool:
    """Inside 《…》: a document title such as 《2022年州定民生实事项目实施方案》."""
    k = text.rfind("《", max(0, pos - 60), pos)
    return k >= 0 and "》" not in text[k:pos]
