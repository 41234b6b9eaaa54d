"""Text filters and their indexes: substring matches that mean the same on SQLite (FTS5
trigram tables kept in step by triggers) and PostgreSQL (pg_trgm), and a query plan per
filter that uses an index instead of reading every merged event."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store import synthetic as s
from sitrep.store.query import EventFilters, _where, list_events


def _store_with_voices(store: Store) -> None:
    store.add_extracted(s.result("rad", [s.event(
        "rad-1", day="2003-04-02", place="Lima", claimant="Radio Venceremos", party=True,
        actor1=s.actor("rebels", "Sendero Luminoso"),
        summary="Guerrillas burned a bus depot near the market.")]))
    store.add_extracted(s.result("gov", [s.event(
        "gov-1", day="2010-08-20", place="Kabul", claimant="a ministry spokesman", party=False,
        summary="A roadside bomb hit a convoy; 50% of the road is closed?")]))


def _ids(store: Store, **filters: object) -> list[str]:
    page = list_events(store, EventFilters(**filters), limit=100)  # type: ignore[arg-type]
    return sorted(e["id"] for e in page["events"])


def test_text_filters_match_substrings_in_any_case_on_both_databases(db_url: str) -> None:
    with Store(db_url) as store:
        _store_with_voices(store)
        merge_store(store)
        assert _ids(store, q="DEPOT NEAR") == ["rad-1"]
        assert _ids(store, q="ruse") == []  # no word 'ruse'; 'burned' and 'bus' do not join
        assert _ids(store, q="50% of") == []  # the wildcard is dropped: "50 of" is nowhere
        assert _ids(store, q="50") == ["gov-1"]
        assert _ids(store, q="road is closed?") == ["gov-1"]
        assert _ids(store, actor="luminos") == ["rad-1"]
        assert _ids(store, actor="lu") == ["rad-1"]  # under three letters: no index, same answer
        assert _ids(store, claimant="VENCEREMOS") == ["rad-1"]
        assert _ids(store, claimant='spokesman"') == []  # a quote in the text is a character
        assert _ids(store, claimant="ministry", party_to_conflict=False) == ["gov-1"]
        assert _ids(store, claimant="ministry", party_to_conflict=True) == []
        assert _ids(store, party_to_conflict=True, start=date(2003, 1, 1),
                    end=date(2003, 12, 31)) == ["rad-1"]


def test_text_search_follows_every_write_and_merge(db_url: str) -> None:
    with Store(db_url) as store:
        _store_with_voices(store)
        merge_store(store)
        assert _ids(store, q="convoy") == ["gov-1"]
        # the same document id with new content replaces the old version (claims cascade)
        store.add_extracted(s.result("gov", [s.event(
            "gov-1", day="2010-08-20", place="Kabul", claimant="provincial police",
            summary="Police reported a quiet night.")], text="A corrected story."))
        merge_store(store)
        assert _ids(store, q="convoy") == []
        assert _ids(store, q="quiet night") == ["gov-1"]
        assert _ids(store, claimant="ministry") == []
        assert _ids(store, claimant="provincial") == ["gov-1"]


def _plan(store: Store, filters: EventFilters, sort: str = "c.date_start DESC") -> list[str]:
    where, params = _where(store, filters)
    sql = f"SELECT c.id FROM clusters c{where} ORDER BY {sort} LIMIT 50"
    counted = f"SELECT COUNT(*) FROM clusters c{where}"
    return [row[-1] for statement in (sql, counted)
            for row in store.db.query(f"EXPLAIN QUERY PLAN {statement}", params)]


FILTERS = {
    "no filter": EventFilters(),
    "start": EventFilters(start=date(2004, 1, 1)),
    "end": EventFilters(end=date(2001, 1, 1)),
    "dates": EventFilters(start=date(2004, 1, 1), end=date(2004, 6, 30)),
    "bbox": EventFilters(bbox=(-90.0, 13.0, -88.0, 14.5)),
    "country": EventFilters(country="SV"),
    "event_type": EventFilters(event_type="Battles"),
    "sub_event_type": EventFilters(sub_event_type="Armed clash"),
    "actor": EventFilters(actor="fmln"),
    "q": EventFilters(q="soyapango"),
    "claimant": EventFilters(claimant="rebel radio"),
    "party_to_conflict": EventFilters(party_to_conflict=True),
    "party_to_conflict and dates": EventFilters(party_to_conflict=False, start=date(2004, 1, 1),
                                                end=date(2004, 12, 31)),
    "claimant and country": EventFilters(claimant="army", country="PE"),
}


@pytest.mark.parametrize("name", FILTERS)
def test_every_filter_reads_an_index_not_every_merged_event(tmp_path: Path, name: str) -> None:
    with Store(str(tmp_path / "plan.db")) as store:
        for result in s.random_results(300, seed=3):
            store.add_extracted(result)
        merge_store(store)  # runs ANALYZE: the planner sees the real (small) tables
        plan = _plan(store, FILTERS[name])
    scans = [step for step in plan if step.startswith("SCAN")
             and "INDEX" not in step and "VIRTUAL TABLE" not in step]
    assert scans == [], plan
    text_filter = any(getattr(FILTERS[name], f) for f in ("actor", "q", "claimant"))
    assert not text_filter or any("VIRTUAL TABLE INDEX" in step for step in plan), plan


@pytest.mark.postgres
def test_postgresql_answers_text_filters_from_trigram_indexes(postgres_dsn: str) -> None:
    from postgres_helpers import postgres_schema

    with postgres_schema(postgres_dsn) as url, Store(url) as store:
        if store.db.scalar("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'") is None:
            pytest.skip("this PostgreSQL server has no pg_trgm extension")
        _store_with_voices(store)
        merge_store(store)
        store.db.execute("SET enable_seqscan = off")  # a tiny table: ask whether it *can*
        for filters, index in ((EventFilters(q="depot"), "clusters_search_trgm"),
                               (EventFilters(actor="luminoso"), "clusters_actors_trgm")):
            where, params = _where(store, filters)
            plan = "\n".join(row[0] for row in store.db.query(
                f"EXPLAIN SELECT COUNT(*) FROM clusters c{where}", params))
            assert index in plan, plan
        # the claims a claimant filter selects: only bitmap scans (GIN's) left to choose from
        store.db.execute("SET enable_indexscan = off")
        store.db.execute("SET enable_indexonlyscan = off")
        claims = EventFilters(claimant="venceremos").claims_subquery("postgresql")
        assert claims is not None
        plan = "\n".join(row[0] for row in store.db.query(f"EXPLAIN {claims[0]}", claims[1]))
        assert "claims_claimant_trgm" in plan and "claims_claimant_org_trgm" in plan, plan


def test_a_claims_filter_counts_each_merged_event_once(db_url: str) -> None:
    with Store(db_url) as store:
        _store_with_voices(store)
        store.add_extracted(s.result("rad2", [s.event(  # a second report of the depot fire
            "rad2-1", day="2003-04-02", place="Lima", claimant="Radio Venceremos", party=True,
            actor1=s.actor("rebels", "Sendero Luminoso"),
            summary="Guerrillas burned a bus depot near the market.")]))
        merge_store(store)
        for filters in (EventFilters(party_to_conflict=True), EventFilters(claimant="radio"),
                        EventFilters(claimant="radio", party_to_conflict=True)):
            page = list_events(store, filters)
            assert [(e["id"], e["n_reports"]) for e in page["events"]] == [("rad-1", 2)]
            assert page["total"] == 1
        assert list_events(store, EventFilters(party_to_conflict=False))["total"] == 1
