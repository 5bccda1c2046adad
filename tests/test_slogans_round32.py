"""Issue 12, round 32: the central documents of 2017-2025 as the source of the era's wordings.
The miners read the shared texts' national documents (``--shared DIR``), and the new frames
(以X为主题, a 4+4 pair joined by 、, X和Y of one shape, a series ending in 和, X行动) give the
candidates vetted in ``eval/lexicon_mining/round32.tsv``; the kept ones are ``# round 32``
entries. The sentences are those of the central documents and of the dev texts named."""

from __future__ import annotations

from pathlib import Path

import pytest

import speechkit
from speechkit.text.lexicon import bundled_lexicon

from .mining import eval_script, sheet_rows
from .test_slogans import counts, dev_text_counts, speech


@pytest.fixture(scope="module")
def central():
    return eval_script("central_documents")


@pytest.fixture(scope="module")
def miner():
    return eval_script("mine_quoted")


def _shared(tmp_path: Path, texts: dict[str, str]) -> str:
    folder = tmp_path / "shared"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return str(folder)


def test_the_shared_national_documents_are_read_and_the_others_are_not(central, tmp_path):
    folder = _shared(
        tmp_path,
        {
            "cpc_congress_report_19th_2017.txt": "坚持质量第一、效益优先。",
            "gov_work_report_2024.txt": "坚持质量第一、效益优先。",
            "provincial_work_report_2025_zhejiang.txt": "浙江省的报告。",
            "hk_policy_address_2025_zh_hant.txt": "施政報告",
        },
    )
    docs = central.shared_documents(folder)
    assert [(year, name) for year, name, _ in docs] == [
        (2017, "十九大报告 2017"),
        (2024, "国务院政府工作报告 2024"),
    ]


def test_a_shared_document_in_traditional_script_is_refused(central, tmp_path):
    folder = _shared(tmp_path, {"gov_work_report_2019.txt": "我們要發展經濟。"})
    with pytest.raises(ValueError, match="Simplified"):
        central.shared_documents(folder)


def test_line_breaks_inside_a_sentence_are_joined_and_headings_kept(central):
    paragraph = "党中央召开七次全会，分别就宪法修改、深化党和国家机构改革、全面深化改革、全面推进依法治国、制定"
    text = f"一、过去五年的工作\n{paragraph}\n“十三五”规划\n、全面从严治党。\n\u200b\n二、新时代\n"
    joined = central.joined_paragraphs(text).splitlines()
    assert joined == [
        "一、过去五年的工作",
        paragraph + "“十三五”规划、全面从严治党。",
        "二、新时代",
    ]


def test_the_miner_reads_the_shared_documents_alone(miner, tmp_path):
    folder = _shared(
        tmp_path,
        {
            "cpc_congress_report_20th_2022.txt": (
                "坚持以推动高质量发展为主题。坚持质量第一、效益优先。实现高质量发展和高水平安全良性互动。"
                "实施甲乙丙丁行动。经济增长和就业扩大同步。"
            ),
            "gov_work_report_2021.txt": (
                "以推动高质量发展为主题。必须坚持质量第一、效益优先，推动发展。"
                "统筹高质量发展和高水平安全。深入实施甲乙丙丁行动。经济增长和就业扩大同步。"
            ),
            "gov_work_report_2023.txt": "推动东方、南方和西方发展。坚持戊己庚辛、壬癸子丑。",
        },
    )
    out = tmp_path / "rows.tsv"
    assert miner.main(["--shared", folder, "-o", str(out)]) == 0
    rows = _rows(out)
    assert rows["推动高质量发展"]["kinds"] == "以X为主题"
    assert rows["质量第一、效益优先"]["kinds"] == "pair"
    assert rows["高质量发展和高水平安全"]["kinds"] == "X和Y"
    assert rows["甲乙丙丁"]["kinds"] == "X行动"
    # halves of unlike shape are no pair; a pair or series said by one document is left out
    assert "经济增长和就业扩大" not in rows
    assert "戊己庚辛、壬癸子丑" not in rows and "东方、南方和西方" not in rows


