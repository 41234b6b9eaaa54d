"""The store on SQLite and PostgreSQL: schema versions, one transaction per document, dedup."""

from __future__ import annotations

import pytest

from sitrep.store import Store
from sitrep.store import synthetic as s
from sitrep.store.schema import SCHEMA_VERSION, current_version


def test_new_database_is_migrated_to_the_latest_version_once(db_url: str) -> None:
    with Store(db_url) as store:
        assert current_version(store.db) == SCHEMA_VERSION
    with Store(db_url) as store:  # reopening applies nothing twice
        rows = store.db.query("SELECT version FROM schema_version ORDER BY version")
        assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def test_document_is_stored_with_its_events_claims_and_evidence(db_url: str) -> None:
    doc = s.result("D1", [s.event("D1-1", claimant="army spokesman", party=True),
                          s.event("D1-2", place="Lima")])
    with Store(db_url) as store:
        assert store.add_extracted(doc) == "D1"
        assert store.counts() == {"documents": 1, "events": 2, "claims": 2, "evidence": 4,
                                  "clusters": 0}
        row = store.db.execute(
            "SELECT event_type, country_code, lat, actor1_kind, document_id FROM events "
            "WHERE id=?", ("D1-1",)).fetchone()
        assert row == ("Violence against civilians", "SV", 13.6929, "state_forces", "D1")
        assert store.db.scalar("SELECT party_to_conflict FROM claims WHERE claimant=?",
                               ("army spokesman",)) == 1


def test_storing_the_same_document_twice_changes_nothing(db_url: str) -> None:
    doc = s.result("D1", [s.event("D1-1")], text="Same words.")
    copy = s.result("D1-copy", [s.event("X-1")], text="  Same\n words. ")
    with Store(db_url) as store:
        assert store.add_extracted(doc) == "D1"
        before = store.counts()
        assert store.add_extracted(doc) is None
        assert store.add_extracted(copy) is None  # same content under another id
        assert store.counts() == before


def test_a_failing_event_leaves_no_trace_of_its_document(db_url: str) -> None:
    good = s.event("D1-1")
    broken = s.event("D1-2")
    broken["date"] = "not an object"  # the store cannot read this record
    with Store(db_url) as store:
        with pytest.raises(AttributeError):
            store.add_extracted(s.result("D1", [good, broken]))
        assert store.counts()["documents"] == 0
        assert store.counts()["events"] == 0


def test_new_content_under_a_known_id_replaces_the_old_version(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("D1", [s.event("D1-1"), s.event("D1-2")], text="v1"))
        store.add_extracted(s.result("D1", [s.event("D1-1")], text="v2 corrected"))
        assert store.counts()["documents"] == 1
        assert store.counts()["events"] == 1
        assert store.document("D1")["text"] == "v2 corrected"


def test_event_ids_repeated_across_documents_are_kept_apart(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("ev-1")]))
        store.add_extracted(s.result("B", [s.event("ev-1", place="Lima")]))
        ids = [r[0] for r in store.db.query("SELECT id FROM events ORDER BY id")]
        assert ids == ["B:ev-1", "ev-1"]
