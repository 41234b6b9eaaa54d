"""The event store (SQLite or PostgreSQL): documents, events, claims, evidence, clusters."""

from sitrep.store.db import Database, is_postgres_url
from sitrep.store.query import EventFilters
from sitrep.store.store import Store, content_hash

__all__ = ["Database", "EventFilters", "Store", "content_hash", "is_postgres_url"]
