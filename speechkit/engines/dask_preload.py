"""Imported once by the fork server that starts a LocalCluster's workers (see
``speechkit.engines.dask``): every worker forked from it starts with the task functions
imported and OpenCC's tables loaded."""

from speechkit.engines import tasks  # noqa: F401  (imported for the workers)
from speechkit.ingest.convert import to_simplified

to_simplified("")
