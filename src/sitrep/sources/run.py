"""URLs, feeds, sitemaps and WARC files -> input records for the store's ingest.

``WebSources`` yields the same records ``sitrep ingest`` reads from files, so they are
extracted and stored by the one ingest path. Every URL that is refused, fails, holds no
article or repeats a stored story is reported and remembered with its reason, and the run
goes on; after the records are stored, ``settle`` records what became of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitrep.errors import BadInputError, NoStoryError, SitrepError
from sitrep.sources.address import AddressPolicy, AddressRefused
from sitrep.sources.articles import canonical_url, page_id, page_record
from sitrep.sources.feeds import FeedItem, parse_feed
from sitrep.sources.fetch import (
    DEFAULT_MAX_BYTES,
    FEED_TYPES,
    PAGE_TYPES,
    SITEMAP_TYPES,
    Fetcher,
    FetchFailed,
    RobotsRefused,
)
from sitrep.sources.seen import (
    DISALLOWED,
    DUPLICATE,
    FAILED,
    FETCHED,
    NO_ARTICLE,
    REFUSED,
    UNREADABLE,
    FeedPoll,
    SourceLog,
)
from sitrep.sources.sitemap import parse_sitemap
from sitrep.sources.warc import read_warc
from sitrep.store import Store
from sitrep.store.ingest import IngestResult, input_hash

MAX_SITEMAPS = 50  # sitemaps read from one index, nested ones included


@dataclass
class Outcome:
    """What became of one URL, feed, sitemap or WARC page that did not simply get stored."""

    source: str
    status: str
    reason: str


@dataclass
class SourceRequest:
    """What the user asked for on the command line."""

    urls: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    warcs: list[Path] = field(default_factory=list)
    allow_private: bool = False
    delay: float = 1.0

    def __post_init__(self) -> None:
        for path in self.warcs:  # a mistyped path stops the run before anything is fetched
            if not path.is_file():
                raise BadInputError(f"--warc {path}: no such file")

    def __bool__(self) -> bool:
        return bool(self.urls or self.feeds or self.sitemaps or self.warcs)


class WebSources:
    """Reads web sources into input records, remembering each URL in the store."""

    def __init__(self, store: Store, fetcher: Fetcher,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.store, self.fetcher, self.max_bytes = store, fetcher, max_bytes
        self.log = SourceLog(store)
        self.outcomes: list[Outcome] = []
        self.polls: dict[str, FeedPoll] = {}
        self._url_of: dict[str, str] = {}  # record id -> canonical URL
        self._feed_of: dict[str, str] = {}  # record id -> the feed that listed it
        self._this_run: set[str] = set()  # canonical URLs
        self._hashes: set[str] = set()  # stories read in this run, not stored yet

    @classmethod
    def open(cls, store: Store, request: SourceRequest) -> WebSources:
        fetcher = Fetcher(AddressPolicy(allow_private=request.allow_private),
                          delay=request.delay)
        return cls(store, fetcher)

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> WebSources:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def records(self, request: SourceRequest) -> Iterator[dict[str, Any]]:
        """Every new story the request names, as input records."""
        for url in request.urls:
            yield from self._pages([FeedItem(url=url)])
        for feed in request.feeds:
            yield from self.feed(feed)
        for sitemap in request.sitemaps:
            yield from self.sitemap(sitemap)
        for path in request.warcs:
            yield from self.warc(path)

    # ---- the kinds of source --------------------------------------------------------------

    def feed(self, feed: str) -> Iterator[dict[str, Any]]:
        """A feed's new items; the poll (conditional GET, counts) is kept for ``settle``."""
        poll = self.polls[feed] = FeedPoll(feed)
        etag, last_modified = self.log.feed_validators(feed)
        try:
            fetched = self.fetcher.get(feed, FEED_TYPES, etag=etag, last_modified=last_modified)
            if fetched.not_modified:
                poll.status, poll.etag, poll.last_modified = "not modified", etag, last_modified
                items = [FeedItem(url=url) for url in self.log.retries_due(feed)]
            else:
                items = parse_feed(fetched.body, fetched.url, fetched.content_type)
        except SitrepError as error:
            poll.status = _status_of(error)
            poll.message, poll.errors = _without_name(str(error), feed,
                                                      urlsplit(feed).hostname or feed), 1
            self.outcomes.append(Outcome(feed, poll.status, poll.message))
            return
        if not fetched.not_modified:
            poll.etag, poll.last_modified = fetched.etag, fetched.last_modified
            poll.items = len(items)
        before = len(self.outcomes)
        for record in self._pages(items, listed_by=feed):
            self._feed_of[record["id"]] = feed
            yield record
        poll.errors = sum(1 for o in self.outcomes[before:] if o.status != DUPLICATE)

    def sitemap(self, url: str) -> Iterator[dict[str, Any]]:
        """The pages of a sitemap, and of the sitemaps a sitemap index lists."""
        queue, read = [url], 0
        while queue and read < MAX_SITEMAPS:
            current = queue.pop(0)
            read += 1
            try:
                fetched = self.fetcher.get(current, SITEMAP_TYPES)
                found = parse_sitemap(fetched.body, fetched.url)
            except SitrepError as error:
                self.outcomes.append(Outcome(current, _status_of(error), _without_name(
                    str(error), current, urlsplit(current).hostname or current)))
                continue
            queue.extend(found.sitemaps)
            yield from self._pages(found.pages)

    def warc(self, path: Path) -> Iterator[dict[str, Any]]:
        """The archived pages of a WARC file: no network, the same checks on each page.

        A file that breaks off midway is reported; the pages before the break are kept.
        """
        try:
            yield from self._warc_pages(path)
        except BadInputError as error:
            self.outcomes.append(Outcome(str(path), FAILED, str(error)))

    def _warc_pages(self, path: Path) -> Iterator[dict[str, Any]]:
        for page in read_warc(path, self.max_bytes):
            url = canonical_url(page.url)
            if not self._is_new(url):
                continue
            if page.body is None:
                self._note(url, FAILED, page.problem or "unreadable record")
                continue
            record = self._record(url, page.body, page.charset, FeedItem(url=page.url))
            if record is not None:
                yield record

    # ---- pages ----------------------------------------------------------------------------

    def _pages(self, items: list[FeedItem],
               listed_by: str | None = None) -> Iterator[dict[str, Any]]:
        for item in items:
            url = canonical_url(item.url)
            if not self._is_new(url):
                continue
            try:
                fetched = self.fetcher.get(item.url, PAGE_TYPES)
            except SitrepError as error:
                self._note(url, _status_of(error), str(error), names=(item.url,),
                           retry=isinstance(error, FetchFailed) and error.retry,
                           listed_by=listed_by)
                continue
            record = self._record(url, fetched.body, fetched.charset, item)
            if record is not None:
                yield record

    def _is_new(self, url: str) -> bool:
        """Not seen in this run, and not fetched for good in an earlier one."""
        if url in self._this_run:
            return False
        self._this_run.add(url)
        return self.log.should_fetch(url, recheck_refused=self.fetcher.policy.allow_private)

    def _record(self, url: str, body: bytes, charset: str | None,
                item: FeedItem) -> dict[str, Any] | None:
        try:
            record = page_record(body, url, charset=charset, listed_date=item.published,
                                 listed_title=item.title, max_bytes=self.max_bytes)
        except NoStoryError as error:
            self._note(url, NO_ARTICLE, str(error), names=(item.url, page_id(url)))
            return None
        except SitrepError as error:
            self._note(url, UNREADABLE, str(error), names=(item.url, page_id(url)))
            return None
        digest = input_hash(record)
        if digest in self._hashes or self.store.has_hash(digest):
            self._note(url, DUPLICATE, "the same story is already stored", digest=digest)
            return None
        self._hashes.add(digest)
        self.log.mark(url, FETCHED, digest=digest, document_id=record["id"])
        self._url_of[record["id"]] = url
        return record

    def _note(self, url: str, status: str, reason: str, *, retry: bool = False,
              digest: str | None = None, names: tuple[str, ...] = (),
              listed_by: str | None = None) -> None:
        reason = _without_name(reason, url, *names, urlsplit(url).hostname or url)
        self.log.mark(url, status, reason, retry=retry, digest=digest, listed_by=listed_by)
        self.outcomes.append(Outcome(url, status, reason))

    # ---- after storing --------------------------------------------------------------------

    def settle(self, result: IngestResult) -> list[FeedPoll]:
        """Record what the ingest made of the records, and each feed's poll; the polls."""
        for record_id, why in result.failed:
            url = self._url_of.get(record_id)
            if url is not None:  # the caller reports result.failed itself
                self.log.mark(url, UNREADABLE, why)
                if record_id in self._feed_of:
                    self.polls[self._feed_of[record_id]].errors += 1
        stored = set(result.stored)
        for record_id, feed in self._feed_of.items():
            if record_id in stored:
                self.polls[feed].new_items += 1
                self.polls[feed].events += self._events_of(record_id)
        polls = list(self.polls.values())
        for poll in polls:
            self.log.record_poll(poll)
        self.polls, self._feed_of, self._url_of = {}, {}, {}
        self._this_run, self._hashes = set(), set()
        return polls

    def _events_of(self, document_id: str) -> int:
        return int(self.store.db.scalar("SELECT COUNT(*) FROM events WHERE document_id=?",
                                        (document_id,)) or 0)


def _without_name(message: str, *names: str) -> str:
    """The reason without a leading "NAME: " when NAME is one of ``names`` (the URL as listed,
    its canonical form, the record id): the outcome names its URL itself. A redirect hop's
    URL stays in: it says where the problem was."""
    head, sep, rest = message.partition(": ")
    return rest if sep and rest and head in names else message


def _status_of(error: SitrepError) -> str:
    if isinstance(error, RobotsRefused):
        return DISALLOWED
    return REFUSED if isinstance(error, AddressRefused) else FAILED
