"""`sitrep eval` and the extractor harness, on hand-made gold files.

The extractor used here is an oracle that returns each document's gold events as records: the
ceiling every real extractor is measured against, and exactly what the harness must score 1.0.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from eval_builders import make_event
from typer.testing import CliRunner

from sitrep.cli.evaluate import register
from sitrep.errors import BadInputError, NoStoryError
from sitrep.evaluation import evaluate, gold_event_as_record, load_gold, render_table


def gold_file(tmp_path: Path) -> Path:
    lines = [
        {"dataset": "hand", "document": {"id": "d1", "text": "a"}, "events": [make_event()]},
        {"dataset": "hand", "document": {"id": "d2", "text": ""}, "events": [make_event()]},
        {"dataset": "other", "document": {"id": "d3", "text": "c"}, "events": [make_event()]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def oracle(path: Path):
    """An extractor that knows the answers; like the real one, it refuses empty text."""
    answers = {d.id: d.events for d in load_gold(path)}

    def extract(documents: list[dict]) -> Iterator[dict]:
        for document in documents:
            if not document["text"]:
                raise NoStoryError(f"no story text in {document['id']}")
            events = [gold_event_as_record(e) for e in answers[document["id"]]]
            yield {"document": {"id": document["id"]}, "events": events}

    return extract


def test_evaluate_runs_past_a_failing_document_and_scores_the_rest(tmp_path: Path) -> None:
    path = gold_file(tmp_path)
    report = evaluate(path, oracle(path))
    assert report["overall"]["documents_failed"] == 1
    assert report["overall"]["events"]["recall"] == pytest.approx(2 / 3)
    assert report["datasets"]["other"]["events"]["f1"] == 1.0
    assert report["docs_per_second"] > 0
    limited = evaluate(path, oracle(path), limit=1)
    assert limited["documents"] == 1 and limited["overall"]["events"]["f1"] == 1.0


def test_render_table_shows_each_dataset_and_docs_per_second(tmp_path: Path) -> None:
    from rich.console import Console

    path = gold_file(tmp_path)
    console = Console(record=True, width=160)
    console.print(render_table(evaluate(path, oracle(path))))
    text = console.export_text()
    assert "hand" in text and "other" in text and "docs/s" in text
    assert "sub_event_type" in text


def cli_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """Group, so that `eval` stays a sub-command as in `sitrep`."""

    register(app)
    return app


def test_cli_scores_saved_output_as_json_and_writes_errors(tmp_path: Path) -> None:
    path = gold_file(tmp_path)
    wrong = make_event(sub_event_type="Shelling/artillery/missile attack")
    saved = tmp_path / "system.jsonl"
    saved.write_text(
        json.dumps({"document": {"id": "d1"}, "events": [make_event()]})
        + "\n"
        + json.dumps({"document": {"id": "d3"}, "events": [wrong]})
        + "\n",
        encoding="utf-8",
    )
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(
        cli_app(), ["eval", str(path), "--system", str(saved), "--json", "--errors", str(errors)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["events"]["tp"] == 2
    assert report["overall"]["fields"]["sub_event_type"]["correct"] == 1
    assert "details" not in report
    diagnostics = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [d["document"] for d in diagnostics] == ["d2", "d3"]
    assert diagnostics[1]["events"][0]["wrong"] == ["sub_event_type"]


def test_cli_dataset_filter_and_missing_gold(tmp_path: Path) -> None:
    path = gold_file(tmp_path)
    saved = tmp_path / "system.jsonl"
    saved.write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        cli_app(), ["eval", str(path), "--system", str(saved), "--dataset", "other", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert list(json.loads(result.stdout)["datasets"]) == ["other"]
    missing = CliRunner().invoke(cli_app(), ["eval", str(tmp_path / "nope.json")])
    assert isinstance(missing.exception, BadInputError)
    assert missing.exception.exit_code == 3


def test_cli_by_groups_saved_output_and_refuses_unknown_groupings(tmp_path: Path) -> None:
    path = gold_file(tmp_path)
    saved = tmp_path / "system.jsonl"
    saved.write_text(json.dumps({"document": {"id": "d1"}, "events": [make_event()]}) + "\n")
    result = CliRunner().invoke(
        cli_app(), ["eval", str(path), "--system", str(saved), "--by", "country", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["by"] == "country" and list(report["groups"]) == ["SY"]
    assert report["groups"]["SY"]["events"]["tp"] == 1
    for option in ("--by", "--leave-out"):
        wrong = CliRunner().invoke(cli_app(), ["eval", str(path), option, "planet"])
        assert wrong.exit_code == 2 and "planet" in wrong.output
    cannot = CliRunner().invoke(
        cli_app(), ["eval", str(path), "--system", str(saved), "--leave-out", "region"]
    )
    assert cannot.exit_code == 2
