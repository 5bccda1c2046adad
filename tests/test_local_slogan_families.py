"""Families of local slogans found in round 7c of issue 12 (city and county web pages): each
test holds a made-up sentence of the family and, where the family was measured on one, a real
dev text of eval/texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.analyzers.slogans import local, members, series

from .test_slogans import DEV_TEXTS, counts


def test_plans_named_by_numbers_joined_with_plus():
    text = "落实省委“1+1+9”工作部署和市委“9+2”工作布局，完成“15+3”，提到“+”和“1+”。"
    assert local.framed_quotes(text) == ["1+1+9", "9+2"]


def test_straight_quotes_of_a_web_page_are_quotes():
    # eval dev text (Huzhou 2006): the page writes "建设大城市,实现新跨越" and "三个立足"
    path = DEV_TEXTS / "city_huzhou_speech_2006_construction.txt"
    got = counts(speechkit.analyze("slogans", str(path), discover=True))
    assert got["建设大城市，实现新跨越"] == (1, 1)
    assert got["三个立足"] == (1, 1)


def test_quoted_words_said_as_the_spirit_a_campaign_needs():
    text = "要以“等不起”的紧迫感、“慢不得”的危机感抓项目，提到“说法”的好处和“好”的感觉。"
    assert local.framed_quotes(text) == ["等不起", "慢不得"]


def test_theme_years_of_a_two_character_topic():
    from speechkit.analyzers.slogans import frames

    text = "贯彻省市“项目年”决策部署，开展“作风建设年”活动，“新一年”，“今年”。"
    assert frames.theme_years(text) == ["项目年", "作风建设年"]


def test_national_strategies_said_of_the_place():
    from speechkit.analyzers.slogans import frames

    text = "积极推进科教兴市战略的实施，坚持工业立县战略，实施兴县战略，科教兴国战略。"
    assert frames.place_strategies(text) == ["科教兴市", "工业立县"]


def test_quoted_goals_and_positions_of_the_place():
    text = "围绕“把潮州建设得更加美丽”发展目标，实现“七五”奋斗目标，提到“好”的目标。"
    assert local.framed_quotes(text) == ["把潮州建设得更加美丽", "七五"]


def test_positions_long_quotes_and_plans_framed_after_de():
    # Round 25 of issue 12 (Fuping 2017, Zhongwei 2022, Chaozhou 2021): a position other
    # than 发展定位, a long quote framed as a position or goal, a plan framed after 的; not a
    # long quote with no such frame, nor a quote before 的 and no frame
    text = (
        "着眼“京津冀都市圈生态发展示范区”发展定位，立足“生态功能区”区域定位，"
        "自治区第十三次党代会作出“12345”的重大部署，说到“群众满意”的时候，"
        "他说“我们一定要把这件大事办好办实办出成效”。"
    )
    assert sorted(local.framed_quotes(text)) == [
        "12345",
        "京津冀都市圈生态发展示范区",
        "生态功能区",
    ]


def test_a_named_line_said_without_quotes():
    # Round 25 of issue 12 (Tianjin 2001, Heilongjiang 1988): a series between a verb that
    # adopts it and the name of the line; not a row of the bodies that set a line
    text = (
        "按照乘势而上、开拓创新、全面上水平的工作基调，团结拼搏。市委全会提出了抢抓机遇、"
        "跨越式发展的工作思路。继续抓好教育为本、科技兴省方针的贯彻落实。"
        "按照自治区党委、政府确定的发展思路，落实党中央、国务院的方针。"
    )
    assert series.named_lines(text) == [
        "乘势而上、开拓创新、全面上水平",
        "抢抓机遇、跨越式发展",
        "教育为本、科技兴省",
    ]


def test_series_that_differ_in_one_middle_character():
    text = "坚持全面创建、全域创建、全民创建，抓好一年级、二年级、三年级，省政府、市政府、县政府。"
    assert series.one_piece_series(text) == ["全面创建、全域创建、全民创建"]


def test_single_quotes_inside_a_quotation():
    text = "他说：“我们将大力实施‘三足鼎立’战略，‘好’的‘说法’。”"
    assert local.framed_quotes(text) == ["三足鼎立"]


# --- round 13 (city texts) -------------------------------------------------------------


def test_goals_said_as_a_series_of_clauses_with_you_xin():
    from speechkit.analyzers.slogans import frames

    text = (
        "，确保建设实力蚌埠有新成就、建设魅力蚌埠有新进展、建设活力蚌埠有新突破。"
        "力争有新发展、有新变化，工作有新进展。"
    )
    assert frames.new_step_series(text) == [
        "建设实力蚌埠有新成就、建设魅力蚌埠有新进展、建设活力蚌埠有新突破"
    ]


def test_goals_series_of_a_county_speech():
    # eval dev text (county speech 2010): 实现新农村建设有新突破、…、农村工作有新亮点五个目标
    path = DEV_TEXTS / "county_unnamed_speech_2010_agriculture.txt"
    got = counts(speechkit.analyze("slogans", str(path), discover=True))
    series = (
        "新农村建设有新突破、改革创新有新成果、农民收入有新增加、农业经济有新发展、农村工作有新亮点"
    )
    assert got[series] == (1, 1)


def test_the_kind_of_city_a_place_means_to_become():
    from speechkit.analyzers.slogans import frames

    text = (
        "完成建设晋商文化旅游中心城市这样一个目标。今年是建设新兴工业卫星城的关键年，"
        "加速推进山水生态型城市建设。建设文明城市，加快副中心城市建设，打造旅游城市品牌，"
        "围绕建设西部装备制造业聚集城市、区域现代物流中心城市、国家重点旅游城市五大目标。"
    )
    assert frames.city_goals(text) == [
        "西部装备制造业聚集城市、区域现代物流中心城市、国家重点旅游城市",
        "晋商文化旅游中心城市",
        "新兴工业卫星城",
        "山水生态型城市",
    ]


def test_a_city_goal_is_counted_wherever_the_speech_says_it():
    # eval dev text (Qingyuan 2008): 建设新兴工业卫星城的关键年, and twice …清苑新兴工业卫星城
    path = DEV_TEXTS / "county_qingyuan_work_report_2008.txt"
    got = counts(speechkit.analyze("slogans", str(path), discover=True))
    assert got["新兴工业卫星城"] == (3, 1)


def test_honours_a_place_holds_are_no_slogans():
    text = (
        "有着“文化摇篮、帝王故里、歌舞之乡、山水城市”美誉的蚌埠，素有“米县”之称，"
        "实施“美丽发展、科学崛起、共享繁荣”战略。"
    )
    assert local.framed_quotes(text) == ["美丽发展、科学崛起、共享繁荣"]


def test_a_two_character_place_that_names_its_own_government():
    text = (
        "顺平县人民政府\n顺平县第十五届人民代表大会\n推进平安顺平建设，发展县域经济，"
        "发展县域特色产业，美丽发展。"
    )
    assert local.place_slogans(text) == ["平安顺平"]


# Round 12 (batch slogans_locals12, Baoding county work reports)


def test_quoted_numbered_phrases_whose_head_only_stops_plain_counts():
    from speechkit.analyzers.slogans import discovery

    text = "以改善“两个环境”为抓手，创优“十个环境”，讲好两个环境，“三个方面”。"
    assert [c.phrase for c in discovery.quoted_numbered(text)] == ["两个环境", "十个环境"]
    assert discovery.unquoted_numbered("两个环境。两个环境。") == []
    # eval dev text (Fuping 2013): 以着力改善“两个环境”为抓手
    path = DEV_TEXTS / "county_fuping_work_report_2013.txt"
    assert counts(speechkit.analyze("slogans", str(path), discover=True))["两个环境"] == (1, 1)


def test_series_of_four_character_items_said_again_on_their_own():
    text = (
        "实施开放兴县、工业兴城、项目兴业主战略。推进开放兴县战略。推进工业兴城战略。"
        "推进项目兴业战略。发展基础教育、职业教育、高等教育，办好基础教育和职业教育、高等教育。"
    )
    assert series.recurring_series(text) == [
        "开放兴县、工业兴城、项目兴业",
        "开放兴县",
        "工业兴城",
        "项目兴业",
    ]


def test_series_whose_items_share_only_their_first_character():
    text = (
        "坚持高起点规划、高质量建设、高标准推进，弘扬敢创一流、敢挑重任、敢为人先的精神，"
        "推进自我管理、自我服务、自我教育，实现更高质量、更有效率、更加公平的发展。"
    )
    assert series.anaphora_series(text) == [
        "高起点规划、高质量建设、高标准推进",
        "敢创一流、敢挑重任、敢为人先",
    ]


def test_quotes_joined_by_and_share_the_frame_of_their_run():
    text = "巩固拓展“双创双服”和“三深化三提升”活动，说到“好”和“坏”。"
    assert local.framed_quotes(text) == ["双创双服", "三深化三提升"]


def test_quoted_systems_and_mechanisms_of_the_place():
    text = (
        "全面落实“河长制”“库长制”“河道警长制”，落实“坑塘长”制度，健全“证照合办”"
        "“拿地即开工”等审批机制，破解“瓶颈”制约。"
    )
    assert local.framed_quotes(text) == [
        "河长制",
        "库长制",
        "河道警长制",
        "坑塘长",
        "证照合办",
        "拿地即开工",
    ]


def test_quoted_series_of_numbered_pieces_joined_by_a_pause_mark():
    text = "推进“四清、四化、五改”，完善“一村一处方、一户一套餐”，严格“七个必须，七个一律”。"
    assert local.framed_quotes(text) == ["四清、四化、五改", "一村一处方、一户一套餐"]


def test_a_keynote_leads_a_series_of_modes_of_development():
    # round 14: the national keynote 科学发展 leads the place's own modes (cue rows keynote)
    text = (
        "推动科学发展、提速发展、和谐发展的重要一年。坚持持续发展、转型发展、协调发展、和谐发展，"
        "推动科学发展、加快发展。"
    )
    assert members.keynote_series(text) == ["科学发展、提速发展、和谐发展"]


def test_a_discovered_series_counts_in_its_written_forms():
    # eval dev text (Yunnan 2011): the congress report's title runs the keynote together
    path = DEV_TEXTS / "provincial_yunnan_news_2011.txt"
    got = counts(speechkit.analyze("slogans", str(path), discover=True))
    assert got["科学发展、和谐发展、跨越发展"] == (3, 1)


def test_the_members_of_a_name_made_of_counts_and_heads():
    # round 14 (Anhui 2025's “三地一区”): the members are the objects of the verb that set it up
    text = (
        "加快打造“两地一区”。围绕打造科技创新策源地，推进改革；围绕打造产业聚集地，"
        "招引项目；围绕打造绿色转型区，治理污染。以县城“三区三园”为载体，打造数字园。"
    )
    assert members.named_members(text) == ["科技创新策源地", "产业聚集地", "绿色转型区"]
    # a head with more or fewer objects than its count gives nothing
    assert members.named_members(text.replace("打造产业聚集地", "建好产业聚集地")) == []


# Round 15 (batch slogans_unquoted15): place slogans said without quotes


def test_a_county_of_the_gazetteer_said_with_its_suffix_is_a_place():
    # 清苑 names no government of its own here, but 清苑县 is a county (place_names.tsv)
    text = "当前，清苑县面临的形势很好。全力打造诚信清苑。发展县域经济，建设和谐社会。"
    assert local.suffixed_places(text) == {"清苑"}
    assert local.place_slogans(text) == ["诚信清苑"]
    # a suffix that starts a word (县域, 市场) and a name that is a common word (经济合作区,
    # 新老城区) make no place
    assert local.suffixed_places("发展县域经济，开拓合作市场，提高边境经济合作区水平") == set()
    # nor a name that makes a word with its suffix or is cut out of a longer one: 大城市 (大城县),
    # 雄安新区 (安新县), 黑龙江省 (龙江县)
    assert local.suffixed_places("建设大城市，对接雄安新区，黑龙江省，沂蒙山区") == set()
    # but a city whose name ends in 城 is one (盐城市, 越城区)
    assert local.suffixed_places("盐城市，越城区") == {"盐城", "越城"}
    assert local.place_slogans("改造新老城区，新增城镇就业。老城区，增城区。") == []


def test_two_prefixes_on_one_name_in_a_row_make_it_a_place_and_three_a_series():
    # a cut of the county's report that never says 容城县 (eval dev text, Rongcheng 2012)
    text = "努力建设实力容城、魅力容城、和谐容城。加快发展，建设实力容城。"
    assert local.paired_places(text) == {"容城"}
    assert local.place_slogans(text) == [
        "实力容城",
        "魅力容城",
        "和谐容城",
        "实力容城",
        "实力容城、魅力容城、和谐容城",
    ]
    # two prefixes on a word that is no place of the gazetteer: 绿色消费、健康消费
    assert local.paired_places("扩大绿色消费、健康消费、数字消费") == set()
    # the place said once at the end of the run (eval dev text, Xushui 2010)
    path = DEV_TEXTS / "county_xushui_work_report_2010.txt"
    got = counts(speechkit.analyze("slogans", str(path), discover=True))
    assert got["文明、实力、和谐徐水"] == (1, 1)


def test_series_of_three_character_items_led_by_a_verb():
    text = (
        "统筹抓好稳增长、促改革、调结构、治污染、惠民生、防风险各项工作。要坚持高起点、高站位、"
        "大动作、大气魄。融入京津冀，加强与东北、环渤海、长三角、珠三角的合作，县人大、县政府、"
        "县政协、县法院，消费品是呢绒、电视机、洗衣机、电冰箱。新产品、新技术、新工艺、新材料。"
        "推行“一会三卡”（班前会、风险卡、作业卡、应急卡）制度。"
    )
    assert series.led_series(text) == [
        "稳增长、促改革、调结构、治污染、惠民生、防风险",
        "高起点、高站位、大动作、大气魄",
    ]  # not names in a list, offices, or items that share a character (新…)


def test_a_place_rise_as_its_keynote():
    text = "武汉市汉阳区人民政府，汉阳区。在加速汉阳全面崛起的征途上，实现了江西崛起新跨越的良好开局，促进中部崛起。"
    assert local.place_slogans(text) == ["汉阳全面崛起", "江西崛起新跨越"]  # 中部: no place


def test_maxims_a_place_says_of_its_work():
    from speechkit.analyzers.slogans import maxims

    text = (
        "坚持项目为王、结果导向。发展是第一要务，项目是第一载体。胜者为王的道理；"
        "这是第一次会议，创新是第一动力的体现。"
    )
    # not 胜者为王 after a word, 这是第一次 in a sentence, nor a maxim that goes on (…的体现)
    # (发展是第一要务 is found too: a lexicon form, which discovery never reports)
    assert maxims.maxims(text) == ["项目为王", "发展是第一要务", "项目是第一载体"]


def test_a_quoted_campaign_held_at_the_end_of_its_clause():
    text = "开展“卫生革命”，城乡面貌大为改观。组织开展“工业巡诊”。开展“川字号”优品100、讲“道理”。"
    assert local.framed_quotes(text) == ["卫生革命", "工业巡诊"]


def test_series_on_one_template_of_two_fixed_characters():
    text = (
        "以转变经济发展方式为主线，强农富民、强工富县、强市富社会，继续坚持。"
        "一是要、二是要、三是要；水、电、路；大力发展、大力推进、大力实施。"
        "各司其职、各尽其责、各显其能，人无我有、人有我优、人优我特。"
    )
    # not items of other lengths, nor items that share their second character too (大力…)
    assert series.template_series(text) == ["强农富民、强工富县、强市富社会"]


_ROUND_15_PIECES = [
    *"强富实魅力和谐容城县市区开展年活动建设项目为王是第一、，。（）“”",
    "清苑县",
    "大城市",
    "崛起",
    "新跨越",
    "稳增长",
    "\n",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ROUND_15_PIECES), max_size=40))
def test_round_15_families_take_any_text(pieces):
    # A discovery family that raises loses the speech's rows (an item shorter than the
    # template it is read against raised IndexError once): every family takes any text and
    # returns phrases of it.
    from speechkit.analyzers.slogans import frames, maxims

    text = "".join(pieces)
    found = [
        *frames.held_years(text),
        *local.place_slogans(text),
        *local.framed_quotes(text),
        *maxims.maxims(text),
        *series.led_series(text),
        *series.template_series(text),
    ]
    assert all(phrase and phrase.replace("、", "") for phrase in found)


def test_a_place_made_strong_and_its_people_rich(tmp_path):
    # issue 12, round 21: Rongcheng 2012, Qingyuan 2008 and Ji'an 2026 say the county's goal
    # 强县富民 / 兴县富民 unquoted and once; 富民强县 said of projects is no goal, and the 强
    # or 兴 of a word before the place level makes none (振兴县域, 加强市场)
    text = "在强县富民的道路上迈出新步伐，以又好又快发展、兴县富民为中心任务。"
    assert local.strong_places(text) == ["强县富民", "兴县富民"]
    plain = "建设科技含量高、富民强县的大项目，振兴县域经济，加强市富民政策宣传。"
    assert local.strong_places(plain) == []
    # as the Ji'an report wrote it: Traditional, with the content farm's pinyin glosses
    path = tmp_path / "jian.txt"
    path.write_text("加快發展，強(qiáng)縣富民目標成效明顯。\n", encoding="utf-8")
    rows = speechkit.rows("slogans", str(path), discover=True)
    assert {r["slogan"]: r["count"] for r in rows}.get("强县富民") == 1


def test_a_series_found_run_together_and_with_its_separators_is_one_slogan():
    # issue 12, round 21 (Shunping 2008): “四纵四横一环” and “四纵、四横、一环” name one road
    # network, named run together as the lexicon names its series (两不愁三保障)
    from speechkit.analyzers.slogans.context import make_context
    from speechkit.text.lexicon import Lexicon

    found = {"四纵四横一环": "numbered", "四纵、四横、一环": "local", "东方、南方": "local"}
    context = make_context(Lexicon(()), found)
    assert context["forms"]["四纵、四横、一环"] == "四纵四横一环"
    assert context["forms"]["四纵，四横，一环"] == "四纵四横一环"
    assert context["terms"]["四纵四横一环"][0] == "numbered"
    assert "四纵、四横、一环" not in context["terms"]
    # a series whose run-together form is not found stays a slogan of its own
    assert context["forms"]["东方、南方"] == "东方、南方"
    path = DEV_TEXTS / "county_shunping_work_report_2008.txt"
    got = counts(speechkit.analyze("slogans", str(path), discover=True))
    assert got["四纵四横一环"] == (2, 1)


def test_a_run_of_prefixes_before_the_place_is_one_slogan():
    # Round 25 of issue 12 (Fuping 2017): 平安和谐阜平 is one slogan, not 和谐阜平
    text = "阜平县人民政府工作报告。持续打造平安和谐阜平。建设美丽阜平。"
    assert local.place_slogans(text) == ["平安和谐阜平", "美丽阜平"]
