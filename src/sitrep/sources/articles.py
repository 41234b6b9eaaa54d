"""A fetched or archived page -> the input record the store's ingest takes.

The page goes through the same reader as a story file (trafilatura for the article, then the
dateline, headline and publication date), so a page reads the same however it arrived. The
date comes from the page's metadata, then from the feed or sitemap, then from the dateline:
never from the day it was fetched.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urldefrag

import courlan

from sitrep.ingest import read_text
from sitrep.ingest.published import parse_published
from sitrep.ingest.source import DEFAULT_MAX_BYTES, decode_bytes


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case host, default port and tracking parameters dropped,
    query sorted, no fragment; a URL courlan cannot read is kept as it is."""
    try:
        normalized = courlan.normalize_url(url.strip())
    except (ValueError, AttributeError):
        normalized = url.strip()
    return urldefrag(normalized)[0]


def page_id(canonical: str) -> str:
    """The stored document's id: the same page keeps its id if it is ever fetched again."""
    return "web-" + hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]


def page_record(body: bytes, url: str, *, charset: str | None = None,
                listed_date: str | None = None, listed_title: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """The page's story as an input record; NoStoryError when the page holds no article.

    ``listed_date`` and ``listed_title`` are what the feed or sitemap said about the item.
    """
    canonical = canonical_url(url)
    html = _decode(body, charset, url)
    try:
        given = parse_published(listed_date)
    except ValueError:
        given = None
    doc = read_text(html, doc_id=page_id(canonical), published=given, url=canonical,
                    max_bytes=max_bytes)
    return {"id": doc.id, "text": doc.text, "title": doc.title or listed_title,
            "outlet": doc.outlet, "url": canonical,
            "published": doc.published.isoformat() if doc.published else None}


def _decode(body: bytes, charset: str | None, name: str) -> str:
    """The charset the server declared, else UTF-8, else charset detection."""
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(body, name)
