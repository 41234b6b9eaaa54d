"""Extraction over several processes: each worker loads the parser, gazetteer and models once.

spaCy's parse holds the GIL, so threads do not help; processes do. Documents go to the workers
in chunks (large enough for spaCy's batched parse) and come back in input order, so
``--workers 2`` writes exactly what one process writes. Only our own ``Document`` objects and
plain result dicts cross the process boundary; no model file is ever unpickled.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from sitrep.types import Document

CHUNK = 64  # documents per task: big enough for a batched parse, small enough to balance


@lru_cache(maxsize=4)
def pipeline_for(config: Path | None):
    """The default pipeline, or the one a user's config file (``--config``) sets up."""
    from sitrep.extract import default_pipeline
    from sitrep.extract.pipeline import Pipeline

    return default_pipeline() if config is None else Pipeline.from_config(overrides=config)


def warm_up(config: Path | None) -> None:
    """Load the pipeline's parser, gazetteer and classifiers (lazily loaded parts included)
    before the fork, so that every worker has them."""
    from sitrep.extract.marks import load_word_frequencies
    from sitrep.ingest import read_text

    list(pipeline_for(config).extract([read_text("Warm-up.", doc_id="warm-up")]))
    load_word_frequencies()  # the one story above names no victims: it never asked


def _extract_chunk(
    items: list[Document | dict[str, Any]], config: Path | None
) -> list[dict[str, Any]]:
    from sitrep.extract import run_in_order

    return list(run_in_order(items, config))


def extract_parallel(
    documents: Iterable[Document | dict[str, Any]],
    workers: int,
    chunk: int = CHUNK,
    config: Path | None = None,
) -> Iterator[dict[str, Any]]:
    """Results for ``documents`` in input order, computed by ``workers`` processes.

    An item that is already a result (a document that could not be read) passes through at
    its place, so a batch streams however many of its lines fail. One worker (or fewer than
    two) runs in this process, with no pool at all.
    """
    if workers < 2:
        from sitrep.extract import run_in_order

        yield from run_in_order(documents, config)
        return
    # the models are loaded here, once, and fork hands them to every worker copy-on-write:
    # no worker spends seconds loading its own
    warm_up(config)
    context = multiprocessing.get_context("fork")
    iterator = iter(documents)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending = []
        # keep a bounded number of chunks in flight, so a huge batch is never all in memory
        while True:
            while len(pending) < 2 * workers and (batch := list(islice(iterator, chunk))):
                pending.append(pool.submit(_extract_chunk, batch, config))
            if not pending:
                break
            yield from pending.pop(0).result()
