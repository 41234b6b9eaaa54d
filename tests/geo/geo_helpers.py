"""Helpers the geocoder tests share."""

from __future__ import annotations

from sitrep.types import Document


def locate_in(geocoder, nlp, text: str, dateline: str | None = None):
    """All place mentions of ``text``, and the place of an event told by the whole text."""
    doc = nlp(text)
    document = Document(id="t", text=text, dateline_place=dateline)
    mentions = geocoder.find_places(document, doc)
    return mentions, geocoder.locate_event(mentions, 0, len(text), document, doc)


def place_count(path) -> int:
    """Rows in an index's places table: proves a failed load left it as it was."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
    finally:
        conn.close()
