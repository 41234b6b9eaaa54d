"""The read-only HTTP API over merged events (docs/CONTRACTS.md), plus an opt-in write route.

Writes are refused unless ``SITREP_WRITE_TOKEN`` (or ``write_token``) is set, so a server
started for browsing can never be used to alter the store.
"""

from __future__ import annotations

import hmac
import os
import threading
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from sitrep.store import query
from sitrep.store.query import EventFilters
from sitrep.store.store import Store
from sitrep.web import STATIC_DIR


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


def event_filters(
    start: date | None = None,
    end: date | None = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2")] = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    actor: Annotated[str | None, Query(description="substring of an actor name or label")] = None,
    claimant: str | None = None,
    party_to_conflict: bool | None = None,
    q: Annotated[str | None, Query(description="text in summary/notes")] = None,
) -> EventFilters:
    """The filters shared by /events, /stats and /events.geojson."""
    return EventFilters(start=start, end=end, bbox=_bbox(bbox), country=country,
                        event_type=event_type, sub_event_type=sub_event_type, actor=actor,
                        claimant=claimant, party_to_conflict=party_to_conflict, q=q)


Filters = Annotated[EventFilters, Depends(event_filters)]


def create_app(db_url: str, write_token: str | None = None,
               static_dir: Path | None = None) -> FastAPI:
    """The API over the store at ``db_url``; ``write_token`` defaults to SITREP_WRITE_TOKEN."""
    static = static_dir or STATIC_DIR
    token = write_token if write_token is not None else os.environ.get("SITREP_WRITE_TOKEN")
    app = FastAPI(title="sitrep", version="0.1.0",
                  description="Merged, sourced ACLED-style conflict events.")
    local = threading.local()
    Store(db_url).close()  # create / migrate the schema once, up front

    def store() -> Store:
        """One connection per worker thread: sqlite3 and psycopg connections are not shared."""
        if getattr(local, "store", None) is None:
            local.store = Store(db_url)
        return local.store

    @app.get("/events")
    def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
        sort: Literal["date", "-date", "fatalities", "-fatalities"] = "-date",
    ) -> dict[str, Any]:
        return query.list_events(store(), filters, limit=limit, offset=offset, sort=sort)

    @app.get("/events.geojson")
    def events_geojson(filters: Filters) -> JSONResponse:
        return JSONResponse(query.geojson(store(), filters),
                            media_type="application/geo+json")

    @app.get("/events/{event_id}")
    def get_event(event_id: str) -> dict[str, Any]:
        event = query.get_event(store(), event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id}")
        return event

    @app.get("/documents/{doc_id}")
    def get_document(doc_id: str) -> dict[str, Any]:
        doc = store().document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id}")
        return doc

    @app.get("/stats")
    def get_stats(filters: Filters) -> dict[str, Any]:
        return query.stats(store(), filters)

    @app.post("/documents", status_code=201)
    def post_document(body: dict[str, Any],
                      authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Ingest one input record (or an already extracted ``{"document", "events"}``)."""
        if not token:
            raise HTTPException(403, "this server is read-only (set SITREP_WRITE_TOKEN)")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not authorization or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' is required",
                                headers={"WWW-Authenticate": "Bearer"})
        from sitrep.store.ingest import ingest_one

        return ingest_one(store(), body)

    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
        index = static / "index.html"

        @app.get("/", include_in_schema=False)
        def web_page() -> FileResponse:
            if not index.is_file():
                raise HTTPException(404, "no web page installed")
            return FileResponse(index)

    return app
