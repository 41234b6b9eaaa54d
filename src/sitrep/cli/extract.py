"""`sitrep extract`: one story (file, HTML page, stdin) or a JSONL batch -> event records."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.table import Table

from sitrep.cli.options import ConfigOption, PublishedOption, as_date
from sitrep.cli.progress import batch_progress
from sitrep.errors import EXIT_OK, EXIT_SOME_FAILED, BadInputError, SitrepError, UsageError
from sitrep.ingest import DEFAULT_MAX_BYTES
from sitrep.types import Document

OutputFormat = Literal["json", "jsonl", "table"]  # another is refused by click, exit 2


def extract_command(
    source: Annotated[
        str | None,
        typer.Argument(help="A text or HTML file, or '-' for stdin.", show_default=False),
    ] = None,
    jsonl: Annotated[
        Path | None,
        typer.Option("--jsonl", help="A JSONL of documents ({id, text or html, published, ...})."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="json, jsonl (one event a line) or table."),
    ] = "json",
    published: PublishedOption = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Refuse documents larger than this.")
    ] = DEFAULT_MAX_BYTES,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, help="Processes for a --jsonl batch (same output)."),
    ] = 1,
    config: ConfigOption = None,
) -> None:
    """Extract sourced ACLED-style events from a story, or from every document of a JSONL."""
    when = as_date(published)
    if (source is None) == (jsonl is None):
        raise UsageError("give one story (FILE or '-') or --jsonl FILE, not both or neither")
    from sitrep.extract.parallel import extract_parallel, pipeline_for

    pipeline_for(config)  # a bad config is refused before any input is read
    if jsonl is not None:
        done, failures = _extract_batch(jsonl, output, when, max_bytes, workers, config)
        if failures and failures == done:
            raise BadInputError(
                f"none of the {failures} document(s) of {jsonl} could be read; see 'error' in "
                "the output")
        if failures:
            print(
                f"sitrep: {failures} of {done} document(s) could not be read; see 'error' in "
                "the output",
                file=sys.stderr,
            )
            raise typer.Exit(EXIT_SOME_FAILED)
        raise typer.Exit(EXIT_OK)
    from sitrep.ingest import read_document

    document = read_document(source, published=when, max_bytes=max_bytes)
    result = next(extract_parallel([document], 1, config=config))
    if result["document"].get("error"):
        raise BadInputError(f"{source}: {result['document']['error']}")
    for warning in result["document"]["warnings"]:
        print(f"sitrep: warning: {warning}", file=sys.stderr)
    if not result["events"]:
        print("sitrep: warning: no events found in this story", file=sys.stderr)
    _write(_render(result, output_format), output)


def _extract_batch(
    path: Path,
    output: Path | None,
    when: date | None,
    max_bytes: int,
    workers: int = 1,
    config: Path | None = None,
) -> tuple[int, int]:
    """Write one {document, events} line per input line, in input order, as the lines stream
    in (a batch of any size runs in bounded memory); (lines done, lines failed)."""
    from sitrep.extract import failed
    from sitrep.extract.parallel import extract_parallel
    from sitrep.ingest import read_jsonl

    done = failures = 0

    def items() -> Iterator[Document | dict[str, Any]]:
        for line_no, item in read_jsonl(str(path), published=when, max_bytes=max_bytes):
            if isinstance(item, SitrepError):
                result = failed(None, item)
                result["document"]["line"] = line_no
                yield result
            else:
                yield item

    results = extract_parallel(items(), workers, config=config)
    # a missing, binary or empty batch is refused here, before the output file is created
    first = list(islice(results, 1))
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with batch_progress("extract", transient=True) as progress:
            task = progress.add_task("", total=None)
            for result in chain(first, results):
                done += 1
                failures += bool(result["document"].get("error"))
                handle.write(json.dumps(result, ensure_ascii=False) + "\n")
                progress.advance(task)
    finally:
        if output:
            handle.close()
    return done, failures


def _render(result: dict[str, Any], output_format: str) -> str:
    if output_format == "json":
        return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if output_format == "jsonl":
        return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result["events"])
    # as wide as the terminal ($COLUMNS or the tty), 160 columns into a file or a pipe
    width = shutil.get_terminal_size((160, 24)).columns
    console = Console(record=True, width=width, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(event_table(result))
    return console.export_text()


def event_table(result: dict[str, Any]) -> Table:
    """A readable terminal table: one row per event."""
    document = result["document"]
    title = document.get("title") or document.get("id")
    table = Table(
        title=f"{title} ({document.get('outlet') or 'unknown outlet'}, "
        f"{document.get('published') or 'undated'})",
        show_lines=True,
    )
    for column in (
        "date",
        "type",
        "actor1",
        "actor2",
        "where",
        "killed",
        "injured",
        "crowd",
        "says who",
    ):
        table.add_column(column, overflow="fold")
    for event in result["events"]:
        date_ = event["date"]
        when = (
            date_["start"]
            if date_["start"] == date_["end"]
            else f"{date_['start']}..{date_['end']}"
        )
        location = event["location"]
        where = ", ".join(
            p for p in (location["district"], location["name"], location["country"]) if p
        )
        claim = event["claims"][0] if event["claims"] else {}
        table.add_row(
            when or "?",
            f"{event['event_type']}\n{event['sub_event_type']}",
            _actor(event["actor1"]),
            _actor(event["actor2"]),
            where,
            _range(event["fatalities"]),
            _range(event["injuries"]),
            _range(event["crowd_size"]),
            ", ".join(
                p
                for p in (claim.get("claimant"), claim.get("claimant_org"), claim.get("outlet"))
                if p
            ),
        )
    return table


def _actor(actor: dict[str, Any] | None) -> str:
    if not actor:
        return ""
    label = actor.get("source_label")
    return f"{actor['name']} ({label})" if label else actor["name"]


def _range(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    if value["max"] is None:
        return f"{value['min']}+"
    return str(value["min"]) if value["min"] == value["max"] else f"{value['min']}-{value['max']}"


def _write(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
