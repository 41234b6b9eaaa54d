"""The read-only HTTP API over merged events (docs/CONTRACTS.md), plus an opt-in write route.

Writes are refused unless ``SITREP_WRITE_TOKEN`` (or ``write_token``) is set, so a server
started for browsing can never be used to alter the store. The write route checks the token
before it reads a byte of the body and caps the body, so nobody without the token can make
the server buffer or parse anything; query values are bounded so none reaches the database
as a value it cannot take (a 500); every answer carries security headers.
"""

from __future__ import annotations

import hmac
import json
import os
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from sitrep.api.read_cache import ReadCache
from sitrep.store import query
from sitrep.store.db import Database
from sitrep.store.generation import current_generation
from sitrep.store.query import EventFilters
from sitrep.store.store import Store
from sitrep.web import STATIC_DIR

MAX_BODY_BYTES = 5 * 1024 * 1024  # the reader's own input limit: a story is never bigger
MAX_TEXT_FILTER = 1000  # characters of actor / q / claimant (SQLite's LIKE stops at 50,000)
# a map shows at most this many points at once (80 MB of GeoJSON for 100,000 events before)
DEFAULT_MAP_EVENTS = 5_000
MAX_MAP_EVENTS = 20_000
MAX_OFFSET = 2**63 - 1  # SQLite and PostgreSQL take 64-bit integers, nothing larger
SERVE_DB_VARIABLE = "SITREP_SERVE_DB"  # the store of `sitrep serve --workers N`'s processes

# The page loads only its own script, styles and data; MapLibre needs blob: workers and
# images; inline styles are MapLibre's and the panel's. frame-ancestors stops clickjacking.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; worker-src 'self' blob:; child-src 'self' blob:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")
# The /docs and /redoc pages are an inline script plus Swagger UI / ReDoc assets served from
# the installed fastapi-offline package (under DOCS_ASSETS), so they work offline.
DOCS_ASSETS = "/static-offline-docs"
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
            "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
TextFilter = Annotated[str | None, Query(max_length=MAX_TEXT_FILTER)]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware adding nosniff, a CSP with frame-ancestors 'none' and a referrer policy
    to every HTTP answer (errors included), so no route can forget them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        csp = DOCS_CSP if path.startswith(DOCS_PATHS) else PAGE_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = [*SECURITY_HEADERS, (b"content-security-policy", csp.encode())]
                headers += [(name, value) for name, value in extra if name not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _check_token(token: str | None, authorization: str | None) -> None:
    """Refuse a write unless ``Authorization: Bearer <token>`` matches (scheme required).

    ``Connection: close`` ends the upload of a body nobody will read.
    """
    if not token:
        raise HTTPException(403, "this server is read-only (set SITREP_WRITE_TOKEN)",
                            headers={"Connection": "close"})
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' is required",
                            headers={"WWW-Authenticate": "Bearer", "Connection": "close"})


def _too_large() -> HTTPException:
    return HTTPException(413, f"the request body is over {MAX_BODY_BYTES} bytes",
                         headers={"Connection": "close"})


async def _read_json_object(request: Request, limit: int = MAX_BODY_BYTES) -> dict[str, Any]:
    """The body as a JSON object, read only up to ``limit`` bytes: an announced or streamed
    bigger body is a 413 before the rest of it is read."""
    announced = request.headers.get("content-length")
    if announced is not None:
        if not announced.strip().isdigit():
            raise HTTPException(400, "Content-Length must be a number of bytes",
                                headers={"Connection": "close"})
        if int(announced) > limit:
            raise _too_large()
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large()
    try:
        value = json.loads(bytes(body))
    except (ValueError, RecursionError) as error:  # bad JSON, bad UTF-8, absurd nesting
        raise HTTPException(422, f"the body must be a JSON object: {error}") from error
    if not isinstance(value, dict):
        raise HTTPException(422, "the body must be a JSON object (an input record or "
                                 "a {\"document\", \"events\"} result)")
    return value


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = [float(p) for p in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4:
        raise HTTPException(422, "bbox must be minlon,minlat,maxlon,maxlat")
    return parts[0], parts[1], parts[2], parts[3]


def _refuse_nul(**values: str | None) -> None:
    """A NUL character is in no stored text, and PostgreSQL refuses it in a query: 422."""
    for name, value in values.items():
        if value is not None and "\x00" in value:
            raise HTTPException(422, f"{name} must not contain a NUL character")


def event_filters(
    start: date | None = None,
    end: date | None = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat",
                                      max_length=200)] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2",
                                         max_length=MAX_TEXT_FILTER)] = None,
    event_type: TextFilter = None,
    sub_event_type: TextFilter = None,
    actor: Annotated[str | None, Query(description="substring of an actor name or label",
                                       max_length=MAX_TEXT_FILTER)] = None,
    claimant: TextFilter = None,
    party_to_conflict: bool | None = None,
    q: Annotated[str | None, Query(description="text in summary/notes",
                                   max_length=MAX_TEXT_FILTER)] = None,
) -> EventFilters:
    """The filters shared by /events, /stats and /events.geojson; text values are bounded."""
    _refuse_nul(bbox=bbox, country=country, event_type=event_type,
                sub_event_type=sub_event_type, actor=actor, claimant=claimant, q=q)
    return EventFilters(start=start, end=end, bbox=_bbox(bbox), country=country,
                        event_type=event_type, sub_event_type=sub_event_type, actor=actor,
                        claimant=claimant, party_to_conflict=party_to_conflict, q=q)


