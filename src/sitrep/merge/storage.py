"""Reading reports out of the store and writing merged events back, for both merge paths.

The full merge (``cluster.merge_store``) and the incremental one (``incremental``) load
reports and write clusters through these functions, so the two cannot drift apart in what a
merged event row holds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.extract.marks import crowd_words, marks_of
from sitrep.merge.rules import Report
from sitrep.merge.view import day_of, figure_of, merged_view, stated_toll, window
from sitrep.ontology import ARMED_KINDS
from sitrep.same_event import REGION_PRECISION, fold, kinds_of
from sitrep.store.db import Database
from sitrep.store.store import Store

_REPORTS_SQL = ("SELECT e.id, e.document_id, d.published, d.outlet, e.record FROM events e "
                "JOIN documents d ON d.id = e.document_id")


def report_of(event_id: str, doc_id: str, rec: dict[str, Any],
              published: str | None = None, outlet: str | None = None) -> Report:
    """What merging needs to know of one stored event record."""
    loc, dt = rec.get("location") or {}, rec.get("date") or {}
    a1, a2 = (a if isinstance(a, dict) else {} for a in (rec.get("actor1"), rec.get("actor2")))
    start, end = window(dt)
    return Report(
        id=event_id, document_id=doc_id, event_type=rec.get("event_type"),
        sub_event_type=rec.get("sub_event_type"),
        date_start=start, date_end=end,
        town=fold(loc.get("name")), district=fold(loc.get("district")),
        country_code=loc.get("country_code"), lat=loc.get("lat"), lon=loc.get("lon"),
        kinds=kinds_of(a1.get("kind"), a2.get("kind")), kind1=a1.get("kind"), kind2=a2.get("kind"),
        geo_precision=loc.get("precision"), admin1=fold(loc.get("admin1")),
        region_only=not loc.get("name") or loc.get("precision") == REGION_PRECISION and fold(
            loc.get("name")) in (fold(loc.get("admin1")), fold(loc.get("country"))),
        # who was hit identifies an incident; a perpetrator's name recurs across many, and
        # so does an armed group's that was hit ("the Luhansk People's Militia")
        marks=marks_of([a2.get("source_label")]) if a2.get("kind") not in ARMED_KINDS
        else frozenset(),
        published=day_of(str(published)[:10]) if published else None,
        outlet=fold(outlet),
        trigger_at=next((e["start"] for e in rec.get("evidence") or []
                         if e.get("field") == "trigger"), -1),
        undated=bool(dt) and not dt.get("text"),
        deaths=stated_toll(rec.get("fatalities")),
        crowd=crowd_words(a1.get("source_label")) if rec.get("event_type") in (
            "Protests", "Riots") else frozenset(),
    )


@dataclass
class StoredReports:
    """Reports in event-id order, with the stored rows and records they were read from."""

    rows: list[tuple[Any, ...]]  # (event id, document id, published, outlet, record json)
    records: list[dict[str, Any]]
    reports: list[Report]


def load_reports(store: Store, where: str = "", params: Sequence[Any] = ()) -> StoredReports:
    """The stored reports that ``where`` (over ``events e``) selects, ordered by event id, as
    the full merge orders them: clusters get the same ids and ties break the same way."""
    # sorted here, not by ORDER BY: PostgreSQL collates text by locale, Python by code point
    rows = sorted(store.db.query(f"{_REPORTS_SQL}{where}", params), key=lambda r: r[0])
    records = [json.loads(r[4]) for r in rows]
    reports = [report_of(r[0], r[1], rec, r[2], r[3])
               for r, rec in zip(rows, records, strict=True)]
    return StoredReports(rows, records, reports)


def cluster_rows(stored: StoredReports, groups: list[list[int]], now: str
                 ) -> tuple[list[tuple[Any, ...]], list[tuple[str, str]]]:
    """Rows of ``clusters`` for ``groups`` (indexes into ``stored``), and (cluster, event)
    assignments; a cluster is named after its first report."""
    rows, assign = [], []
    for group in groups:
        cid = stored.rows[group[0]][0]
        items = [(stored.rows[i][0], stored.rows[i][1], stored.rows[i][2], stored.records[i])
                 for i in group]
        view = merged_view(cid, items)
        view["outlets"] = sorted({o for i in group if (o := stored.rows[i][3])})
        rows.append(_cluster_row(view, [stored.records[i] for i in group], now))
        assign.extend((cid, stored.rows[i][0]) for i in group)
    return rows, assign


def insert_clusters(db: Database, rows: list[tuple[Any, ...]],
                    assign: list[tuple[str, str]]) -> None:
    db.executemany(
        "INSERT INTO clusters (id, record, date_start, date_end, date_precision, event_type,"
        " sub_event_type, country_code, country, admin1, location_name, lat, lon,"
        " geo_precision, fatalities, fatalities_max, actors_text, search_text, outlets,"
        " n_reports, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.executemany("UPDATE events SET cluster_id=? WHERE id=?", assign)


def insert_marks(db: Database, reports: list[Report]) -> None:
    """Index each report's victim marks, so the incremental merge finds retellings and
    counts how many documents use a mark without reading every record."""
    db.executemany("INSERT INTO merge_marks (event_id, document_id, mark) VALUES (?,?,?)",
                   [(r.id, r.document_id, m) for r in reports for m in sorted(r.marks)])


def max_span(rows: list[tuple[Any, ...]]) -> int:
    """Days between start and end of the longest merged event (columns 2 and 3)."""
    spans = [(day_of(r[3]) - day_of(r[2])).days for r in rows  # type: ignore[operator]
             if day_of(r[2]) and day_of(r[3])]
    return max(spans, default=0)


def _cluster_row(view: dict[str, Any], records: list[dict[str, Any]], now: str
                 ) -> tuple[Any, ...]:
    dt, loc = view.get("date") or {}, view.get("location") or {}
    fat = view.get("fatalities")
    high = view["ranges"].get("fatalities", {}).get("max", figure_of(fat))
    actors = {
        str(a.get(k)).lower() for rec in records for a in (rec.get("actor1"), rec.get("actor2"))
        if isinstance(a, dict) for k in ("name", "source_label") if a.get(k)
    }
    text = {str(rec.get(k)).lower() for rec in records for k in ("summary", "notes")
            if rec.get(k)}
    return (
        view["id"], json.dumps(view), dt.get("start"), dt.get("end") or dt.get("start"),
        dt.get("precision"), view.get("event_type"), view.get("sub_event_type"),
        loc.get("country_code"), loc.get("country"), loc.get("admin1"), loc.get("name"),
        loc.get("lat"), loc.get("lon"), loc.get("precision"), figure_of(fat), high,
        "\n".join(sorted(actors)), "\n".join(sorted(text)), "; ".join(view["outlets"]),
        view["n_reports"], now,
    )
