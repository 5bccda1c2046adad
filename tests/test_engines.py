"""Tasks: the unit of work engines ship to workers gives the runner's records."""

from __future__ import annotations

import os
import pickle

import pytest
from click.testing import CliRunner

import speechkit
from speechkit.analyzers import REGISTRY
from speechkit.analyzers.runner import run
from speechkit.cli import cli
from speechkit.engines import local, spilled
from speechkit.engines.tasks import analyse_batch, build_batch, scan_batch, sized_tasks
from speechkit.errors import AnalysisError
from speechkit.ingest.build import SpeechTask

from .conftest import SAMPLE


def test_tasks_pickle_and_give_the_same_rows_as_the_runner():
    for name in ("slogans", "directives", "targets"):
        analyzer = REGISTRY[name]
        options = analyzer.resolve()
        tasks = list(speechkit.load(SAMPLE).tasks(batch=4))
        assert [len(t.items) for t in tasks] == [4, 4, 1]
        tasks = [pickle.loads(pickle.dumps(t)) for t in tasks]
        batches = [build_batch(task) for task in tasks]
        context = None
        if analyzer.rounds == 2:
            scanned = [scan_batch(analyzer, options, batch) for batch in batches]
            batches = [batch for batch, _ in scanned]
            context = analyzer.gather([s for _, scans in scanned for s in scans], **options)
        records = []
        for batch in batches:
            found, failures = analyse_batch(analyzer, options, batch, context)
            assert failures == []
            records += found
        rows = analyzer.combine(records, **options)
        assert rows == run(analyzer, speechkit.load(SAMPLE))


