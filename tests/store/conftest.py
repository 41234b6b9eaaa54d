"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

PostgreSQL comes from SITREP_TEST_POSTGRES (a DSN) or from a throwaway cluster started by
scripts/start_postgres.sh for the session; each test gets its own schema in it.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "start_postgres.sh"


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """A PostgreSQL DSN, or a skip that says why there is none."""
    given = os.environ.get("SITREP_TEST_POSTGRES")
    if given:
        yield given
        return
    folder = tempfile.mkdtemp(prefix="sitrep-pg.")
    proc = subprocess.run([str(SCRIPT), folder], capture_output=True, text=True, timeout=120)
    if proc.returncode == 3:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found; set SITREP_TEST_POSTGRES")
    if proc.returncode != 0:
        pytest.skip(f"PostgreSQL server could not start: {proc.stderr.strip()[-300:]}")
    try:
        yield proc.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(SCRIPT), "--stop", folder], capture_output=True, timeout=60)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    import psycopg

    dsn = request.getfixturevalue("postgres_dsn")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in dsn else "?"
    try:
        yield f"{dsn}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
