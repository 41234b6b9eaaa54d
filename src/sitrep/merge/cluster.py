"""Group reports of one real event into clusters and write the merged view.

Clustering is recomputed from scratch on each run (so a run with other thresholds undoes the
last one). Candidate pairs come from a date sweep inside each country, are merged nearest
first, and two clusters join only if every cross pair is compatible and they share no
document: a story that reports two attacks reports two events.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sitrep.extract.marks import common_marks, crowd_words, marks_of
from sitrep.merge.rules import (
    REGION_PRECISION,
    Report,
    closeness,
    compatible,
    consistent,
    could_retell,
    fold,
    one_desk,
    other_provinces,
    retelling,
)
from sitrep.merge.texts import StoryTexts, same_cause, same_victims, store_texts, words_in
from sitrep.merge.view import day_of, figure_of, merged_view, stated_toll, window
from sitrep.ontology import ARMED_KINDS
from sitrep.store.store import Store


@dataclass
class MergeResult:
    reports: int
    clusters: int
    merged_reports: int  # reports that share their cluster with at least one other


def _report(event_id: str, doc_id: str, rec: dict[str, Any],
            published: str | None = None, outlet: str | None = None) -> Report:
    loc, dt = rec.get("location") or {}, rec.get("date") or {}
    a1, a2 = (a if isinstance(a, dict) else {} for a in (rec.get("actor1"), rec.get("actor2")))
    kinds = frozenset(k for a in (a1, a2) if (k := a.get("kind")))
    start, end = window(dt)
    return Report(
        id=event_id, document_id=doc_id, event_type=rec.get("event_type"),
        date_start=start, date_end=end,
        town=fold(loc.get("name")), district=fold(loc.get("district")),
        country_code=loc.get("country_code"), lat=loc.get("lat"), lon=loc.get("lon"),
        kinds=kinds, kind1=a1.get("kind"), kind2=a2.get("kind"),
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


def _candidate_pairs(reports: list[Report], max_days: int) -> list[tuple[int, int]]:
    """Pairs close enough in date, found by a sweep over start dates within each country."""
    by_country: dict[str | None, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if r.date_start and r.date_end:
            by_country[r.country_code].append(i)
    groups = [idx for cc, idx in by_country.items() if cc is not None]
    unknown = by_country.get(None, [])
    if unknown:  # a report with no country may match any
        groups = [idx + unknown for idx in groups] or [unknown]
    pairs: set[tuple[int, int]] = set()
    for idx in groups:
        idx = sorted(idx, key=lambda i: reports[i].date_start)  # type: ignore[arg-type,return-value]
        for pos, i in enumerate(idx):
            end = reports[i].date_end
            for j in idx[pos + 1:]:
                if (reports[j].date_start - end).days > max_days:  # type: ignore[operator]
                    break
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


class _Clusters:
    """Which cluster each report is in, its members and its documents."""

    def __init__(self, reports: list[Report]) -> None:
        self.owner = list(range(len(reports)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(reports))}
        self.docs: dict[int, set[str]] = {i: {r.document_id} for i, r in enumerate(reports)}

    def join(self, i: int, j: int, fits) -> None:
        """Join the clusters of reports i and j unless they share a document or some cross
        pair does not ``fits(x, y)``."""
        a, b = self.owner[i], self.owner[j]
        if a == b or self.docs[a] & self.docs[b]:
            return
        if not all(fits(x, y) for x in self.members[a] for y in self.members[b]):
            return
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        for x in self.members[b]:
            self.owner[x] = a
        self.members[a].extend(self.members.pop(b))
        self.docs[a] |= self.docs.pop(b)


def cluster_reports(reports: list[Report], max_km: float, max_days: int,
                    texts: StoryTexts | None = None) -> list[list[int]]:
    """Complete-linkage greedy clustering that never puts two reports of one document together.

    ``texts(documents)`` reads the stories, for the ties that need their words (see
    ``texts``); without it a story is known only by its reports' fields."""
    pairs = [(i, j) for i, j in _candidate_pairs(reports, max_days)
             if compatible(reports[i], reports[j], max_km, max_days)]
    pairs = _unambiguous_regions(reports, pairs)
    desk = [(i, j) for i, j in pairs if one_desk(reports[i], reports[j])]
    protests = [(i, j) for i, j in pairs if _crowds_unnamed(reports[i], reports[j])]
    if desk or protests:
        kept = same_victims(reports, desk, texts) | same_cause(reports, protests, texts)
        pairs = [p for p in pairs if p not in desk and p not in protests or p in kept]
    ok = set(pairs)
    pairs.sort(key=lambda p: (closeness(reports[p[0]], reports[p[1]]), p))
    clusters = _Clusters(reports)
    for i, j in pairs:
        clusters.join(i, j, lambda x, y: (min(x, y), max(x, y)) in ok)
    shared = _join_retellings(reports, clusters)
    if texts is not None:
        _join_by_story_words(reports, clusters, shared, texts)
    return sorted((sorted(m) for m in clusters.members.values()), key=lambda m: m[0])


