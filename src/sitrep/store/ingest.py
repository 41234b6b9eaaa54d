"""Feed input records through the extractor into the store, one transaction per document.

Inputs are hashed before extraction, so a re-run (after a crash or a kill) skips what is
already stored without paying for extraction again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import BadInputError, SitrepError
from sitrep.store.store import Store, content_hash


@dataclass
class IngestResult:
    stored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (id, why)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Input records from a JSONL file; a ``{"document": {...}}`` wrapper is unwrapped.

    A file with no record is an error, as in ``sitrep extract``: storing nothing and exiting 0
    would hide a wrong path or a failed export upstream.
    """
    try:
        lines = path.open(encoding="utf-8")
    except OSError as error:
        raise BadInputError(f"cannot read {path}: {error}") from error
    any_line = False
    with lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            any_line = True
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise BadInputError(f"{path}:{number}: not JSON: {error}") from error
            if isinstance(record.get("document"), dict) and "text" not in record:
                record = record["document"]
            yield record
    if not any_line:
        raise BadInputError(f"{path} is empty: there are no records to read")


def read_files(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """Input records from story files, through the ingest component when it is there."""
    try:
        from sitrep.ingest import read_document
    except ImportError:
        read_document = None
    for path in paths:
        if read_document is not None:
            doc = read_document(str(path))
            yield {"id": doc.id, "text": doc.text, "title": doc.title, "outlet": doc.outlet,
                   "url": doc.url,
                   "published": doc.published.isoformat() if doc.published else None}
        else:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise BadInputError(f"cannot read {path}: {error}") from error
            yield {"id": path.stem, "text": text}


def input_hash(record: dict[str, Any]) -> str:
    return content_hash(str(record.get("text") or record.get("html") or ""))


def _complete(result: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """Fill what the extractor left out from the input record (id, outlet, url, ...)."""
    doc = result["document"]
    if doc.get("error"):
        raise SitrepError(str(doc["error"]), doc.get("exit_code"))
    for key in ("id", "outlet", "url", "published", "title"):
        if not doc.get(key) and record.get(key):
            doc[key] = record[key]
    return result


def ingest_records(store: Store, records: Iterable[dict[str, Any]],
                   on_done: Callable[[str], None] | None = None) -> IngestResult:
    """Extract and store each record not stored yet; unreadable ones are collected, not fatal.

    Records already stored (same input hash) are skipped before extraction; the rest go
    through the extractor as one stream (it batches) and each result is committed on its own.
    """
    from sitrep.extract import extract_documents  # the lead's pipeline, loaded lazily

    out = IngestResult()
    todo = list(unstored(store, records, out, on_done))
    results = extract_documents(record for record, _ in todo)
    for (record, digest), result in zip(todo, results, strict=True):
        store_result(store, record, digest, result, out, on_done)
    return out


def unstored(store: Store, records: Iterable[dict[str, Any]], out: IngestResult,
             on_done: Callable[[str], None] | None = None
             ) -> Iterator[tuple[dict[str, Any], str]]:
    """The records not in the store yet, with their input hash; the others count as skipped."""
    for record in records:
        digest = input_hash(record)
        if store.has_hash(digest):
            out.skipped.append(str(record.get("id") or "?"))
            if on_done:
                on_done(str(record.get("id") or "?"))
        else:
            yield record, digest


def store_result(store: Store, record: dict[str, Any], digest: str, result: dict[str, Any],
                 out: IngestResult, on_done: Callable[[str], None] | None = None) -> None:
    """Commit one extracted record (with the hash of its input), or note why it failed."""
    rid = str(record.get("id") or "?")
    try:
        doc_id = store.add_extracted(_complete(result, record), digest=digest)
    except SitrepError as error:
        out.failed.append((rid, str(error)))
    else:
        (out.stored if doc_id else out.skipped).append(doc_id or rid)
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
