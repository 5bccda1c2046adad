"""Round 33 of issue 12: formulations said in another wording (speechkit/text/wordings.py)."""

from __future__ import annotations

import speechkit
from speechkit.text.lexicon import bundled_lexicon
from speechkit.text.wordings import as_task, swapped_neighbours

from .test_slogans import DEV_TEXTS, counts, speech


def test_a_series_is_said_with_two_neighbours_swapped():
    said = swapped_neighbours("科学决策、民主决策、依法决策")
    assert "民主决策，科学决策，依法决策" in said and "科学决策、依法决策、民主决策" in said
    assert "依法决策、民主决策、科学决策" not in said  # only neighbours change places
    # items of another length are no parallel members: 摩托车下乡、汽车 is no series
    assert swapped_neighbours("汽车、摩托车下乡") == []
    assert swapped_neighbours("农业、工业、国防和科学技术现代化") == [
        "工业、农业、国防和科学技术现代化",
        "工业，农业，国防和科学技术现代化",
    ]
    assert swapped_neighbours("科学决策民主决策依法决策") == []  # run together: no items


def test_a_statement_is_said_as_a_task():
    assert as_task("发展是第一要务") == ["发展作为第一要务", "以发展为第一要务"]
    assert as_task("实践是检验真理的唯一标准")[0] == "实践作为检验真理的唯一标准"
    # no copula between two noun phrases: an adverb before 是, a second 是, a word with 是
    for form in ("发展才是硬道理", "绿水青山就是金山银山", "贫穷不是社会主义", "实事求是"):
        assert as_task(form) == []
    assert as_task("增强企业特别是全民所有制大中型企业的活力") == []
    assert as_task("警惕右但主要是防止左") == []
    assert as_task("解放思想、实事求是") == []


def test_other_wordings_are_forms_of_their_entry_but_hide_no_discovered_phrase():
    lexicon = bundled_lexicon()
    owner = lexicon.form_map()
    assert owner["民主决策，科学决策，依法决策"] == "科学决策民主决策依法决策"
    assert owner["稳增长、调结构、促改革、惠民生"] == "稳增长、促改革、调结构、惠民生"
    assert owner["发展作为第一要务"] == "发展是第一要务"
    assert "发展作为第一要务" not in lexicon.form_map(reworded=False)
    # a listed form always wins: a wording that is a form of another entry stays that entry's
    assert all(
        form not in (e.canonical, *e.variants, *e.generated) for e in lexicon for form in e.reworded
    )
    # 八个反对、八个坚持 (the entry 八个坚持八个反对 swapped) hides no quoted “八个坚持” of a county
    said = "我们将着力做到“八个坚持”。坚持“八个坚持”，落实“八个坚持”要求。"
    found = speechkit.analyze("slogans", [speech(said)], discover=True)
    assert "八个坚持" in set(found["slogan"])


def test_other_wordings_count_on_the_dev_texts_that_say_them():
    # eval dev texts: the 1992 congress (以实践作为检验真理的唯一标准), Qingyuan 2005
    # (民主决策，科学决策，依法决策), the 2013 work report (稳增长、调结构、促改革、惠民生)
    for name, slogan in (
        ("national_cpc_congress_report_1992", "实践是检验真理的唯一标准"),
        ("county_qingyuan_work_report_2005", "科学决策民主决策依法决策"),
        ("national_work_report_2013", "稳增长、促改革、调结构、惠民生"),
    ):
        got = counts(speechkit.analyze("slogans", str(DEV_TEXTS / f"{name}.txt")))
        assert got[slogan] == (1, 1), name


def test_a_statement_said_as_a_task_counts_and_a_bare_wei_does_not():
    text = "坚持把发展作为第一要务，以发展为第一要务。科学技术为生产力发展服务。"
    got = counts(speechkit.analyze("slogans", [speech(text)]))
    assert got["发展是第一要务"] == (2, 1)
    assert "科学技术是生产力" not in got
