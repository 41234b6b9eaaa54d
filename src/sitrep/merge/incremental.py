"""Merge what is new without re-clustering the store: the reports not merged yet and their
neighbourhood are clustered again, with the same code and the same thresholds as a full merge.

A report waits unmerged (``cluster_id`` NULL) after it is stored, or after a document it shared
an event with was replaced. From those reports the neighbourhood grows (``neighbours``) until
no tie leads out of it, and with its old clusters whole; clustered alone, with the marks that
are common in the whole store, it falls into the clusters a full ``sitrep merge`` makes. A mark
that became common (or stopped being) with the new documents brings every report that carries
it into the neighbourhood too, since its ties changed everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sitrep.extract.marks import document_cap
from sitrep.merge import neighbours as nb
from sitrep.merge.cluster import (
    COMMON_MARKS,
    MARKS_INDEXED,
    MergeResult,
    cluster_reports,
    merge_store,
)
from sitrep.merge.rules import Report
from sitrep.merge.storage import (
    StoredReports,
    cluster_rows,
    insert_clusters,
    insert_marks,
    load_reports,
    max_span,
    report_of,
)
from sitrep.merge.texts import store_texts
from sitrep.store.db import Database
from sitrep.store.store import Store

# more unmerged reports than this share of the store: one full merge is cheaper
FULL_MERGE_SHARE = 0.05
# ... but up to this many are always placed one neighbourhood at a time
MIN_INCREMENTAL = 200
# PostgreSQL advisory lock key that two merges of one database take in turn
MERGE_LOCK = 0x5172EB
# tries of a PostgreSQL merge that a concurrent replacement of a document made fail
SERIALIZATION_RETRIES = 3


def merge_pending(store: Store) -> MergeResult:
    """Place every unmerged report with the thresholds of the last ``sitrep merge``: in its
    neighbourhood when few are waiting, else by a full merge (also the first time)."""
    from sitrep.store.ingest import merge_settings

    max_km, max_days = merge_settings(store)
    db = store.db
    pending = [row[0] for row in db.query("SELECT id FROM events WHERE cluster_id IS NULL")]
    departed = db.query("SELECT event_id, document_id, published, outlet, record "
                        "FROM merge_departed")
    total = int(db.scalar("SELECT COUNT(*) FROM events"))
    ready = store.get_setting(MARKS_INDEXED) == "1" and store.get_setting(COMMON_MARKS)
    if not ready or len(pending) > max(MIN_INCREMENTAL, FULL_MERGE_SHARE * total):
        return merge_store(store, max_km=max_km, max_days=max_days)
    if pending or departed:
        for attempt in range(SERIALIZATION_RETRIES):
            try:
                with _one_merge_at_a_time(db):
                    _place_pending(store, max_km, max_days)
                break
            except Exception as error:  # PostgreSQL: a document replaced during the merge
                if getattr(error, "sqlstate", None) != "40001" or (
                        attempt == SERIALIZATION_RETRIES - 1):
                    raise
    clusters = int(db.scalar("SELECT COUNT(*) FROM clusters"))
    merged = int(db.scalar("SELECT COALESCE(SUM(n_reports), 0) FROM clusters WHERE n_reports > 1"))
    return MergeResult(reports=total, clusters=clusters, merged_reports=merged)


@contextmanager
def _one_merge_at_a_time(db: Database) -> Iterator[None]:
    """A transaction that no other merge runs beside and that sees the store as it was when
    it began: SQLite's BEGIN IMMEDIATE; on PostgreSQL an advisory lock, then a repeatable-read
    snapshot (a document another writer commits meanwhile waits for the next merge, where
    under read committed it would turn up half way, its marks not yet indexed)."""
    if db.dialect != "postgresql":
        with db.transaction():
            yield
        return
    db.execute("SELECT pg_advisory_lock(?)", (MERGE_LOCK,))
    try:
        with db.transaction():
            db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield
    finally:
        db.execute("SELECT pg_advisory_unlock(?)", (MERGE_LOCK,))


def _place_pending(store: Store, max_km: float, max_days: int) -> None:
    """Read what waits (again: a merge that ran meanwhile may have placed it) and place it."""
    db = store.db
    pending = [row[0] for row in db.query("SELECT id FROM events WHERE cluster_id IS NULL")]
    departed = db.query("SELECT event_id, document_id, published, outlet, record "
                        "FROM merge_departed")
    if not (pending or departed):
        return
    seeds = set(pending) | _left_behind(store, departed, max_km, max_days)
    db.execute("DELETE FROM merge_departed")
    _place(store, pending, seeds, max_km, max_days)


class _Neighbourhood:
    """The reports read so far (by event id) and those that belong to the neighbourhood."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.read: dict[str, tuple[tuple[Any, ...], dict[str, Any], Report]] = {}
        self.members: set[str] = set()

    def load(self, ids: Iterable[str]) -> list[Report]:
        missing = sorted(set(ids) - self.read.keys())
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            got = load_reports(self.store, f" WHERE e.id IN ({','.join('?' * len(chunk))})",
                               chunk)
            for row, record, report in zip(got.rows, got.records, got.reports, strict=True):
                self.read[row[0]] = (row, record, report)
        return [self.read[i][2] for i in sorted(set(ids)) if i in self.read]

    def reports(self) -> list[Report]:
        return [self.read[i][2] for i in sorted(self.members)]

    def stored(self) -> StoredReports:
        items = [self.read[i] for i in sorted(self.members)]
        return StoredReports([x[0] for x in items], [x[1] for x in items], [x[2] for x in items])


