"""``sitrep ingest --url/--feed/--sitemap/--warc`` and ``sitrep watch`` end to end: a news site
on 127.0.0.1, the real pipeline, a real SQLite store."""

from __future__ import annotations

from pathlib import Path

from news_site import NewsSite, megabytes
from pages import NO_ARTICLE_HTML, article_html, atom, rss, sitemap, write_warc
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.cli.sources import parse_interval
from sitrep.errors import BadInputError, UsageError
from sitrep.sources.articles import canonical_url
from sitrep.sources.seen import SourceLog
from sitrep.store import Store


def sitrep(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "500"})  # one line a message
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def documents(db: str) -> dict[str, tuple[str, str]]:
    """url -> (published, title) of every stored document."""
    with Store(db) as store:
        rows = store.db.query("SELECT url, published, title FROM documents")
    return {url: (published, title) for url, published, title in rows}


def test_watch_stores_feed_items_once_and_a_second_poll_adds_nothing(
    site: NewsSite, tmp_path: Path
) -> None:
    site.add("/robots.txt", "", status=404)
    site.add("/news/kunduz.html", article_html("kunduz"))
    site.add("/news/kabul.html", article_html("kabul", with_date=False))
    site.add("/news/mosul.html", article_html("mosul"))
    site.add("/news/menu.html", NO_ARTICLE_HTML)
    rss_url = site.add("/rss.xml", rss(site.base, ["kunduz", "kabul"])
                       .replace("</channel>", f"<item><link>{site.base}/news/menu.html</link>"
                                f"</item><item><link>{site.base}/news/busy.html</link></item>"
                                "</channel>"),
                       content_type="application/rss+xml", etag='"rss-1"')
    atom_url = site.add("/atom.xml", atom(site.base, ["kunduz", "mosul"]),
                        content_type="application/atom+xml")
    site.add("/news/busy.html", "try later", status=503)
    broken_url = site.add("/broken.xml", "server trouble", status=500)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the test wire\n{rss_url}\n{atom_url}\n\n{broken_url}\n",
                     encoding="utf-8")
    db = str(tmp_path / "watch.db")

    log = sitrep("watch", str(feeds), "--db", db, "--polls", "2", "--every", "0s",
                 "--delay", "0", "--allow-private")

    lines = [line for line in log.splitlines() if " poll " in line]
    assert [line.split(" poll ")[1].split(": ")[0] for line in lines] == [
        f"1 {rss_url}", f"1 {atom_url}", f"1 {broken_url}",
        f"2 {rss_url}", f"2 {atom_url}", f"2 {broken_url}"]
    assert "2 new" in lines[0] and "2 errors" in lines[0]  # no article; 503
    assert "1 new" in lines[1]  # Kunduz came through the RSS feed already
    assert "failed: " in lines[2] and "HTTP 500" in lines[2]
    assert "0 new" in lines[3] and "(not modified)" in lines[3]
    assert "0 new" in lines[4] and "(2 items listed)" in lines[4]
    assert "no article found" in log
    stored = documents(db)
    assert set(stored) == {f"{site.base}/news/{key}.html" for key in ("kunduz", "kabul", "mosul")}
    # the Kabul page gives no date: the feed's pubDate, not today's date
    assert stored[f"{site.base}/news/kabul.html"][0] == "2021-03-04"
    assert stored[f"{site.base}/news/kunduz.html"] == ("2021-03-03",
                                                       "Gunmen kill two farmers in Kunduz")
    with Store(db) as store:
        assert store.counts()["events"] >= 3
        polls = {p["feed"]: p for p in SourceLog(store).last_polls()}
    assert polls[rss_url]["status"] == "not modified" and polls[broken_url]["status"] == "failed"
    for page in ("kunduz", "kabul", "mosul", "menu"):
        assert site.hits(f"/news/{page}.html") == 1  # fetched once, in poll 1
    # a 503 may pass: tried again, though the feed that lists it answered 304
    assert site.hits("/news/busy.html") == 2
    assert site.hits("/rss.xml") == 2


