"""Filtered reads of merged events (clusters), shared by the API and the exports.

Filters become one parametrized WHERE clause over indexed columns of ``clusters``, so a page
of events from a large store costs one indexed query plus one count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sitrep.store.store import Store

SORTS = {
    "date": "c.date_start ASC, c.id ASC",
    "-date": "c.date_start DESC, c.id DESC",
    "fatalities": "COALESCE(c.fatalities, 0) ASC, c.id ASC",
    "-fatalities": "COALESCE(c.fatalities, 0) DESC, c.id DESC",
}
LIST_FIELDS = ("id", "event_type", "sub_event_type", "date", "location", "actor1", "actor2",
               "fatalities", "injuries", "crowd_size", "summary", "n_reports")


@dataclass
class EventFilters:
    """The filters of ``GET /events`` (and of ``/stats``, ``/events.geojson``, exports)."""

    start: date | None = None
    end: date | None = None
    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat
    country: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    claimant: str | None = None
    party_to_conflict: bool | None = None
    q: str | None = None

    def where(self, max_span_days: int | None = None, dialect: str = "sqlite"
              ) -> tuple[str, list[Any]]:
        """SQL condition over ``clusters c`` and its parameters.

        ``max_span_days`` (the longest event in the store) bounds ``date_start`` from below
        too, so an overlap query becomes a range scan on the date index. Text filters are
        substring matches answered by the trigram index of ``dialect`` (search_schema.py).
        """
        conds: list[str] = []
        params: list[Any] = []
        if self.start:
            conds.append("c.date_end >= ?")
            params.append(self.start.isoformat())
            if max_span_days is not None:
                conds.append("c.date_start >= ?")
                params.append((self.start - timedelta(days=max_span_days)).isoformat())
        if self.end:
            conds.append("c.date_start <= ?")
            params.append(self.end.isoformat())
        if self.bbox:
            minlon, minlat, maxlon, maxlat = self.bbox
            conds.append("c.lon BETWEEN ? AND ? AND c.lat BETWEEN ? AND ?")
            params += [minlon, maxlon, minlat, maxlat]
        for column, value in (("country_code", self.country and self.country.upper()),
                              ("event_type", self.event_type),
                              ("sub_event_type", self.sub_event_type)):
            if value:
                conds.append(f"c.{column} = ?")
                params.append(value)
        for column, value in (("actors_text", self.actor), ("search_text", self.q)):
            if value:
                cond, args = _cluster_text(column, value, dialect)
                conds.append(cond)
                params += args
        claims = self.claims_subquery(dialect, correlated=self._few_clusters())
        if claims:
            sub, args = claims
            conds.append(f"EXISTS ({sub})" if self._few_clusters() else
                         f"{_MEMBER if dialect == 'sqlite' else ''}c.id IN ({sub})")
            params += args
        return (" WHERE " + " AND ".join(conds)) if conds else "", params

    def claims_subquery(self, dialect: str, correlated: bool = False
                        ) -> tuple[str, list[Any]] | None:
        """``SELECT e.cluster_id ...`` of the reports with a claim that meets the claims
        filters (claimant, party_to_conflict), or None when there are none; ``correlated``:
        ``SELECT 1 ...`` of such claims of the cluster ``c`` (for EXISTS)."""
        conds: list[str] = []
        params: list[Any] = []
        if self.claimant:
            cond, args = _claimant(self.claimant, dialect)
            conds.append(cond)
            params += args
        if self.party_to_conflict is not None:
            conds.append("cl.party_to_conflict = ?")
            params.append(int(self.party_to_conflict))
        if not conds:
            return None
        if correlated:
            return ("SELECT 1 FROM events e JOIN claims cl ON cl.event_id = e.id "
                    f"WHERE e.cluster_id = c.id AND {' AND '.join(conds)}", params)
        # SQLite would look the events up by their primary key and read each row for its
        # cluster_id; the (id, cluster_id) index answers from the index alone
        events = "events e INDEXED BY events_id_cluster" if dialect == "sqlite" else "events e"
        return (f"SELECT e.cluster_id FROM claims cl JOIN {events} ON e.id = cl.event_id "
                f"WHERE {' AND '.join(conds)}", params)

    def only_claims(self) -> bool:
        """Whether the claims filters are the only filters."""
        cluster_side = (self.start, self.end, self.bbox, self.country, self.event_type,
                        self.sub_event_type, self.actor, self.q)
        return not any(cluster_side) and self.claims_subquery("sqlite") is not None

    def _few_clusters(self) -> bool:
        """Bounded by dates or a box, the few clusters in range are best checked one by one
        for a matching claim (two index lookups each); otherwise the matching claims are
        found first and lead to their clusters, cheaper than checking every cluster."""
        return bool((self.start and self.end) or self.bbox)


# SQLite: a unary + before ``c.x IN (subquery)`` makes the subquery a set built once and
# tested per row, so the rows come from the covering or sort index that suits the other
# filters; without it SQLite starts from every row of the set and reads each one.
_MEMBER = "+"


def _needle(text: str) -> str:
    """What a text filter looks for: lower case; LIKE wildcards in user input are dropped."""
    return text.lower().replace("%", "").replace("_", "")


def _like(text: str) -> str:
    """Substring pattern for LIKE."""
    return f"%{_needle(text)}%"


def _phrase(columns: str, text: str) -> str:
    """An FTS5 query for ``text`` as a substring of ``columns``: with the trigram tokenizer a
    quoted phrase is a run of consecutive trigrams, i.e. exactly the substring."""
    return f'{columns} : "{_needle(text).replace(chr(34), chr(34) * 2)}"'


def _indexable(text: str) -> bool:
    """A trigram index finds substrings of three characters or more."""
    return len(_needle(text)) >= 3


def _cluster_text(column: str, text: str, dialect: str) -> tuple[str, list[Any]]:
    """``column`` of the cluster (lower-cased at merge) contains ``text``."""
    if dialect == "sqlite" and _indexable(text):
        return (f"{_MEMBER}c.rowid IN (SELECT rowid FROM cluster_text WHERE cluster_text MATCH ?)",
                [_phrase(column, text)])
    return f"c.{column} LIKE ?", [_like(text)]


def _claimant(text: str, dialect: str) -> tuple[str, list[Any]]:
    """The claim's claimant or their organization contains ``text``, in any case."""
    if dialect == "sqlite" and _indexable(text):
        return ("cl.rowid IN (SELECT rowid FROM claim_text WHERE claim_text MATCH ?)",
                [_phrase("{claimant claimant_org}", text)])
    return "(LOWER(cl.claimant) LIKE ? OR LOWER(cl.claimant_org) LIKE ?)", [_like(text)] * 2


