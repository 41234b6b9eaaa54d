"""CLI commands over the store: ``ingest``, ``merge``, ``export``, ``serve``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sitrep.errors import BadInputError, SitrepError

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// DSN")]
KmOption = Annotated[float, typer.Option("--max-km", help="places at most this far apart")]
DaysOption = Annotated[int, typer.Option("--max-days", help="days of slack between dates")]


def ingest(
    files: Annotated[
        list[Path] | None, typer.Argument(help="story files (text, HTML) or .jsonl batches")
    ] = None,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="input records, one a line")]
    = None,
    db: DbOption = "sitrep.db",
    no_merge: Annotated[bool, typer.Option("--no-merge", help="skip merging at the end")]
    = False,
) -> None:
    """Extract events from stories and store them; already stored stories are skipped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from sitrep.merge import merge_store
    from sitrep.store import Store
    from sitrep.store.ingest import ingest_records, merge_settings, read_files, read_jsonl

    if not files and jsonl is None:
        raise BadInputError("give story files or --jsonl IN.jsonl")
    # a .jsonl among the files is a batch of documents, as --jsonl says
    batches = [f for f in files or [] if f.suffix == ".jsonl"] + ([jsonl] if jsonl else [])
    stories = [f for f in files or [] if f.suffix != ".jsonl"]
    records = [record for batch in batches for record in read_jsonl(batch)]
    records += list(read_files(stories))
    with Store(db) as store, Progress(
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        console=_stderr_console(), transient=False,
    ) as progress:
        task = progress.add_task("", total=len(records))
        try:
            result = ingest_records(
                store, records,
                on_done=lambda rid: progress.update(task, advance=1, description=rid))
        except ImportError as error:
            raise SitrepError(f"the extraction pipeline is not available: {error}") from error
        progress.update(task, description="")
        for rid, why in result.failed:
            progress.console.print(f"[yellow]skipped {rid}: {why}")
        merged = None
        if not no_merge:
            max_km, max_days = merge_settings(store)
            merged = merge_store(store, max_km=max_km, max_days=max_days)
        counts = store.counts()
    typer.echo(
        f"stored {len(result.stored)} documents, {len(result.skipped)} already stored, "
        f"{len(result.failed)} failed; {counts['events']} reports"
        + (f" -> {merged.clusters} merged events" if merged else ""), err=True)


def merge(db: DbOption = "sitrep.db", max_km: KmOption = 10.0, max_days: DaysOption = 0) -> None:
    """Recompute merged events from scratch with these thresholds."""
    from sitrep.merge import merge_store
    from sitrep.store import Store

    with Store(_existing_db(db)) as store:
        result = merge_store(store, max_km=max_km, max_days=max_days)
    typer.echo(f"{result.reports} reports -> {result.clusters} merged events "
               f"({result.merged_reports} reports share an event)", err=True)


def export(
    fmt: Annotated[str, typer.Option("--format", help="acled, jsonl or geojson")] = "acled",
    db: DbOption = "sitrep.db",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file (default stdout)")]
    = None,
) -> None:
    """Write every merged event as ACLED-style CSV, JSON Lines or GeoJSON."""
    from sitrep.export import FORMATS
    from sitrep.export import export as run_export
    from sitrep.store import Store

    if fmt not in FORMATS:
        raise BadInputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if output is not None and not output.parent.is_dir():
        raise BadInputError(f"cannot write {output}: the folder {output.parent} does not exist")
    with Store(_existing_db(db)) as store:
        if output is None:
            count = run_export(store, fmt, sys.stdout)
        else:
            try:
                out = output.open("w", encoding="utf-8", newline="")
            except OSError as error:
                raise BadInputError(f"cannot write {output}: {error.strerror}") from error
            with out:
                count = run_export(store, fmt, out)
    typer.echo(f"exported {count} events", err=True)


def serve(
    db: DbOption = "sitrep.db",
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
) -> None:
    """Serve the HTTP API and web page (read-only unless SITREP_WRITE_TOKEN is set)."""
    import uvicorn

    from sitrep.api.app import create_app

    uvicorn.run(create_app(_existing_db(db)), host=host, port=port)


def _existing_db(db: str) -> str:
    """``db`` if it names a database that exists: only ``ingest`` creates one, so a mistyped
    path given to a reading command fails here instead of leaving an empty file behind."""
    from sitrep.store.db import is_postgres_url, require_postgres_store, sqlite_path

    if is_postgres_url(db):
        require_postgres_store(db)
        return db
    path = sqlite_path(db)
    if path == ":memory:" or Path(path).exists():
        return db  # a folder or a non-SQLite file is refused when the store opens it
    raise BadInputError(f"no database at {path}: `sitrep ingest --db {path}` creates one")


def _stderr_console():  # noqa: ANN202 - rich type kept out of the module import
    from rich.console import Console

    return Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add the store commands to the ``sitrep`` CLI."""
    app.command("ingest")(ingest)
    app.command("merge")(merge)
    app.command("export")(export)
    app.command("serve")(serve)
