"""Other wordings of a lexicon form that speeches use for the same formulation, made once when
the lexicon is loaded (``speechkit.text.lexicon.with_written_forms``), never while matching.

Two families (round 33):

- a series said with two neighbouring items the other way round (民主决策，科学决策，依法决策
  for 科学决策、民主决策、依法决策; 稳增长、调结构、促改革、惠民生 for 稳增长、促改革、调结构、
  惠民生), written with 、 or ， between its items. Only items of the same length are
  swapped: items of one shape are parallel members, while an item of another length often
  shares a word with its neighbour (汽车、摩托车下乡: 摩托车下乡、汽车 is no series);
- a statement ``A是B`` said as a task (实践是检验真理的唯一标准 -> 以实践作为检验真理的唯一标准,
  发展是第一要务 -> 把发展作为第一要务, 以发展为第一要务): ``A作为B``, and ``以A为B`` (为 after 以
  only: a bare 为 is also "for", 科学技术为生产力发展服务). Only a plain copula between two
  noun phrases: not 就是, 才是, 不是, 都是, 还是, 凡是, 实事求是, 特别是, 主要是 …, nor a form
  that holds a series or a second 是.
"""

from __future__ import annotations

import re

# Characters before 是 that make it no copula between two noun phrases (就是, 才是, 不是, 都是,
# 还是, 凡是, 什么是, 实事求是, 特别是, 主要是, 也是, 正是, 而是, 总是, 只是, 但是, 于是 …).
_NOT_COPULA = set("就才都不还凡么实别要也正而总只但于可或若真更即")
_COPULA = re.compile(r"([\u4e00-\u9fff]{2,8}?)是([\u4e00-\u9fff]{2,})")


def swapped_neighbours(form: str) -> list[str]:
    """``form``, a series written with 、, with two neighbouring items of the same length the
    other way round, written with 、 and with ，."""
    if "、" not in form or "，" in form:
        return []
    items = form.split("、")
    said = []
    for i in range(len(items) - 1):
        if len(items[i]) != len(items[i + 1]):
            continue
        swapped = [*items[:i], items[i + 1], items[i], *items[i + 2 :]]
        said += [mark.join(swapped) for mark in "、，"]
    return said


def as_task(form: str) -> list[str]:
    """``form``, a statement ``A是B``, said as a task: ``A作为B`` and ``以A为B``."""
    if "是" not in form:
        return []
    found = _COPULA.fullmatch(form)
    if found is None:
        return []
    subject, predicate = found.groups()
    if subject[-1] in _NOT_COPULA or "是" in predicate:
        return []
    return [f"{subject}作为{predicate}", f"以{subject}为{predicate}"]


def other_wordings(form: str) -> list[str]:
    """Every other wording of ``form`` that this module makes."""
    return [*swapped_neighbours(form), *as_task(form)]
