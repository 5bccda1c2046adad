"""keyness: hand-worked chi2 and G² on a hand-made corpus, cross-checked with scipy."""

from __future__ import annotations

import math

import pytest
from scipy.stats import chi2_contingency

import speechkit
from speechkit.analyzers.keyness import stats
from speechkit.model import OffsetMap, Speech

# Target: 创新 ×10, 发展 ×20 (30 tokens); reference: 创新 ×5, 发展 ×65 (70 tokens).
# For 创新 the 2×2 table is a=10, b=5, c=20, d=65; N = 100, ad − bc = 650 − 100 = 550.
#   chi2 (Yates) = 100 · (550 − 50)² / (15 · 85 · 30 · 70) = 25,000,000 / 2,677,500
CHI2 = 25_000_000 / 2_677_500  # 9.33707…
#   expected: 15·30/100 = 4.5, 15·70/100 = 10.5, 85·30/100 = 25.5, 85·70/100 = 59.5
#   G² = 2 (10 ln(10/4.5) + 5 ln(5/10.5) + 20 ln(20/25.5) + 65 ln(65/59.5))
G2 = 2 * (
    10 * math.log(10 / 4.5)
    + 5 * math.log(5 / 10.5)
    + 20 * math.log(20 / 25.5)
    + 65 * math.log(65 / 59.5)
)  # 10.3264…
# 发展 has the mirror table (a=20, b=65, c=10, d=5): the same size, rarer in the target.


def test_hand_worked_values():
    assert round(CHI2, 6) == 9.337068
    assert round(G2, 4) == 10.3264
    assert stats.chi2(10, 5, 20, 65) == pytest.approx(CHI2)
    assert stats.g2(10, 5, 20, 65) == pytest.approx(G2)
    assert stats.chi2(20, 65, 10, 5) == pytest.approx(-CHI2)
    assert stats.g2(20, 65, 10, 5) == pytest.approx(-G2)


@pytest.mark.parametrize(
    "table",
    [(10, 5, 20, 65), (20, 65, 10, 5), (1, 0, 30, 70), (3, 4, 1000, 1200), (0, 9, 40, 51)],
)
def test_against_scipy(table):
    a, b, c, d = table
    observed = [[a, b], [c, d]]
    chi2, p, _dof, _ = chi2_contingency(observed)  # Yates, as speechkit: always
    g2, p_g2, _dof, _ = chi2_contingency(observed, correction=False, lambda_="log-likelihood")
    assert abs(stats.chi2(*table)) == pytest.approx(chi2, abs=1e-9)
    assert stats.p_value(stats.chi2(*table)) == pytest.approx(p)
    assert abs(stats.g2(*table)) == pytest.approx(g2, abs=1e-9)
    assert stats.p_value(stats.g2(*table)) == pytest.approx(p_g2)


def _speech(ordinal: int, title: str, text: str) -> Speech:
    offsets = OffsetMap.from_breaks([(0, 0)], len(text))
    return Speech(f"hand-{ordinal}", "hand.txt", ordinal, 0, len(text), title, text, text, offsets)


def test_keyness_on_a_hand_made_corpus():
    speeches = [
        _speech(1, "target", "创新。" * 10 + "发展。" * 20),
        _speech(2, "reference", "创新。" * 5 + "发展。" * 30),
        _speech(3, "reference", "发展。" * 35),
    ]
    rows = speechkit.keyness(speeches, by="title", target="target", jobs=1).to_dict("records")
    assert [r["feature"] for r in rows] == ["创新", "发展"]
    assert rows[0]["chi2"] == pytest.approx(CHI2, abs=1e-6)
    assert rows[1]["chi2"] == pytest.approx(-CHI2, abs=1e-6)
    assert (rows[0]["n_target"], rows[0]["n_reference"]) == (10, 5)
    assert rows[0]["p"] == pytest.approx(chi2_contingency([[10, 5], [20, 65]])[1])
    lr = speechkit.keyness(speeches, by="title", target="target", jobs=1, measure="lr")
    assert list(lr.columns) == ["feature", "G2", "p", "n_target", "n_reference"]
    assert lr["G2"].tolist() == pytest.approx([G2, -G2], abs=1e-6)
    assert (
        speechkit.keyness(speeches, by="title", target="target", jobs=1, min_count=16).empty
        is False
    )
    assert speechkit.keyness(speeches, by="title", target="target", jobs=1, min_count=100).empty
    with pytest.raises(speechkit.SpeechkitError, match="--target nope: no speech"):
        speechkit.keyness(speeches, by="title", target="nope", jobs=1)


def test_keyness_on_the_sample_and_its_cli():
    from click.testing import CliRunner

    from speechkit.cli import cli

    from .conftest import SAMPLE

    meta = str(SAMPLE.with_suffix(".meta.csv"))
    args = ["keyness", str(SAMPLE), "--meta", meta, "--by", "level", "--target", "省", "-j", "1"]
    out = CliRunner().invoke(cli, [*args, "--csv", "--top", "3"], obj={})
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == "feature,chi2,p,n_target,n_reference"
    assert lines[1].startswith("交通,")  # the provincial transport conference
    slogans = CliRunner().invoke(cli, [*args, "--slogans", "--csv"], obj={})
    assert slogans.exit_code == 0 and "放管服" in slogans.output
    no_by = CliRunner().invoke(cli, ["keyness", str(SAMPLE), "--target", "省"], obj={})
    assert no_by.exit_code == 1 and "give --by COL" in no_by.output
