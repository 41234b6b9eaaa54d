"""Feed input records through the extractor into the store, one transaction per document.

Inputs are hashed before extraction, so a re-run (after a crash or a kill) skips what is
already stored without paying for extraction again.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError
from sitrep.ingest.published import is_date_warning
from sitrep.store.store import Store, content_hash


@dataclass
class IngestResult:
    stored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (which record, why)
    # (id, warning) where the publication date was guessed or is missing: dates relative to
    # it ("on Tuesday") may be wrong, and --published or a 'published' field fixes that
    date_warnings: list[tuple[str, str]] = field(default_factory=list)


def read_files(paths: Iterable[Path], published: date | None = None
               ) -> Iterator[dict[str, Any] | SitrepError]:
    """Input records from story files; a file that cannot be read is an error item, so it
    costs only itself. The year of a dateline is left for extraction to infer (and warn)."""
    from sitrep.ingest import read_document

    for path in paths:
        try:
            doc = read_document(str(path), published=published)
        except SitrepError as error:
            yield error
            continue
        yield {"id": doc.id, "text": doc.text, "title": doc.title, "outlet": doc.outlet,
               "url": doc.url,
               "published": doc.published.isoformat() if doc.published_source == "metadata"
               else None}


def input_hash(record: dict[str, Any]) -> str:
    return content_hash(str(record.get("text") or record.get("html") or ""))


def _complete(result: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """Fill what the extractor left out from the input record (id, outlet, url, ...)."""
    doc = result["document"]
    if doc.get("error"):
        raise SitrepError(str(doc["error"]), doc.get("exit_code"))
    # text fields only: the publication date is the extractor's choice (a record's
    # unreadable 'published' was ignored there with a warning, not to be stored here)
    for key in ("id", "outlet", "url", "title"):
        if not doc.get(key) and isinstance(record.get(key), str) and record[key].strip():
            doc[key] = record[key]
    return result


def ingest_records(store: Store, records: Iterable[dict[str, Any] | SitrepError],
                   on_done: Callable[[str], None] | None = None,
                   published: date | None = None) -> IngestResult:
    """Extract and store each record not stored yet, as a stream: memory stays bounded
    however long the batch. Unreadable records (error items from the reader, or stories the
    extractor refuses) are collected in ``failed``, never fatal.

    Records already stored (same input hash) are skipped before extraction; the rest go
    through the extractor (it batches) and each result is committed on its own.
    """
    from sitrep.extract import extract_documents  # the lead's pipeline, loaded lazily

    out = IngestResult()
    waiting: deque[tuple[dict[str, Any], str]] = deque()  # sent to the extractor, in order

    def to_extract() -> Iterator[dict[str, Any]]:
        for record, digest in unstored(store, records, out, on_done):
            waiting.append((record, digest))
            yield record

    for result in extract_documents(to_extract(), published=published):
        record, digest = waiting.popleft()
        store_result(store, record, digest, result, out, on_done)
    return out


def unstored(store: Store, records: Iterable[dict[str, Any] | SitrepError], out: IngestResult,
             on_done: Callable[[str], None] | None = None
             ) -> Iterator[tuple[dict[str, Any], str]]:
    """The records not in the store yet, with their input hash; the others count as skipped,
    and error items from the reader as failed (with the file and line they name)."""
    done = on_done or (lambda _rid: None)
    for record in records:
        if isinstance(record, SitrepError):
            where = getattr(record, "where", "")  # a whole file names itself in the reason
            out.failed.append((where, getattr(record, "reason", None) or str(record)))
            done(where)
            continue
        digest = input_hash(record)
        if store.has_hash(digest):
            out.skipped.append(str(record.get("id") or "?"))
            done(str(record.get("id") or "?"))
        else:
            yield record, digest


def store_result(store: Store, record: dict[str, Any], digest: str, result: dict[str, Any],
                 out: IngestResult, on_done: Callable[[str], None] | None = None) -> None:
    """Commit one extracted record (with the hash of its input), or note why it failed."""
    rid = str(record.get("id") or result["document"].get("id") or "?")
    try:
        doc_id = store.add_extracted(_complete(result, record), digest=digest)
    except SitrepError as error:
        out.failed.append((rid, str(error)))
    else:
        (out.stored if doc_id else out.skipped).append(doc_id or rid)
        out.date_warnings.extend((doc_id or rid, warning) for warning in
                                 result["document"].get("warnings") or []
                                 if is_date_warning(warning))
    if on_done:
        on_done(rid)


def merge_settings(store: Store) -> tuple[float, int]:
    """The thresholds of the last ``sitrep merge`` (defaults 10 km, 0 days: dates must overlap)."""
    saved = json.loads(store.get_setting("merge") or "{}")
    return float(saved.get("max_km", 10.0)), int(saved.get("max_days", 0))


def ingest_one(store: Store, body: dict[str, Any]) -> dict[str, Any]:
    """``POST /documents``: an input record, or a ready ``{"document", "events"}`` result."""
    from fastapi import HTTPException

    from sitrep.merge.incremental import merge_pending

    if isinstance(body.get("document"), dict) and isinstance(body.get("events"), list):
        doc_id = store.add_extracted(body)
        rid = str(body["document"].get("id") or "")
    else:
        if not (body.get("text") or body.get("html")):
            raise HTTPException(422, "a record needs 'text' or 'html'")
        try:
            result = ingest_records(store, [body])
        except ImportError as error:
            raise HTTPException(503, f"the extractor is not available: {error}") from error
        if result.failed:
            raise HTTPException(422, result.failed[0][1])
        doc_id = result.stored[0] if result.stored else None
        rid = str(body.get("id") or "")
    if doc_id:  # only the new reports' neighbourhood is clustered again
        merge_pending(store)
    found = store.document(doc_id or rid) if (doc_id or rid) else None
    return {"document_id": doc_id or rid, "stored": doc_id is not None,
            "event_ids": found["event_ids"] if found else []}