def _store_common(store: Store) -> frozenset[str]:
    """Marks more documents of the store use than ``marks.common_marks`` allows. Counting
    the documents that have reports reads a whole index, so it waits until some mark is
    used more often than any store's cap (``document_cap(0)``)."""
    used = store.db.query(
        "SELECT mark, COUNT(DISTINCT document_id) FROM merge_marks GROUP BY mark "
        "HAVING COUNT(DISTINCT document_id) > ?", (document_cap(0),))
    if not used:
        return frozenset()
    cap = document_cap(int(store.db.scalar("SELECT COUNT(DISTINCT document_id) FROM events")))
    return frozenset(mark for mark, documents in used if documents > cap)


def _left_behind(store: Store, departed: list[tuple[Any, ...]], max_km: float, max_days: int
                 ) -> set[str]:
    """The reports tied to those of replaced documents: without them, a report may pair
    where it could not (a province-level report that had partners in two towns)."""
    ties: set[str] = set()
    hood = _Neighbourhood(store)
    for event_id, doc_id, published, outlet, record in departed:
        gone = report_of(event_id, doc_id, json.loads(record), published, outlet)
        ties.update(x.id for x in nb.compatible_ties(
            gone, hood.load(nb.near_in_date(store, gone, max_days)), max_km, max_days))
        ties.update(x.id for x in nb.retelling_ties(
            gone, hood.load(nb.sharing_marks(store, gone.marks)), gone.marks))
    return ties


def _place(store: Store, pending: list[str], seeds: set[str], max_km: float, max_days: int
           ) -> None:
    """Index the waiting reports' marks, grow the neighbourhood of ``seeds``, cluster it
    and put its events in place of its old ones."""
    db = store.db
    hood = _Neighbourhood(store)
    waiting = hood.load(pending)
    db.executemany("DELETE FROM merge_marks WHERE event_id=?", [(i,) for i in pending])
    insert_marks(db, waiting)
    common = _store_common(store)
    flipped = common ^ frozenset(json.loads(store.get_setting(COMMON_MARKS) or "[]"))
    _grow(hood, seeds | nb.sharing_marks(store, flipped), common, max_km, max_days)

    stored = hood.stored()
    groups = cluster_reports(stored.reports, max_km, max_days, store_texts(store), common)
    rows, assign = cluster_rows(stored, groups, datetime.now(UTC).isoformat(timespec="seconds"))
    old = nb.ids_in(store, "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL "
                        "AND id IN ({marks})", hood.members)
    # (and any row left under a new cluster's id by documents deleted outside sitrep)
    gone = old | {row[0] for row in rows}
    db.executemany("DELETE FROM clusters WHERE id=?", [(c,) for c in sorted(gone)])
    insert_clusters(db, rows, assign)
    span = max(int(store.get_setting("max_span_days") or 0), max_span(rows))
    store.set_setting("max_span_days", str(span))
    store.set_setting(COMMON_MARKS, json.dumps(sorted(common)))


def _grow(hood: _Neighbourhood, seeds: set[str], common: frozenset[str], max_km: float,
          max_days: int) -> None:
    """Add ``seeds`` and everything tied to them, round by round, until nothing new comes."""
    store = hood.store
    words_seen: set[str] = set()
    documents_seen: set[str] = set()
    lone: dict[str, Report] = {}  # civilians whose mark a story of the neighbourhood uses
    frontier = seeds
    while frontier:
        new = hood.load(frontier)
        hood.members.update(r.id for r in new)
        ties = nb.cluster_mates(store, (r.id for r in new))
        for r in new:
            ties.update(x.id for x in nb.compatible_ties(
                r, hood.load(nb.near_in_date(store, r, max_days)), max_km, max_days))
            marks = r.marks - common
            if marks:
                ties.update(x.id for x in nb.retelling_ties(
                    r, hood.load(nb.sharing_marks(store, marks)), marks))
                if r.kind2 == "civilians":
                    ties.update(nb.telling_words(store, r, marks))
        documents = {r.document_id for r in new} - documents_seen
        documents_seen |= documents
        words = set().union(*(nb.text_marks(t) for t in store_texts(store)(documents).values()))
        words = (words - words_seen) - common
        words_seen |= words
        for i in hood.load(nb.sharing_marks(store, words)):
            if i.kind2 == "civilians" and (i.marks - common) & words_seen:
                lone[i.id] = i
        members = hood.reports()
        ties.update(i.id for i in lone.values()
                    if i.id not in hood.members and nb.may_join_by_words(i, members))
        frontier = ties - hood.members
