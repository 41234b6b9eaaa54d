"""What the web sources remember in the store, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from sitrep.sources.seen import FAILED, FETCHED, NO_ARTICLE, REFUSED, FeedPoll, SourceLog
from sitrep.store import Store
from sitrep.store import synthetic as s
from sitrep.store.store import content_hash

URL = "http://wire.example/news/a.html"


def test_a_url_is_fetched_again_only_when_that_may_do_better(db_url: str) -> None:
    with Store(db_url) as store:
        log = SourceLog(store)
        assert log.should_fetch(URL)
        log.mark(URL, NO_ARTICLE, "no article found")
        assert not log.should_fetch(URL)
        log.mark(URL, REFUSED, "refused to connect to a private address 10.0.0.1")
        assert not log.should_fetch(URL) and log.should_fetch(URL, recheck_refused=True)
        busy, rss = "http://wire.example/news/busy.html", "http://wire.example/rss"
        for attempt in (1, 2, 3):
            log.mark(busy, FAILED, "HTTP 503", retry=True, listed_by=rss)
            assert log.should_fetch(busy) == (attempt < 3)  # three tries in all
            assert log.retries_due(rss) == ([busy] if attempt < 3 else [])
        log.mark(URL, FAILED, "HTTP 404")
        assert not log.should_fetch(URL)
        # fetched but never stored (a kill in between): fetched again; once stored, never
        text = "Test story a. Gunmen attacked a village."
        log.mark(URL, FETCHED, digest=content_hash(text), document_id="a")
        assert log.should_fetch(URL)
        store.add_extracted({"document": {"id": "a", "text": text}, "events": [s.event("a-1")]})
        assert not log.should_fetch(URL) and log.status(URL) == (FETCHED, None)


def test_a_failed_poll_keeps_the_validators_of_the_last_good_one(db_url: str) -> None:
    feed = "http://wire.example/rss"
    with Store(db_url) as store:
        log = SourceLog(store)
        assert log.feed_validators(feed) == (None, None)
        log.record_poll(FeedPoll(feed, etag='"v7"', last_modified="Mon, 01 Mar 2021 00:00:00 GMT",
                                 items=3, new_items=3, events=4))
        log.record_poll(FeedPoll(feed, status="failed", message="HTTP 500", errors=1))
        assert log.feed_validators(feed) == ('"v7"', "Mon, 01 Mar 2021 00:00:00 GMT")
        [poll] = log.last_polls()
        assert (poll["status"], poll["errors"], poll["new_items"]) == ("failed", 1, 0)
