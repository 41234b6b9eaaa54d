"""Extraction: documents in, sourced event records out.

``extract_documents`` is the one entry point the CLI, the scorer and the store use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError, UnsupportedLanguageError
from sitrep.types import Document


@lru_cache(maxsize=1)
def default_pipeline():
    from sitrep.extract.pipeline import Pipeline

    return Pipeline.from_config()


def extract(documents: Iterable[Document]) -> Iterator[dict[str, Any]]:
    """Run the default pipeline over ingested documents."""
    yield from default_pipeline().extract(documents)


def extract_documents(
    records: Iterable[dict[str, Any]],
    published: date | None = None,
    config: Path | None = None,
) -> Iterator[dict[str, Any]]:
    """Input records (``{"id", "text" or "html", "published", ...}``) -> results, in order.

    A record that cannot be read yields ``{"document": {"id", "error", "exit_code"}, "events":
    []}`` instead of stopping the batch: no document is silently dropped.
    """
    from sitrep.ingest import document_from_record

    def documents() -> Iterator[Document | dict[str, Any]]:
        for record in records:
            try:
                yield document_from_record(record, published=published)
            except SitrepError as error:
                yield failed(record.get("id"), error)

    yield from run_in_order(documents(), config)


def failed(doc_id: Any, error: SitrepError) -> dict[str, Any]:
    result: dict[str, Any] = {
        "document": {
            "id": doc_id,
            "error": str(error),
            "exit_code": error.exit_code,
            "warnings": [str(error)],
        },
        "events": [],
    }
    if isinstance(error, UnsupportedLanguageError):
        result["document"]["language_supported"] = False
    return result


def run_in_order(
    items: Iterable[Document | dict[str, Any]], config: Path | None = None
) -> Iterator[dict[str, Any]]:
    """Extract the documents, passing failures (ready results) through at their place in the
    input; at most 256 items wait at a time."""
    pending: list[Document | dict[str, Any]] = []
    for item in items:
        pending.append(item)
        if len(pending) >= 256:
            yield from _flush(pending, config)
            pending = []
    yield from _flush(pending, config)


def _flush(
    pending: list[Document | dict[str, Any]], config: Path | None = None
) -> Iterator[dict[str, Any]]:
    from sitrep.extract.parallel import pipeline_for

    documents = [p for p in pending if isinstance(p, Document)]
    results = iter(pipeline_for(config).extract(documents))
    for item in pending:
        yield next(results) if isinstance(item, Document) else item
