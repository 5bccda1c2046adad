"""Imported once by the fork server that starts a LocalCluster's workers (see
``speechkit.engines.dask``): every worker forked from it starts with the task functions
imported and OpenCC's tables loaded, and without one log line that the cluster's own end
provokes."""

import logging

from speechkit.engines import tasks  # noqa: F401  (imported for the workers)
from speechkit.ingest.convert import to_simplified

to_simplified("")


class _ClusterEnd(logging.Filter):
    """Drops the error a worker logs when its heartbeat finds the scheduler gone: the
    command's cluster closes its scheduler while the workers close, and on a loaded machine a
    worker's last heartbeat can fall between the two. (The scheduler runs in the command's
    process: a heartbeat that fails while the run goes on is retried, and a worker that
    misses too many is replaced and its tasks rerun.)"""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to communicate with scheduler")


logging.getLogger("distributed.worker").addFilter(_ClusterEnd())
