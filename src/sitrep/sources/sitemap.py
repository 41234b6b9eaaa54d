"""XML sitemaps (and Google News sitemaps) -> page URLs, and the sitemaps an index lists.

``lastmod`` says when a page last changed, not when the story was published, so only a News
sitemap's ``publication_date`` is taken as a date. The XML parser resolves no entities and
reads no network, so a hostile sitemap cannot expand or fetch anything.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from sitrep.errors import BadInputError
from sitrep.sources.feeds import FeedItem

MAX_URLS = 50_000  # what the sitemap protocol allows in one file
MAX_UNZIPPED = 50 * 1024 * 1024  # what the protocol allows a sitemap to unzip to

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          recover=False)


class NotASitemap(BadInputError):
    """The response is not a sitemap sitrep can read."""


@dataclass
class Sitemap:
    pages: list[FeedItem] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index


def parse_sitemap(body: bytes, url: str) -> Sitemap:
    """A urlset's pages or a sitemapindex's sitemaps; a plain-text sitemap is one URL a line.

    A gzipped sitemap (``sitemap.xml.gz``) is unzipped up to the protocol's 50 MB, no further.
    """
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body, url)
    text_start = body.lstrip()[:1]
    if text_start and text_start != b"<":
        lines = body.decode("utf-8", errors="replace").splitlines()
        return Sitemap(pages=[FeedItem(url=line.strip()) for line in lines[:MAX_URLS]
                              if line.strip().startswith(("http://", "https://"))])
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        raise NotASitemap(f"{url}: not a readable sitemap ({error})") from error
    kind = etree.QName(root).localname
    found = Sitemap()
    if kind == "sitemapindex":
        found.sitemaps = [urljoin(url, loc) for loc in _texts(root, "sitemap", "loc")]
    elif kind == "urlset":
        for entry in _children(root, "url")[:MAX_URLS]:
            loc = _first_text(entry, "loc")
            if loc:
                found.pages.append(FeedItem(url=urljoin(url, loc), title=_news(entry, "title"),
                                            published=_date(_news(entry, "publication_date"))))
    else:
        raise NotASitemap(f"{url}: <{kind}> is not a sitemap (urlset or sitemapindex)")
    return found


def _gunzip(body: bytes, url: str) -> bytes:
    unzip = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        data = unzip.decompress(body, MAX_UNZIPPED + 1)
    except zlib.error as error:
        raise NotASitemap(f"{url}: a broken gzip file ({error})") from error
    if len(data) > MAX_UNZIPPED:
        raise NotASitemap(f"{url}: unzips to more than 50 MB, the sitemap limit")
    return data


def _children(node: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in node if isinstance(child.tag, str)
            and etree.QName(child).localname == name]


def _first_text(node: etree._Element, name: str) -> str | None:
    for child in _children(node, name):
        text = (child.text or "").strip()
        if text:
            return text
    return None


def _texts(root: etree._Element, outer: str, inner: str) -> list[str]:
    return [text for node in _children(root, outer) if (text := _first_text(node, inner))]


def _news(entry: etree._Element, name: str) -> str | None:
    for news in _children(entry, "news"):
        value = _first_text(news, name)
        if value:
            return value
    return None


def _date(value: str | None) -> str | None:
    """The date part of a W3C datetime (2024-03-05T10:00:00Z -> 2024-03-05)."""
    if not value or len(value) < 10 or value[4] != "-" or value[7] != "-":
        return None
    return value[:10]
