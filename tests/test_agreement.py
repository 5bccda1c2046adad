"""eval/agreement.py: two labellings of one text compared by the scorer's rule of exactness
(a shared form after cleaning, and an equal count)."""

from __future__ import annotations

import sys

import pytest

from .mining import ROOT, eval_script


@pytest.fixture(scope="module")
def agreement():
    sys.path.insert(0, str(ROOT / "eval"))  # it imports its neighbours common.py and the scorer
    try:
        yield eval_script("agreement")
    finally:
        sys.path.remove(str(ROOT / "eval"))


def _row(canonical: str, count: int, variants: str = "", category: str = "local") -> dict:
    return {
        "canonical": canonical,
        "variants": variants,
        "count": str(count),
        "category": category,
        "first_year": "",
        "note": "",
    }


def test_a_shared_form_with_the_same_count_is_exact(agreement):
    first = [
        _row("不忘初心、牢记使命", 1, category="campaign"),
        _row("十四五", 2, category="policy"),
    ]
    second = [_row("不忘初心牢记使命", 1, "“不忘初心、牢记使命”", "core"), _row("十四五", 2)]
    judged, only = agreement.compare(first, second)
    assert [status for _, status, _ in judged] == ["exact", "exact"]
    assert judged[0][2]["canonical"] == "不忘初心牢记使命"  # matched through its quoted variant
    assert only == []


def test_another_count_another_span_and_an_extra_entry(agreement):
    first = [_row("全面建设小康社会", 2, "全面小康", "policy"), _row("打造省域副中心", 2)]
    second = [
        _row("全面建设小康社会", 1, category="core"),
        _row("省域副中心", 2),
        _row("立国之本", 1, category="core"),
    ]
    judged, only = agreement.compare(first, second)
    assert [status for _, status, _ in judged] == ["wrong count", "left out"]
    assert [row["canonical"] for row in only] == ["省域副中心", "立国之本"]


def test_ascii_punctuation_is_the_same_form(agreement):
    judged, _ = agreement.compare([_row("等不起,慢不得", 1)], [_row("等不起，慢不得", 1)])
    assert judged[0][1] == "exact"


def test_a_span_inside_the_other_is_shared_only_when_asked(agreement):
    first, second = [_row("打造省域副中心", 2)], [_row("省域副中心", 2), _row("副中心", 1)]
    assert agreement.compare(first, second)[0][0][1] == "left out"
    judged, only = agreement.compare(first, second, nested=True)
    assert judged[0][1] == "exact"
    assert only == []  # 副中心 is inside it too, with another count: not left over


def test_speechkit_is_scored_against_any_labelling_of_a_text(agreement, tmp_path):
    # Bengbu 2012 (dev) says 开拓奋进、持续快进 twice; a labelling that counts it once, and a
    # formulation the text never says, are misses of speechkit's; both labellings in one call
    header = "canonical\tvariants\tcount\tcategory\tfirst_year\tnote\n"
    other = "西部大开发\t\t1\tpolicy\t1999\t\n"
    for folder, count in (("first", 2), ("second", 1)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "city_bengbu_news_2012.tsv").write_text(
            f"{header}开拓奋进、持续快进\t\t{count}\tlocal\t\t\n{other}", encoding="utf-8"
        )
    folders = [tmp_path / "first", tmp_path / "second"]
    assert agreement.speechkit_exact(folders, {"city_bengbu_news_2012"}) == [(1, 2), (0, 2)]
