"""The Dask engine (issue 17): every command's output on a real cluster equals the local
engine's, byte for byte: on a ``LocalCluster`` of 2 worker processes, and on a scheduler and
two workers started as separate processes (``dask scheduler``, ``dask worker``). A worker
killed mid-run, Ctrl-C, and a speech that raises."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

import speechkit
from speechkit.analyzers import REGISTRY
from speechkit.analyzers.runner import run
from speechkit.cli import cli
from speechkit.engines.local import LocalEngine

from .conftest import ROOT, SAMPLE, title_block_reports

distributed = pytest.importorskip("distributed")

SEED = ROOT.parent / "shared" / "seeds" / "000_b89c08ae65742274.txt"
INPUTS = "INPUT..."  # where a command's inputs go
COMMANDS = [
    ("slogans", INPUTS, "--csv"),  # one round: no --discover, no first round
    ("slogans", INPUTS, "--discover", "--csv"),  # two rounds
    ("directives", INPUTS, "--csv"),
    ("targets", INPUTS, "--csv"),
    ("words", INPUTS, "--csv"),
    ("kwic", "发展", INPUTS, "--csv"),
    ("meta", INPUTS, "--csv"),
    ("split", INPUTS, "--csv"),
]
# The runner's wrapper that adds document variables travels to the workers pickled.
VIEWS = [
    ("keyness", INPUTS, "--by", "file", "--target", SEED.name, "--csv"),
    ("targets", INPUTS, "--by", "file", "--csv"),
]
DASK = Path(sys.executable).with_name("dask")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """Two inputs, the sample and the seed (the same text under another name): 18 speeches
    in two tasks, so the order across tasks and inputs is tested."""
    seed = SEED
    if not seed.exists():
        seed = tmp_path_factory.mktemp("inputs") / SEED.name
        shutil.copyfile(SAMPLE, seed)
    return [str(SAMPLE), str(seed)]


def command_line(command: tuple, inputs: list[str]) -> list[str]:
    at = command.index(INPUTS)
    return [*command[:at], *inputs, *command[at + 1 :]]


def invoke(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], obj={}, env=env)
    assert result.exit_code == 0, result.output
    return result


_local: dict[tuple, str] = {}


def local_output(command: tuple, inputs: list[str]) -> str:
    if command not in _local:
        _local[command] = invoke(*command_line(command, inputs), "--engine", "local").stdout
    return _local[command]


@pytest.fixture(scope="module")
def local_cluster():
    """A ``distributed.LocalCluster`` with 2 worker processes; its address."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def process_cluster(tmp_path_factory):
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 (free ports, no
    dashboards), always torn down; the scheduler's address."""
    logs = tmp_path_factory.mktemp("dask-logs")
    address = f"tcp://127.0.0.1:{free_port()}"
    processes: list[subprocess.Popen] = []

    def start(*args: str, log: str) -> None:
        with open(logs / log, "wb") as out:
            processes.append(
                subprocess.Popen([str(DASK), *args], stdout=out, stderr=subprocess.STDOUT)
            )

    try:
        port = address.rsplit(":", 1)[1]
        start("scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard", log="s")
        for n in (1, 2):
            start(
                "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard",
                "--name", f"w{n}", log=f"w{n}",
            )  # fmt: skip
        with distributed.Client(address, timeout="30s", set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        stop(processes)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_local_cluster_gives_the_local_output(local_cluster, inputs, command):
    dask = invoke(*command_line(command, inputs), "--scheduler", local_cluster).stdout
    assert dask == local_output(command, inputs)


@pytest.mark.parametrize("command", COMMANDS + VIEWS, ids=" ".join)
def test_separate_processes_give_the_local_output(process_cluster, inputs, command):
    args = command_line(command, inputs)
    dask = invoke(*args, "--engine", "dask", "--scheduler", process_cluster).stdout
    assert dask == local_output(command, inputs)


def test_a_url_input_runs_on_the_cluster(local_cluster):
    """An fsspec URL is read by the command, which sends raw slices: the workers need no
    access to it (an in-memory file system, which only this process has)."""
    import fsspec

    memory = fsspec.filesystem("memory")
    memory.pipe(f"/speechkit-dask/{SAMPLE.name}", SAMPLE.read_bytes())
    url = f"memory://speechkit-dask/{SAMPLE.name}"
    try:
        dask = invoke("directives", url, "--csv", "--scheduler", local_cluster).stdout
        assert dask == invoke("directives", SAMPLE, "--csv", "--engine", "local").stdout
    finally:
        memory.rm("/speechkit-dask", recursive=True)


def test_split_o_and_a_corpus_directory_on_the_cluster(process_cluster, inputs, tmp_path):
    """``split -o`` with the workers building the speeches writes the same corpus; the
    analyzers read that directory on the cluster as they do locally."""
    invoke("split", *inputs, "-o", tmp_path / "local")
    invoke("split", *inputs, "-o", tmp_path / "dask", "--scheduler", process_cluster)
    names = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "dask").iterdir())
    assert len(names) == 19
    for name in names:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    for name in ("slogans", "targets"):
        local = invoke(name, tmp_path / "local", "--csv").stdout
        dask = invoke(name, tmp_path / "local", "--csv", "--scheduler", process_cluster).stdout
        assert dask == local