def _rows(path: Path) -> dict[str, dict]:
    import csv

    with path.open(encoding="utf-8") as f:
        return {row["phrase"]: row for row in csv.DictReader(f, delimiter="\t")}


def test_a_miner_needs_a_mirror_or_shared_texts(miner):
    with pytest.raises(SystemExit):
        miner.main([])


def test_the_sheet_and_the_round_32_entries_agree():
    lexicon = bundled_lexicon()
    rows = sheet_rows("round32")
    added = {row["entry"] for row in rows if row["decision"] == "add"}
    assert len(added) >= 30
    for name in added:
        entry = lexicon.get(name)
        assert entry is not None and entry.cited.startswith("round 32"), name
    for row in rows:
        if row["decision"] == "form":
            assert lexicon.form_map()[row["phrase"]] == row["entry"], row["phrase"]
        if row["decision"] == "drop" and row["reason"].startswith("the dev labels"):
            assert row["phrase"] not in lexicon.form_map(), row["phrase"]
    for dropped in ("先行先试", "以深化供给侧结构性改革为主线", "扩大内需战略", "质量提升行动"):
        assert dropped not in lexicon.form_map(), dropped


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # 十九大报告 2017 and the 2018 work report
        ("必须坚持质量第一、效益优先，以供给侧结构性改革为主线", "质量第一、效益优先"),
        # 二十大报告 2022
        (
            "坚持以推动高质量发展为主题，把实施扩大内需战略同深化供给侧结构性改革有机结合起来",
            "以推动高质量发展为主题",
        ),
        # the 2024 work report, and Anguo 2022 with 的
        ("统筹高质量发展和高水平安全", "高质量发展和高水平安全良性互动"),
        # 习近平 2018: the series joined to the real economy by 同
        (
            "推进互联网、大数据、人工智能同实体经济深度融合",
            "互联网、大数据、人工智能和实体经济深度融合",
        ),
        # Boye 2022: the pair quoted alone
        ("把“亲清”的政商关系作为衡量营商环境的重要标志", "亲清政商关系"),
        # the 2018 work report, without 金融
        ("守住不发生系统性风险的底线", "守住不发生系统性金融风险的底线"),
    ],
)
def test_the_eras_wordings_are_counted(sentence, name):
    found = counts(speechkit.analyze("slogans", [speech(sentence)]))
    assert found.get(name) == (1, 1), found


def test_wordings_the_dev_labels_leave_out_stay_uncounted():
    # Dingxing 2021 and Mancheng 2021 list only 供给侧结构性改革 inside the main line;
    # Quanzhou 2008 lists 先行先试 as its own line, the national 2010 report leaves it out
    text = "以深化供给侧结构性改革为主线，在两岸交流合作中发挥先行先试作用"
    found = counts(speechkit.analyze("slogans", [speech(text)]))
    assert set(found) <= {"供给侧结构性改革", "结构性改革"} and "供给侧结构性改革" in found


def test_the_dev_texts_count_the_family():
    for text_id, name, count in [
        ("county_anguo_work_report_2022", "质量第一、效益优先", 1),
        ("county_anguo_work_report_2022", "中医药传承创新发展", 1),
        ("county_anguo_work_report_2022", "高质量发展和高水平安全良性互动", 1),
        ("county_dingxing_work_report_2021", "以推动高质量发展为主题", 1),
        ("county_dingxing_work_report_2021", "党的基本理论、基本路线、基本方略", 1),
        ("county_laiyuan_work_report_2025", "全方位扩大国内需求", 1),
        ("county_boye_work_report_2022", "亲清政商关系", 1),
        ("county_xushui_work_report_2018", "互联网、大数据、人工智能和实体经济深度融合", 1),
    ]:
        assert dev_text_counts(text_id).get(name) == count, (text_id, name)
