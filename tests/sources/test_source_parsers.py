"""Feeds, sitemaps and WARC files read into the items they list (no network)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from pages import NO_ARTICLE_HTML, article_html, atom, rss, sitemap, write_warc

from sitrep.errors import BadInputError
from sitrep.sources.articles import canonical_url, page_id
from sitrep.sources.feeds import NotAFeed, parse_feed
from sitrep.sources.sitemap import NotASitemap, parse_sitemap
from sitrep.sources.warc import read_warc

BASE = "http://wire.example"

RSS_1 = ("<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
         " xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
         "<channel rdf:about='http://wire.example/'><title>Wire</title></channel>"
         "<item rdf:about='http://wire.example/a'><title>A</title>"
         "<link>http://wire.example/a</link><dc:date>2021-03-02T10:00:00Z</dc:date></item>"
         "</rdf:RDF>")
RSS_091 = ("<?xml version='1.0'?><rss version='0.91'><channel><title>Wire</title>"
           "<item><title>B</title><link>/b.html</link></item></channel></rss>")


def test_rss_2_items_carry_their_link_title_and_date() -> None:
    items = parse_feed(rss(BASE, ["kunduz", "kabul"]).encode(), BASE + "/rss.xml")
    assert [(i.title, i.published) for i in items] == [
        ("Gunmen kill two farmers in Kunduz", "2021-03-03"),
        ("Hundreds march in Kabul over power cuts", "2021-03-04")]
    assert items[0].url == BASE + "/news/kunduz.html?utm_source=rss"


def test_atom_rss_1_and_rss_091_are_read_too() -> None:
    atom_items = parse_feed(atom(BASE, ["mosul"]).encode(), BASE + "/atom.xml")
    assert [(i.url, i.published) for i in atom_items] == [(BASE + "/news/mosul.html",
                                                           "2021-03-05")]
    assert [(i.url, i.published) for i in parse_feed(RSS_1.encode(), BASE + "/index.rdf")] == [
        (BASE + "/a", "2021-03-02")]
    # a relative link is made absolute; an item without a date has none (not today's)
    assert [(i.url, i.published) for i in parse_feed(RSS_091.encode(), BASE + "/f/rss")] == [
        (BASE + "/b.html", None)]


@pytest.mark.parametrize("body", [b"<html><body>a page, not a feed</body></html>",
                                  b'{"items": ["a JSON document"]}',
                                  b"<rss version='2.0'><channel><title>cut off",
                                  b"plain words"])
def test_what_is_not_a_feed_is_refused_clearly(body: bytes) -> None:
    with pytest.raises(NotAFeed, match=BASE):
        parse_feed(body, BASE + "/feed")


def test_an_empty_feed_lists_nothing() -> None:
    assert parse_feed(rss(BASE, []).encode(), BASE + "/rss.xml") == []


def test_sitemap_takes_the_news_publication_date_not_lastmod() -> None:
    found = parse_sitemap(sitemap(BASE, ["kunduz"]).encode(), BASE + "/sitemap.xml")
    assert [(p.url, p.published, p.title) for p in found.pages] == [
        (BASE + "/news/kunduz.html", "2021-03-03", "Gunmen kill two farmers in Kunduz")]


def test_a_sitemap_index_lists_its_sitemaps_and_a_text_sitemap_its_lines() -> None:
    index = ("<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/"
             "sitemap/0.9'><sitemap><loc>/news-1.xml</loc></sitemap><sitemap><loc>"
             "http://wire.example/news-2.xml</loc></sitemap></sitemapindex>")
    found = parse_sitemap(index.encode(), BASE + "/sitemap.xml")
    assert found.sitemaps == [BASE + "/news-1.xml", BASE + "/news-2.xml"] and not found.pages
    text = parse_sitemap(b"http://wire.example/a\n\nnot a url\nhttps://wire.example/b\n",
                         BASE + "/sitemap.txt")
    assert [p.url for p in text.pages] == [BASE + "/a", "https://wire.example/b"]


def test_a_sitemap_cannot_read_local_files_through_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    hostile = (f"<?xml version='1.0'?><!DOCTYPE urlset [<!ENTITY s SYSTEM '{secret.as_uri()}'>]>"
               "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
               "<url><loc>http://wire.example/&s;</loc></url></urlset>")
    found = parse_sitemap(hostile.encode(), BASE + "/sitemap.xml")
    assert all("TOP-SECRET" not in p.url for p in found.pages)


def test_what_is_not_a_sitemap_is_refused_clearly() -> None:
    with pytest.raises(NotASitemap, match="not a sitemap"):
        parse_sitemap(b"<html><body>hi</body></html>", BASE + "/sitemap.xml")
    with pytest.raises(NotASitemap, match="not a readable sitemap"):
        parse_sitemap(b"<urlset><url><loc>", BASE + "/sitemap.xml")


def test_warc_yields_html_responses_only(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "a.warc.gz", {"http://archive.example/k.html":
                                               article_html("kunduz"),
                                               "http://archive.example/m.html": NO_ARTICLE_HTML})
    pages = list(read_warc(warc))
    assert [p.url for p in pages] == ["http://archive.example/k.html",
                                      "http://archive.example/m.html"]  # the PNG is skipped
    assert pages[0].charset == "utf-8" and b"Kunduz" in (pages[0].body or b"")
    too_big = list(read_warc(warc, max_bytes=100))
    assert too_big[0].body is None and "larger than 100 bytes" in (too_big[0].problem or "")


def test_a_file_that_is_not_a_warc_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.warc"
    notes.write_text("these are notes\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="not a WARC file"):
        list(read_warc(notes))


def test_canonical_urls_fold_the_spellings_of_one_page() -> None:
    spellings = ["HTTP://Wire.Example:80/a?utm_source=rss&id=3#top",
                 "http://wire.example/a?id=3", "http://wire.example/a?id=3&utm_medium=x"]
    assert {canonical_url(u) for u in spellings} == {"http://wire.example/a?id=3"}
    assert page_id(canonical_url(spellings[0])) == page_id("http://wire.example/a?id=3")
    assert canonical_url("http://wire.example/a?id=4") != "http://wire.example/a?id=3"


def test_a_gzipped_sitemap_is_unzipped_and_a_zip_bomb_is_refused() -> None:
    zipped = gzip.compress(sitemap(BASE, ["kabul"]).encode())
    found = parse_sitemap(zipped, BASE + "/sitemap.xml.gz")
    assert [p.url for p in found.pages] == [BASE + "/news/kabul.html"]
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024))
    with pytest.raises(NotASitemap, match="more than 50 MB"):
        parse_sitemap(bomb, BASE + "/sitemap.xml.gz")