_CROWD_EVENTS = {"Protests", "Riots"}


def _crowds_unnamed(a: Report, b: Report) -> bool:
    """Two protests (or riots) of a city and day that do not name a crowd in common: many
    such are held on one day, so only the words of their sentences can tie them."""
    return (a.event_type in _CROWD_EVENTS and b.event_type in _CROWD_EVENTS
            and not a.crowd & b.crowd)


def _unambiguous_regions(reports: list[Report], pairs: list[tuple[int, int]]
                         ) -> list[tuple[int, int]]:
    """A report placed only in a province or country ("in Afghanistan", that day) may be any
    of that day's incidents there: it pairs by place only when all its partners are in one
    town, never when they are in several."""
    towns: dict[int, set[str]] = defaultdict(set)
    for i, j in pairs:
        a, b = reports[i], reports[j]
        if REGION_PRECISION in (a.geo_precision, b.geo_precision):
            for vague, other in ((i, b), (j, a)):
                if reports[vague].geo_precision == REGION_PRECISION:
                    towns[vague].add(other.town if other.geo_precision != REGION_PRECISION
                                     else other.admin1 or other.town)
    ambiguous = {i for i, names in towns.items() if len(names) > 1}
    return [(i, j) for i, j in pairs if not (
        (i in ambiguous and reports[i].geo_precision == REGION_PRECISION)
        or (j in ambiguous and reports[j].geo_precision == REGION_PRECISION))]


def _join_retellings(reports: list[Report], clusters: _Clusters) -> frozenset[str]:
    """Second pass: a later story that tells an incident again, by the distinctive words for
    its victims (``rules.retelling``), joins the incident's cluster when nothing in the two
    clusters contradicts (``rules.consistent``); nearest in time first."""
    common = common_marks((r.document_id, r.marks) for r in reports)
    shared = frozenset({m for r in reports for m in r.marks} - common)
    by_mark: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        for mark in r.marks & shared:
            by_mark[mark].append(i)
    pairs = {(i, j) for idx in by_mark.values() for p, i in enumerate(idx) for j in idx[p + 1:]}
    links = [(i, j) for i, j in pairs if retelling(reports[i], reports[j], shared)]

    def gap(pair: tuple[int, int]) -> tuple[int, tuple[int, int]]:
        a, b = reports[pair[0]], reports[pair[1]]
        days = abs((a.date_start - b.date_start).days) if a.date_start and b.date_start else 9999
        return days, pair

    for i, j in sorted(links, key=gap):
        clusters.join(i, j, lambda x, y: consistent(reports[x], reports[y]))
    return shared


# a word for the victims is the event's when this many of its stories use it
STORY_WORD_DOCUMENTS = 2


