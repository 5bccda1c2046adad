"""Tasks: the unit of work engines ship to workers gives the runner's records."""

from __future__ import annotations

import pickle

import speechkit
from speechkit.analyzers import REGISTRY
from speechkit.analyzers.runner import run
from speechkit.engines.tasks import run_task, scan_task

from .conftest import SAMPLE


def test_tasks_pickle_and_give_the_same_rows_as_the_runner():
    for name in ("slogans", "directives", "targets"):
        analyzer = REGISTRY[name]
        options = analyzer.resolve()
        tasks = list(speechkit.load(SAMPLE).tasks(batch=4))
        assert [len(t.items) for t in tasks] == [4, 4, 1]
        tasks = [pickle.loads(pickle.dumps(t)) for t in tasks]
        context = None
        if analyzer.rounds == 2:
            scans = [scan for task in tasks for scan in scan_task(name, options, task)]
            context = analyzer.gather(scans, **options)
        records = [r for task in tasks for r in run_task(name, options, task, context)]
        rows = analyzer.combine(records, **options)
        assert rows == run(analyzer, speechkit.load(SAMPLE))
