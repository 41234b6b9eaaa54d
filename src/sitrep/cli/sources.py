"""``sitrep watch``: poll news feeds and store each new story once, for as long as it runs."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sitrep.errors import BadInputError

if TYPE_CHECKING:
    from sitrep.sources import FeedPoll

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in ``15m``, ``90s``, ``1h`` or ``300``; BadInputError for anything else."""
    match = _INTERVAL.match(text)
    if match is None:
        raise BadInputError(f"--every {text!r}: give a number with s, m, h or d (e.g. 15m)")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs, one a line; blank lines and # comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise BadInputError(f"cannot read the feed list {path}: {error}") from error
    feeds = [line.split("#", 1)[0].strip() for line in lines]
    feeds = list(dict.fromkeys(feed for feed in feeds if feed))
    if not feeds:
        raise BadInputError(f"{path} lists no feed URL (one a line)")
    return feeds


def poll_line(number: int, poll: FeedPoll) -> str:
    """One log line per feed and poll: when, which feed, what came of it."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
    line = (f"{stamp} poll {number} {poll.feed}: {poll.new_items} new, {poll.events} events, "
            f"{poll.errors} errors")
    if poll.status == "not modified":
        return line + " (not modified)"
    if poll.status != "ok":
        return line + f" ({poll.status}: {poll.message})"
    return line + f" ({poll.items} items listed)"


def watch(
    feeds_file: Annotated[Path, typer.Argument(help="feed URLs (RSS or Atom), one a line")],
    every: Annotated[str, typer.Option("--every", help="time between polls: 15m, 1h, 90s")]
    = "15m",
    db: Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// DSN")]
    = "sitrep.db",
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="also fetch from loopback and private addresses (an intranet)")]
    = False,
    delay: Annotated[float, typer.Option("--delay", help="seconds between two requests to "
                                         "one host")] = 1.0,
    polls: Annotated[int, typer.Option("--polls", help="stop after this many polls (0: run "
                                       "until stopped)")] = 0,
    no_merge: Annotated[bool, typer.Option("--no-merge", help="skip merging after a poll")]
    = False,
) -> None:
    """Poll feeds politely, fetch each new story once, extract, store and merge."""
    from sitrep.merge.incremental import merge_pending
    from sitrep.sources import SourceRequest, WebSources
    from sitrep.store import Store
    from sitrep.store.ingest import IngestResult, ingest_records

    interval = parse_interval(every)
    feeds = read_feed_list(feeds_file)
    request = SourceRequest(feeds=feeds, allow_private=allow_private, delay=delay)
    number = 0
    with Store(db) as store, WebSources.open(store, request) as sources:
        try:
            while True:
                number += 1
                stored = 0
                for feed in feeds:
                    records = list(sources.feed(feed))
                    result = ingest_records(store, records) if records else IngestResult()
                    stored += len(result.stored)
                    for poll in sources.settle(result):
                        typer.echo(poll_line(number, poll), err=True)
                    for outcome in sources.outcomes:
                        if outcome.source != feed:  # the feed's own failure is in its line
                            typer.echo(f"  skipped {outcome.source}: {outcome.reason}", err=True)
                    for record_id, why in result.failed:
                        typer.echo(f"  skipped {record_id}: {why}", err=True)
                    sources.outcomes.clear()
                if stored and not no_merge:  # the new reports' neighbourhood only
                    merged = merge_pending(store)
                    typer.echo(f"  merged: {merged.reports} reports -> {merged.clusters} "
                               "events", err=True)
                if polls and number >= polls:
                    break
                time.sleep(interval)
        except KeyboardInterrupt:
            typer.echo(f"stopped after {number} polls", err=True)


def register(app: typer.Typer) -> None:
    """Add ``sitrep watch`` to the CLI."""
    app.command("watch")(watch)
