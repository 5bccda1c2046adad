"""A speech that raises is reported with its id, file and raw offsets, and does not end the
run (issue 17): the same rule on the serial path, the local pool of forked workers and a
Dask cluster of worker processes, for the CLI and for the library. The other rows equal a run
over the corpus without the failed speeches."""

from __future__ import annotations

import warnings

import pytest
from click.testing import CliRunner

import speechkit
from speechkit.analyzers import REGISTRY
from speechkit.analyzers.runner import run, run_view
from speechkit.cli import cli
from speechkit.cli.common import SPEECHES_FAILED
from speechkit.engines import local
from speechkit.errors import AnalysisError, Failures
from speechkit.output import Output

from .conftest import SAMPLE

STEM = "speeches_2022_traditional_dump"
SCAN_FAILS = f"{STEM}-3"  # slogans: its first round raises
RUN_FAILS = f"{STEM}-6"  # per_speech raises (both analyzers)


class FragileDirectives(type(REGISTRY["directives"])):
    """Directives, but ``per_speech`` raises on one speech."""

    name = "fragile-directives"

    def per_speech(self, speech, **options):
        if speech.id == RUN_FAILS:
            raise ValueError("a bug met on this speech\nsecond line")
        return super().per_speech(speech, **options)


class FragileSlogans(type(REGISTRY["slogans"])):
    """Slogans (two rounds), but the scan raises on one speech and ``per_speech`` on
    another."""

    name = "fragile-slogans"

    def needs_scan(self, **options):
        return True  # its first round is what fails (slogans skips it without --discover)

    def scan(self, speech, **options):
        if speech.id == SCAN_FAILS:
            raise KeyError("no scan today")
        return super().scan(speech, **options)

    def per_speech(self, speech, **options):
        if speech.id == RUN_FAILS:
            raise ValueError("a bug met on this speech")
        return super().per_speech(speech, **options)


FRAGILE_DIRECTIVES = FragileDirectives()
FRAGILE_SLOGANS = FragileSlogans()
FRAGILE = {"fragile-directives": FRAGILE_DIRECTIVES, "fragile-slogans": FRAGILE_SLOGANS}
FAILED = {"fragile-directives": [RUN_FAILS], "fragile-slogans": [SCAN_FAILS, RUN_FAILS]}
BASE = {"fragile-directives": "directives", "fragile-slogans": "slogans"}


def register() -> None:
    """Add the fragile analyzers to this process's registry (a plugin's entry point does
    this on every machine; a test does it here and on each Dask worker)."""
    names = REGISTRY._names()
    for name, analyzer in FRAGILE.items():
        REGISTRY._loaded[name] = analyzer
        names[name] = f"{__name__}:{name.replace('-', '_').upper()}"


@pytest.fixture
def fragile():
    register()
    yield
    names = REGISTRY._names()
    for name in FRAGILE:
        REGISTRY._loaded.pop(name, None)
        names.pop(name, None)


def expected_csv(name: str, tmp_path) -> str:
    """The CSV of the analyzer the fragile one extends, over the sample less the speeches
    that fail."""
    kept = [s for s in speechkit.load(SAMPLE) if s.id not in FAILED[name]]
    analyzer = REGISTRY[BASE[name]]
    rows, columns = run_view(analyzer, kept)
    path = tmp_path / "expected.csv"
    Output("csv", str(path)).emit(rows, columns)
    return path.read_text(encoding="utf-8")


def positions(speech_id: str) -> tuple[str, int, int]:
    speech = next(s for s in speechkit.load(SAMPLE) if s.id == speech_id)
    return speech.source, speech.start, speech.end


