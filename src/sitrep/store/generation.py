"""Schema step 6: a number that changes whenever what the read API shows may have changed.

The API keeps answers to repeated reads (``api/read_cache.py``) and must know, cheaply and
for writes made by any process, whether the store changed since. Triggers on every table the
event reads touch (documents, events, claims, clusters, settings) bump one counter, so no
writer needs to know. On SQLite a row trigger is part of the writing transaction: the new
number is visible exactly when the data is. On PostgreSQL, where writers run concurrently, a
deferred constraint trigger bumps the counter at commit, once per transaction (a
transaction-local flag), so writers wait for each other only at the moment they commit.
"""

from __future__ import annotations

from sitrep.store.db import Database

WATCHED_TABLES = ("documents", "events", "claims", "clusters", "settings")


def _sqlite(tables: tuple[str, ...]) -> list[str]:
    bump = "UPDATE store_generation SET n = n + 1 WHERE id = 1;"
    return [f"CREATE TRIGGER {table}_generation_{verb.lower()} AFTER {verb} ON {table} "
            f"BEGIN {bump} END"
            for table in tables for verb in ("INSERT", "UPDATE", "DELETE")]


_PG_BUMP = """CREATE FUNCTION sitrep_bump_generation() RETURNS trigger AS $$
BEGIN
    IF current_setting('sitrep.generation_bumped', true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('sitrep.generation_bumped', 'on', true);
        UPDATE store_generation SET n = n + 1 WHERE id = 1;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql"""


def _postgresql(tables: tuple[str, ...]) -> list[str]:
    return [_PG_BUMP, *(
        f"CREATE CONSTRAINT TRIGGER {table}_generation AFTER INSERT OR UPDATE OR DELETE "
        f"ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        "EXECUTE FUNCTION sitrep_bump_generation()" for table in tables)]


def read_generation(db: Database) -> list[str]:
    """Step 6: the counter and the triggers that keep it."""
    triggers = _sqlite if db.dialect == "sqlite" else _postgresql
    return ["CREATE TABLE store_generation (id INTEGER PRIMARY KEY CHECK (id = 1), "
            "n BIGINT NOT NULL)",
            "INSERT INTO store_generation (id, n) VALUES (1, 0)",
            *triggers(WATCHED_TABLES)]


def current_generation(db: Database) -> int:
    """The counter now: equal numbers mean no write committed in between."""
    return int(db.scalar("SELECT n FROM store_generation WHERE id = 1"))
