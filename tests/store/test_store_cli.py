"""The store commands as a user runs them: ``sitrep merge`` and ``sitrep ingest`` errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run_cli
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import EXIT_BAD_INPUT, EXIT_USAGE, BadInputError
from sitrep.store import Store
from sitrep.store import synthetic as s

SITREP = str(Path(sys.executable).with_name("sitrep"))


def test_merge_command_reclusters_with_given_thresholds(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    with Store(db) as store:
        store.add_extracted(s.result("A", [s.event("A-1", place="San Salvador")]))
        store.add_extracted(s.result("B", [s.event("B-1", place="Soyapango")]))
    wide = run_cli("merge", "--db", db)
    assert wide.returncode == 0 and "2 reports -> 1 merged events" in wide.stderr
    tight = run_cli("merge", "--db", db, "--max-km", "2")
    assert "2 reports -> 2 merged events" in tight.stderr
    with Store(db) as store:  # the last thresholds are what a later ingest reuses
        assert store.get_setting("merge") == '{"max_km": 2.0, "max_days": 0}'


def test_ingest_without_input_is_a_usage_error_with_exit_code_2(tmp_path: Path) -> None:
    answer = run_cli("ingest", "--db", str(tmp_path / "i.db"))
    assert answer.returncode == EXIT_USAGE
    assert "give story files or --jsonl" in answer.stderr


def test_ingest_takes_a_jsonl_batch_as_a_plain_argument(tmp_path: Path) -> None:
    batch = tmp_path / "docs.jsonl"
    batch.write_text(
        '{"id": "d1", "text": "On 2 March 2021, gunmen killed two farmers in Kunduz.", '
        '"published": "2021-03-03"}\n'
        '{"id": "d2", "text": "On 3 March 2021, protesters marched in Kabul.", '
        '"published": "2021-03-03"}\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "j.db")
    answer = run_cli("ingest", str(batch), "--db", db)
    assert answer.returncode == 0, answer.stderr
    with Store(db) as store:
        assert store.counts()["documents"] == 2
        assert store.counts()["events"] >= 2


def refused(*args: str) -> str:
    """Run ``sitrep ARGS`` in-process; it must stop on a BadInputError (exit 3). Its message."""
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, BadInputError), result.output
    assert result.exception.exit_code == EXIT_BAD_INPUT
    return str(result.exception)


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` must stop before serving: were it to start, the test fails instead of hanging."""
    import uvicorn

    def refuse(*_args: object, **_kwargs: object) -> None:
        pytest.fail("serve started a server on a bad --db")

    monkeypatch.setattr(uvicorn, "run", refuse)


@pytest.mark.usefixtures("no_server")
@pytest.mark.parametrize("command", [["export"], ["merge"], ["serve"]])
def test_reading_commands_refuse_a_missing_database_and_create_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "typo.db"
    message = refused(*command, "--db", str(missing))
    assert "no database at" in message and "sitrep ingest" in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("no_server")
def test_a_folder_or_a_file_that_is_not_sqlite_is_refused_by_every_command(
    tmp_path: Path,
) -> None:
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("these are notes, not a database\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("On 2 March 2021, gunmen killed two farmers in Kunduz.", encoding="utf-8")
    for command in (["export"], ["merge"], ["serve"], ["ingest", str(story)]):
        assert "is a folder" in refused(*command, "--db", str(tmp_path))
        assert "is not a SQLite database" in refused(*command, "--db", str(not_sqlite))
    assert not_sqlite.read_text(encoding="utf-8") == "these are notes, not a database\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db", "story.txt"]


def test_bad_database_paths_exit_3_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    """The real process: main() turns the error into a message, not sqlite3's traceback."""
    answer = subprocess.run([SITREP, "export", "--db", str(tmp_path)],
                            capture_output=True, text=True)
    assert answer.returncode == EXIT_BAD_INPUT
    assert answer.stderr.startswith("sitrep: error:") and "Traceback" not in answer.stderr


def test_export_into_a_missing_folder_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    db = tmp_path / "e.db"
    with Store(str(db)) as store:
        store.add_extracted(s.result("A", [s.event("A-1", place="San Salvador")]))
    target = tmp_path / "no" / "such" / "folder" / "events.csv"
    assert "does not exist" in refused("export", "--db", str(db), "-o", str(target))
    assert "cannot write" in refused("export", "--db", str(db), "-o", str(tmp_path))
    assert not (tmp_path / "no").exists()


def test_unreachable_postgresql_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="cannot connect to the PostgreSQL database"):
        Store("postgresql://sitrep@127.0.0.1:1/none?connect_timeout=3")


def test_ingest_of_an_empty_jsonl_exits_3_like_extract_and_creates_no_database(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n", encoding="utf-8")
    assert "is empty" in refused("ingest", str(empty), "--db", str(tmp_path / "i.db"))
    assert "is empty" in refused("ingest", "--jsonl", str(empty), "--db", str(tmp_path / "i.db"))
    assert not (tmp_path / "i.db").exists()
