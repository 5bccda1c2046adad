"""The per-user cache of tables (``speechkit.user_cache``) and slogans' lexicon context kept in
it: a hit gives what making it gives, anything changed is a miss, a damaged file or a folder
that cannot be written only costs the making."""

from __future__ import annotations

import pytest

from speechkit import user_cache
from speechkit.analyzers.slogans import SLOGANS
from speechkit.analyzers.slogans import context as slogans
from speechkit.analyzers.slogans.context import bundled_context
from speechkit.text.lexicon import load_lexicon


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "speechkit"


def counting(value):
    calls = []

    def make():
        calls.append(1)
        return value

    return make, calls


def test_a_table_is_made_once_then_read_back(own_cache):
    table = {"forms": {"两个确立": "两个确立"}, "terms": {"两个确立": ("lexicon", "core", 2021)}}
    make, calls = counting(table)
    key = user_cache.digest(b"data v1")
    assert user_cache.cached("t", key, make) == table
    assert user_cache.cached("t", key, make) == table
    assert len(calls) == 1
    assert (own_cache / f"t.{key[:16]}.marshal").is_file()


def test_other_data_is_a_miss(own_cache):
    make, _ = counting({"a": 1})
    user_cache.cached("t", user_cache.digest(b"data v1"), make)
    remade, again = counting({"a": 2})
    assert user_cache.cached("t", user_cache.digest(b"data v2"), remade) == {"a": 2}
    assert len(again) == 1
    assert user_cache.load("t", user_cache.digest(b"data v2")) == {"a": 2}
    assert user_cache.load("t", user_cache.digest(b"data v3")) is None


def test_two_versions_used_in_turn_keep_their_own_tables(own_cache):
    # two checkouts of different code: each finds its own table, neither is made twice
    one, two = user_cache.digest(b"code v1"), user_cache.digest(b"code v2")
    make_one, calls_one = counting({"v": 1})
    make_two, calls_two = counting({"v": 2})
    for _ in range(3):
        assert user_cache.cached("t", one, make_one) == {"v": 1}
        assert user_cache.cached("t", two, make_two) == {"v": 2}
    assert calls_one == calls_two == [1]


def test_only_the_newest_files_of_a_name_are_kept(own_cache):
    import os

    keys = [user_cache.digest(b"v%d" % i) for i in range(user_cache.KEEP + 2)]
    for i, key in enumerate(keys):
        user_cache.store("t", key, {"v": i})
        path = own_cache / f"t.{key[:16]}.marshal"
        os.utime(path, ns=(i * 10**9, i * 10**9))  # distinct times on any file system
    user_cache.store("other", keys[0], {"v": 0})  # another name is left alone
    assert len(list(own_cache.glob("t.*.marshal"))) == user_cache.KEEP
    assert user_cache.load("t", keys[0]) is None
    assert user_cache.load("t", keys[-1]) == {"v": user_cache.KEEP + 1}
    assert user_cache.load("other", keys[0]) == {"v": 0}


def test_the_key_holds_every_part_apart():
    assert user_cache.digest(b"ab", b"c") != user_cache.digest(b"a", b"bc")
    assert user_cache.digest("两个", "确立") == user_cache.digest("两个".encode(), "确立".encode())


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
def test_a_damaged_file_is_a_miss_and_is_written_again(own_cache, damage):
    key = user_cache.digest(b"data")
    user_cache.store("t", key, {"forms": list(range(1000))})
    path = own_cache / f"t.{key[:16]}.marshal"
    data = path.read_bytes()
    broken = {
        "flip": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
        "truncate": data[: len(data) // 2],
        "empty": b"",
        "garbage": b"speechkit-cache 1\n" + key.encode() + b"\nx\n\xff\x00",
    }[damage]
    path.write_bytes(broken)
    assert user_cache.load("t", key) is None
    make, calls = counting({"forms": [1]})
    assert user_cache.cached("t", key, make) == {"forms": [1]}
    assert calls == [1]
    assert user_cache.load("t", key) == {"forms": [1]}


def test_a_table_valid_rejects_is_made_again():
    key = user_cache.digest(b"data")
    user_cache.store("t", key, ["not", "a", "dict"])
    make, calls = counting({"ok": True})
    assert user_cache.cached("t", key, make, lambda found: isinstance(found, dict)) == {"ok": True}
    assert calls == [1]


def test_a_folder_that_cannot_be_written_costs_only_the_making(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(user_cache, "cache_dir", lambda: blocker / "speechkit")
    make, calls = counting({"a": 1})
    key = user_cache.digest(b"data")
    assert user_cache.cached("t", key, make) == {"a": 1}
    assert user_cache.cached("t", key, make) == {"a": 1}
    assert len(calls) == 2
    assert blocker.read_text() == "not a folder"


def test_an_unmakeable_home_falls_back_to_a_temporary_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    folder = user_cache.cache_dir()
    assert folder.is_dir() and blocker not in folder.parents


def fresh_context() -> dict:
    return slogans.make_context(load_lexicon(()), {})


def test_the_kept_context_is_the_context_made_afresh(own_cache):
    made = bundled_context()  # a miss: made and stored
    assert len(list(own_cache.glob("slogans-context.*.marshal"))) == 1
    kept = bundled_context()  # a hit
    fresh = fresh_context()
    for context in (made, kept):
        assert context == fresh
        assert list(context["forms"]) == list(fresh["forms"])  # the same order too
    assert SLOGANS.gather([]) == fresh


def test_the_context_is_read_back_not_made(own_cache, monkeypatch):
    bundled_context()

    def fail():
        raise AssertionError("made again")

    monkeypatch.setattr(slogans, "_bundled_context", fail)
    assert bundled_context() == fresh_context()


def test_a_changed_lexicon_file_makes_the_context_again(own_cache, monkeypatch):
    import speechkit.resources

    bundled_context()
    real = speechkit.resources.bundled_bytes
    monkeypatch.setattr(
        speechkit.resources,
        "bundled_bytes",
        lambda name: real(name) + (b"\n" if name == "formulations.tsv" else b""),
    )
    make, calls = counting(fresh_context())
    monkeypatch.setattr(slogans, "_bundled_context", make)
    assert bundled_context() == fresh_context()
    assert calls == [1]


def test_changed_code_makes_the_context_again(own_cache, monkeypatch):
    bundled_context()
    real = user_cache.source_of
    monkeypatch.setattr(user_cache, "source_of", lambda module: real(module) + b"# edited\n")
    make, calls = counting(fresh_context())
    monkeypatch.setattr(slogans, "_bundled_context", make)
    bundled_context()
    assert calls == [1]


def test_discoveries_and_user_lexicons_bypass_the_kept_context(own_cache, tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text("自定义口号\t\tlocal\ta test entry\n", encoding="utf-8")
    context = SLOGANS.gather([], lexicon=(str(user),))
    assert context["terms"]["自定义口号"] == ("lexicon", "local", None, "user")
    assert "自定义口号" not in bundled_context()["terms"]
    scan = (["七个必须"], {}, {}, [], [])
    found = SLOGANS.gather([scan])
    assert found["terms"]["七个必须"] == ("numbered", "", None, "discovered")
    assert found["key"] != bundled_context()["key"]


def test_no_source_to_key_by_makes_the_context_each_time(own_cache, monkeypatch):
    def missing(module):
        raise ImportError(module)

    monkeypatch.setattr(user_cache, "source_of", missing)
    assert bundled_context() == fresh_context()
    assert not list(own_cache.glob("slogans-context.*.marshal"))