def check_run(name: str, result, out, tmp_path) -> None:
    assert result.exit_code == SPEECHES_FAILED, result.output
    assert out.read_text(encoding="utf-8") == expected_csv(name, tmp_path)
    lines = result.stderr.splitlines()
    failed = FAILED[name]
    assert len(lines) == len(failed) + 1, lines
    for line, speech_id in zip(lines, failed, strict=False):
        source, start, end = positions(speech_id)
        assert line.startswith(f"error: {speech_id} ({source}, raw {start}-{end}): {name}")
    assert lines[-1] == (
        f"error: {len(failed)} of 9 speeches failed; their rows are missing from the output"
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", FRAGILE)
@pytest.mark.parametrize("workers", [False, True], ids=["serial", "pool"])
def test_the_run_goes_on_without_the_failed_speeches(fragile, name, workers, monkeypatch, tmp_path):
    monkeypatch.setattr(local, "PARALLEL_MIN_BYTES", 0 if workers else 1 << 60)
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(cli, [name, str(SAMPLE), "-o", str(out)], obj={})
    check_run(name, result, out, tmp_path)
    source, start, end = positions(RUN_FAILS)
    assert f"error: {RUN_FAILS} ({source}, raw {start}-{end}): {name} failed: ValueError: " in (
        result.stderr
    )
    if name == "fragile-slogans":
        assert f"{SCAN_FAILS} " in result.stderr
        assert f": {name} scan failed: KeyError: 'no scan today'" in result.stderr
    else:  # a message of several lines is one line on stderr
        assert "ValueError: a bug met on this speech second line" in result.stderr


def test_verbose_adds_the_traceback(fragile, tmp_path):
    out = tmp_path / "rows.csv"
    args = ["--verbose", "fragile-directives", str(SAMPLE), "-o", str(out)]
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == SPEECHES_FAILED
    assert "Traceback (most recent call last)" in result.stderr
    assert "in per_speech" in result.stderr


def test_a_speech_whose_cleaning_fails_is_left_out_too(monkeypatch, tmp_path):
    from speechkit.engines import tasks

    real = tasks.build_speech

    def fails_on_the_second(source, stem, ordinal, *rest):
        if ordinal == 2:
            raise UnicodeError("cannot clean this")
        return real(source, stem, ordinal, *rest)

    monkeypatch.setattr(tasks, "build_speech", fails_on_the_second)
    result = CliRunner().invoke(cli, ["directives", str(SAMPLE), "--csv"], obj={})
    assert result.exit_code == SPEECHES_FAILED
    source, start, end = positions(f"{STEM}-2")
    assert result.stderr.splitlines()[0] == (
        f"error: {STEM}-2 ({source}, raw {start}-{end}): cleaning failed: "
        "UnicodeError: cannot clean this"
    )
    kept = [s for s in speechkit.load(SAMPLE) if s.ordinal != 2]
    assert f"{STEM}-2," not in result.stdout
    assert result.stdout.count("\n") - 1 == len(run(REGISTRY["directives"], kept))


@pytest.mark.parametrize("name", FRAGILE)
def test_the_library_warns_and_keeps_the_other_rows(fragile, name, tmp_path):
    kept = [s for s in speechkit.load(SAMPLE) if s.id not in FAILED[name]]
    expected = speechkit.analyze(BASE[name], kept)
    with pytest.warns(speechkit.SpeechFailureWarning) as caught:
        frame = speechkit.analyze(name, SAMPLE)
    assert frame.equals(expected)
    warning = caught[0].message
    assert [f.id for f in warning.failures] == FAILED[name]
    assert str(warning).startswith(f"{len(FAILED[name])} of 9 speeches failed")
    assert [f["id"] for f in frame.attrs["failures"]] == FAILED[name]
    assert frame.attrs["failures"][-1]["error"] == "ValueError"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing is said with on_error="skip"
        assert speechkit.rows(name, SAMPLE, on_error="skip") == expected.to_dict("records")
    with pytest.raises(AnalysisError, match=rf"^{FAILED[name][0]} \("):
        speechkit.rows(name, SAMPLE, on_error="raise")
    with pytest.raises(speechkit.SpeechkitError, match="on_error='stop'"):
        speechkit.rows(name, SAMPLE, on_error="stop")


def test_without_a_failures_collector_the_runner_raises_at_the_first(fragile):
    with pytest.raises(AnalysisError) as raised:
        run(FRAGILE["fragile-slogans"], speechkit.load(SAMPLE))
    assert raised.value.failure.id == SCAN_FAILS
    failures = Failures()
    rows = run(FRAGILE["fragile-slogans"], speechkit.load(SAMPLE), failures=failures)
    assert rows and [f.id for f in failures.failed] == [SCAN_FAILS, RUN_FAILS]
    assert failures.speeches == 9


distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def fragile_cluster():
    """A LocalCluster of 2 worker processes, each with the fragile analyzers registered."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        with distributed.Client(cluster, set_as_default=False) as client:
            client.run(register)
        yield cluster.scheduler_address


@pytest.mark.parametrize("name", FRAGILE)
def test_the_same_rule_on_a_dask_cluster(fragile, fragile_cluster, name, tmp_path):
    out = tmp_path / "rows.csv"
    args = [name, str(SAMPLE), "-o", str(out), "--scheduler", fragile_cluster]
    result = CliRunner().invoke(cli, args, obj={})
    check_run(name, result, out, tmp_path)
    serial = CliRunner().invoke(cli, [name, str(SAMPLE), "--csv"], obj={})
    assert serial.stderr == result.stderr
