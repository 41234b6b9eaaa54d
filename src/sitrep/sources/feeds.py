"""RSS 0.9x/1.0/2.0 and Atom feeds -> the items they list, with the dates they give.

feedparser reads every flavour and survives most malformed feeds; it is only ever handed
bytes sitrep fetched itself (given a URL, feedparser would fetch it, past the address checks).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from sitrep.errors import BadInputError


class NotAFeed(BadInputError):
    """The response is not a feed sitrep can read."""


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    published: str | None = None  # ISO date from the feed, when it gives one


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> list[FeedItem]:
    """The items of a feed, links made absolute against ``url``; NotAFeed when unreadable.

    A malformed feed whose items feedparser still recovers is read: feeds in the wild often
    are; one that yields no item and no feed version is refused.
    """
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise NotAFeed(f"{url}: not a readable feed ({parsed.get('bozo_exception')})")
        if not parsed.get("version"):
            raise NotAFeed(f"{url}: not an RSS or Atom feed")
        return []
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or _alternate_link(entry)
        if not link:
            continue
        items.append(FeedItem(url=urljoin(url, link), title=entry.get("title") or None,
                              published=_entry_date(entry)))
    return items


def _alternate_link(entry: feedparser.FeedParserDict) -> str | None:
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    """The item's publication date, else its update date; never the day it was read."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()
    return None