def _where(store: Store, filters: EventFilters) -> tuple[str, list[Any]]:
    span = store.get_setting("max_span_days")
    return filters.where(int(span) if span is not None else None, store.db.dialect)


def list_events(store: Store, filters: EventFilters, limit: int = 50, offset: int = 0,
                sort: str = "-date") -> dict[str, Any]:
    """One page of merged events plus the total that match."""
    where, params = _where(store, filters)
    total = _count(store, filters, where, params)
    # the page's ids first, sorted on the index's keys alone; then only their records
    rows = store.db.query(
        f"SELECT c.record FROM clusters c WHERE c.id IN (SELECT c.id FROM clusters c{where} "
        f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?) ORDER BY {SORTS[sort]}",
        [*params, limit, offset])
    events = [{k: rec.get(k) for k in LIST_FIELDS} for rec in (json.loads(r[0]) for r in rows)]
    return {"total": total, "limit": limit, "offset": offset, "events": events}


def _count(store: Store, filters: EventFilters, where: str, params: list[Any]) -> int:
    """How many merged events match. With claims filters alone, the distinct clusters of the
    matching claims are counted where they are found (merge gives every report's cluster_id
    a cluster in the same transaction), instead of testing every cluster of the store."""
    claims = filters.claims_subquery(store.db.dialect) if filters.only_claims() else None
    if claims:
        sub, args = claims
        return int(store.db.scalar(
            f"SELECT COUNT(DISTINCT s.cluster_id) FROM ({sub}) s", args))
    return int(store.db.scalar(f"SELECT COUNT(*) FROM clusters c{where}", params))


def iter_events(store: Store, filters: EventFilters | None = None, sort: str = "date"
                ) -> list[dict[str, Any]]:
    """Every matching merged event, full record (for exports)."""
    where, params = _where(store, filters or EventFilters())
    rows = store.db.query(f"SELECT c.record, c.outlets, c.updated_at FROM clusters c{where} "
                          f"ORDER BY {SORTS[sort]}", params)
    out = []
    for record, outlets, updated in rows:
        rec = json.loads(record)
        rec["source"] = outlets
        rec["updated_at"] = updated
        out.append(rec)
    return out


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """A merged event with its reports (one per document), all claims and figure ranges."""
    record = store.db.scalar("SELECT record FROM clusters WHERE id=?", (event_id,))
    if record is None:
        cid = store.db.scalar("SELECT cluster_id FROM events WHERE id=?", (event_id,))
        if cid is None:
            return None
        record = store.db.scalar("SELECT record FROM clusters WHERE id=?", (cid,))
    event = json.loads(record)
    reports = store.reports(event["id"])
    event["reports"] = reports
    event["claims"] = [c for r in reports for c in r["claims"]]
    return event


def stats(store: Store, filters: EventFilters) -> dict[str, Any]:
    """Counts by day, type and country over the matching merged events."""
    where, params = _where(store, filters)
    db = store.db
    total = int(db.scalar(f"SELECT COUNT(*) FROM clusters c{where}", params))
    by_day = db.query(f"SELECT c.date_start, COUNT(*) FROM clusters c{where} "
                      "GROUP BY c.date_start ORDER BY c.date_start", params)
    by_type = db.query(f"SELECT c.event_type, COUNT(*) FROM clusters c{where} "
                       "GROUP BY c.event_type ORDER BY COUNT(*) DESC, c.event_type", params)
    by_country = db.query(
        f"SELECT c.country_code, MAX(c.country), COUNT(*) FROM clusters c{where} "
        "GROUP BY c.country_code ORDER BY COUNT(*) DESC, c.country_code", params)
    return {
        "total": total,
        "by_day": [{"date": d, "count": n} for d, n in by_day],
        "by_type": [{"event_type": t, "count": n} for t, n in by_type],
        "by_country": [{"country_code": cc, "country": name, "count": n}
                       for cc, name, n in by_country],
    }


def geojson(store: Store, filters: EventFilters, limit: int | None = None) -> dict[str, Any]:
    """A FeatureCollection of Points for merged events that have coordinates."""
    where, params = _where(store, filters)
    cond = " AND " if where else " WHERE "
    sql = (f"SELECT c.record FROM clusters c{where}{cond}c.lat IS NOT NULL "
           f"AND c.lon IS NOT NULL ORDER BY {SORTS['-date']}")
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    features = []
    for (record,) in store.db.query(sql, params):
        rec = json.loads(record)
        loc = rec.get("location") or {}
        features.append({
            "type": "Feature",
            "id": rec["id"],
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": {k: rec.get(k) for k in LIST_FIELDS},
        })
    return {"type": "FeatureCollection", "features": features}

