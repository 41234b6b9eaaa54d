"""CLI commands over the store: ``ingest``, ``merge``, ``export``, ``serve``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from sitrep.cli.options import PublishedOption, as_date
from sitrep.errors import EXIT_SOME_FAILED, BadInputError, SitrepError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// DSN")]
KmOption = Annotated[float, typer.Option("--max-km", help="places at most this far apart")]
DaysOption = Annotated[int, typer.Option("--max-days", help="days of slack between dates")]
# sitrep.export.FORMATS, spelled out so that click refuses another with exit 2
ExportFormat = Literal["acled", "jsonl", "geojson"]
_MAX_LEADING_ERRORS = 1000
_MAX_DATE_WARNINGS = 5


def ingest(
    files: Annotated[
        list[Path] | None, typer.Argument(help="story files (text, HTML) or .jsonl batches")
    ] = None,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="input records, one a line")]
    = None,
    db: DbOption = "sitrep.db",
    no_merge: Annotated[bool, typer.Option("--no-merge", help="skip merging at the end")]
    = False,
    published: PublishedOption = None,
    url: Annotated[list[str] | None, typer.Option("--url", help="story pages to fetch")] = None,
    feed: Annotated[list[str] | None, typer.Option("--feed", help="RSS or Atom feeds")] = None,
    sitemap: Annotated[list[str] | None, typer.Option("--sitemap", help="XML sitemaps")] = None,
    warc: Annotated[list[Path] | None, typer.Option("--warc", help="WARC files (CC-NEWS)")]
    = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="also fetch from loopback and private addresses (an intranet)")]
    = False,
    delay: Annotated[float, typer.Option("--delay", help="seconds between two requests to "
                                         "one host")] = 1.0,
    workers: Annotated[int, typer.Option("--workers", min=1, help="processes that extract "
                                         "(same events as one)")] = 1,
    dask: Annotated[str | None, typer.Option("--dask", help="extract on a Dask cluster: the "
                                             "scheduler's address, or local:N")] = None,
) -> None:
    """Extract events from stories and store them; already stored stories are skipped."""
    from sitrep.cli.progress import batch_progress
    from sitrep.merge.incremental import merge_pending
    from sitrep.scale import ingest_parallel
    from sitrep.sources import SourceRequest, WebSources
    from sitrep.store import Store

    web = SourceRequest(urls=url or [], feeds=feed or [], sitemaps=sitemap or [],
                        warcs=warc or [], allow_private=allow_private, delay=delay)
    if not files and jsonl is None and not web:
        raise UsageError("give story files or --jsonl IN.jsonl, or web sources "
                         "(--url, --feed, --sitemap, --warc)")
    # a .jsonl among the files is a batch of documents, as --jsonl says
    batches = [f for f in files or [] if f.suffix == ".jsonl"] + ([jsonl] if jsonl else [])
    stories = [f for f in files or [] if f.suffix != ".jsonl"]
    records = input_records(batches, stories, as_date(published))
    if not web:  # with web sources the records come once the store is open
        records = _with_first_record(records)
    with Store(db) as store, batch_progress("ingest") as progress, WebSources.open(
        store, web
    ) as sources:
        # fetched, vetted pages after the files; refusals are noted by the sources
        records = chain(records, sources.records(web))
        task = progress.add_task("")
        try:
            result = ingest_parallel(
                store, records, workers=workers, dask=dask, published=as_date(published),
                on_done=lambda rid: progress.update(task, advance=1, description=rid))
        except ImportError as error:
            raise SitrepError(f"the extraction pipeline is not available: {error}") from error
        progress.update(task, description="")
        sources.settle(result)
        for outcome in sources.outcomes:
            progress.console.print(f"[yellow]skipped {outcome.source}: {outcome.reason}")
        for rid, why in result.failed:
            progress.console.print(f"[yellow]skipped {rid}: {why}" if rid else
                                   f"[yellow]skipped: {why}", highlight=False, soft_wrap=True)
        _warn_guessed_dates(result.date_warnings, progress.console)
        merged = None
        if not no_merge:  # once the batch is stored; in full unless few reports are new
            merged = merge_pending(store)
        counts = store.counts()
    typer.echo(
        f"stored {len(result.stored)} documents, {len(result.skipped)} already stored, "
        f"{len(result.failed)} failed; {counts['events']} reports"
        + (f" -> {merged.clusters} merged events" if merged else ""), err=True)
    if result.failed and not (result.stored or result.skipped):
        raise BadInputError(f"none of the {len(result.failed)} records could be stored")
    if result.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def input_records(batches: list[Path], stories: list[Path], published: date | None
                  ) -> Iterator[dict[str, Any] | SitrepError]:
    """Every input record, streamed, in order: a bad line, or a file that cannot be read at
    all, is an error item that costs only itself."""
    from sitrep.ingest import read_records
    from sitrep.store.ingest import read_files

    for batch in batches:
        try:
            for _line_no, record in read_records(batch):
                yield record
        except BadInputError as error:  # missing, binary or empty: the whole file
            yield error
    yield from read_files(stories, published)


def _with_first_record(items: Iterator[dict[str, Any] | SitrepError]
                       ) -> Iterator[dict[str, Any] | SitrepError]:
    """``items`` again, after checking that there is a record to store at all: when there is
    none (an empty or unreadable input), no database is created for nothing."""
    leading: list[SitrepError] = []
    for item in items:
        if not isinstance(item, SitrepError):
            return chain(leading, [item], items)
        leading.append(item)
        if len(leading) >= _MAX_LEADING_ERRORS:  # enough looking; the store reports the rest
            return chain(leading, items)
    if len(leading) == 1:
        raise leading[0]
    reasons = "; ".join(str(error) for error in leading)
    raise BadInputError(f"no record to ingest: {reasons}")


def _warn_guessed_dates(warnings: list[tuple[str, str]], console: Console) -> None:
    """Say which stories had their publication date guessed (or have none): dates relative
    to it ('on Tuesday') may be off, and counts may split across wrong days."""
    for rid, warning in warnings[:_MAX_DATE_WARNINGS]:
        console.print(f"[yellow]warning: {rid}: {warning}", highlight=False, soft_wrap=True)
    if len(warnings) > _MAX_DATE_WARNINGS:
        console.print(f"[yellow]warning: {len(warnings) - _MAX_DATE_WARNINGS} more stories "
                      "with a guessed or missing publication date", highlight=False,
                      soft_wrap=True)
    if warnings:
        console.print("[yellow]give --published YYYY-MM-DD, or a 'published' field per "
                      "record, to set it", highlight=False, soft_wrap=True)


def merge(db: DbOption = "sitrep.db", max_km: KmOption = 10.0, max_days: DaysOption = 0) -> None:
    """Recompute merged events from scratch with these thresholds."""
    from sitrep.merge import merge_store
    from sitrep.store import Store

    with Store(_existing_db(db)) as store:
        result = merge_store(store, max_km=max_km, max_days=max_days)
    typer.echo(f"{result.reports} reports -> {result.clusters} merged events "
               f"({result.merged_reports} reports share an event)", err=True)


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="acled, jsonl or geojson")]
    = "acled",
    db: DbOption = "sitrep.db",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file (default stdout)")]
    = None,
) -> None:
    """Write every merged event as ACLED-style CSV, JSON Lines or GeoJSON."""
    from sitrep.export import export as run_export
    from sitrep.store import Store

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
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=64,
        help="server processes answering in parallel (one core each)")] = 1,
) -> None:
    """Serve the HTTP API and web page (read-only unless SITREP_WRITE_TOKEN is set)."""
    import uvicorn

    from sitrep.api.app import SERVE_DB_VARIABLE, create_app

    db = _existing_db(db)
    if workers == 1:
        uvicorn.run(create_app(db), host=host, port=port)
        return
    # each worker process builds its own app from the import string; the store is named to
    # them in the environment they inherit
    os.environ[SERVE_DB_VARIABLE] = db
    uvicorn.run("sitrep.api.app:app_from_environment", factory=True, host=host, port=port,
                workers=workers)


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


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add the store commands to the ``sitrep`` CLI."""
    app.command("ingest")(ingest)
    app.command("merge")(merge)
    app.command("export")(export)
    app.command("serve")(serve)
