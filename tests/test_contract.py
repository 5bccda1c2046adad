"""Every registered analyzer keeps the contract: combine(per_speech) == CLI == library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import speechkit
from speechkit.analyzers import REGISTRY
from speechkit.analyzers.base import Analyzer
from speechkit.cli import cli

from .conftest import ROOT, SAMPLE, run_python

NAMES = sorted(REGISTRY)
# Analyzers that need an option to run at all: library options and the same on the CLI.
NEEDED = {
    "kwic": ({"slogan": "放管服"}, ["--slogan", "放管服"]),
    "keyness": (
        {"by": "title", "target": "全省交通运输工作会议"},
        ["--by", "title", "--target", "全省交通运输工作会议"],
    ),
}


def by_hand(analyzer: Analyzer, speeches, by: str | None = None, **options) -> list[dict]:
    """The contract's steps written out: rounds, per_speech over every speech, combine."""
    options = analyzer.resolve(**options)
    if analyzer.needs_groups:
        options["groups"] = {s.id: getattr(s, by) for s in speeches}
    extra = {}
    if analyzer.rounds == 2:
        scans = [analyzer.scan(s, **options) for s in speeches]
        extra["context"] = analyzer.gather(scans, **options)
    records = []
    for speech in speeches:
        if analyzer.needs_tokens:
            from collections import Counter

            from speechkit.tokens.segment import tokens

            extra["token_counts"] = Counter(tokens(speech.text))
        records.extend(analyzer.per_speech(speech, **extra, **options))
    return analyzer.combine(records, **options)


@pytest.mark.parametrize("name", NAMES)
def test_combine_of_per_speech_equals_cli_and_library(name, sample_speeches):
    analyzer = REGISTRY[name]
    options, flags = NEEDED.get(name, ({}, []))
    rows = by_hand(analyzer, sample_speeches, **options)
    own = {k: v for k, v in options.items() if k != "by"}
    columns = analyzer.output_columns(**analyzer.resolve(**own))
    assert rows and all(list(row) == columns for row in rows)

    result = CliRunner().invoke(cli, [name, str(SAMPLE), "--json", *flags], obj={})
    assert result.exit_code == 0, result.output
    printed = [json.loads(line) for line in result.output.splitlines()]
    # JSON Lines write an empty cell as null (README), so "" in a row prints as null.
    expected = [{k: None if v == "" else v for k, v in row.items()} for row in rows]
    assert printed == json.loads(json.dumps(expected, ensure_ascii=False))

    frame = speechkit.analyze(name, sample_speeches, **options)
    assert list(frame.columns) == columns
    assert len(frame) == len(rows)
    plain = frame.astype(object).where(frame.notna(), None)
    assert plain.to_dict("records") == rows


@pytest.mark.parametrize("name", NAMES)
def test_per_speech_records_are_picklable(name, sample_speeches):
    import pickle

    analyzer = REGISTRY[name]
    speech = sample_speeches[0]
    assert pickle.loads(pickle.dumps(speech)) == speech
    options = analyzer.resolve(
        **{k: v for k, v in NEEDED.get(name, ({}, []))[0].items() if k != "by"}
    )
    if analyzer.rounds == 2:
        options["context"] = analyzer.gather([analyzer.scan(speech, **options)], **options)
    if analyzer.needs_tokens:
        options["token_counts"] = {"发展": 3}
    records = list(analyzer.per_speech(speech, **options))
    assert pickle.loads(pickle.dumps(records)) == records


def test_unknown_analyzer_and_option_are_one_line_errors(sample_speeches):
    with pytest.raises(speechkit.SpeechkitError, match="unknown analyzer 'nope'; known: "):
        speechkit.analyze("nope", sample_speeches)
    with pytest.raises(speechkit.SpeechkitError, match="slogans: unknown option colour"):
        speechkit.analyze("slogans", sample_speeches, colour="red")


