"""One thin connection wrapper over sqlite3 and psycopg, so the store's SQL is written once.

SQL is written with ``?`` placeholders, sqlite3's own style, and handed to sqlite3 untouched.
psycopg gets it through a ``RawCursor``: server-side binding with PostgreSQL's own ``$1, $2``
placeholders, so a ``%`` in the SQL text is just a character (no ``%%`` escaping), and each
``?`` becomes ``$n`` only where it is a placeholder, not inside a string literal, a quoted
identifier or a comment. Transactions are explicit (``BEGIN``/``COMMIT``) on both, because a
document and its events must land together or not at all.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.errors import BadInputError


def is_postgres_url(db_url: str) -> bool:
    """PostgreSQL DSNs start with a scheme; anything else is a SQLite file path."""
    return db_url.startswith(("postgresql://", "postgres://"))


def sqlite_path(db_url: str) -> str:
    """The file a SQLite ``--db`` value names (a bare path or a sqlite:/// URL)."""
    return db_url.removeprefix("sqlite:///")


# What a ``?`` can hide in: standard SQL strings ('it''s'), quoted identifiers, comments.
# PostgreSQL reads backslashes in '...' literally (standard_conforming_strings, on since 9.1).
_SQL_LITERAL_OR_QMARK = re.compile(
    r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|\?", re.DOTALL)


@lru_cache(maxsize=2048)
def numbered_placeholders(sql: str) -> str:
    """``sql`` with each ``?`` placeholder numbered ``$1, $2, ...`` for PostgreSQL; a ``?``
    inside a literal, a quoted identifier or a comment is left alone."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group() != "?":
            return match.group()
        count += 1
        return f"${count}"

    return _SQL_LITERAL_OR_QMARK.sub(number, sql)


def _open_sqlite(path: str) -> sqlite3.Connection:
    """Connect and set the pragmas; a folder or a file that is not SQLite is the user's to fix,
    so it becomes a BadInputError with the path instead of sqlite3's traceback."""
    if path != ":memory:":
        if Path(path).is_dir():
            raise BadInputError(f"--db {path} is a folder, not a SQLite database file")
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BadInputError(f"cannot create a database at {path}: {error}") from error
    try:
        # autocommit mode: we issue BEGIN/COMMIT ourselves
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise BadInputError(f"cannot open the SQLite database {path}: {error}") from error
    conn.execute("PRAGMA busy_timeout=10000")  # reads nothing from the file
    try:
        conn.execute("PRAGMA journal_mode=WAL")  # the first read: fails on a non-SQLite file
    except sqlite3.DatabaseError as error:
        conn.close()
        if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
            raise BadInputError(f"{path} is not a SQLite database") from error
        raise BadInputError(f"cannot open the SQLite database {path}: {error}") from error
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


class Database:
    """A DB-API connection plus the few dialect facts the store needs."""

    def __init__(self, db_url: str) -> None:
        self.url = db_url
        self.dialect = "postgresql" if is_postgres_url(db_url) else "sqlite"
        self._depth = 0
        if self.dialect == "postgresql":
            import psycopg

            try:
                self.conn: Any = psycopg.connect(db_url, autocommit=True,
                                                 cursor_factory=psycopg.RawCursor)
            except psycopg.Error as error:  # psycopg's message spans lines: keep one
                raise BadInputError("cannot connect to the PostgreSQL database: "
                                    + " ".join(str(error).split())) from error
        else:
            self.conn = _open_sqlite(sqlite_path(db_url))

    @property
    def float_type(self) -> str:
        """PostgreSQL REAL is 4 bytes: coordinates need double precision."""
        return "DOUBLE PRECISION" if self.dialect == "postgresql" else "REAL"

    def _sql(self, sql: str) -> str:
        return numbered_placeholders(sql) if self.dialect == "postgresql" else sql

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


def require_postgres_store(db_url: str) -> None:
    """A reading command's PostgreSQL URL must reach a server, a database and a sitrep store
    in it (found by the URL's search path); only ``ingest`` creates one, so nothing is created
    here. The URL is not repeated: it may hold a password."""
    db = Database(db_url)
    try:
        if not db.table_exists("schema_version"):
            raise BadInputError("no sitrep store in that PostgreSQL database: "
                                "`sitrep ingest --db URL` creates one")
    finally:
        db.close()
