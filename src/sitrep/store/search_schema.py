"""Schema step 3: what makes every filter of ``/events`` an index lookup on a large store.

Kept apart from the table definitions (schema.py) because it is dialect-specific. Text
filters (``q``, ``actor``, ``claimant``) are substring matches, so both dialects index
trigrams, which answer ``LIKE '%words%'`` from the index with the same meaning as a scan:
SQLite in FTS5 tables with the ``trigram`` tokenizer, kept in step with their tables by
triggers (writers need not know they exist); PostgreSQL in GIN ``pg_trgm`` indexes when the
extension can be had (else the same queries run as scans). The other indexes serve the
sorts and the claims filters.

The FTS5 tables follow their tables by rowid; a manual ``VACUUM`` may renumber the rowids of
``clusters`` and ``claims`` (no INTEGER PRIMARY KEY), after which
``INSERT INTO cluster_text(cluster_text) VALUES ('rebuild')`` (and the same for
``claim_text``) realigns them. sitrep itself never vacuums.
"""

from __future__ import annotations

from sitrep.store.db import Database

# Every column a filter of /events tests, after the leading ones: an index that holds them all
# answers a count or a page's ids without reading the clusters' rows (each carries its whole
# record, so reading rows is what made a broad filter slow).
_FILTER_COLUMNS = ["date_start", "date_end", "country_code", "event_type", "sub_event_type",
                   "lon", "lat", "fatalities", "id"]


def _covering(name: str, *leading: str) -> str:
    rest = [c for c in _FILTER_COLUMNS if c not in leading]
    return f"CREATE INDEX {name} ON clusters({', '.join([*leading, *rest])})"


# both dialects: covering indexes led by each filter, the fatalities sort, and the
# claims <-> events <-> clusters paths of the claims filters (both directions)
_COMMON = [
    "DROP INDEX clusters_date_end",
    "DROP INDEX clusters_country_date",
    "DROP INDEX clusters_type_date",
    "DROP INDEX clusters_lon_lat",
    _covering("clusters_by_start", "date_start"),
    _covering("clusters_by_end", "date_end"),
    _covering("clusters_by_country", "country_code", "event_type"),
    _covering("clusters_by_type", "event_type", "sub_event_type"),
    _covering("clusters_by_sub_type", "sub_event_type"),
    _covering("clusters_by_place", "lon", "lat"),
    "CREATE INDEX clusters_fatalities_sort ON clusters(COALESCE(fatalities, 0), id)",
    "CREATE INDEX claims_party ON claims(party_to_conflict, event_id)",
    "CREATE INDEX claims_event_party ON claims(event_id, party_to_conflict)",
    "CREATE INDEX events_id_cluster ON events(id, cluster_id)",
    "CREATE INDEX events_cluster_id ON events(cluster_id, id)",
]


def _fts5_mirror(name: str, table: str, columns: list[str]) -> list[str]:
    """An external-content FTS5 trigram table over ``table``'s ``columns`` (rowid for rowid),
    filled now and kept in step by insert, delete and update triggers."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    remove = (f"INSERT INTO {name}({name}, rowid, {cols}) VALUES ('delete', old.rowid, {old});")
    add = f"INSERT INTO {name}(rowid, {cols}) VALUES (new.rowid, {new});"
    return [
        f"CREATE VIRTUAL TABLE {name} USING fts5({cols}, content='{table}', "
        "content_rowid='rowid', tokenize='trigram')",
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"{remove} {add} END",
        f"INSERT INTO {name}({name}) VALUES ('rebuild')",
    ]


def _trigram_opclass(db: Database) -> str | None:
    """``schema.gin_trgm_ops`` of the pg_trgm extension, installing it when allowed; None when
    the server lacks it or refuses (the text filters then scan)."""
    sql = ("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
           "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'")
    schema = db.scalar(sql)
    if schema is None:
        import psycopg

        db.execute("SAVEPOINT trigram")
        try:
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg.Error:  # not installed on the server, or no privilege to install it
            db.execute("ROLLBACK TO SAVEPOINT trigram")
            return None
        db.execute("RELEASE SAVEPOINT trigram")
        schema = db.scalar(sql)
    return f'"{schema}".gin_trgm_ops'


def search_indexes(db: Database) -> list[str]:
    """Step 3: trigram text search and the indexes each filter needs."""
    if db.dialect == "sqlite":
        return [*_COMMON,
                *_fts5_mirror("cluster_text", "clusters", ["actors_text", "search_text"]),
                *_fts5_mirror("claim_text", "claims", ["claimant", "claimant_org"])]
    opclass = _trigram_opclass(db)
    if opclass is None:
        return _COMMON
    return [*_COMMON,
            f"CREATE INDEX clusters_actors_trgm ON clusters USING gin (actors_text {opclass})",
            f"CREATE INDEX clusters_search_trgm ON clusters USING gin (search_text {opclass})",
            f"CREATE INDEX claims_claimant_trgm ON claims USING gin (LOWER(claimant) {opclass})",
            "CREATE INDEX claims_claimant_org_trgm ON claims "
            f"USING gin (LOWER(claimant_org) {opclass})"]
