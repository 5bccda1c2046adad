"""`speechkit slogans`: counting rules, discovery rules, the sample, the real texts, the CLI."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

import speechkit
from speechkit.analyzers.slogans import BY_SPEECH_COLUMNS, COLUMNS, SLOGANS, _discoveries, discovery
from speechkit.analyzers.slogans.matcher import Matcher
from speechkit.cli import cli
from speechkit.errors import SpeechkitError
from speechkit.model import OffsetMap, Speech

from .conftest import EVAL_TEXTS, GOLDEN, SAMPLE, eval_text


def speech(text: str, ordinal: int = 1) -> Speech:
    return Speech(
        id=f"t-{ordinal}",
        source="t.txt",
        ordinal=ordinal,
        start=0,
        end=len(text),
        title="",
        original=text,
        text=text,
        offsets=OffsetMap.from_breaks([(0, 0)], len(text)),
    )


def counts(frame: pd.DataFrame) -> dict[str, tuple[int, int]]:
    return {r.slogan: (r.count, r.speeches) for r in frame.itertuples()}


# --- counting -------------------------------------------------------------------------


def test_longest_match_wins_and_matches_do_not_overlap():
    matcher = Matcher({"外防输入": "外防输入", "外防输入、内防反弹": "外防输入内防反弹"})
    found = matcher.find("坚持外防输入、内防反弹，严格外防输入。")
    assert [(m.slogan, m.form, m.start, m.end) for m in found] == [
        ("外防输入内防反弹", "外防输入、内防反弹", 2, 11),
        ("外防输入", "外防输入", 14, 18),
    ]


def test_a_numbered_form_does_not_match_inside_a_larger_count_or_ordinal():
    matcher = Matcher({"三个一律": "三个一律"})
    assert matcher.find("第三个一律和十三个一律") == []
    assert len(matcher.find("落实三个一律")) == 1


def test_variants_count_toward_canonical_and_are_listed():
    texts = ["推进碳达峰、碳中和。实现碳达峰碳中和。落实双碳目标。", "双碳"]
    frame = speechkit.analyze(
        "slogans", [speech(t, i) for i, t in enumerate(texts, 1)], discover=False
    )
    row = frame.set_index("slogan").loc["碳达峰碳中和"]
    assert (row["count"], row["speeches"], row["kind"], row["category"]) == (
        4,
        2,
        "lexicon",
        "policy",
    )
    assert row["variants"] == "双碳|碳达峰、碳中和"
    assert row["first_speech"] == "t-1"
    assert row["per_10k"] == round(4 * 10_000 / sum(map(len, texts)), 3)


def test_user_lexicon_entry_is_counted(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text("外防输入\t\tpolicy\t\n")
    frame = speechkit.analyze("slogans", [speech("外防输入、内防反弹，外防输入")], lexicon=[user])
    assert counts(frame)["外防输入"] == (1, 1)
    assert counts(frame)["外防输入内防反弹"] == (1, 1)


# --- discovery ------------------------------------------------------------------------

POSITIVES = [
    "七个必须",
    "七个一律",
    "三个一律",
    "五个到位",
    "一会三卡",
    "两客一危一货",
    "三管三必须",
    "三坚决三确保",
    "五个提级",
    "五个100%",
    "四个一批",
    "六大攻坚行动",
    "两违",
]
NEGATIVES = ["三个方面", "两个好处", "一个过程", "一个系统工程", "四个有利条件", "一把手", "一盘棋"]


@pytest.mark.parametrize("phrase", POSITIVES)
def test_quoted_numbered_formulations_are_found(phrase):
    text = f"按照“{phrase}”的要求"
    assert [c.phrase for c in discovery.quoted_numbered(text)] == [phrase]


@pytest.mark.parametrize("phrase", NEGATIVES)
def test_counting_phrases_are_not_numbered_even_when_quoted(phrase):
    assert not discovery.is_numbered(phrase)
    assert discovery.quoted_numbered(f"这是“{phrase}”。") == []
    assert discovery.unquoted_numbered(f"这是{phrase}。{phrase}。") == []


def test_idioms_are_not_numbered():
    assert not discovery.is_numbered("十年磨一剑")
    assert not discovery.is_numbered("三番五次")


def test_pieces_of_one_quote_are_separate_formulations():
    text = "要严格按照“七个必须，七个一律”工作要求"
    found = discovery.quoted_numbered(text)
    assert [(c.phrase, text[c.start : c.end]) for c in found] == [
        ("七个必须", "七个必须"),
        ("七个一律", "七个一律"),
    ]


def test_unquoted_ge_phrase_needs_recurrence_and_a_head_that_is_not_a_measure_word():
    once = speechkit.analyze("slogans", [speech("落实四个突破。讲三个方面。")], kind="numbered")
    assert once.empty
    twice = speechkit.analyze(
        "slogans",
        [speech("落实四个突破。讲三个方面。"), speech("实现四个突破，三个方面，三个方面。", 2)],
        kind="numbered",
    )
    assert counts(twice) == {"四个突破": (2, 2)}


def test_unquoted_ge_phrase_stops_at_function_words():
    assert discovery.unquoted_numbered("涵盖九个与市民生活相关的范畴") == []


def test_quoted_phrases_must_recur():
    frame = speechkit.analyze(
        "slogans",
        [speech("建设“清廉交通”，打造“暖心之家”。清廉交通要抓实。"), speech("“清廉交通”", 2)],
        kind="quoted",
    )
    assert counts(frame) == {"清廉交通": (3, 2)}


def test_discoveries_never_shadow_or_split_lexicon_forms():
    texts = ["持续巩固“三保障”和“建设交通强国示范区”。", "“三保障”，“建设交通强国示范区”"]
    scans = [SLOGANS.scan(speech(text)) for text in texts]
    found = _discoveries(scans, {"两不愁三保障": "两不愁三保障", "交通强国": "交通强国"})
    assert found == {}


# --- the bundled sample ---------------------------------------------------------------


def test_sample_acceptance_counts(sample_speeches):
    table = counts(speechkit.analyze("slogans", sample_speeches))
    assert table["两个确立"] == (4, 3)
    assert table["三区两地"] == (6, 3)
    assert table["放管服"] == (9, 2)
    assert table["七个必须"] == (2, 1)
    assert table["一会三卡"] == (1, 1)
    for phrase in ["两客一危一货", "三管三必须", "五个100%"]:
        assert table[phrase] == (1, 1)
    for negative in ["三个方面", "两个好处", "一个过程", "一个系统工程", "四个有利条件"]:
        assert negative not in table


def test_sample_kinds(sample_speeches):
    frame = speechkit.analyze("slogans", sample_speeches).set_index("slogan")
    assert frame.loc["七个必须", "kind"] == "numbered"
    assert frame.loc["清廉交通", "kind"] == "quoted"
    assert frame.loc["两个确立", "category"] == "core"
    assert frame.loc["外防输入内防反弹", "variants"] == "外防输入、内防反弹"


def test_sample_golden(sample_speeches):
    """Regenerate with `python -m tests.regen_slogans`, then review the diff."""
    for name, options in [
        ("slogans_sample.csv", {}),
        ("slogans_by_speech_sample.csv", {"by_speech": True}),
    ]:
        out = io.StringIO()
        speechkit.analyze("slogans", sample_speeches, **options).to_csv(
            out, index=False, lineterminator="\n"
        )
        assert out.getvalue() == (GOLDEN / name).read_text(encoding="utf-8"), name


def test_top_kind_and_by_speech(sample_speeches):
    top = speechkit.analyze("slogans", sample_speeches, top=5)
    assert list(top.columns) == list(COLUMNS) and len(top) == 5
    assert list(top["count"]) == sorted(top["count"], reverse=True)
    numbered = speechkit.analyze("slogans", sample_speeches, kind="numbered")
    assert set(numbered["kind"]) == {"numbered"}
    long = speechkit.analyze("slogans", sample_speeches, by_speech=True, top=3)
    assert list(long.columns) == list(BY_SPEECH_COLUMNS)
    assert set(long["slogan"]) == set(top["slogan"][:3])
    full = speechkit.analyze("slogans", sample_speeches, by_speech=True)
    assert full.groupby("slogan")["count"].sum().to_dict() == dict(
        zip(
            speechkit.analyze("slogans", sample_speeches)["slogan"],
            speechkit.analyze("slogans", sample_speeches)["count"],
        )
    )


def test_bad_options_are_user_errors(sample_speeches):
    with pytest.raises(SpeechkitError, match="--kind: unknown value"):
        speechkit.analyze("slogans", sample_speeches, kind="motto")
    with pytest.raises(SpeechkitError, match="at least 1"):
        speechkit.analyze("slogans", sample_speeches, top=0)


def test_analyzer_does_not_import_jieba():
    code = (
        "import sys, speechkit; "
        f"speechkit.rows('slogans', speechkit.load({str(SAMPLE)!r})); "
        "sys.exit('jieba' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- the real texts -------------------------------------------------------------------


@pytest.mark.slow
def test_every_eval_text_runs():
    import speechkit

    paths = sorted(EVAL_TEXTS.glob("*.txt"))
    if not paths:
        pytest.skip(f"no texts in {EVAL_TEXTS}")
    for path in paths:
        frame = speechkit.analyze("slogans", speechkit.load(path))
        assert list(frame.columns) == list(COLUMNS)
        assert not frame.empty, path.name


def test_gov_work_report_2023_by_hand():
    import speechkit

    speeches = list(speechkit.load(eval_text("gov_work_report_2023.txt")))
    text = "".join(s.text for s in speeches)
    table = counts(speechkit.analyze("slogans", speeches))
    # grep finds 新发展理念 twice and 高质量发展 six times; one 高质量发展 sits inside the
    # longer entry 黄河流域生态保护和高质量发展, which wins under the longest-match rule.
    assert text.count("新发展理念") == 2 and table["新发展理念"] == (2, 1)
    assert text.count("高质量发展") == 6 and table["高质量发展"] == (5, 1)
    assert table["黄河流域生态保护和高质量发展"] == (1, 1)


# --- the command ----------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(cli, ["slogans", str(SAMPLE), *args], obj={})


def test_cli_csv_columns_and_top():
    result = run("--csv", "--top", "3")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.output))
    assert list(frame.columns) == list(COLUMNS) and len(frame) == 3


def test_cli_json_by_speech_kind():
    result = run("--json", "--by-speech", "--kind", "numbered")
    assert result.exit_code == 0, result.output
    frame = pd.read_json(io.StringIO(result.output), lines=True)
    assert list(frame.columns) == list(BY_SPEECH_COLUMNS)
    assert ("speeches_2022_traditional_dump-8", "七个必须", 2) in set(frame.itertuples(index=False))


def test_cli_table_and_user_lexicon(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text("金通工程\t\tcampaign\t湘西农村客运\n")
    result = run("--table", "--lexicon", str(user), "--kind", "lexicon")
    assert result.exit_code == 0, result.output
    assert "金通工程" in result.output and "campaign" in result.output


def test_cli_bad_lexicon_and_bad_kind(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("金通工程 campaign\n")
    result = run("--csv", "--lexicon", str(bad))
    assert result.exit_code == 1
    assert "bad.tsv:1" in result.output and "Traceback" not in result.output
    assert run("--kind", "motto").exit_code == 2
    assert run("--top", "0").exit_code == 2
