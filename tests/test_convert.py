"""OpenCC t2s plus the 著 fixes, checked against a committed golden Simplified text."""

from __future__ import annotations

from speechkit.ingest.convert import backend, to_simplified

from .conftest import GOLDEN


def test_sample_matches_the_golden_simplified_text(sample_speeches):
    # Regenerate with: python -m tests.regen split  (then review the diff)
    expected = (GOLDEN / "sample_simplified.txt").read_text(encoding="utf-8")
    assert "\n".join(s.text for s in sample_speeches) == expected, backend()


def test_zhe_fix_list():
    assert (
        to_simplified("接著沿著著力著眼隨著意味著本著看著帶著")
        == "接着沿着着力着眼随着意味着本着看着带着"
    )
    assert to_simplified("著名顯著卓著土著原著著作") == "著名显著卓著土著原著著作"


def test_conversion_keeps_length():
    text = "發展乾隆皇帝於是乎後來頭髮"
    assert len(to_simplified(text)) == len(text)
