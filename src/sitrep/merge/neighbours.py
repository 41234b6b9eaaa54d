"""Which stored reports a report may end up in one event with: its neighbourhood.

The full merge (``cluster.cluster_reports``) ties reports in three ways: a compatible pair
(near in date, within the country), a retelling (a shared victims' mark), a lone report to an
event whose stories use its mark. Each query here fetches a superset of one kind of tie through
an index (events by country and date, marks by word, texts by word within a year) and keeps
what ``rules`` (and through it ``sitrep.same_event``) accepts, so they stay the one
definition of "same event".
A set of reports closed under these ties (and under old clusters) clusters on its own exactly
as it does inside the whole store.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sitrep.extract.marks import mark_key, raw_words
from sitrep.merge.rules import (
    RETELLING_DAYS,
    Report,
    compatible,
    could_retell,
    other_provinces,
    retelling,
)
from sitrep.same_event import MAX_WINDOW_DAYS
from sitrep.store.store import Store

# week and month reports are widened back from their stored start by at most this many days
_WIDENING = 31
# how many ids one IN (...) list holds
_CHUNK = 500


def _day(value: date) -> str:
    return value.isoformat()


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, stopping at the calendar's ends (a story dated 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def ids_in(store: Store, sql: str, values: Iterable[str], *params: object) -> set[str]:
    """Ids from ``sql`` (whose ``{marks}`` is an IN list) for ``values``, a chunk at a time."""
    values = sorted(set(values))
    found: set[str] = set()
    for start in range(0, len(values), _CHUNK):
        chunk = values[start:start + _CHUNK]
        found.update(r[0] for r in store.db.query(
            sql.format(marks=",".join("?" * len(chunk))), [*params, *chunk]))
    return found


def near_in_date(store: Store, r: Report, max_days: int) -> set[str]:
    """Events whose stored start lies where a compatible report's may: windows agree only
    when at most ``MAX_WINDOW_DAYS`` long and within ``max_days``; a report with no country
    may pair with any, and one with a country with those of its country or of none."""
    if not (r.date_start and r.date_end):
        return set()
    low = _shift(r.date_start, -(max_days + MAX_WINDOW_DAYS + _WIDENING))
    high = _shift(r.date_end, max_days + MAX_WINDOW_DAYS)
    sql = "SELECT id FROM events WHERE date_start >= ? AND date_start <= ?"
    params: list[object] = [_day(low), _day(high)]
    if r.country_code:
        sql = ("SELECT id FROM events WHERE country_code = ? AND date_start >= ? "
               "AND date_start <= ? UNION SELECT id FROM events WHERE country_code IS NULL "
               "AND date_start >= ? AND date_start <= ?")
        params = [r.country_code, *params, *params]
    return {row[0] for row in store.db.query(sql, params)}


def sharing_marks(store: Store, marks: Iterable[str]) -> set[str]:
    """Events whose victims' marks include one of ``marks``."""
    return ids_in(store, "SELECT event_id FROM merge_marks WHERE mark IN ({marks})", marks)


def telling_words(store: Store, r: Report, marks: frozenset[str]) -> set[str]:
    """Events of stories, within a year of ``r``, whose text has one of ``marks`` in it:
    the events whose stories may name ``r``'s victims (``cluster._join_by_story_words``).
    Limits: an event whose every story using the word lies further away, or writes it with
    accents (``LOWER`` keeps them), is not found here; the full merge would still find it."""
    if not (r.date_start and r.date_end and marks):
        return set()
    reach = RETELLING_DAYS + _WIDENING
    found: set[str] = set()
    for mark in sorted(marks):
        stem = mark[:-1] if mark.endswith("y") else mark  # "embassy" is told as "embassies"
        found.update(row[0] for row in store.db.query(
            "SELECT e.id FROM events e JOIN documents d ON d.id = e.document_id "
            "WHERE e.date_start >= ? AND e.date_start <= ? AND LOWER(d.text) LIKE ?",
            (_day(_shift(r.date_start, -reach)), _day(_shift(r.date_end, reach)),
             f"%{stem}%")))
    return found


def text_marks(text: str) -> set[str]:
    """Every word of a story in the folded form marks take."""
    return {mark_key(w) for w in set(raw_words(text))}


def cluster_mates(store: Store, event_ids: Iterable[str]) -> set[str]:
    """Every event in the same stored cluster as one of ``event_ids``."""
    return ids_in(store, "SELECT m.id FROM events e JOIN events m ON m.cluster_id = e.cluster_id "
                      "WHERE e.id IN ({marks})", event_ids)


def compatible_ties(r: Report, others: Iterable[Report], max_km: float, max_days: int
                    ) -> list[Report]:
    return [x for x in others if compatible(r, x, max_km, max_days)]


def retelling_ties(r: Report, others: Iterable[Report], shared: frozenset[str]) -> list[Report]:
    return [x for x in others if retelling(r, x, shared) or retelling(x, r, shared)]


def may_join_by_words(lone: Report, members: Iterable[Report]) -> bool:
    """``lone`` may join an event that has one of ``members`` by its stories' words."""
    return any(could_retell(lone, j) and not other_provinces(lone, j) for j in members)