@pytest.mark.parametrize("ways", [1, 2, 4, 8, 100])
def test_sized_tasks_keep_every_speech_in_order_and_shrink_towards_the_end(ways):
    """Tasks of about ``most`` characters, then a ``ways``-th of what is left each, down to
    ``least``: the workers finish together, with few tasks (issue 17)."""
    lengths = [(7919 * n) % 40_000 + 500 for n in range(400)]  # 8 M characters in all
    items = [("dump.txt", "dump", n, 0, "字" * size) for n, size in enumerate(lengths)]
    pieces = [SpeechTask(tuple(items[n : n + 3])) for n in range(0, len(items), 3)]
    most, least = 1 << 20, 1 << 17
    tasks = list(sized_tasks(iter(pieces), most, least, lambda: ways))
    assert [item for task in tasks for item in task.items] == items
    sizes = [sum(len(item[4]) for item in task.items) for task in tasks]
    longest = max(lengths)
    for n, size in enumerate(sizes[:-1]):
        left = sum(sizes[n:])
        if left > ways * most + longest:  # the end not yet in sight: a full task
            assert most <= size < most + longest
        elif left <= ways * most:  # a ``ways``-th of what is left, at least ``least``
            wanted = min(most, max(least, -(-left // ways)))
            assert wanted <= size < wanted + longest
    if ways > 1:
        assert sizes[-3] < most
    assert len(tasks) < sum(lengths) / least


# Every command with its options that change the rows' shape; words runs jieba on workers too.
COMMANDS = [
    ["directives"],
    ["directives", "--check"],
    ["slogans"],
    ["slogans", "--by-speech"],
    ["targets", "--all"],
    ["words", "--by-speech"],
]


@pytest.fixture
def big_input(monkeypatch):
    """Make the engine treat the sample as large (workers) or small (this process)."""

    def use(workers: bool):
        monkeypatch.setattr(local, "PARALLEL_MIN_BYTES", 0 if workers else 1 << 60)

    return use


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_workers_write_the_same_bytes_as_the_serial_path(command, big_input, tmp_path):
    outputs = []
    for workers in (False, True):
        big_input(workers)
        target = tmp_path / f"{workers}.csv"
        result = CliRunner().invoke(
            cli, [*command, str(SAMPLE), "--csv", "-o", str(target)], obj={}
        )
        assert result.exit_code == 0, result.output
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") > 9


def test_small_inputs_start_no_worker(big_input, monkeypatch):
    def no_pool(*_args, **_kwargs):
        raise AssertionError("a pool was started for a small input")

    monkeypatch.setattr(local, "Workers", no_pool)
    assert run(REGISTRY["directives"], speechkit.load(SAMPLE))
    big_input(True)
    with pytest.raises(AssertionError, match="pool was started"):
        run(REGISTRY["directives"], speechkit.load(SAMPLE))


@pytest.mark.parametrize("workers", [False, True])
def test_progress_sees_every_speech(workers, big_input):
    big_input(workers)
    seen: list[tuple[str, int]] = []
    corpus = speechkit.load(SAMPLE, on_speech=lambda s: seen.append((s.id, s.chars)))
    run(REGISTRY["slogans"], corpus)
    speeches = speechkit.load(SAMPLE)
    assert seen == [(s.id, s.chars) for s in speeches]


@pytest.mark.parametrize("workers", [False, True])
def test_a_speech_that_fails_is_named(workers, big_input, monkeypatch):
    big_input(workers)
    analyzer = REGISTRY["targets"]
    real = analyzer.per_speech

    def fails_on_the_fourth(speech, **options):
        if speech.ordinal == 4:
            raise ValueError("no numbers today")
        return real(speech, **options)

    monkeypatch.setattr(analyzer, "per_speech", fails_on_the_fourth)
    with pytest.raises(
        AnalysisError, match=r"^speeches_2022_traditional_dump-4 \(.*\): targets failed"
    ):
        run(analyzer, speechkit.load(SAMPLE))
    result = CliRunner().invoke(cli, ["targets", str(SAMPLE), "--csv"], obj={})
    assert result.exit_code == 3  # the output is written without that speech's rows
    assert "speeches_2022_traditional_dump-4 (" in result.stderr
    assert "): targets failed: ValueError: no numbers today" in result.stderr
    assert "speeches_2022_traditional_dump-4," not in result.stdout
    assert "Traceback" not in result.output


class _CountsUnpickling:
    """Adds a line to ``path`` each time it is unpickled, in whatever process."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (_unpickled, (self.path,))


def _unpickled(path):
    with open(path, "a") as file:
        file.write("unpickled\n")
    return _CountsUnpickling(path)


def test_workers_inherit_a_second_round_context_made_once(big_input, monkeypatch, tmp_path):
    # slogans without --discover: its context is made once, by the zygote while this process
    # reads the input: the workers forked from it neither make it again nor unpickle it with
    # their tasks, and this process never makes it.
    big_input(True)
    analyzer = REGISTRY["slogans"]
    real = analyzer.gather
    log = tmp_path / "unpickled.txt"

    def gather_counted(scans, **options):
        with open(log, "a") as file:
            file.write(f"made in {os.getpid()}\n")
        return {**real(scans, **options), "counter": _CountsUnpickling(str(log))}

    monkeypatch.setattr(analyzer, "gather", gather_counted)
    rows = run(analyzer, speechkit.load(SAMPLE))
    made = log.read_text().splitlines()
    assert len(made) == 1 and made[0] != f"made in {os.getpid()}"  # once, not here
    monkeypatch.setattr(analyzer, "gather", real)
    assert rows == run(analyzer, speechkit.load(SAMPLE))


def test_a_one_round_analyzer_in_this_process_makes_no_spill_folder(big_input, monkeypatch):
    big_input(False)

    def no_folder(*_args, **_kwargs):
        raise AssertionError("a spill folder was made")

    monkeypatch.setattr(local.tempfile, "mkdtemp", no_folder)
    assert run(REGISTRY["directives"], speechkit.load(SAMPLE))
    with pytest.raises(AssertionError, match="spill folder"):
        run(REGISTRY["slogans"], speechkit.load(SAMPLE))


def test_many_records_come_from_the_workers_through_files_then_removed(
    big_input, monkeypatch, tmp_path
):
    """A batch's records past ``CHUNK_RECORDS`` travel through a file, a chunk at a time: the
    same rows, and nothing left in the temporary folder afterwards."""
    serial = run(REGISTRY["targets"], speechkit.load(SAMPLE), all=True)
    big_input(True)
    monkeypatch.setattr(spilled, "CHUNK_RECORDS", 7)
    monkeypatch.setattr(local.tempfile, "tempdir", str(tmp_path))
    files = []

    def counted(records):
        if isinstance(records, spilled.Spilled):
            files.append(records.path)
        return spilled.spilled_records(records)

    monkeypatch.setattr(local, "spilled_records", counted)
    assert run(REGISTRY["targets"], speechkit.load(SAMPLE), all=True) == serial
    assert files and list(tmp_path.iterdir()) == []


class _Failing:
    """Three records per speech; the second speech raises after giving two."""

    name = "failing"
    rounds = 1
    needs_tokens = False

    def per_speech(self, speech, **_):
        for n in range(3):
            if speech.ordinal == 2 and n == 2:
                raise ValueError("no third")
            yield {"speech": speech.id, "n": n}


@pytest.mark.parametrize("chunk", [1, 2, 4, 100])
def test_a_failing_speech_takes_back_its_records_spilled_or_held(chunk, tmp_path, monkeypatch):
    monkeypatch.setattr(spilled, "CHUNK_RECORDS", chunk)
    task = next(speechkit.load(SAMPLE).tasks(batch=3))
    found, failures = analyse_batch(_Failing(), {}, build_batch(task), None, str(tmp_path))
    assert isinstance(found, spilled.Spilled) == (chunk < 6)
    records = list(spilled.spilled_records(found))
    assert [(r["speech"][-1], r["n"]) for r in records] == [
        ("1", 0),
        ("1", 1),
        ("1", 2),
        ("3", 0),
        ("3", 1),
        ("3", 2),
    ]
    assert [f.step for f in failures] == ["failing"]
    assert list(tmp_path.iterdir()) == []
