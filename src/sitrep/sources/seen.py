"""What the web sources remember in the store: URLs already fetched and each feed's last poll.

A URL is fetched once: after that it is skipped, whether its story was stored, turned out to
be a copy of a stored one, had no article or was refused. Only a failure that may pass (a
timeout, a 503) is tried again, a few times, and a refused address when --allow-private is
given. A URL whose story was fetched but never stored
(the run was killed in between) is fetched again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sitrep.store import Store

MAX_ATTEMPTS = 3
FETCHED, DUPLICATE, NO_ARTICLE, REFUSED, DISALLOWED, FAILED, UNREADABLE = (
    "fetched", "duplicate", "no article", "refused", "disallowed by robots.txt", "failed",
    "unreadable")


@dataclass
class FeedPoll:
    """One poll of one feed: what ``sitrep watch`` logs and ``/stats`` shows."""

    feed: str
    status: str = "ok"  # ok, not modified, or why the feed was not read
    message: str | None = None
    items: int = 0  # items the feed lists
    new_items: int = 0  # new stories stored
    events: int = 0  # reports extracted from them
    errors: int = 0  # items (or the feed itself) reported and skipped
    etag: str | None = None
    last_modified: str | None = None
    polled_at: str | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SourceLog:
    """The ``fetched_urls`` and ``feed_polls`` tables of one store."""

    def __init__(self, store: Store) -> None:
        self.store, self.db = store, store.db

    def should_fetch(self, url: str, recheck_refused: bool = False) -> bool:
        """Whether ``url`` is to be fetched; ``recheck_refused`` when the address policy is
        wider than before (--allow-private), so an address refusal may not hold any more."""
        row = self.db.execute("SELECT status, content_hash, attempts, retry FROM fetched_urls "
                              "WHERE url=?", (url,)).fetchone()
        if row is None:
            return True
        status, digest, attempts, retry = row
        if status == FETCHED:
            return not (digest and self.store.has_hash(digest))
        if status == REFUSED:
            return recheck_refused
        return status == FAILED and bool(retry) and int(attempts) < MAX_ATTEMPTS

    def mark(self, url: str, status: str, reason: str | None = None, *, retry: bool = False,
             digest: str | None = None, document_id: str | None = None,
             listed_by: str | None = None) -> None:
        """Remember what became of ``url``; ``retry`` when a later run may do better."""
        with self.db.transaction():
            attempts = self.db.scalar("SELECT attempts FROM fetched_urls WHERE url=?", (url,))
            self.db.execute("DELETE FROM fetched_urls WHERE url=?", (url,))
            self.db.execute(
                "INSERT INTO fetched_urls (url, status, reason, content_hash, document_id, "
                "attempts, retry, listed_by, fetched_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (url, status, reason, digest, document_id, int(attempts or 0) + 1, int(retry),
                 listed_by, _now()))

    def retries_due(self, listed_by: str) -> list[str]:
        """URLs a feed listed whose fetch failed in a way that may pass: tried again even when
        the feed itself has not changed."""
        return [row[0] for row in self.db.query(
            "SELECT url FROM fetched_urls WHERE listed_by=? AND status=? AND retry=1 "
            "AND attempts<? ORDER BY url", (listed_by, FAILED, MAX_ATTEMPTS))]

    def status(self, url: str) -> tuple[str, str | None] | None:
        row = self.db.execute("SELECT status, reason FROM fetched_urls WHERE url=?",
                              (url,)).fetchone()
        return (row[0], row[1]) if row else None

    def feed_validators(self, feed: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of the feed's last successful poll, for a conditional GET."""
        row = self.db.execute("SELECT etag, last_modified FROM feed_polls WHERE feed_url=?",
                              (feed,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def record_poll(self, poll: FeedPoll) -> None:
        """Save the poll; a failed poll keeps the validators of the last good one."""
        poll.polled_at = poll.polled_at or _now()
        if poll.status not in ("ok", "not modified"):
            poll.etag, poll.last_modified = self.feed_validators(poll.feed)
        with self.db.transaction():
            self.db.execute("DELETE FROM feed_polls WHERE feed_url=?", (poll.feed,))
            self.db.execute(
                "INSERT INTO feed_polls (feed_url, etag, last_modified, polled_at, status, "
                "message, items, new_items, events, errors) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (poll.feed, poll.etag, poll.last_modified, poll.polled_at, poll.status,
                 poll.message, poll.items, poll.new_items, poll.events, poll.errors))

    def last_polls(self) -> list[dict[str, Any]]:
        """The last poll of every feed, newest first."""
        rows = self.db.query(
            "SELECT feed_url, polled_at, status, message, items, new_items, events, errors "
            "FROM feed_polls ORDER BY polled_at DESC, feed_url")
        keys = ("feed", "polled_at", "status", "message", "items", "new_items", "events",
                "errors")
        return [dict(zip(keys, row, strict=True)) for row in rows]
