"""Pages, feeds, a sitemap and a WARC for the source tests, written for these tests."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time
from email.utils import format_datetime
from pathlib import Path

STORIES = {
    "kunduz": (
        "Gunmen kill two farmers in Kunduz",
        "2021-03-03",
        "KUNDUZ, Afghanistan, March 2 (Reuters) - Gunmen on motorbikes shot dead two farmers "
        "in a village outside Kunduz city on Tuesday, a provincial police spokesman said. "
        "The attackers fled towards the river before police reached the village, and nobody "
        "has claimed responsibility for the killings.",
        "Relatives said the two men had been irrigating their wheat fields when the gunmen "
        "arrived. Local elders called on the authorities to send more patrols to the area.",
    ),
    "kabul": (
        "Hundreds march in Kabul over power cuts",
        "2021-03-04",
        "KABUL, March 3 (Reuters) - Several hundred people marched through central Kabul on "
        "Wednesday to protest against long power cuts that have left many neighbourhoods "
        "without electricity for days, witnesses said. The protesters carried banners and "
        "chanted slogans outside the offices of the state power company.",
        "The march ended peacefully in the afternoon. A spokesman for the power company said "
        "repairs to a damaged transmission line would take another week.",
    ),
    "mosul": (
        "Roadside bomb wounds three soldiers near Mosul",
        "2021-03-05",
        "MOSUL, Iraq, March 4 (Reuters) - A roadside bomb wounded three Iraqi soldiers on "
        "Thursday when it struck their patrol south of Mosul, the army said in a statement. "
        "The soldiers were taken to a military hospital, where their condition was stable.",
        "Security forces sealed off the road and searched nearby farms for the people who "
        "planted the device, the statement said.",
    ),
}


def article_html(key: str, *, with_date: bool = True) -> str:
    title, published, lead, rest = STORIES[key]
    meta = f'<meta property="article:published_time" content="{published}T08:00:00Z">' \
        if with_date else ""
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1><p>{lead}</p><p>{rest}</p></article>"
            f"<footer>Copyright the test newsroom</footer></body></html>")


NO_ARTICLE_HTML = ("<!DOCTYPE html><html><head><title>Menu</title></head><body>"
                   "<nav><a href='/a'>Home</a></nav></body></html>")


def rss(base: str, keys: list[str]) -> str:
    items = "".join(
        f"<item><title>{STORIES[k][0]}</title><link>{base}/news/{k}.html?utm_source=rss</link>"
        f"<pubDate>{_rfc822(STORIES[k][1])}</pubDate></item>" for k in keys)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>'
            f"<link>{base}/</link>{items}</channel></rss>")


def atom(base: str, keys: list[str]) -> str:
    entries = "".join(
        f"<entry><title>{STORIES[k][0]}</title><link href='{base}/news/{k}.html'/>"
        f"<id>{base}/news/{k}</id><updated>{STORIES[k][1]}T09:00:00Z</updated></entry>"
        for k in keys)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Test wire</title><id>{base}/</id><updated>2021-03-05T00:00:00Z</updated>"
            f"{entries}</feed>")


def sitemap(base: str, keys: list[str]) -> str:
    urls = "".join(
        f"<url><loc>{base}/news/{k}.html</loc><lastmod>2024-01-01</lastmod>"
        f"<news:news><news:publication_date>{STORIES[k][1]}</news:publication_date>"
        f"<news:title>{STORIES[k][0]}</news:title></news:news></url>" for k in keys)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{urls}</urlset>")


def write_warc(path: Path, pages: dict[str, str]) -> Path:
    """A gzipped WARC with one response record per page, and one image record to skip."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "http://archive.example/logo.png", "response", payload=io.BytesIO(b"\x89PNG"),
            http_headers=image))
    return path


def _rfc822(iso: str) -> str:
    return format_datetime(datetime.combine(date.fromisoformat(iso), time(7), tzinfo=UTC))