@pytest.mark.parametrize("options", [(), ("--discover",)])
def test_title_blocks_count_on_the_cluster(local_cluster, tmp_path, options):
    """A report's title block is built with its speech on a worker and counted there."""
    inputs = title_block_reports(tmp_path / "in")
    command = ("slogans", *inputs, *options, "--csv")
    dask = invoke(*command, "--scheduler", local_cluster).stdout
    assert dask == invoke(*command, "--engine", "local").stdout
    assert "高质量发展,5," in dask  # two title blocks hold it, besides the three texts


def test_the_scheduler_comes_from_the_environment(process_cluster, inputs):
    def transitions(dask_scheduler) -> int:
        return dask_scheduler.transition_counter

    with distributed.Client(process_cluster, set_as_default=False) as client:
        before = client.run_on_scheduler(transitions)
        env = {"SPEECHKIT_SCHEDULER": process_cluster}
        dask = invoke("directives", *inputs, "--csv", env=env).stdout
        assert client.run_on_scheduler(transitions) > before  # the tasks ran there
    assert dask == local_output(("directives", INPUTS, "--csv"), inputs)
    # --engine local wins over the environment.
    with distributed.Client(process_cluster, set_as_default=False) as client:
        before = client.run_on_scheduler(transitions)
        invoke("directives", *inputs, "--csv", "--engine", "local", env=env)
        assert client.run_on_scheduler(transitions) == before


def test_a_worker_killed_mid_run_changes_nothing(process_cluster, inputs):
    """SIGKILL to one worker process after the first results: its tasks are rerun on the
    other (its nanny starts a new one), and the rows are the local engine's."""
    from speechkit.engines.dask import DaskEngine

    with distributed.Client(process_cluster, set_as_default=False) as client:
        pids = client.run(os.getpid)  # worker address -> its process id
        victim = min(pids)
        pid = pids[victim]
        killed = []

        def kill_once(stage, done, submitted, all_submitted):
            if stage == "analyse" and done >= 2 and not killed:
                os.kill(pid, signal.SIGKILL)
                killed.append(done)

        engine = DaskEngine(scheduler=process_cluster, batch=1, on_progress=kill_once)
        slogans = REGISTRY["slogans"]  # two rounds: the context must reach the new worker
        rows = run(slogans, speechkit.load(inputs), engine=engine)
        assert killed and killed[0] < 18  # killed while tasks were still to come
        assert rows == run(slogans, speechkit.load(inputs))
        client.wait_for_workers(2, timeout=60)  # the nanny's new worker, for the next tests
        assert victim not in client.scheduler_info()["workers"]


