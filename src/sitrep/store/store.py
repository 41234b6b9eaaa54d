"""The event store: documents with their extracted events, claims and evidence spans.

Each document is written in one transaction together with everything extracted from it, and
identified by a hash of its content, so an interrupted or repeated ingest never loses or
doubles anything.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sitrep.store.db import Database
from sitrep.store.schema import migrate


def without_nul(value: Any) -> Any:
    """``value`` with every NUL character in its strings turned into a space: PostgreSQL
    refuses NUL in text, and a space keeps every character offset (evidence spans) valid."""
    if isinstance(value, str):
        return value.replace("\x00", " ") if "\x00" in value else value
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    return value


def content_hash(text: str) -> str:
    """Hash of the text with whitespace runs folded, so re-wrapped copies count as one."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_url(url: Any) -> str | None:
    """``url`` if it is an absolute http(s) link, else None.

    The page and API clients render a story's URL as a link; a ``javascript:`` or ``data:``
    URL from input would run in the reader's browser. Browsers drop tabs and newlines inside
    a URL (``java\nscript:`` is ``javascript:``), so any control character refuses it too.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _num(obj: Any, key: str) -> int | None:
    return obj.get(key) if isinstance(obj, dict) else None


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else None


class Store:
    """Read and write access to one database (SQLite file or PostgreSQL DSN)."""

    def __init__(self, db_url: str) -> None:
        self.db = Database(db_url)
        migrate(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    def has_hash(self, digest: str) -> bool:
        return self.db.scalar("SELECT 1 FROM documents WHERE content_hash=?", (digest,)) is not None

    def add_extracted(self, result: dict[str, Any], digest: str | None = None) -> str | None:
        """Store one ``{"document", "events"}`` result; return its id, or None if already stored.

        ``digest`` lets a caller hash the input as it received it (before extraction); by
        default the document's clean text is hashed. A known id with new content replaces the
        old version (a re-fetched, corrected story).
        """
        result = without_nul(result)
        doc = result["document"]
        text = doc.get("text") or ""
        digest = digest or content_hash(text)
        doc_id = str(doc.get("id") or digest[:16])
        with self.db.transaction():
            if self.has_hash(digest):
                return None
            self._unmerge(doc_id)
            self.db.execute("DELETE FROM documents WHERE id=?", (doc_id,))
            self.db.execute(
                "INSERT INTO documents (id, content_hash, title, outlet, published, "
                "published_source, url, dateline_place, language, text, warnings, ingested_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc_id, digest, doc.get("title"), doc.get("outlet"),
                    doc.get("published"), doc.get("published_source"), safe_url(doc.get("url")),
                    doc.get("dateline_place"), doc.get("language"), text,
                    json.dumps(doc.get("warnings") or []),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            for seq, event in enumerate(result.get("events") or []):
                self._add_event(doc_id, seq, event, doc.get("outlet"))
        return doc_id

    def _unmerge(self, doc_id: str) -> None:
        """A replaced document's merged events lose a report: they are dropped and their other
        reports wait unmerged (no cluster) for the next merge to place them again; its reports
        are kept aside, for that merge to find the neighbours they kept apart."""
        self.db.execute(
            "INSERT INTO merge_departed (event_id, document_id, published, outlet, record) "
            "SELECT e.id, e.document_id, d.published, d.outlet, e.record FROM events e "
            "JOIN documents d ON d.id = e.document_id WHERE e.document_id=?", (doc_id,))
        stale = [r[0] for r in self.db.query(
            "SELECT DISTINCT cluster_id FROM events WHERE document_id=? "
            "AND cluster_id IS NOT NULL", (doc_id,))]
        for cluster_id in stale:
            self.db.execute("UPDATE events SET cluster_id=NULL WHERE cluster_id=?", (cluster_id,))
            self.db.execute("DELETE FROM clusters WHERE id=?", (cluster_id,))

    def _add_event(self, doc_id: str, seq: int, event: dict[str, Any], outlet: Any) -> None:
        event_id = str(event.get("event_id") or f"{doc_id}-{seq + 1}")
        if self.db.scalar("SELECT 1 FROM events WHERE id=?", (event_id,)) is not None:
            event_id = f"{doc_id}:{event_id}"  # ids are per document; keep them apart
        date, loc = event.get("date") or {}, event.get("location") or {}
        a1, a2 = event.get("actor1"), event.get("actor2")
        fat, inj, crowd = event.get("fatalities"), event.get("injuries"), event.get("crowd_size")
        self.db.execute(
            "INSERT INTO events (id, document_id, seq, record, date_start, date_end, "
            "date_precision, event_type, sub_event_type, country_code, country, admin1, "
            "location_name, district, lat, lon, geo_precision, fatalities_min, fatalities_max, "
            "injuries_min, injuries_max, crowd_min, crowd_max, actor1_name, actor1_label, "
            "actor1_kind, actor2_name, actor2_label, actor2_kind, summary) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                event_id, doc_id, seq, json.dumps(event), date.get("start"), date.get("end"),
                date.get("precision"), event.get("event_type"), event.get("sub_event_type"),
                loc.get("country_code"), loc.get("country"), loc.get("admin1"), loc.get("name"),
                loc.get("district"), loc.get("lat"), loc.get("lon"), loc.get("precision"),
                _num(fat, "min"), _num(fat, "max"), _num(inj, "min"), _num(inj, "max"),
                _num(crowd, "min"), _num(crowd, "max"),
                _get(a1, "name"), _get(a1, "source_label"), _get(a1, "kind"),
                _get(a2, "name"), _get(a2, "source_label"), _get(a2, "kind"),
                event.get("summary"),
            ),
        )
        claim_rows, evidence_rows = [], []
        for cseq, claim in enumerate(event.get("claims") or []):
            claim_id = f"{event_id}:c{cseq}"
            ptc = claim.get("party_to_conflict")
            claim_rows.append((
                claim_id, event_id, doc_id, cseq, claim.get("outlet") or outlet,
                claim.get("claimant"), claim.get("claimant_role"), claim.get("claimant_org"),
                None if ptc is None else int(bool(ptc)), claim.get("quote"),
            ))
            for eseq, span in enumerate(claim.get("evidence") or []):
                evidence_rows.append(self._span_row(f"{claim_id}:e{eseq}", event_id, claim_id,
                                                    eseq, span))
        for eseq, span in enumerate(event.get("evidence") or []):
            evidence_rows.append(self._span_row(f"{event_id}:e{eseq}", event_id, None, eseq, span))
        self.db.executemany(
            "INSERT INTO claims (id, event_id, document_id, seq, outlet, claimant, claimant_role,"
            " claimant_org, party_to_conflict, quote) VALUES (?,?,?,?,?,?,?,?,?,?)", claim_rows)
        self.db.executemany(
            "INSERT INTO evidence (id, event_id, claim_id, seq, span_start, span_end, text, field)"
            " VALUES (?,?,?,?,?,?,?,?)", evidence_rows)

    @staticmethod
    def _span_row(span_id: str, event_id: str, claim_id: str | None, seq: int,
                  span: dict[str, Any]) -> tuple[Any, ...]:
        return (span_id, event_id, claim_id, seq, span.get("start"), span.get("end"),
                span.get("text"), span.get("field"))

    def get_setting(self, key: str) -> str | None:
        return self.db.scalar("SELECT value FROM settings WHERE key=?", (key,))

    def set_setting(self, key: str, value: str) -> None:
        with self.db.transaction():
            self.db.execute("DELETE FROM settings WHERE key=?", (key,))
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))

    # ---- reading -------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts per table: what a test or a progress report wants to know."""
        return {
            table: int(self.db.scalar(f"SELECT COUNT(*) FROM {table}"))
            for table in ("documents", "events", "claims", "evidence", "clusters")
        }

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT id, title, outlet, published, url, text, warnings, dateline_place, language "
            "FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            return None
        event_ids = [r[0] for r in self.db.query(
            "SELECT COALESCE(cluster_id, id) FROM events WHERE document_id=? ORDER BY seq",
            (doc_id,))]
        return {
            "id": row[0], "title": row[1], "outlet": row[2], "published": row[3],
            "url": safe_url(row[4]), "text": row[5], "warnings": json.loads(row[6]),
            "dateline_place": row[7], "language": row[8],
            "event_ids": list(dict.fromkeys(event_ids)),
        }

    def reports(self, cluster_id: str) -> list[dict[str, Any]]:
        """One entry per reporting document of a merged event, with that source's figures."""
        rows = self.db.query(
            "SELECT e.id, e.document_id, d.title, d.outlet, d.published, e.record "
            "FROM events e JOIN documents d ON d.id = e.document_id "
            "WHERE e.cluster_id=? ORDER BY d.published, e.document_id, e.seq", (cluster_id,))
        reports = []
        for event_id, doc_id, title, outlet, published, record in rows:
            event = json.loads(record)
            reports.append({
                "event_id": event_id, "document_id": doc_id, "title": title, "outlet": outlet,
                "published": published, "fatalities": event.get("fatalities"),
                "injuries": event.get("injuries"), "crowd_size": event.get("crowd_size"),
                "claims": [dict(c, document_id=doc_id) for c in event.get("claims") or []],
                "evidence": event.get("evidence") or [],
                "summary": event.get("summary"),
            })
        return reports
