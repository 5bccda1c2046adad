"""The `speechkit` command: split's outputs, one-line errors, stdin, and the installed script."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from speechkit.cli import cli

from .conftest import GOLDEN, SAMPLE


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, obj={})


def test_split_json_has_nine_simplified_speeches():
    result = run("split", SAMPLE, "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 9
    assert {"id", "source", "ordinal", "start", "end", "title", "chars", "text", "original"} <= set(
        rows[0]
    )
    assert rows[0]["text"].startswith("同志们：\n今天，我们召开")
    raw = SAMPLE.read_text(encoding="utf-8")
    assert raw[: rows[0]["start"]] + "".join(raw[r["start"] : r["end"]] for r in rows) == raw


def test_split_csv_matches_golden():
    result = run("split", SAMPLE, "--csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    with (GOLDEN / "split_sample.csv").open(encoding="utf-8") as stream:
        golden = list(csv.DictReader(stream))
    for row in rows:
        row["source"] = Path(row["source"]).relative_to(SAMPLE.parent.parent).as_posix()
    assert rows == golden
    assert "text" not in rows[0]


def test_split_table_and_summary():
    result = run("split", SAMPLE, "--table")
    assert result.exit_code == 0
    assert "十五届州人民政府第一次全体会议" in result.stdout
    assert "2,460 pinyin glosses stripped" in result.stdout


def test_split_output_dir_then_reload(tmp_path):
    target = tmp_path / "speeches"
    assert run("split", SAMPLE, "-o", target).exit_code == 0
    assert (target / "speeches.jsonl").is_file()
    again = run("split", target, "--csv")
    assert again.exit_code == 0
    assert again.stdout == run("split", SAMPLE, "--csv").stdout


def test_stdin():
    data = SAMPLE.read_bytes()
    result = CliRunner().invoke(cli, ["split", "-", "--csv"], input=data, obj={})
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 10


def test_errors_are_one_line_without_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("split", empty)
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert str(empty) in result.stderr and "empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_verbose_shows_the_exception(tmp_path):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01")
    result = run("--verbose", "split", binary)
    assert result.exit_code == 1
    assert result.exception is not None and "binary" in str(result.exception)


def test_misuse_exits_2():
    assert run("split").exit_code == 2
    assert run("split", "no/such/file.txt").exit_code == 2


def test_every_command_has_help_with_an_example():
    for name in cli.commands:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "speechkit " + name in result.stdout, f"{name} help lacks an example"


def test_installed_console_script(tmp_path):
    script = Path(sys.executable).parent / "speechkit"
    script = str(script) if script.exists() else shutil.which("speechkit")
    assert script, "the speechkit console script is not installed"
    done = subprocess.run(
        [script, "split", str(SAMPLE), "--csv"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 10
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    done = subprocess.run([script, "split", str(bad)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_progress_stays_off_when_not_a_terminal():
    from speechkit.cli.progress import SpeechProgress

    stream = io.StringIO()
    progress = SpeechProgress(stream, delay=0)
    import speechkit

    corpus = speechkit.load(SAMPLE, on_speech=progress)
    assert len(list(corpus)) == 9
    assert progress.speeches == 9 and stream.getvalue() == ""


def test_progress_draws_on_a_terminal():
    from speechkit.cli.progress import SpeechProgress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    import speechkit

    progress = SpeechProgress(Terminal(), delay=0)
    list(speechkit.load(SAMPLE, on_speech=progress))
    assert progress.speeches == 9 and progress._live is None  # started, then stopped


def test_regex_commands_never_load_jieba():
    code = (
        "import sys; from speechkit.cli import cli\n"
        "for name in ('split', 'slogans', 'directives', 'targets'):\n"
        "    try:\n"
        f"        cli([name, {str(SAMPLE)!r}, '--csv'], obj={{}})\n"
        "    except SystemExit as done:\n"
        "        assert done.code in (0, None), (name, done.code)\n"
        "    assert 'jieba' not in sys.modules, name\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


HEAVY = ("pandas", "jieba", "opencc", "numpy", "pyarrow")


def heavy_imports(*args) -> list[str]:
    """Which of HEAVY one `speechkit ARGS` run imports (in a fresh interpreter)."""
    code = (
        "import sys; from speechkit.cli import cli\n"
        "try:\n"
        f"    cli({[str(a) for a in args]!r}, obj={{}})\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return eval(done.stdout.strip().splitlines()[-1])


def test_each_path_imports_only_the_libraries_it_uses(tmp_path):
    corpus = tmp_path / "speeches"
    assert run("split", SAMPLE, "-o", corpus).exit_code == 0
    assert run("words", corpus, "--csv").exit_code == 0  # fills the token cache
    assert heavy_imports("--help") == []
    assert heavy_imports("split", SAMPLE, "--csv") == ["opencc"]
    for name in ("directives", "targets"):
        assert heavy_imports(name, SAMPLE, "--csv") == ["opencc"], name
        assert heavy_imports(name, corpus, "--csv") == [], name
    assert "pandas" not in heavy_imports("slogans", SAMPLE, "--csv")
    assert heavy_imports("words", SAMPLE, "--csv") == ["jieba", "opencc"]
    # The cached run reads Arrow and counts with numpy; it needs neither jieba nor pandas.
    assert heavy_imports("words", corpus, "--csv") == ["numpy", "pyarrow"]
