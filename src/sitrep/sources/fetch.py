"""Polite, safe HTTP fetching: one place where sitrep talks to the web.

Polite: a User-Agent that names sitrep, robots.txt honoured, a delay between two requests to
the same host, conditional GET (ETag / Last-Modified) so an unchanged feed costs a 304.
Safe: http and https only; every host name is resolved here and each address vetted by the
address policy before a connection is opened, on the first request and on every redirect hop,
and the connection goes to the vetted address (a second DNS answer cannot swap it); each
response has a size cap, a deadline and an expected content type.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from sitrep.errors import BadInputError
from sitrep.ingest.source import human_size
from sitrep.sources.address import AddressPolicy, AddressRefused

USER_AGENT = "sitrep/0.1 (conflict news reader; honours robots.txt)"
ROBOTS_AGENT = "sitrep"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
DEFAULT_DELAY = 1.0
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is trusted before it is read again
MAX_CRAWL_DELAY = 30.0  # a robots.txt Crawl-delay above this is capped, not obeyed to the hour

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/xml", "text/xml", "text/plain"})
SITEMAP_TYPES = frozenset({"application/xml", "text/xml", "text/plain", "application/gzip",
                           "application/x-gzip"})

Resolver = Callable[[str, int], Iterable[str]]


class FetchFailed(BadInputError):
    """A URL that could not be fetched; ``retry`` says whether a later poll may do better."""

    def __init__(self, message: str, retry: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.retry, self.status = retry, status


class RobotsRefused(BadInputError):
    """robots.txt asks sitrep not to fetch this URL."""


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (a literal address resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchFailed(f"{host}: the name does not resolve ({error})", retry=True) from error
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


class Fetcher:
    """An HTTP client that only ever connects to addresses its policy allows."""

    def __init__(self, policy: AddressPolicy | None = None, *, delay: float = DEFAULT_DELAY,
                 timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                 robots: bool = True, resolver: Resolver = system_resolver,
                 verify: ssl.SSLContext | bool = True) -> None:
        """``verify``: the TLS trust (certifi's roots by default; a test passes its own CA)."""
        self.policy = policy or AddressPolicy()
        self.delay, self.timeout, self.max_bytes = delay, timeout, max_bytes
        self.robots, self.resolver = robots, resolver
        self._last_request: dict[str, float] = {}
        # origin -> (when read, rules or None for "all allowed", a problem blocking the origin)
        self._robots: dict[str, tuple[float, RobotFileParser | None, str | None]] = {}
        self._crawl_delay: dict[str, float] = {}  # host -> its robots.txt Crawl-delay
        # no keep-alive: a pooled connection is keyed by address, and a TLS connection
        # verified for one host must not carry a request for another host on the same address
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT}, timeout=timeout, follow_redirects=False,
            trust_env=False, limits=httpx.Limits(max_keepalive_connections=0), verify=verify)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, accept: frozenset[str] | None = None, *, etag: str | None = None,
            last_modified: str | None = None, max_bytes: int | None = None) -> Fetched:
        """GET ``url``, following up to MAX_REDIRECTS redirects, each hop checked anew."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, accept, max_bytes or self.max_bytes, self.robots)

    def _follow(self, url: str, headers: dict[str, str], accept: frozenset[str] | None,
                max_bytes: int, robots: bool) -> Fetched:
        for _hop in range(MAX_REDIRECTS + 1):
            _check_scheme(url)
            if robots:
                self._check_robots(url)
            answer = self._request(url, headers, accept, max_bytes)
            if isinstance(answer, Fetched):
                return answer
            url = answer  # a redirect: the next hop is vetted like the first
        raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects")

    # ---- one request -------------------------------------------------------------------

    def _request(self, url: str, headers: dict[str, str], accept: frozenset[str] | None,
                 max_bytes: int) -> Fetched | str:
        """One hop: the response, or the URL a redirect points to."""
        try:
            parts = httpx.URL(url)
            host = parts.raw_host.decode("ascii")
        except (httpx.InvalidURL, UnicodeError) as error:
            raise FetchFailed(f"{url}: not a valid URL ({error})") from error
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = self.policy.vet(host, self.resolver(host, port))
        self._wait_turn(host)
        target = parts.copy_with(host=str(address))
        host_header = parts.netloc.decode("ascii")
        try:
            with self._client.stream("GET", target, headers={**headers, "Host": host_header},
                                     extensions={"sni_hostname": host}) as response:
                return self._answer(url, response, accept, max_bytes)
        except httpx.TimeoutException as error:
            raise FetchFailed(f"{url}: no answer within {self.timeout:g} s", retry=True) \
                from error
        except httpx.HTTPError as error:
            raise FetchFailed(f"{url}: {type(error).__name__}: {error}", retry=True) from error

    def _answer(self, url: str, response: httpx.Response, accept: frozenset[str] | None,
                max_bytes: int) -> Fetched | str:
        status = response.status_code
        if status in (301, 302, 303, 307, 308):
            location = response.headers.get("location")
            if not location:
                raise FetchFailed(f"{url}: redirect ({status}) without a Location")
            return urljoin(url, location)
        mime, charset = _content_type(response.headers.get("content-type"))
        fetched = Fetched(url, status, b"", mime, charset, response.headers.get("etag"),
                          response.headers.get("last-modified"))
        if status == 304:
            return fetched
        if status >= 400 or status < 200:
            raise FetchFailed(f"{url}: the server answered HTTP {status}",
                              retry=status >= 500 or status in (408, 429), status=status)
        if accept is not None and mime is not None and mime not in accept:
            raise FetchFailed(f"{url}: content type {mime} is not one sitrep reads here "
                              f"({', '.join(sorted(accept))})")
        fetched.body = self._read_capped(url, response, max_bytes)
        return fetched

    def _read_capped(self, url: str, response: httpx.Response, max_bytes: int) -> bytes:
        """The body, cut off (and refused) past ``max_bytes`` or past the deadline."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchFailed(f"{url}: the response is too large ({human_size(int(declared))}, "
                              f"the limit is {human_size(max_bytes)})")
        deadline = time.monotonic() + self.timeout
        chunks, total = [], 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > max_bytes:
                raise FetchFailed(f"{url}: the response is too large (cut at "
                                  f"{human_size(max_bytes)}, the limit)")
            if time.monotonic() > deadline:
                raise FetchFailed(f"{url}: the response took longer than {self.timeout:g} s",
                                  retry=True)
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_turn(self, host: str) -> None:
        """Sleep until the host's delay (or its robots.txt Crawl-delay) has passed."""
        delay = max(self.delay, self._crawl_delay.get(host, 0.0))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last_request[host] = time.monotonic()

    # ---- robots.txt --------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        """RobotsRefused when the origin's robots.txt disallows ``url`` for sitrep."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        now = time.monotonic()
        cached = self._robots.get(origin)
        if cached is None or now - cached[0] > ROBOTS_TTL:
            cached = (now, *self._read_robots(origin + "/robots.txt"))
            self._robots[origin] = cached
            crawl_delay = cached[1].crawl_delay(ROBOTS_AGENT) if cached[1] else None
            if crawl_delay:
                self._crawl_delay[parts.hostname or ""] = min(float(crawl_delay),
                                                              MAX_CRAWL_DELAY)
        _, rules, problem = cached
        if problem is not None:
            raise FetchFailed(f"{url}: {problem}; not fetched", retry=True)
        if rules is not None and not rules.can_fetch(ROBOTS_AGENT, url):
            raise RobotsRefused(f"{url}: robots.txt disallows it for {ROBOTS_AGENT}")

    def _read_robots(self, robots_url: str) -> tuple[RobotFileParser | None, str | None]:
        """(rules or None for "all allowed", a problem that blocks the host for now).

        As RFC 9309 says: a missing robots.txt (4xx) allows everything; one that cannot be
        read (5xx, no answer) disallows everything until it can be.
        """
        try:
            answer = self._follow(robots_url, {}, None, ROBOTS_MAX_BYTES, robots=False)
        except AddressRefused:
            raise
        except FetchFailed as error:
            if error.status is not None and 400 <= error.status < 500:
                return None, None
            return None, f"robots.txt could not be read ({error})"
        rules = RobotFileParser(robots_url)
        rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return rules, None


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise AddressRefused(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise AddressRefused(f"{url}: the URL names no host")


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """("text/html", "utf-8") from ``text/html; charset=UTF-8``."""
    if not header:
        return None, None
    mime, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower() or None
    return mime.strip().lower() or None, charset
