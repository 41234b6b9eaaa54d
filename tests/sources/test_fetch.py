"""The fetcher against a real HTTP server on 127.0.0.1: refusals, caps, politeness."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator

import pytest
from news_site import NewsSite, megabytes

from sitrep.sources.address import AddressPolicy, AddressRefused
from sitrep.sources.fetch import (
    FEED_TYPES,
    PAGE_TYPES,
    USER_AGENT,
    Fetcher,
    FetchFailed,
    RobotsRefused,
)

# only the test server's own address is opened; the rest of loopback stays refused
ONLY_TEST_SERVER = AddressPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))


def fetcher(**options: object) -> Fetcher:
    return Fetcher(options.pop("policy", ONLY_TEST_SERVER), delay=options.pop("delay", 0.0),
                   **options)  # type: ignore[arg-type]


def test_loopback_url_is_refused_before_any_request(site: NewsSite) -> None:
    url = site.add("/story.html", "<html><body><p>text</p></body></html>")
    with Fetcher(AddressPolicy(), delay=0) as plain, pytest.raises(AddressRefused,
                                                                    match="loopback"):
        plain.get(url, PAGE_TYPES)
    assert site.requests == []  # not even robots.txt was asked for


def test_redirect_to_a_refused_address_is_refused_before_following_it(site: NewsSite) -> None:
    site.add("/robots.txt", "", status=404)
    target = site.base.replace("127.0.0.1", "127.0.0.2") + "/inside.html"
    url = site.add("/moved", "", status=302, headers={"Location": target})
    site.add("/inside.html", "<html><body><p>inside</p></body></html>")
    with fetcher() as client, pytest.raises(AddressRefused, match="loopback address 127.0.0.2"):
        client.get(url, PAGE_TYPES)
    assert "/inside.html" not in site.paths() and "/moved" in site.paths()


def test_redirect_within_allowed_addresses_is_followed(site: NewsSite) -> None:
    site.add("/robots.txt", "", status=404)
    site.add("/old", "", status=301, headers={"Location": "/new"})
    site.add("/new", "<html><body><p>moved here</p></body></html>")
    with fetcher() as client:
        answer = client.get(site.base + "/old", PAGE_TYPES)
    assert answer.url == site.base + "/new" and b"moved here" in answer.body


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://a/b"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with fetcher() as client, pytest.raises(AddressRefused, match="only http and https"):
        client.get(url)


def test_a_50_mb_response_is_cut_at_the_cap(site: NewsSite) -> None:
    site.add("/robots.txt", "", status=404)
    url = site.add("/huge.html", megabytes(50))
    started = time.monotonic()
    with fetcher() as client, pytest.raises(FetchFailed, match="too large .*cut at 10.0 MB"):
        client.get(url, PAGE_TYPES)
    assert time.monotonic() - started < 30
    deadline = time.monotonic() + 5
    while not site.cut_off and time.monotonic() < deadline:
        time.sleep(0.05)
    assert site.cut_off  # the server could not send the rest: the client hung up


def test_a_declared_oversize_body_is_refused_unread(site: NewsSite) -> None:
    site.add("/robots.txt", "", status=404)
    url = site.add("/big.html", b"<p>" + b"y" * 2_000_000)
    with fetcher(max_bytes=1_000_000) as client, pytest.raises(FetchFailed,
                                                                match=r"too large \(1.9 MB"):
        client.get(url, PAGE_TYPES)


def test_an_unexpected_content_type_is_refused(site: NewsSite) -> None:
    site.add("/robots.txt", "", status=404)
    url = site.add("/photo.jpg", b"\xff\xd8\xff\xe0", content_type="image/jpeg")
    with fetcher() as client, pytest.raises(FetchFailed, match="content type image/jpeg"):
        client.get(url, PAGE_TYPES)


def test_server_errors_are_failures_worth_retrying_and_404s_are_not(site: NewsSite) -> None:
    site.add("/robots.txt", "", status=404)
    site.add("/busy", "busy", status=503)
    with fetcher() as client:
        with pytest.raises(FetchFailed, match="HTTP 503") as busy:
            client.get(site.base + "/busy")
        with pytest.raises(FetchFailed, match="HTTP 404") as gone:
            client.get(site.base + "/gone")
    assert busy.value.retry and not gone.value.retry


def test_robots_txt_is_honoured_and_read_once(site: NewsSite) -> None:
    site.add("/robots.txt", "User-agent: sitrep\nDisallow: /private/\n",
             content_type="text/plain")
    site.add("/private/a.html", "<p>no</p>")
    site.add("/public/a.html", "<p>yes</p>")
    with fetcher() as client:
        with pytest.raises(RobotsRefused, match="robots.txt disallows"):
            client.get(site.base + "/private/a.html")
        assert client.get(site.base + "/public/a.html").body == b"<p>yes</p>"
    assert site.paths() == ["/robots.txt", "/public/a.html"]


def test_requests_name_sitrep_and_wait_the_per_host_delay(site: NewsSite) -> None:
    site.add("/robots.txt", "", status=404)
    site.add("/a", "<p>a</p>")
    with fetcher(delay=0.4) as client:
        started = time.monotonic()
        client.get(site.base + "/a")
        client.get(site.base + "/a")
        elapsed = time.monotonic() - started
    assert elapsed >= 0.8  # robots.txt, then two pages, each 0.4 s after the last
    assert all(seen.headers["User-Agent"] == USER_AGENT for seen in site.requests)
    assert "sitrep" in USER_AGENT


def test_conditional_get_gets_a_304_for_an_unchanged_feed(site: NewsSite) -> None:
    site.add("/robots.txt", "", status=404)
    url = site.add("/feed.xml", "<rss version='2.0'><channel></channel></rss>",
                   content_type="application/rss+xml", etag='"v1"')
    with fetcher() as client:
        first = client.get(url, FEED_TYPES)
        second = client.get(url, FEED_TYPES, etag=first.etag)
    assert first.status == 200 and first.etag == '"v1"'
    assert second.not_modified and second.body == b""
    assert site.requests[-1].headers.get("If-None-Match") == '"v1"'


def test_an_unreadable_robots_txt_holds_the_host_back_for_now(site: NewsSite) -> None:
    site.add("/robots.txt", "down", status=503)
    site.add("/a.html", "<p>a</p>")
    with fetcher() as client, pytest.raises(FetchFailed, match="robots.txt could not be read") \
            as blocked:
        client.get(site.base + "/a.html")
    assert blocked.value.retry and site.paths() == ["/robots.txt"]


def test_a_response_that_stalls_runs_into_the_timeout(site: NewsSite) -> None:
    def stalling() -> Iterator[bytes]:
        yield b"<p>the first words"
        time.sleep(3)
        yield b" and the rest</p>"

    site.add("/robots.txt", "", status=404)
    url = site.add("/slow.html", stalling)
    started = time.monotonic()
    with fetcher(timeout=0.5) as client, pytest.raises(FetchFailed, match="within 0.5 s") \
            as slow:
        client.get(url, PAGE_TYPES)
    assert slow.value.retry and time.monotonic() - started < 2.5
