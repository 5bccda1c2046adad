"""The forked pool: results in order, and no wake-up of its worker keeper per result."""

from __future__ import annotations

import pytest

from speechkit.parallel import bounded_imap, can_fork, fork_pool

pytestmark = pytest.mark.skipif(not can_fork(2), reason="needs fork and 2 jobs")


def _square(n: int) -> int:
    return n * n


def test_results_come_in_order():
    with fork_pool(2) as pool:
        assert list(bounded_imap(pool, _square, range(200), 2)) == [n * n for n in range(200)]


def test_the_worker_keeper_waits_on_state_changes_not_on_results():
    with fork_pool(2) as pool:
        assert pool._outqueue._reader not in pool._get_sentinels()
