"""Exports of merged events: ACLED-style CSV, JSON Lines, GeoJSON."""

from __future__ import annotations

import json
from typing import IO

from sitrep.export.acled import COLUMNS, acled_row, write_acled
from sitrep.store.query import EventFilters, geojson, iter_events
from sitrep.store.store import Store

FORMATS = ("acled", "jsonl", "geojson")


def export(store: Store, fmt: str, out: IO[str], filters: EventFilters | None = None) -> int:
    """Write every merged event in ``fmt``; return how many were written."""
    filters = filters or EventFilters()
    if fmt == "acled":
        return write_acled(iter_events(store, filters), out)
    if fmt == "jsonl":
        count = 0
        for event in iter_events(store, filters):
            event["reports"] = store.reports(event["id"])
            out.write(json.dumps(event, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "geojson":
        collection = geojson(store, filters)
        json.dump(collection, out, ensure_ascii=False)
        out.write("\n")
        return len(collection["features"])
    raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")


__all__ = ["COLUMNS", "FORMATS", "acled_row", "export", "write_acled"]
