"""A Dask cluster to extract on: a scheduler's address, or ``local:N`` for a LocalCluster of
N worker processes on this machine. Each worker loads the pipeline once, when it starts
(``LoadPipeline``), and keeps it for every shard it is given."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from sitrep.errors import BadInputError

_LOCAL = re.compile(r"local:(\d+)")
CONNECT_TIMEOUT = "20s"  # SITREP_DASK_CONNECT_TIMEOUT overrides it (a busy cluster, a test)


class LoadPipeline(WorkerPlugin):
    """Builds the extraction pipeline (parser, gazetteer, classifiers) in a worker as it
    starts, and in every worker that joins later, so no shard pays for it."""

    name = "sitrep-pipeline"

    def __init__(self, config: str | None) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        from sitrep.extract.parallel import warm_up

        warm_up(Path(self.config) if self.config else None)


def parse_dask(value: str) -> int | str:
    """``local:N`` -> N (a LocalCluster's workers), else the scheduler's address."""
    value = value.strip()
    if match := _LOCAL.fullmatch(value):
        if int(match.group(1)) < 1:
            raise BadInputError("--dask local:N needs at least one worker")
        return int(match.group(1))
    if not value or value.startswith("local"):
        raise BadInputError(f"--dask takes a scheduler address (tcp://host:8786) or local:N, "
                            f"not {value!r}")
    return value


@contextmanager
def dask_executor(value: str, config: Path | None) -> Iterator[tuple[Any, int]]:
    """A connected ``distributed.Client`` (it has ``submit``) and how many workers it has."""
    from distributed import Client, LocalCluster

    target = parse_dask(value)
    cluster = None
    try:
        if isinstance(target, int):
            import dask

            from sitrep.extract.parallel import warm_up

            # the models are loaded here once and the workers forked from this process
            # share them (as --workers does); one thread each: spaCy's parse holds the GIL
            warm_up(config)
            with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):
                cluster = LocalCluster(n_workers=target, threads_per_worker=1,
                                       processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(target, timeout=os.environ.get("SITREP_DASK_CONNECT_TIMEOUT")
                            or CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise BadInputError(f"cannot reach the Dask scheduler at {value}: {error}") from error
    try:
        client.register_plugin(LoadPipeline(str(config) if config else None))
        workers = max(len(client.scheduler_info()["workers"]), 1)
        yield client, workers
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
