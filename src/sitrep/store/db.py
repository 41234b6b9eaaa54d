"""One thin connection wrapper over sqlite3 and psycopg, so the store's SQL is written once.

SQL is written with ``?`` placeholders and translated for psycopg; transactions are explicit
(``BEGIN``/``COMMIT``) on both, because a document and its events must land together or not
at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def is_postgres_url(db_url: str) -> bool:
    """PostgreSQL DSNs start with a scheme; anything else is a SQLite file path."""
    return db_url.startswith(("postgresql://", "postgres://"))


class Database:
    """A DB-API connection plus the few dialect facts the store needs."""

    def __init__(self, db_url: str) -> None:
        self.url = db_url
        self.dialect = "postgresql" if is_postgres_url(db_url) else "sqlite"
        self._depth = 0
        if self.dialect == "postgresql":
            import psycopg

            self.conn: Any = psycopg.connect(db_url, autocommit=True)
        else:
            path = db_url.removeprefix("sqlite:///")
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # autocommit mode: we issue BEGIN/COMMIT ourselves
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=10000")

    @property
    def float_type(self) -> str:
        """PostgreSQL REAL is 4 bytes: coordinates need double precision."""
        return "DOUBLE PRECISION" if self.dialect == "postgresql" else "REAL"

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return the cursor."""
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(self._sql(sql), [tuple(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing block; nested uses join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    def table_exists(self, name: str) -> bool:
        if self.dialect == "sqlite":
            sql = "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?"
        else:
            sql = "SELECT 1 FROM information_schema.tables WHERE table_name=? " \
                "AND table_schema=current_schema()"
        return self.scalar(sql, (name,)) is not None

    def close(self) -> None:
        self.conn.close()
