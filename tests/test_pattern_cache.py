"""Patterns kept between runs (``speechkit.text.pattern_cache``): a kept pattern is the pattern
compiling gives, made without parsing; anything the cache lacks or cannot read compiles as
usual."""

from __future__ import annotations

import re

import pytest

from speechkit.text import pattern_cache
from speechkit.text.pattern_cache import kept_patterns

PATTERNS = [
    (r"(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<unit>亿元|万元|%)?", 0),
    (r"(?<![节制签])约(?=[0-9])|左右$", re.MULTILINE),
    (r"[㐀-䶿一-鿿豈-﫿A-Za-z]{2,}(?:工程|行动)", 0),
    (r"(\()?gdp(?(1)\))", re.IGNORECASE),
    (r"(?>[一二三四五六七八九十]+)(?!年)", 0),
]


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    re.purge()  # re's own cache would answer before the compiler is asked
    yield tmp_path / "cache" / "speechkit"
    re.purge()


def compiled(pattern: str, flags: int) -> re.Pattern:
    re.purge()
    return re.compile(pattern, flags)


def test_a_kept_pattern_is_the_compiled_one_made_without_parsing(monkeypatch):
    with kept_patterns():
        first = [compiled(p, f) for p, f in PATTERNS]
    fresh = [compiled(p, f) for p, f in PATTERNS]
    from re import _parser

    def no_parsing(*_):
        raise AssertionError("parsed: the kept pattern was not used")

    with monkeypatch.context() as patch, kept_patterns():
        patch.setattr(_parser, "parse", no_parsing)
        kept = [compiled(p, f) for p, f in PATTERNS]
    # re.Pattern equality compares the pattern, its flags and its compiled codes
    assert kept == first == fresh
    text = "投资2158亿元，增长(GDP)约5%左右\n十四五期间实施乡村振兴工程"
    for pattern, fresh_pattern in zip(kept, fresh):
        assert [m.groups() + m.span() for m in pattern.finditer(text)] == [
            m.groups() + m.span() for m in fresh_pattern.finditer(text)
        ]
        assert pattern.groupindex == fresh_pattern.groupindex


def test_outside_the_block_patterns_compile_as_usual():
    from re import _compiler

    original = _compiler.compile
    with kept_patterns():
        assert _compiler.compile is not original
    assert _compiler.compile is original
    with pytest.raises(ValueError), kept_patterns():
        raise ValueError("an error in the block")
    assert _compiler.compile is original


def test_a_damaged_table_compiles_as_usual(own_cache):
    with kept_patterns():
        compiled(*PATTERNS[0])
    (path,) = own_cache.glob("patterns.*.marshal")
    path.write_bytes(path.read_bytes()[:-20])
    assert pattern_cache.kept_table() == {}
    with kept_patterns():
        made = compiled(*PATTERNS[0])
    assert made == compiled(*PATTERNS[0])
    assert list(pattern_cache.kept_table()) == [PATTERNS[0]]  # written again, whole


def test_the_table_starts_again_past_its_limit(monkeypatch):
    monkeypatch.setattr(pattern_cache, "MOST", 3)
    with kept_patterns():
        for pattern, flags in PATTERNS[:3]:
            compiled(pattern, flags)
    assert len(pattern_cache.kept_table()) == 3
    with kept_patterns():
        compiled(*PATTERNS[3])
    assert list(pattern_cache.kept_table()) == [PATTERNS[3]]


def test_each_scope_has_a_table_of_its_own():
    with kept_patterns("targets"):
        compiled(*PATTERNS[0])
    with kept_patterns("slogans"):
        compiled(*PATTERNS[1])
    assert list(pattern_cache.kept_table("targets")) == [PATTERNS[0]]
    assert list(pattern_cache.kept_table("slogans")) == [PATTERNS[1]]
    assert pattern_cache.kept_table() == {}
    with kept_patterns("../a plugin/名"):  # any name stays one file in the cache folder
        compiled(*PATTERNS[2])
    assert list(pattern_cache.kept_table("../a plugin/名")) == [PATTERNS[2]]


def test_the_table_starts_again_past_its_size(monkeypatch):
    import marshal

    with kept_patterns():
        compiled(*PATTERNS[0])
    one = len(marshal.dumps(pattern_cache.kept_table()))
    monkeypatch.setattr(pattern_cache, "MOST_BYTES", one + 10)
    with kept_patterns():
        compiled(*PATTERNS[2])
    assert list(pattern_cache.kept_table()) == [PATTERNS[2]]


def test_a_serial_run_keeps_what_its_analyzer_warms_up_with_only(tmp_path, monkeypatch):
    import speechkit
    from speechkit.analyzers.targets import TARGETS, Targets

    text = tmp_path / "speech.txt"
    text.write_text("同志们：\n今年要确保新增就业1000人以上。\n", encoding="utf-8")
    with kept_patterns("targets"):
        TARGETS.warm()
    warmed = pattern_cache.kept_table("targets")
    late = r"[甲乙丙]{3}(?:后来|才)编译"
    per_speech = Targets.per_speech

    def compiles_as_it_goes(self, speech, **options):
        re.compile(late)  # a pattern made from the input, say
        return per_speech(self, speech, **options)

    monkeypatch.setattr(Targets, "per_speech", compiles_as_it_goes)
    re.purge()
    assert speechkit.rows("targets", str(text))
    assert pattern_cache.kept_table("targets") == warmed  # the run's own are not kept


def test_every_pattern_targets_warms_up_with_is_kept_exactly():
    import _sre
    import subprocess
    import sys

    # A fresh process warms up as a zygote does and keeps its patterns; each kept one must
    # be what compiling it gives here.
    code = (
        "from speechkit.engines.local import _warm\n"
        "from speechkit.analyzers.targets import TARGETS\n"
        "_warm(TARGETS, {})\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert pattern_cache.kept_table() == {}  # targets' table is its own
    table = pattern_cache.kept_table("targets")
    assert len(table) > 50
    for (pattern, flags), parts in table.items():
        assert _sre.compile(pattern, *parts) == compiled(pattern, flags), pattern


def test_parts_that_make_another_pattern_are_never_kept(monkeypatch):
    # a Python whose compiler works otherwise than this module reads: nothing is kept
    real = pattern_cache._parts

    def other_codes(*args):
        flags, code, *rest = real(*args)
        return (flags, [*code[:-1], 0], *rest)

    # (a context of its own: undo() would also undo the fixture's own cache folder)
    with monkeypatch.context() as patch:
        patch.setattr(pattern_cache, "_parts", other_codes)
        with kept_patterns():
            made = [compiled(p, f) for p, f in PATTERNS]
    assert made == [compiled(p, f) for p, f in PATTERNS]
    assert pattern_cache.kept_table() == {}
