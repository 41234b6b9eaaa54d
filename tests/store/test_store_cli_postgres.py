"""Reading commands (export, merge, serve) on a PostgreSQL URL that leads to no store: a
server that does not answer, a database that does not exist, a database without a sitrep
store. Each is one clear line and exit 3, and nothing is created on the server."""

from __future__ import annotations

import socket
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from postgres_helpers import postgres_schema
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import EXIT_BAD_INPUT, BadInputError

pytestmark = pytest.mark.postgres
SITREP = str(Path(sys.executable).with_name("sitrep"))
READING = [["export"], ["merge"], ["serve"]]


@pytest.fixture(autouse=True)
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` must stop before serving: were it to start, the test fails instead of hanging."""
    import uvicorn

    def refuse(*_args: object, **_kwargs: object) -> None:
        pytest.fail("serve started a server on a URL with no store")

    monkeypatch.setattr(uvicorn, "run", refuse)


def refused(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, BadInputError), result.output
    assert result.exception.exit_code == EXIT_BAD_INPUT
    message = str(result.exception)
    assert "\n" not in message
    return message


def _with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _databases(dsn: str) -> set[str]:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


@pytest.mark.parametrize("command", READING)
def test_a_database_that_does_not_exist_is_refused_and_not_created(
        postgres_dsn: str, command: list[str]) -> None:
    missing = f"sitrep_missing_{uuid.uuid4().hex[:8]}"
    message = refused(*command, "--db", _with_database(postgres_dsn, missing))
    assert "cannot connect to the PostgreSQL database" in message and missing in message
    assert missing not in _databases(postgres_dsn)


@pytest.mark.parametrize("command", READING)
def test_a_closed_port_is_refused(command: list[str]) -> None:
    url = f"postgresql://sitrep@127.0.0.1:{_closed_port()}/sitrep?connect_timeout=3"
    assert "cannot connect to the PostgreSQL database" in refused(*command, "--db", url)


@pytest.mark.parametrize("command", READING)
def test_a_database_without_a_store_is_refused_and_left_empty(
        postgres_dsn: str, command: list[str]) -> None:
    import psycopg

    with postgres_schema(postgres_dsn) as url:
        assert "no sitrep store" in refused(*command, "--db", url)
        with psycopg.connect(url) as conn:
            tables = conn.execute("SELECT COUNT(*) FROM information_schema.tables "
                                  "WHERE table_schema = current_schema()").fetchone()
        assert tables == (0,)


def test_the_process_prints_one_line_and_no_traceback(postgres_dsn: str) -> None:
    url = _with_database(postgres_dsn, f"sitrep_missing_{uuid.uuid4().hex[:8]}")
    answer = subprocess.run([SITREP, "export", "--db", url], capture_output=True, text=True)
    assert answer.returncode == EXIT_BAD_INPUT
    assert answer.stderr.startswith("sitrep: error:") and "Traceback" not in answer.stderr
    assert len(answer.stderr.strip().splitlines()) == 1, answer.stderr
