"""The incremental merge (a new report against its neighbourhood) gives the full merge's clusters.

Stores are filled one document (or a few) at a time with ``merge_pending`` after each; a full
``merge_store`` over the same store afterwards must change no cluster and no merged record.
"""

from __future__ import annotations

import json
import random
import threading
from datetime import date, timedelta
from typing import Any

import pytest

from sitrep.merge import merge_store
from sitrep.merge.incremental import merge_pending
from sitrep.store import Store
from sitrep.store import synthetic as s

# victims' labels: some with rare words that tie retellings ("Jesuit"), some without
VICTIMS = ["the Jesuit priests", "the Letelier family", "Yazidi shepherds", "two farmers",
           "the UCA students", "villagers", "the Ixil elders", "a bus driver"]
PLACES = ["San Salvador", "Soyapango", "San Miguel", "Guatemala City"]
TYPES = [("Violence against civilians", "Attack"), ("Battles", "Armed clash"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def _random_document(rng: random.Random, n: int) -> dict[str, Any]:
    """A document of one or two events near a few places and days, written to tie often: same
    days and towns, shared victims, vague dates, region-level places, stories that name the
    victims of other stories."""
    events = []
    for k in range(rng.choice([1, 1, 1, 2])):
        etype, sub = rng.choice(TYPES)
        day = date(1989, 11, 10) + timedelta(days=rng.randrange(12))
        if rng.random() < 0.1:  # a retelling, months later
            day += timedelta(days=rng.randrange(30, 200))
        precision = rng.choice(["day"] * 6 + ["week"])
        victims = rng.choice(VICTIMS)
        event = s.event(
            f"n{n}-{k}", event_type=etype, sub_event_type=sub, day=day.isoformat(),
            precision=precision, place=rng.choice(PLACES),
            actor1=s.actor(rng.choice(["state_forces", "rebels"])),
            actor2=s.actor("civilians", label=victims),
            fatalities=rng.choice([None, s.quantity(6, 6), s.quantity(8, None, "at least 8"),
                                   s.quantity(1, 1)]))
        if rng.random() < 0.15:  # placed only in its province
            event["location"].update(precision=3, name=event["location"]["admin1"])
        if rng.random() < 0.05:  # no country at all
            event["location"].update(country_code=None, country=None)
        if rng.random() < 0.05:  # the story says not when
            event["date"]["text"] = ""
        events.append(event)
    told = " ".join(rng.sample(VICTIMS, 2))
    published = (date(1989, 11, 12) + timedelta(days=rng.randrange(15))).isoformat()
    return s.result(f"doc{n}", events, outlet=rng.choice(["Wire A", "Radio B", "Paper C"]),
                    published=published,
                    text=f"Story {n}. Soldiers and rebels; {told} were named by witnesses.")


def _merged(store: Store) -> tuple[list[list[Any]], list[list[Any]]]:
    """Each report's event and every merged record, run timestamps left out."""
    events = [list(r) for r in store.db.query("SELECT id, cluster_id FROM events ORDER BY id")]
    clusters = [list(r) for r in store.db.query(
        "SELECT id, record, date_start, date_end, country_code, lat, lon, fatalities, "
        "actors_text, search_text, outlets, n_reports FROM clusters ORDER BY id")]
    return events, clusters


def _assert_full_merge_agrees(store: Store) -> None:
    incremental = _merged(store)
    merge_store(store)
    assert _merged(store) == incremental


@pytest.mark.parametrize("seed", [1, 2])
def test_one_document_at_a_time_gives_the_full_merges_clusters(db_url: str, seed: int) -> None:
    rng = random.Random(seed)
    with Store(db_url) as store:
        merge_store(store)  # an empty store, merged: the incremental path starts from here
        for n in range(60):
            store.add_extracted(_random_document(rng, n))
            merge_pending(store)
        assert store.counts()["clusters"] < store.counts()["events"]  # some reports merged
        assert store.db.scalar("SELECT COUNT(*) FROM events WHERE cluster_id IS NULL") == 0
        _assert_full_merge_agrees(store)


def test_batches_and_replaced_documents_give_the_full_merges_clusters(db_url: str) -> None:
    rng = random.Random(5)
    with Store(db_url) as store:
        merge_store(store)
        for n in range(0, 45, 3):  # three documents wait together each time
            for k in range(n, n + 3):
                store.add_extracted(_random_document(rng, k))
            merge_pending(store)
        for n in (4, 17, 30):  # corrected stories: the same ids with new content
            store.add_extracted(_random_document(random.Random(n), n))
            merge_pending(store)
        _assert_full_merge_agrees(store)


def test_a_retelling_months_later_joins_the_event_incrementally(db_url: str) -> None:
    with Store(db_url) as store:
        merge_store(store)
        for doc, outlet in (("wire", "Wire"), ("radio", "Radio")):
            store.add_extracted(s.result(doc, [s.event(
                f"{doc}-1", actor2=s.actor("civilians", label="six Jesuit priests"),
                fatalities=s.quantity(6, 6))], outlet=outlet))
            merge_pending(store)
        store.add_extracted(s.result("later", [s.event(
            "later-1", day="1990-01-15", precision="month",
            actor2=s.actor("civilians", label="the Jesuits"),
            fatalities=s.quantity(1, None, "killing"))], published="1990-01-16"))
        result = merge_pending(store)
        assert (result.reports, result.clusters) == (3, 1)
        _assert_full_merge_agrees(store)


def test_a_replaced_document_leaves_its_old_event(db_url: str) -> None:
    with Store(db_url) as store:
        merge_store(store)
        store.add_extracted(s.result("A", [s.event("A-1")]))
        store.add_extracted(s.result("B", [s.event("B-1")]))
        assert merge_pending(store).clusters == 1
        # B is corrected: the attack was in Lima, weeks later
        store.add_extracted(s.result("B", [s.event("B-1", place="Lima", day="1989-12-20")],
                                     text="Corrected story B."))
        assert merge_pending(store).clusters == 2
        record = json.loads(store.db.scalar("SELECT record FROM clusters WHERE id='A-1'"))
        assert record["document_ids"] == ["A"]
        _assert_full_merge_agrees(store)


def test_an_unmerged_store_is_merged_in_full(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1")]))
        store.add_extracted(s.result("B", [s.event("B-1")]))
        result = merge_pending(store)  # never merged: no marks index yet
        assert (result.reports, result.clusters, result.merged_reports) == (2, 1, 2)
        assert store.get_setting("merge_marks_indexed") == "1"


def test_reports_at_the_calendars_end_are_merged_incrementally(db_url: str) -> None:
    with Store(db_url) as store:
        merge_store(store)
        for doc in ("A", "B"):
            store.add_extracted(s.result(doc, [s.event(
                f"{doc}-1", day="9999-12-31", actor2=s.actor("civilians", label="Jesuit"))],
                text=f"Story {doc} about the Jesuit priests."))
            merge_pending(store)
        assert store.counts()["clusters"] == 1
        _assert_full_merge_agrees(store)


def test_two_writers_merging_at_once_give_the_full_merges_clusters(db_url: str) -> None:
    """Two API workers (a connection each) store and merge at the same time."""
    with Store(db_url) as store:
        merge_store(store)

    def writer(first: int) -> None:
        rng = random.Random(first)
        with Store(db_url) as own:
            for n in range(first, first + 12):
                own.add_extracted(_random_document(rng, n))
                merge_pending(own)

    threads = [threading.Thread(target=writer, args=(first,)) for first in (0, 100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Store(db_url) as store:
        assert store.counts()["documents"] == 24
        assert store.db.scalar("SELECT COUNT(*) FROM events WHERE cluster_id IS NULL") == 0
        _assert_full_merge_agrees(store)
