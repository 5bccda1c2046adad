"""Issue 12, round 37: the People's Daily of 1998 as a central source of the 1990s. The reader
(eval/peoples_daily.py) rebuilds the sentences of the MSRA/人民日报 NER data (one character and
its tag per line, a blank line between sentences) and gives the miners chunks of sentences as
documents (``--peoples-daily GITDIR``); the kept candidates of ``eval/lexicon_mining/round37.tsv``
are ``# round 37`` entries. The sentences are the paper's (the sheet's contexts)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import speechkit
from speechkit.text.lexicon import bundled_lexicon

from .mining import eval_script, sheet_rows
from .test_slogans import counts, speech


@pytest.fixture(scope="module")
def reader():
    return eval_script("peoples_daily")


@pytest.fixture(scope="module")
def miner():
    return eval_script("mine_quoted")


def _ner(*sentences: str, tag: str = "O") -> str:
    """Sentences in the dataset's format: one character and a tag per line, a blank line after
    each sentence (the last one too, as in the files)."""
    return "".join("".join(f"{ch} {tag}\n" for ch in s) + "\n" for s in sentences)


def _mirror(tmp_path: Path, files: dict[str, str]) -> str:
    """A git directory whose HEAD holds ``files`` (path -> text)."""
    work = tmp_path / "work"
    for path, text in files.items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text(text, encoding="utf-8")
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "sample"], check=True)
    return str(work / ".git")


def test_the_sentences_are_rebuilt_and_the_tags_dropped(reader):
    sample = "江 B-PER\n泽 I-PER\n民 I-PER\n讲 O\n话 O\n。 O\n\n\n北 B-LOC\n京 I-LOC\n电 O\n"
    assert list(reader.sentences(sample.splitlines())) == ["江泽民讲话。", "北京电"]
    # a blank line alone (or several) makes no empty sentence
    assert list(reader.sentences(["", "", "甲 O", ""])) == ["甲"]


def test_sentences_are_grouped_into_chunks_of_1998(reader):
    docs = reader.chunked("dev", ["一。", "二。", "三。", "四。", "五。"], size=2)
    assert [(year, name) for year, name, _ in docs] == [
        (1998, "人民日报 1998 dev 1"),
        (1998, "人民日报 1998 dev 2"),
        (1998, "人民日报 1998 dev 3"),
    ]
    assert docs[0][2] == "一。\n二。\n" and docs[2][2] == "五。\n"


def test_the_mirror_files_present_are_read_and_others_not(reader, tmp_path):
    mirror = _mirror(
        tmp_path,
        {
            "data/example.dev": _ner("坚持科教兴国。", "实施再就业工程。"),
            "data/example.test": _ner("讲学习、讲政治、讲正气。"),
            "data/other.txt": _ner("不是数据集。"),
        },
    )
    docs = reader.documents(mirror, size=1)
    assert [name for _, name, _ in docs] == [
        "人民日报 1998 dev 1",
        "人民日报 1998 dev 2",
        "人民日报 1998 test 1",
    ]
    assert "不是数据集" not in "".join(text for _, _, text in docs)


def test_a_mirror_without_the_dataset_is_refused(reader, tmp_path):
    mirror = _mirror(tmp_path, {"README.md": "no data\n"})
    with pytest.raises(ValueError, match="no People's Daily"):
        reader.documents(mirror)


def test_the_miner_reads_the_paper_as_documents(miner, reader, tmp_path):
    # two chunks say the frame, so 甲乙丙丁工程 is kept; 戊己庚辛工程 of one chunk is not
    mirror = _mirror(
        tmp_path,
        {
            "data/example.dev": _ner(
                "实施甲乙丙丁工程。", "天气晴。", "实施甲乙丙丁工程。", "实施戊己庚辛工程。"
            ),
            "data/example.test": _ner("提出“一个中心，三个着眼于”。"),
        },
    )
    docs = reader.documents(mirror, size=2)
    assert len(docs) == 3
    found = miner.candidates(docs)
    assert ("甲乙丙丁", "X工程") in found and ("戊己庚辛", "X工程") not in found
    assert ("一个中心，三个着眼于", "quoted") in found
    out = tmp_path / "rows.tsv"
    assert miner.main(["--peoples-daily", mirror, "-o", str(out)]) == 0
    assert "一个中心，三个着眼于" in out.read_text(encoding="utf-8")


def test_the_sheet_and_the_round_37_entries_agree():
    lexicon = bundled_lexicon()
    forms = lexicon.form_map()
    rows = sheet_rows("round37")
    added = {row["entry"] for row in rows if row["decision"] == "add"}
    assert len(added) == 10
    for name in added:
        entry = lexicon.get(name)
        assert entry is not None and entry.cited.startswith("round 37"), name
    for row in rows:
        if row["decision"] == "have":
            assert row["entry"] in lexicon, row["phrase"]
        if row["decision"] == "drop" and "label" in row["reason"]:
            assert row["phrase"] not in forms, row["phrase"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "党的十五大提出的“一个中心，三个着眼于”，是总结过去、面向未来得出的正确结论",
            "一个中心三个着眼于",
        ),
        (
            "深刻领会中央提出的“集体领导、民主集中、个别酝酿、会议决定”的十六字方针",
            "集体领导民主集中个别酝酿会议决定",
        ),
        ("为“视觉第一中国行动”国家医疗队送行", "视觉第一中国行动"),
        ("启动仪式上，幸福工程组委会主任王光美宣布了", "幸福工程"),
        ("他是国家人事部1995—1996“百千万人才工程”的入选者", "百千万人才工程"),
        ("1998年度“春晖计划”还列出了资助的主要领域", "春晖计划"),
        ("为落实奥运争光计划，培养更多后备力量", "奥运争光计划"),
        ("人民解放军在落实全民健身计划中也走在了前列", "全民健身计划"),
        ("“国家贫困地区义务教育工程”日前已开始实施", "国家贫困地区义务教育工程"),
        ("以激励下岗职工树立“自尊、自信、自立、自强”的奋发有为的精神", "自尊自信自立自强"),
    ],
)
def test_the_papers_wordings_are_counted(sentence, name):
    found = counts(speechkit.analyze("slogans", [speech(sentence)]))
    assert found.get(name) == (1, 1), found


def test_wordings_the_dev_labels_leave_out_stay_uncounted():
    # Qingyuan 2008 leaves “三同时” out, Yantai 1997 二次创业, eight dev texts 求真务实
    text = "坚持建设项目“三同时”制度，面临“二次创业”，求真务实，重在集体领导。"
    found = counts(speechkit.analyze("slogans", [speech(text)]))
    for name in ("三同时", "二次创业", "求真务实", "集体领导"):
        assert name not in found, found
