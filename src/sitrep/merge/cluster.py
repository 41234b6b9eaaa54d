"""Group reports of one real event into clusters and write the merged view.

``merge_store`` recomputes every cluster from scratch (so a run with other thresholds undoes
the last one); ``incremental.merge_pending`` runs the same clustering over the neighbourhood
of new reports only. Candidate pairs come from a date sweep inside each country, are merged nearest
first, and two clusters join only if every cross pair is compatible and they share no
document: a story that reports two attacks reports two events.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from sitrep.extract.marks import common_marks
from sitrep.merge.rules import (
    Report,
    closeness,
    compatible,
    consistent,
    could_retell,
    one_desk,
    other_provinces,
    retelling,
)
from sitrep.merge.storage import cluster_rows, insert_clusters, insert_marks, load_reports, max_span
from sitrep.merge.texts import StoryTexts, same_cause, same_victims, store_texts, words_in
from sitrep.same_event import REGION_PRECISION
from sitrep.store.store import Store


@dataclass
class MergeResult:
    reports: int
    clusters: int
    merged_reports: int  # reports that share their cluster with at least one other


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
                    texts: StoryTexts | None = None,
                    common: frozenset[str] | None = None) -> list[list[int]]:
    """Complete-linkage greedy clustering that never puts two reports of one document together.

    ``texts(documents)`` reads the stories, for the ties that need their words (see
    ``texts``); without it a story is known only by its reports' fields. ``common`` are the
    victim marks too common to identify an event; by default those of ``reports``, while the
    incremental merge, which clusters part of the store, passes those of the whole store."""
    if common is None:
        common = common_marks((r.document_id, r.marks) for r in reports)
    pairs = [(i, j) for i, j in _candidate_pairs(reports, max_days)
             if compatible(reports[i], reports[j], max_km, max_days)]
    pairs = _unambiguous_regions(reports, pairs)
    desk = [(i, j) for i, j in pairs if one_desk(reports[i], reports[j])]
    protests = [(i, j) for i, j in pairs if _crowds_unnamed(reports[i], reports[j])]
    if desk or protests:
        kept = (same_victims(reports, desk, texts, common)
                | same_cause(reports, protests, texts))
        pairs = [p for p in pairs if p not in desk and p not in protests or p in kept]
    ok = set(pairs)
    pairs.sort(key=lambda p: (closeness(reports[p[0]], reports[p[1]]), p))
    clusters = _Clusters(reports)
    for i, j in pairs:
        clusters.join(i, j, lambda x, y: (min(x, y), max(x, y)) in ok)
    shared = _join_retellings(reports, clusters, common)
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


def _join_retellings(reports: list[Report], clusters: _Clusters, common: frozenset[str]
                     ) -> frozenset[str]:
    """Second pass: a later story that tells an incident again, by the distinctive words for
    its victims (``rules.retelling``), joins the incident's cluster when nothing in the two
    clusters contradicts (``rules.consistent``); nearest in time first."""
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



# settings: merge_marks is filled (the incremental merge relies on it), and the marks that
# were too common to identify an event at the last merge
MARKS_INDEXED = "merge_marks_indexed"
COMMON_MARKS = "merge_common_marks"


def merge_store(store: Store, max_km: float = 10.0, max_days: int = 0) -> MergeResult:
    """Recompute every cluster from scratch and write the merged views in one transaction."""
    db = store.db
    stored = load_reports(store)
    common = common_marks((r.document_id, r.marks) for r in stored.reports)
    groups = cluster_reports(stored.reports, max_km, max_days, store_texts(store), common)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rows, assign = cluster_rows(stored, groups, now)
    with db.transaction():
        db.execute("UPDATE events SET cluster_id=NULL")
        db.execute("DELETE FROM clusters")
        insert_clusters(db, rows, assign)
        db.execute("DELETE FROM merge_marks")
        db.execute("DELETE FROM merge_departed")
        insert_marks(db, stored.reports)
        store.set_setting("merge", json.dumps({"max_km": max_km, "max_days": max_days}))
        store.set_setting("max_span_days", str(max_span(rows)))
        store.set_setting(MARKS_INDEXED, "1")
        store.set_setting(COMMON_MARKS, json.dumps(sorted(common)))
    db.execute("ANALYZE")  # fresh statistics, so the planner picks the right index
    merged = sum(len(g) for g in groups if len(g) > 1)
    return MergeResult(reports=len(stored.reports), clusters=len(groups), merged_reports=merged)
