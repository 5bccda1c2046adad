"""Issue 12, round 35: a place's goals and keynotes said again and again without quotes: a goal
named by a goal noun and the words the speech repeats before it, a keynote said again at the
end of the task headings, and a campaign of works for the people said again. The sentences
are those of the dev texts named in each test, cut to the mentions."""

from __future__ import annotations

from speechkit.analyzers.slogans import frames, goals


def test_a_goal_said_again_is_the_words_every_mention_repeats_before_its_noun():
    # Anguo 2022: 具有国际影响力的 stands before two of the three mentions; 的 ends the name
    text = (
        "也是建设现代化中医药之都的关键一年。加快建设具有国际影响力的现代化中医药之都。"
        "奋力加快具有国际影响力的现代化中医药之都建设。"
    )
    assert goals.repeated_goals(text) == ["现代化中医药之都"]
    # Gaoyang 2024: the verb that sets it is no part of the name
    text = "全力打造河北省县域经济高质量发展样板\n奋力打造河北省县域经济高质量发展样板。"
    assert goals.repeated_goals(text) == ["河北省县域经济高质量发展样板"]


def test_a_series_of_qualities_before_de_belongs_to_the_goal():
    # Mancheng 2021: twice with its qualities, twice alone
    text = (
        "加快建设宜居乐业、厚德尚美的品质生活之城，确保开好局。加快建设宜居乐业、厚德尚美的"
        "品质生活之城，为夺取新胜利。建设品质生活之城。打造品质生活之城。"
    )
    assert goals.repeated_goals(text) == ["宜居乐业、厚德尚美的品质生活之城", "品质生活之城"]


def test_a_goal_said_once_a_title_conferred_or_a_shared_tail_is_no_goal():
    assert goals.repeated_goals("加快建设现代化中医药之都。推进医药产业。") == []
    # Miyi 2023: a title the state confers
    text = "高质量建设国家农业现代化示范区。以国家农业现代化示范区建设为统揽。"
    assert goals.repeated_goals(text) == []
    # Dingxing 2021: two goals that share a tail, neither said alone
    text = "打造与京津一体化发展先行区。建设京雄保一体化发展先行区。"
    assert goals.repeated_goals(text) == []
    # 高等 is a word: 等 starts no name
    text = "基本建成高等教育强市。实施高等教育强市战略。"
    assert goals.repeated_goals(text) == ["高等教育强市"]


def test_a_keynote_said_again_at_the_end_of_the_task_headings():
    # Laiyuan 2025: the keynote in the section title, then after 在…上 in each heading
    text = (
        "二、2025年主要任务——决胜“十四五”、跑出加速度\n"
        "(一)坚定不移全方位扩大内需，在积蓄发展动能上奋力跑出加速度。坚持供需协同发力。\n"
        "(二)坚定不移培强现代化产业，在深度转型升级上奋力跑出加速度。实施倍增计划。\n"
    )
    assert goals.heading_keynotes(text) == ["跑出加速度"]


def test_a_heading_template_said_nowhere_else_is_no_keynote():
    # Gaoyang 2024: 在…上攻坚突破 ends seven headings and nothing else
    text = (
        "（一）高质量激活内需潜力，在做强经济发展支撑上攻坚突破。\n"
        "（二）高质量优化产业结构，在构建现代产业体系上攻坚突破。\n"
    )
    assert goals.heading_keynotes(text) == []
    # headings that share an end without 在…上: no keynote (a national report's 发展战略)
    text = "一、实施科教兴国发展战略\n二、实施可持续发展战略\n坚持发展战略。"
    assert goals.heading_keynotes(text) == []


def test_the_works_for_the_people_said_again_are_a_campaign():
    # Gansu 2026: the words before 实事 that every mention shares
    text = "每年高质量办成10件为民实事。持续办好为民实事。让人民群众从一桩桩为民实事中看到变化。"
    assert frames.campaign_names(text) == ["为民实事"]
    # mentions that share nothing before 实事
    assert frames.campaign_names("办好十件实事。为群众多办实事。") == []
