"""Ingest: files, stdin, HTML pages and JSONL records -> ``sitrep.types.Document``."""

from sitrep.ingest.jsonl import BadLineError, read_records
from sitrep.ingest.reader import (
    NO_DATELINE_WARNING,
    document_from_record,
    read_document,
    read_jsonl,
    read_text,
)
from sitrep.ingest.source import DEFAULT_MAX_BYTES

__all__ = [
    "BadLineError",
    "DEFAULT_MAX_BYTES",
    "NO_DATELINE_WARNING",
    "document_from_record",
    "read_document",
    "read_jsonl",
    "read_records",
    "read_text",
]