def test_ctrl_c_cancels_the_run_and_leaves_the_cluster_usable(process_cluster, inputs):
    from speechkit.engines.dask import DaskEngine

    def interrupt(stage, done, submitted, all_submitted):
        if done >= 1:
            raise KeyboardInterrupt

    def tasks(dask_scheduler) -> int:
        return len(dask_scheduler.tasks)

    directives = REGISTRY["directives"]
    engine = DaskEngine(scheduler=process_cluster, batch=1, on_progress=interrupt)
    with pytest.raises(KeyboardInterrupt):
        run(directives, speechkit.load(inputs), engine=engine)
    with distributed.Client(process_cluster, set_as_default=False) as client:
        deadline = time.monotonic() + 10
        while client.run_on_scheduler(tasks) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.run_on_scheduler(tasks) == 0  # nothing left submitted
    engine = DaskEngine(scheduler=process_cluster, batch=1)
    rows = run(directives, speechkit.load(inputs), engine=engine)
    assert rows == run(directives, speechkit.load(inputs))


class Fragile(type(REGISTRY["directives"])):
    """Directives, but the per-speech step fails on one speech."""

    name = "fragile"
    failed: ClassVar[list[str]] = []  # the speeches it raised on (threads here see it)

    def per_speech(self, speech, **options):
        if speech.id == "speeches_2022_traditional_dump-3":
            self.failed.append(speech.id)
            raise ValueError("a bug met on this speech")
        return super().per_speech(speech, **options)


def test_a_speech_that_raises_is_named_as_locally_and_not_retried():
    """The local engine's rule, through the engine directly: the failure names the speech,
    the other speeches' records come back, and the task is not retried (tests/test_failures
    runs the rule through the CLI and the library on both engines)."""
    from speechkit.engines.dask import DaskEngine
    from speechkit.errors import Failures

    fragile = Fragile()  # not in the registry: it travels pickled
    options = fragile.resolve()
    local = Failures()
    local_records = list(LocalEngine().records(fragile, speechkit.load(SAMPLE), options, local))
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    ) as cluster:
        engine = DaskEngine(scheduler=cluster.scheduler_address, batch=2, retries=2)
        dask = Failures()
        Fragile.failed.clear()
        records = list(engine.records(fragile, speechkit.load(SAMPLE), options, dask))
    assert Fragile.failed == ["speeches_2022_traditional_dump-3"]  # once: not retried
    assert records == local_records
    assert [f.line() for f in dask.failed] == [f.line() for f in local.failed]
    assert dask.failed[0].line().startswith("speeches_2022_traditional_dump-3 (")
    assert ": fragile failed: ValueError: a bug met on this speech" in dask.failed[0].line()
    assert dask.speeches == local.speeches == 9


def test_engine_dask_without_an_address_starts_a_local_cluster(inputs):
    dask = invoke("targets", *inputs, "--csv", "--engine", "dask").stdout
    assert dask == local_output(("targets", INPUTS, "--csv"), inputs)


