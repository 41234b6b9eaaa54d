"""Ingest past one process: shards of input records extracted by a process pool
(``--workers N``) or a Dask cluster (``--dask SCHEDULER|local:N``), stored by the client."""

from sitrep.scale.sharded import ingest_parallel

__all__ = ["ingest_parallel"]
