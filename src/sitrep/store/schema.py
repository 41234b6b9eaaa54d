"""Versioned schema: numbered migration steps, applied in order, recorded in ``schema_version``.

A new column or index is a new step appended to ``MIGRATIONS``; existing steps never change,
so a database made by an older sitrep upgrades in place.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.store.db import Database
from sitrep.store.generation import read_generation
from sitrep.store.search_schema import search_indexes


def _v1(db: Database) -> list[str]:
    f = db.float_type
    return [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT, outlet TEXT, published TEXT, published_source TEXT, url TEXT,
            dateline_place TEXT, language TEXT, text TEXT NOT NULL, warnings TEXT NOT NULL,
            ingested_at TEXT NOT NULL)""",
        f"""CREATE TABLE events (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            record TEXT NOT NULL,
            date_start TEXT, date_end TEXT, date_precision TEXT,
            event_type TEXT, sub_event_type TEXT,
            country_code TEXT, country TEXT, admin1 TEXT, location_name TEXT, district TEXT,
            lat {f}, lon {f}, geo_precision INTEGER,
            fatalities_min INTEGER, fatalities_max INTEGER,
            injuries_min INTEGER, injuries_max INTEGER,
            crowd_min INTEGER, crowd_max INTEGER,
            actor1_name TEXT, actor1_label TEXT, actor1_kind TEXT,
            actor2_name TEXT, actor2_label TEXT, actor2_kind TEXT,
            summary TEXT,
            cluster_id TEXT)""",
        """CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            document_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            outlet TEXT, claimant TEXT, claimant_role TEXT, claimant_org TEXT,
            party_to_conflict INTEGER, quote TEXT)""",
        """CREATE TABLE evidence (
            id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            claim_id TEXT,
            seq INTEGER NOT NULL,
            span_start INTEGER, span_end INTEGER, text TEXT, field TEXT)""",
        f"""CREATE TABLE clusters (
            id TEXT PRIMARY KEY,
            record TEXT NOT NULL,
            date_start TEXT, date_end TEXT, date_precision TEXT,
            event_type TEXT, sub_event_type TEXT,
            country_code TEXT, country TEXT, admin1 TEXT, location_name TEXT,
            lat {f}, lon {f}, geo_precision INTEGER,
            fatalities INTEGER, fatalities_max INTEGER,
            actors_text TEXT, search_text TEXT, outlets TEXT,
            n_reports INTEGER NOT NULL,
            updated_at TEXT NOT NULL)""",
        "CREATE INDEX events_document ON events(document_id)",
        "CREATE INDEX events_cluster ON events(cluster_id)",
        "CREATE INDEX events_date ON events(date_start)",
        "CREATE INDEX claims_event ON claims(event_id)",
        "CREATE INDEX evidence_event ON evidence(event_id)",
        "CREATE INDEX clusters_date ON clusters(date_start, id)",
        "CREATE INDEX clusters_date_end ON clusters(date_end)",
        "CREATE INDEX clusters_country_date ON clusters(country_code, date_start)",
        "CREATE INDEX clusters_type_date ON clusters(event_type, date_start)",
        "CREATE INDEX clusters_fatalities ON clusters(fatalities, id)",
        "CREATE INDEX clusters_lon_lat ON clusters(lon, lat)",
    ]


def _v2(db: Database) -> list[str]:
    """Where merge settings live, so a later ``ingest`` reuses the last thresholds."""
    return ["CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"]


def _v3(db: Database) -> list[str]:
    """What the web sources remember: each URL fetched (or refused, and why), each feed's
    last poll with its ETag/Last-Modified for a conditional GET."""
    return [
        """CREATE TABLE fetched_urls (
            url TEXT PRIMARY KEY, status TEXT NOT NULL, reason TEXT, content_hash TEXT,
            document_id TEXT, attempts INTEGER NOT NULL, retry INTEGER NOT NULL,
            listed_by TEXT, fetched_at TEXT NOT NULL)""",
        """CREATE TABLE feed_polls (
            feed_url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, polled_at TEXT NOT NULL,
            status TEXT NOT NULL, message TEXT, items INTEGER NOT NULL,
            new_items INTEGER NOT NULL, events INTEGER NOT NULL, errors INTEGER NOT NULL)""",
    ]


# ---- incremental merge (issue 12): what a new report needs to find its neighbours --------
def _v4_merge_neighbourhood(db: Database) -> list[str]:
    """Victim marks per report (retellings and how common a mark is, without reading every
    record), events by country and date (the reports a new one may be merged with), and the
    reports of replaced documents (their old neighbours must be merged again)."""
    return [
        """CREATE TABLE merge_marks (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            document_id TEXT NOT NULL,
            mark TEXT NOT NULL,
            PRIMARY KEY (event_id, mark))""",
        "CREATE INDEX merge_marks_mark ON merge_marks(mark, document_id)",
        "CREATE INDEX events_country_date ON events(country_code, date_start)",
        # how many reports share an event, counted without reading every merged record
        "CREATE INDEX clusters_reports ON clusters(n_reports)",
        # reports of replaced documents, until the next merge re-places their neighbours
        """CREATE TABLE merge_departed (
            event_id TEXT NOT NULL, document_id TEXT NOT NULL, published TEXT, outlet TEXT,
            record TEXT NOT NULL)""",
    ]


MIGRATIONS = [_v1, _v2, _v3, _v4_merge_neighbourhood, search_indexes, read_generation]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(db: Database) -> int:
    if not db.table_exists("schema_version"):
        return 0
    return int(db.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version") or 0)


def migrate(db: Database) -> int:
    """Bring the database up to ``SCHEMA_VERSION``; each step is its own transaction."""
    with db.transaction():
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
    version = current_version(db)
    for number, step in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        with db.transaction():
            # re-check under the write lock: two processes may migrate at once
            if current_version(db) >= number:
                continue
            for statement in step(db):
                db.execute(statement)
            db.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (number, datetime.now(UTC).isoformat(timespec="seconds")),
            )
    return current_version(db)