Filters = Annotated[EventFilters, Depends(event_filters)]


def _generation_reader(db_url: str) -> Callable[[], int | None]:
    """The store's generation, read on a connection of its own (the event loop's)."""
    lock = threading.Lock()
    db: Database | None = None

    def read() -> int | None:
        nonlocal db
        with lock:
            try:
                if db is None:
                    db = Database(db_url)
                return current_generation(db)
            except Exception:  # noqa: BLE001 - a store that cannot say is simply not cached
                if db is not None:
                    db.close()
                db = None
                return None

    return read


def create_app(db_url: str, write_token: str | None = None,
               static_dir: Path | None = None) -> FastAPI:
    """The API over the store at ``db_url``; ``write_token`` defaults to SITREP_WRITE_TOKEN."""
    static = static_dir or STATIC_DIR
    token = write_token if write_token is not None else os.environ.get("SITREP_WRITE_TOKEN")
    app = FastAPIOffline(title="sitrep", version="0.1.0", static_url=DOCS_ASSETS,
                         description="Merged, sourced ACLED-style conflict events.")
    local = threading.local()
    Store(db_url).close()  # create / migrate the schema once, up front
    app.add_middleware(ReadCache, generation=_generation_reader(db_url))
    app.add_middleware(SecurityHeaders)  # outermost: kept answers get the headers too

    def store() -> Store:
        """One connection per worker thread: sqlite3 and psycopg connections are not shared."""
        if getattr(local, "store", None) is None:
            local.store = Store(db_url)
        return local.store

    @app.get("/events")
    def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
        sort: Literal["date", "-date", "fatalities", "-fatalities"] = "-date",
    ) -> dict[str, Any]:
        return query.list_events(store(), filters, limit=limit, offset=offset, sort=sort)

    @app.get("/events.geojson")
    def events_geojson(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_MAP_EVENTS)] = DEFAULT_MAP_EVENTS,
    ) -> JSONResponse:
        """The newest ``limit`` events with coordinates: a map of the whole store is bounded;
        ``truncated`` says that the filters match more."""
        collection = query.geojson(store(), filters, limit=limit + 1)
        truncated = len(collection["features"]) > limit
        collection["features"] = collection["features"][:limit]
        collection["truncated"] = truncated
        return JSONResponse(collection, media_type="application/geo+json")

    @app.get("/events/{event_id}")
    def get_event(event_id: str) -> dict[str, Any]:
        event = None if "\x00" in event_id else query.get_event(store(), event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id}")
        return event

    @app.get("/documents/{doc_id}")
    def get_document(doc_id: str) -> dict[str, Any]:
        doc = None if "\x00" in doc_id else store().document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id}")
        return doc

    @app.get("/stats")
    def get_stats(filters: Filters) -> dict[str, Any]:
        from sitrep.sources.seen import SourceLog

        # the feeds' last polls are not events: the filters do not apply to them
        return {**query.stats(store(), filters), "feeds": SourceLog(store()).last_polls()}

    @app.post("/documents", status_code=201, openapi_extra={"requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"type": "object"}}},
        "description": f"an input record or a {{document, events}} result, at most "
                       f"{MAX_BODY_BYTES} bytes"}})
    async def post_document(request: Request) -> dict[str, Any]:
        """Ingest one input record (or an already extracted ``{"document", "events"}``).

        The token is checked first and the body read after, capped, so a caller without the
        token costs the server nothing but the headers.
        """
        _check_token(token, request.headers.get("authorization"))
        body = await _read_json_object(request)
        from sitrep.store.ingest import ingest_one

        return await run_in_threadpool(lambda: ingest_one(store(), body))

    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
        index = static / "index.html"

        @app.get("/", include_in_schema=False)
        def web_page() -> FileResponse:
            if not index.is_file():
                raise HTTPException(404, "no web page installed")
            return FileResponse(index)

    return app


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``sitrep serve --workers N`` (uvicorn's factory)."""
    return create_app(os.environ[SERVE_DB_VARIABLE])
