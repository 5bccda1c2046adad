"""The README documents every command and every column a command writes."""

from __future__ import annotations

import re

from speechkit.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_purpose_then_the_two_commands():
    assert README.index("make run") < README.index("## Usage")
    assert README.index("make test") < README.index("## Usage")


def test_every_command_is_documented():
    for name in cli.list_commands(None):
        assert f"### {name}" in README, f"README lacks a section for `speechkit {name}`"


def test_schema_table_lists_the_columns_commands_write():
    from speechkit.analyzers import directives, slogans, targets, words
    from speechkit.model import SPEECH_COLUMNS

    documented = {
        m.group(1): [c.strip() for c in m.group(2).split(",")]
        for m in re.finditer(r"^\| `([^`]+)` \| `([^|]+)` \|$", README, re.M)
    }
    for key in documented:
        documented[key] = [c.strip("` ") for c in documented[key]]
    assert documented["split --csv"] == SPEECH_COLUMNS
    assert documented["words"] == list(words.COLUMNS)
    assert documented["words --by-speech"] == list(words.BY_SPEECH_COLUMNS)
    for module, name in ((slogans, "slogans"), (directives, "directives"), (targets, "targets")):
        columns = [getattr(module, attr) for attr in dir(module) if attr.endswith("COLUMNS")]
        assert documented[name] in [list(c) for c in columns], name
