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
from speechkit.engines.tasks import build_speech as BUILD_SPEECH
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


CLEANING_FAILS = f"{STEM}-2"


def fails_on_the_second(source, stem, ordinal, *rest):
    """``build_speech``, but cleaning raises on each input's second speech."""
    if ordinal == 2:
        raise UnicodeError("cannot clean this")
    return BUILD_SPEECH(source, stem, ordinal, *rest)


def break_cleaning() -> None:
    """Make cleaning fail on the second speech in this process (and on a Dask worker)."""
    from speechkit.engines import tasks

    tasks.build_speech = fails_on_the_second


def mend_cleaning() -> None:
    from speechkit.engines import tasks

    tasks.build_speech = BUILD_SPEECH


@pytest.fixture
def broken_cleaning():
    break_cleaning()
    yield
    mend_cleaning()


def cleaning_failure_line(result) -> None:
    source, start, end = positions(CLEANING_FAILS)
    assert result.exit_code == SPEECHES_FAILED, result.output
    assert result.stderr.splitlines()[0] == (
        f"error: {CLEANING_FAILS} ({source}, raw {start}-{end}): cleaning failed: "
        "UnicodeError: cannot clean this"
    )
    assert "error: 1 of 9 speeches failed" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("workers", [False, True], ids=["serial", "pool"])
def test_split_leaves_out_a_speech_whose_cleaning_fails(
    broken_cleaning, workers, monkeypatch, tmp_path
):
    """``split`` (rows and ``-o``) follows the analyzers' rule: the other speeches are
    written as without the failed one, one line names it, exit status 3."""
    monkeypatch.setattr(local, "PARALLEL_MIN_BYTES", 0 if workers else 1 << 60)
    mend_cleaning()
    whole = CliRunner().invoke(cli, ["split", str(SAMPLE), "--csv"], obj={})
    break_cleaning()
    result = CliRunner().invoke(cli, ["split", str(SAMPLE), "--csv"], obj={})
    cleaning_failure_line(result)
    lines = whole.stdout.splitlines(keepends=True)
    assert result.stdout == "".join(x for x in lines if not x.startswith(f"{CLEANING_FAILS},"))
    assert len(result.stdout.splitlines()) == len(lines) - 1 == 9
    result = CliRunner().invoke(cli, ["split", str(SAMPLE), "-o", str(tmp_path / "c")], obj={})
    cleaning_failure_line(result)
    ids = [s.id for s in speechkit.load(tmp_path / "c")]
    assert ids == [s.id for s in speechkit.load(SAMPLE) if s.id != CLEANING_FAILS]
    assert not (tmp_path / "c" / f"{CLEANING_FAILS}.txt").exists()


def test_report_leaves_out_what_fails_and_writes_the_page(broken_cleaning, monkeypatch, tmp_path):
    """``report``: a speech whose cleaning fails is not on the page, one that an analyzer
    raises on has no rows of that analyzer; the page is written, exit status 3."""
    from speechkit import report

    targets = type(REGISTRY["targets"])
    real = targets.per_speech

    def fragile(self, speech, **options):
        if speech.id == RUN_FAILS:
            raise ValueError("a bug met on this speech")
        return real(self, speech, **options)

    monkeypatch.setattr(targets, "per_speech", fragile)
    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(SAMPLE), "-o", str(page)], obj={})
    assert result.exit_code == SPEECHES_FAILED, result.output
    assert page.stat().st_size > 0
    lines = result.stderr.splitlines()
    source, start, end = positions(RUN_FAILS)
    assert lines[0].startswith(f"error: {CLEANING_FAILS} (")
    assert lines[0].endswith("cleaning failed: UnicodeError: cannot clean this")
    assert lines[1] == (
        f"error: {RUN_FAILS} ({source}, raw {start}-{end}): targets failed: "
        "ValueError: a bug met on this speech"
    )
    assert lines[-1] == "error: 2 of 9 speeches failed; their rows are missing from the output"
    assert len([line for line in lines if line.startswith("error: ")]) == 3  # once each
    failures = Failures()
    data = report.build(speechkit.load(SAMPLE), failures=failures)
    speech_ids = [row[0] for row in data["speeches"]["rows"]]
    assert CLEANING_FAILS not in speech_ids and len(speech_ids) == 8
    target_speeches = {row[0] for row in data["targets"]["rows"]}
    assert RUN_FAILS not in target_speeches and target_speeches
    assert [(f.id, f.step) for f in failures.failed] == [
        (CLEANING_FAILS, "cleaning"),
        (RUN_FAILS, "targets"),
    ]
    with pytest.raises(AnalysisError, match=rf"^{CLEANING_FAILS} \("):
        report.build(speechkit.load(SAMPLE))  # the library, without a collector: it stops


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


def test_split_on_a_dask_cluster_leaves_out_the_same_speech(fragile_cluster, tmp_path):
    """``split`` and ``split -o`` on a cluster whose workers fail to clean one speech: the
    output, the lines on stderr and the exit status are the local engine's."""
    with distributed.Client(fragile_cluster, set_as_default=False) as client:
        client.run(break_cleaning)
        try:
            break_cleaning()
            for args in (["--csv"], ["-o", str(tmp_path / "local")]):
                local_run = CliRunner().invoke(cli, ["split", str(SAMPLE), *args], obj={})
                cleaning_failure_line(local_run)
            dask = CliRunner().invoke(
                cli, ["split", str(SAMPLE), "--csv", "--scheduler", fragile_cluster], obj={}
            )
            csv = CliRunner().invoke(cli, ["split", str(SAMPLE), "--csv"], obj={})
            cleaning_failure_line(dask)
            assert dask.stdout == csv.stdout and dask.stderr == csv.stderr
            out = tmp_path / "dask"
            args = ["split", str(SAMPLE), "-o", str(out), "--scheduler", fragile_cluster]
            cleaning_failure_line(CliRunner().invoke(cli, args, obj={}))
            names = sorted(p.name for p in (tmp_path / "local").iterdir())
            assert names == sorted(p.name for p in out.iterdir()) and len(names) == 9
            for name in names:
                assert (out / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
        finally:
            mend_cleaning()
            client.run(mend_cleaning)