def _join_by_story_words(reports: list[Report], clusters: _Clusters, shared: frozenset[str],
                         texts: StoryTexts) -> None:
    """Third pass: a report still alone joins an event of several stories when the word it
    names the victims by is one that at least two of those stories use, even where their
    own labels say otherwise ("the six UCA priests" for the killing of "the Jesuits" at the
    UCA), and ``rules.could_retell`` holds with one of the event's reports. The evidence is
    weaker than a shared label, so only civilians qualify (not a unit: "the detachment"),
    and never in another province, even for a story that says not when."""
    lone = [i for i, r in enumerate(reports)
            if r.marks & shared and len(clusters.members[clusters.owner[i]]) == 1
            and r.kind2 == "civilians"]
    if not lone:
        return
    wanted = {m for i in lone for m in reports[i].marks & shared}
    told = {d for docs in clusters.docs.values() if len(docs) >= STORY_WORD_DOCUMENTS
            for d in docs}
    used = words_in(texts, wanted, told)
    events: dict[str, dict[int, int]] = defaultdict(dict)  # word -> event -> stories using it
    for cid, docs in clusters.docs.items():
        if len(docs) < STORY_WORD_DOCUMENTS:
            continue
        for doc in docs:
            for word in used.get(doc, frozenset()):
                events[word][cid] = events[word].get(cid, 0) + 1
    for i in lone:
        r = reports[i]
        targets = {cid for word in r.marks & shared for cid, n in events[word].items()
                   if n >= STORY_WORD_DOCUMENTS}
        links = [(abs((r.date_start - reports[j].date_start).days)  # type: ignore[operator]
                  if r.date_start and reports[j].date_start else 9999, j)
                 for cid in sorted(targets) for j in clusters.members.get(cid, [])
                 if could_retell(r, reports[j]) and not other_provinces(r, reports[j])]
        for _, j in sorted(links):
            if len(clusters.members[clusters.owner[i]]) > 1:
                break
            clusters.join(i, j, lambda x, y: consistent(reports[x], reports[y]))


def merge_store(store: Store, max_km: float = 10.0, max_days: int = 0) -> MergeResult:
    """Recompute every cluster from scratch and write the merged views in one transaction."""
    db = store.db
    rows = db.query(
        "SELECT e.id, e.document_id, d.published, d.outlet, e.record FROM events e "
        "JOIN documents d ON d.id = e.document_id ORDER BY e.id")
    records = [json.loads(r[4]) for r in rows]
    reports = [_report(r[0], r[1], rec, r[2], r[3])
               for r, rec in zip(rows, records, strict=True)]
    groups = cluster_reports(reports, max_km, max_days, store_texts(store))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    cluster_rows, assign = [], []
    for group in groups:
        cid = rows[group[0]][0]
        items = [(rows[i][0], rows[i][1], rows[i][2], records[i]) for i in group]
        view = merged_view(cid, items)
        view["outlets"] = sorted({o for i in group if (o := rows[i][3])})
        cluster_rows.append(_cluster_row(view, [records[i] for i in group], now))
        assign.extend((cid, rows[i][0]) for i in group)
    with db.transaction():
        db.execute("UPDATE events SET cluster_id=NULL")
        db.execute("DELETE FROM clusters")
        db.executemany(
            "INSERT INTO clusters (id, record, date_start, date_end, date_precision, event_type,"
            " sub_event_type, country_code, country, admin1, location_name, lat, lon,"
            " geo_precision, fatalities, fatalities_max, actors_text, search_text, outlets,"
            " n_reports, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            cluster_rows)
        db.executemany("UPDATE events SET cluster_id=? WHERE id=?", assign)
    store.set_setting("merge", json.dumps({"max_km": max_km, "max_days": max_days}))
    store.set_setting("max_span_days", str(_max_span(cluster_rows)))
    db.execute("ANALYZE")  # fresh statistics, so the planner picks the right index
    merged = sum(len(g) for g in groups if len(g) > 1)
    return MergeResult(reports=len(reports), clusters=len(groups), merged_reports=merged)


def _max_span(cluster_rows: list[tuple[Any, ...]]) -> int:
    """Days between start and end of the longest merged event (columns 2 and 3)."""
    spans = [(day_of(r[3]) - day_of(r[2])).days for r in cluster_rows  # type: ignore[operator]
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