def test_a_plugin_package_adds_a_command(tmp_path):
    """The example plugin, made importable with its entry point (what pip install does)."""
    example = ROOT / "examples" / "plugin"
    (tmp_path / "speechkit_lengths.py").write_text(
        (example / "speechkit_lengths.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    info = tmp_path / "speechkit_lengths-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: speechkit-lengths\nVersion: 0.1.0\n"
    )
    (info / "entry_points.txt").write_text(
        "[speechkit.analyzers]\nlengths = speechkit_lengths:LENGTHS\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    run = [sys.executable, "-c", "from speechkit.cli import main; main()"]
    shown = subprocess.run([*run, "--help"], env=env, capture_output=True, text=True, check=True)
    assert "lengths" in shown.stdout
    out = subprocess.run(
        [*run, "lengths", str(SAMPLE), "--csv", "--min-chars", "10000"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out[0] == "speech,chars,sentences,paragraphs"
    assert 1 <= len(out) - 1 < 9  # only the long speeches
    code = f"import speechkit; print(len(speechkit.analyze('lengths', {str(SAMPLE)!r})))"
    counted = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert counted.stdout.strip() == "9"


def test_help_imports_neither_pandas_nor_jieba_nor_opencc_nor_dask():
    for args in ([], ["slogans"], ["targets"], ["words"], ["split"]):
        code = (
            "import sys; from speechkit.cli import cli; "
            f"sys.argv = ['speechkit', *{args!r}, '--help']\n"
            "try:\n    cli(obj={})\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'jieba', 'opencc', 'distributed', 'dask') "
            "if m in sys.modules))"
        )
        out = run_python(code)
        assert out.stdout.strip().splitlines()[-1] == "[]", (args, out.stdout, out.stderr)


def test_help_starts_lean():
    """`speechkit --help` reads the plugins' entry points without importlib.metadata, and
    imports neither multiprocessing nor the output writers (issue 14: start-up ≤ 2× click)."""
    code = (
        "import sys; from speechkit.cli import main; sys.argv = ['speechkit', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('importlib.metadata', 'multiprocessing', 'speechkit.output') "
        "if m in sys.modules))"
    )
    out = run_python(code)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


@pytest.mark.parametrize("other_finder", [False, True])
@pytest.mark.parametrize("group", ["console_scripts", "pytest11", "speechkit.analyzers"])
def test_entry_points_are_read_as_importlib_metadata_reads_them(group, other_finder, monkeypatch):
    """Read from the dist-info folders; where another finder offers distributions (the
    importlib_metadata backport installs one when imported, and takes the standard one's
    away), through importlib.metadata."""
    from importlib.metadata import entry_points

    from speechkit.analyzers import plugin_entries

    class Offers:  # a finder that could offer distributions (it has none)
        @staticmethod
        def find_distributions(*_args, **_kwargs):
            return iter(())

    if other_finder:
        monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Offers()])
    expected = [(entry.name, entry.value) for entry in entry_points(group=group)]
    found = [(name, getattr(ref, "value", ref)) for name, ref in plugin_entries(group)]
    assert found == expected
    assert group != "console_scripts" or ("speechkit", "speechkit.cli:main") in expected


def test_layers_are_visible_and_small():
    package = Path(speechkit.__file__).parent
    top = [p for p in package.glob("*.py") if p.name != "__init__.py"]
    assert len(top) <= 8, sorted(p.name for p in top)
    for module in package.rglob("*.py"):
        lines = module.read_text(encoding="utf-8").count("\n")
        assert lines <= 400, f"{module} has {lines} lines"


def test_the_command_freezes_its_objects_before_the_interpreter_tears_down():
    """After a Dask run the interpreter's last garbage collections walked every object of
    distributed's modules (0.15-0.25 s of the command's wall time): the command freezes them
    once its output is written (exit handlers still run)."""
    code = (
        "import atexit, gc, sys; from speechkit.cli import main\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        "sys.argv = ['speechkit', '--help']\n"
        "main()\n"
    )
    out = run_python(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "frozen True"