def test_ingest_urls_reports_and_skips_what_it_cannot_read(site: NewsSite, tmp_path: Path) -> None:
    site.add("/robots.txt", "", status=404)
    good = site.add("/news/kunduz.html?utm_source=share", article_html("kunduz"))
    huge = site.add("/news/huge.html", megabytes(50))
    empty = site.add("/news/menu.html", NO_ARTICLE_HTML)
    missing = site.base + "/news/gone.html"
    db = str(tmp_path / "urls.db")

    output = sitrep("ingest", "--db", db, "--delay", "0", "--allow-private",
                    "--url", good, "--url", huge, "--url", empty, "--url", missing)

    assert "too large" in output and "no article found" in output and "HTTP 404" in output
    assert "stored 1 documents" in output
    assert set(documents(db)) == {canonical_url(good)} == {site.base + "/news/kunduz.html"}
    with Store(db) as store:
        log = SourceLog(store)
        assert log.status(canonical_url(huge))[0] == "failed"
        assert log.status(canonical_url(empty))[0] == "no article"
    again = sitrep("ingest", "--db", db, "--delay", "0", "--allow-private", "--url", good)
    assert "stored 0 documents" in again
    assert site.paths().count("/news/kunduz.html?utm_source=share") == 1


def test_ingest_refuses_the_loopback_server_without_allow_private(
    site: NewsSite, tmp_path: Path
) -> None:
    url = site.add("/news/kunduz.html", article_html("kunduz"))
    feed = site.add("/rss.xml", rss(site.base, ["kunduz"]), content_type="application/rss+xml")
    db = str(tmp_path / "refused.db")

    output = sitrep("ingest", "--db", db, "--url", url, "--feed", feed)

    assert output.count("refused to connect to a loopback address 127.0.0.1") == 2
    assert "--allow-private" in output
    assert site.requests == []  # refused before any request, robots.txt included
    with Store(db) as store:
        assert store.counts()["documents"] == 0
        assert SourceLog(store).status(url)[0] == "refused"
    site.add("/robots.txt", "", status=404)
    opened = sitrep("ingest", "--db", db, "--url", url, "--delay", "0", "--allow-private")
    assert "stored 1 documents" in opened  # a refusal is looked at again with a wider policy


def test_ingest_sitemap_and_warc(site: NewsSite, tmp_path: Path) -> None:
    site.add("/robots.txt", "", status=404)
    site.add("/news/kunduz.html", article_html("kunduz", with_date=False))
    site.add("/news/kabul.html", article_html("kabul"))
    map_url = site.add("/sitemap.xml", sitemap(site.base, ["kunduz", "kabul"]),
                       content_type="application/xml")
    warc = write_warc(tmp_path / "news.warc.gz", {
        "http://archive.example/mosul.html": article_html("mosul"),
        "http://archive.example/menu.html": NO_ARTICLE_HTML,
        # the same story as a fetched page: stored once
        "http://mirror.example/kabul.html": article_html("kabul"),
    })
    db = str(tmp_path / "map.db")

    output = sitrep("ingest", "--db", db, "--delay", "0", "--allow-private",
                    "--sitemap", map_url, "--warc", str(warc))

    stored = documents(db)
    assert set(stored) == {f"{site.base}/news/kunduz.html", f"{site.base}/news/kabul.html",
                           "http://archive.example/mosul.html"}
    # the sitemap's news:publication_date, not its lastmod (2024) nor today
    assert stored[f"{site.base}/news/kunduz.html"][0] == "2021-03-03"
    assert stored["http://archive.example/mosul.html"][0] == "2021-03-05"
    assert "http://archive.example/menu.html: no article found" in output
    assert "mirror.example/kabul.html: the same story is already stored" in output
    with Store(db) as store:
        assert store.counts()["events"] >= 3


def test_bad_watch_and_ingest_options_are_clear_errors(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing yet\n\n", encoding="utf-8")
    db = str(tmp_path / "bad.db")
    for args, message in [
        (["watch", str(feeds), "--db", db], "lists no feed URL"),
        (["watch", str(tmp_path / "missing.txt"), "--db", db], "cannot read the feed list"),
        (["watch", str(feeds), "--every", "soon", "--db", db], "give a number with s, m, h"),
        (["ingest", "--warc", str(tmp_path / "missing.warc.gz"), "--db", db], "no such file"),
        (["ingest", "--db", db], "--url, --feed, --sitemap, --warc"),
    ]:
        result = CliRunner().invoke(app, args)
        assert isinstance(result.exception, (BadInputError, UsageError)), (args, result.output)
        assert message in str(result.exception)
    assert not (tmp_path / "bad.db").exists()  # refused before a database was made


def test_intervals_read_as_seconds() -> None:
    assert [parse_interval(t) for t in ("15m", "90s", "1h", "300", "0.5m", "1d")] == [
        900, 90, 3600, 300, 30, 86400]