def test_the_command_starts_a_cluster_of_workers_from_a_fork_server(inputs):
    """The installed command starts its LocalCluster's workers from a fork server that
    preloaded speechkit: the run ends, with no log lines and the local output."""
    command = [str(Path(sys.executable).with_name("speechkit")), "directives", *inputs, "--csv"]
    done = subprocess.run([*command, "--engine", "dask"], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""  # no log lines
    assert done.stdout.decode() == local_output(("directives", INPUTS, "--csv"), inputs)


def test_the_fork_server_preload_flag_is_set_only_where_distributed_has_it(monkeypatch):
    """A started cluster tells distributed its fork server's preload list is set, through a
    flag private to distributed; a release without the flag gets nothing set (distributed then
    chooses its list itself: slower, the same output)."""
    import distributed.utils

    from speechkit.engines.dask import _keep_our_preload

    monkeypatch.setattr(distributed.utils, "_forkserver_preload_set", False)
    assert _keep_our_preload() is True
    assert distributed.utils._forkserver_preload_set is True
    monkeypatch.delattr(distributed.utils, "_forkserver_preload_set")
    assert _keep_our_preload() is False
    assert not hasattr(distributed.utils, "_forkserver_preload_set")


def test_a_started_clusters_workers_do_not_log_its_end(caplog):
    """The workers of a cluster the command starts (forked from a server that imported
    ``dask_preload``) drop the error a last heartbeat logs when the scheduler closes first,
    which on a loaded machine printed a line at the end of a good run; other errors stay."""
    import logging

    import speechkit.engines.dask_preload  # noqa: F401

    log = logging.getLogger("distributed.worker")
    with caplog.at_level(logging.ERROR, logger="distributed.worker"):
        try:
            raise OSError("Timed out trying to connect to tcp://127.0.0.1:1")
        except OSError:
            log.exception("Failed to communicate with scheduler during heartbeat.")
            log.exception("Unexpected exception during heartbeat. Closing worker.")
    assert [r.getMessage() for r in caplog.records] == [
        "Unexpected exception during heartbeat. Closing worker."
    ]


LEAN_IMPORT = """
import hashlib, json, sys
lean = sys.argv[1] == "lean"
if lean:
    from speechkit.engines.dask_import import import_distributed
    import_distributed()
else:
    import distributed  # noqa: F401
import dask
numpy_then = "numpy" in sys.modules
import numpy  # noqa: F401  (imports as usual afterwards)
config = json.dumps(dask.config.config, sort_keys=True, default=str)
print(numpy_then, hashlib.sha256(config.encode()).hexdigest())
"""


def test_the_lean_import_of_distributed_reads_the_same_configuration():
    """The command imports distributed with libyaml's loader and without numpy (0.1-0.2 s
    less): the configuration is the one a plain import reads, and numpy imports afterwards."""
    outputs = {
        way: subprocess.run(
            [sys.executable, "-c", LEAN_IMPORT, way], capture_output=True, text=True, check=True
        ).stdout.split()
        for way in ("lean", "plain")
    }
    assert outputs["lean"][0] == "False"  # numpy was kept out of the import
    assert outputs["plain"][0] == "True"  # (which a plain import pulls in)
    assert outputs["lean"][1] == outputs["plain"][1]


def test_without_dask_installed_the_error_is_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if absent
    result = CliRunner().invoke(cli, ["slogans", str(SAMPLE), "--engine", "dask"], obj={})
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: --engine dask needs dask and distributed; install them: "
        "pip install 'speechkit[dask]'"
    ]


def test_dask_is_an_extra_installed_for_development():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dask = ["dask[distributed]>=' in text
    assert ",dask]" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert shutil.which(str(DASK)), "the dask command comes with distributed"


def test_the_progress_bar_counts_tasks_on_a_terminal():
    import io

    from speechkit.cli.progress import TaskProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    progress = TaskProgress(stream=screen, delay=0)
    progress("analyse", 1, 8, False)
    progress("analyse", 9, 9, True)  # all done: the bar goes away
    assert "analyse: 9/9 tasks" in screen.getvalue()
    assert progress._live is None
    quiet = io.StringIO()
    TaskProgress(stream=quiet, delay=0)("analyse", 1, 8, False)
    assert quiet.getvalue() == ""  # not a terminal: nothing drawn


def test_ctrl_c_on_the_command_leaves_no_task_on_the_cluster(process_cluster, tmp_path):
    """The real command, interrupted while its tasks run: it exits 130 at once, and the
    scheduler drops every task it had submitted (the client's futures go with it)."""

    def tasks(dask_scheduler) -> int:
        return len(dask_scheduler.tasks)

    big = tmp_path / "sample_x20.txt"
    big.write_text(SAMPLE.read_text(encoding="utf-8") * 20, encoding="utf-8")
    speechkit_command = Path(sys.executable).with_name("speechkit")
    args = [speechkit_command, "targets", big, "--csv", "--scheduler", process_cluster]
    with distributed.Client(process_cluster, set_as_default=False) as client:
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 60
            while not client.run_on_scheduler(tasks) and time.monotonic() < deadline:
                time.sleep(0.02)
            assert client.run_on_scheduler(tasks), "the command never submitted a task"
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=30) == 130
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        deadline = time.monotonic() + 15
        while client.run_on_scheduler(tasks) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.run_on_scheduler(tasks) == 0
        assert len(client.scheduler_info()["workers"]) == 2  # the cluster is still there
    assert b"Traceback" not in process.stderr.read()
    process.stderr.close()
