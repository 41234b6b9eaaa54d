"""Shard input records, extract each shard elsewhere, store the results here in input order.

The executor (a fork-started process pool, or a Dask client) only ever sees JSON text: a shard
of input records goes out, its ``{"document", "events"}`` results come back, so nothing of ours
is pickled but strings. Records are hashed before they are sent, and a stored hash is skipped,
so a run killed at any point (client or worker) is resumed by running it again; results are
stored in input order, so event ids come out as in a run without workers.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from sitrep.errors import BadInputError, SitrepError
from sitrep.store.ingest import IngestResult, ingest_records, store_result, unstored
from sitrep.store.store import Store

# records per task: a batched parse, and little lost when a worker dies (SITREP_SHARD_SIZE)
SHARD = 32
IN_FLIGHT_PER_WORKER = 3  # shards queued per worker, so none waits and memory stays bounded


class Executor(Protocol):
    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


def extract_shard(lines: str, config: str | None, published: str | None = None) -> str:
    """Worker side: JSON lines of input records -> JSON lines of results, in order. The
    pipeline is built once per worker process (``parallel.pipeline_for`` caches it);
    ``published`` (ISO) is the run's ``--published`` for records that give none."""
    from sitrep.extract import extract_documents

    records = [json.loads(line) for line in lines.splitlines()]
    results = extract_documents(records, published=date.fromisoformat(published)
                                if published else None, config=Path(config) if config else None)
    return "\n".join(json.dumps(result, ensure_ascii=False) for result in results)


def ingest_parallel(store: Store, records: Iterable[dict[str, Any]], *, workers: int = 1,
                    dask: str | None = None, config: Path | None = None,
                    published: date | None = None,
                    on_done: Callable[[str], None] | None = None) -> IngestResult:
    """``sitrep ingest`` with ``--workers N`` or ``--dask ADDRESS|local:N``; with neither it
    is ``ingest_records`` itself."""
    if dask:
        from sitrep.scale.dask_cluster import dask_executor

        with dask_executor(dask, config) as (executor, n_workers):
            return ingest_sharded(store, records, executor, n_workers, config, on_done,
                                  published)
    if workers > 1:
        with process_executor(workers, config) as executor:
            return ingest_sharded(store, records, executor, workers, config, on_done,
                                  published)
    return ingest_records(store, records, published=published, on_done=on_done)


@contextmanager
def process_executor(workers: int, config: Path | None) -> Iterator[Executor]:
    """A pool forked after the models are loaded here, so every worker shares them."""
    from sitrep.extract.parallel import warm_up

    if workers < 1:
        raise BadInputError("--workers must be at least 1")
    warm_up(config)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool


def shard_size() -> int:
    """Records per task: ``SITREP_SHARD_SIZE`` when set (a positive number), else ``SHARD``."""
    value = os.environ.get("SITREP_SHARD_SIZE", "")
    if not value:
        return SHARD
    if not value.isdigit() or int(value) < 1:
        raise BadInputError(f"SITREP_SHARD_SIZE must be a positive number, not {value!r}")
    return int(value)


def ingest_sharded(store: Store, records: Iterable[dict[str, Any]], executor: Executor,
                   workers: int, config: Path | None = None,
                   on_done: Callable[[str], None] | None = None,
                   published: date | None = None) -> IngestResult:
    """Send shards of the unstored records to ``executor``, a bounded number at a time, and
    store each shard's results as soon as it and every shard before it are back."""
    out = IngestResult()
    todo = unstored(store, records, out, on_done)
    size = shard_size()
    pending: deque[tuple[list[tuple[dict[str, Any], str]], Any]] = deque()
    cfg = str(config) if config else None
    day = published.isoformat() if published else None
    while True:
        while len(pending) < IN_FLIGHT_PER_WORKER * max(workers, 1) and (
                shard := list(islice(todo, size))):
            lines = "\n".join(json.dumps(record, ensure_ascii=False) for record, _ in shard)
            pending.append((shard, executor.submit(extract_shard, lines, cfg, day)))
        if not pending:
            return out
        shard, future = pending.popleft()
        try:
            text = future.result()
        except SitrepError:
            raise
        except Exception as error:  # a worker lost for good, the cluster gone
            raise SitrepError(f"extraction on the workers failed ({type(error).__name__}: "
                              f"{error}); what is stored stays, run the same command again "
                              "to resume") from error
        results = [json.loads(line) for line in text.splitlines()]
        for (record, digest), result in zip(shard, results, strict=True):
            store_result(store, record, digest, result, out, on_done)
