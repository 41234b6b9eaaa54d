"""A news site on 127.0.0.1 for the source tests: feeds, pages, a sitemap, robots.txt.

Each test writes what the site serves (``site.add``); the server keeps every request it saw,
so a test can show that a refused URL was never asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

CHUNK = 64 * 1024


class QuietServer(ThreadingHTTPServer):
    """A client that hangs up (a refused body, a cut response) is what these tests expect."""

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


@dataclass
class Route:
    body: bytes | Callable[[], Iterator[bytes]]
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answers 304 to a matching If-None-Match


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class NewsSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.cut_off = False  # a streamed body stopped because the client hung up
        self.server = QuietServer(("127.0.0.1", 0), _handler(self))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, path: str, body: str | bytes | Callable[[], Iterator[bytes]],
            **options: object) -> str:
        """Serve ``body`` at ``path`` (whatever the query string); its full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[urlsplit(path).path] = Route(data, **options)  # type: ignore[arg-type]
        return self.base + path

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]

    def hits(self, path: str) -> int:
        """Requests for ``path``, whatever their query string."""
        return sum(1 for seen in self.requests if urlsplit(seen.path).path == path)


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            site.requests.append(Seen(self.path, dict(self.headers.items())))
            route = site.routes.get(urlsplit(self.path).path)
            if route is None:
                self.send_error(404)
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if isinstance(route.body, bytes):
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
                return
            self.end_headers()  # no length: the body runs until the connection closes
            try:
                for chunk in route.body():
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                site.cut_off = True

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def megabytes(count: int) -> Callable[[], Iterator[bytes]]:
    """A body of ``count`` MB, streamed without a Content-Length."""
    def chunks() -> Iterator[bytes]:
        block = b"<p>" + b"x" * (CHUNK - 3)
        for _ in range(count * 1024 * 1024 // CHUNK):
            yield block
    return chunks
