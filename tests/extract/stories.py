"""Running the extractor on a story written for a test: one definition for the story tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.extract import extract
from sitrep.ingest import read_text


def events_of(text: str, published: date) -> list[dict[str, Any]]:
    """The event records of one story, published on ``published``."""
    return next(extract([read_text(text, doc_id="t", published=published)]))["events"]
