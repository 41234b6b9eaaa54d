"""Shared test helpers: where the read-only shared material lives, and skipping without it."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# A component that crashes fails the test instead of turning into "no events" with a warning
# nobody reads (tests that pin the forgiving behaviour unset it themselves).
os.environ["SITREP_STRICT"] = "1"

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCRIPT = REPO / "scripts" / "start_postgres.sh"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared corpus and dev sets are not at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """A PostgreSQL DSN, or a skip that says why there is none. Each test worker (pytest-xdist)
    starts its own server, on a port of its own."""
    given = os.environ.get("SITREP_TEST_POSTGRES")
    if given:
        yield given
        return
    folder, dsn = _start_postgres()
    try:
        yield dsn
    finally:
        subprocess.run([str(SCRIPT), "--stop", folder], capture_output=True, timeout=60)


def _start_postgres(tries: int = 3) -> tuple[str, str]:
    """A started server's folder and DSN. The free port the script picks can be taken by
    another worker's server before this one binds it, so a failed start is tried again."""
    for _ in range(tries):
        folder = tempfile.mkdtemp(prefix="sitrep-pg.")
        proc = subprocess.run([str(SCRIPT), folder], capture_output=True, text=True, timeout=120)
        if proc.returncode == 0:
            return folder, proc.stdout.strip().splitlines()[-1]
        subprocess.run([str(SCRIPT), "--stop", folder], capture_output=True, timeout=60)
        if proc.returncode == 3:
            pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found; set SITREP_TEST_POSTGRES")
    pytest.skip(f"PostgreSQL server could not start: {proc.stderr.strip()[-300:]}")
