"""Kept answers of the event routes: the same bytes as a fresh answer, and never stale, on
SQLite and PostgreSQL, whoever writes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from postgres_helpers import postgres_schema

from sitrep.api.app import create_app
from sitrep.api.read_cache import ReadCache
from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store import synthetic as s
from sitrep.store.generation import current_generation

TOKEN = "cache-test-token"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("cache") / "cache.db")
        return
    with postgres_schema(request.getfixturevalue("postgres_dsn")) as url:
        yield url


def _story(doc_id: str, day: str, place: str) -> dict:
    return s.result(doc_id, [s.event(f"{doc_id}-1", day=day, place=place, lat=48.5, lon=35.0,
                                     fatalities=s.quantity(3, 3, "three"))])


def _store_story(db_url: str, doc_id: str, day: str, place: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(_story(doc_id, day, place))
        merge_store(store)


def test_a_repeated_read_is_served_kept_and_equal(db_url: str) -> None:
    _store_story(db_url, "first", "2020-03-01", "Kharkiv")
    client = TestClient(create_app(db_url, write_token=""))
    fresh = client.get("/events", params={"start": "2020-01-01", "sort": "date"})
    kept = client.get("/events", params={"sort": "date", "start": "2020-01-01"})
    assert fresh.headers["x-sitrep-cache"] == "miss"
    assert kept.headers["x-sitrep-cache"] == "hit"
    assert kept.content == fresh.content
    assert kept.headers["content-security-policy"] == fresh.headers["content-security-policy"]
    assert kept.json()["total"] == 1


def test_a_write_by_another_process_makes_kept_answers_stale(db_url: str) -> None:
    _store_story(db_url, "first", "2020-03-01", "Kharkiv")
    client = TestClient(create_app(db_url, write_token=""))
    assert client.get("/events").json()["total"] == 1
    assert client.get("/events.geojson").headers["x-sitrep-cache"] == "miss"
    _store_story(db_url, "second", "2020-03-02", "Odesa")  # its own connection, as `ingest`
    again = client.get("/events")
    assert again.headers["x-sitrep-cache"] == "miss"
    assert again.json()["total"] == 2
    assert len(client.get("/events.geojson").json()["features"]) == 2


def test_the_servers_own_post_makes_kept_answers_stale(db_url: str) -> None:
    client = TestClient(create_app(db_url, write_token=TOKEN))
    assert client.get("/events").json()["total"] == 0
    posted = client.post("/documents", json=_story("posted", "2021-05-05", "Lviv"),
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert posted.status_code == 201, posted.text
    assert client.get("/events").json()["total"] == 1


def test_an_error_answer_is_not_kept(db_url: str) -> None:
    client = TestClient(create_app(db_url, write_token=""))
    for _ in range(2):
        refused = client.get("/events", params={"limit": "0"})
        assert refused.status_code == 422
        assert refused.headers["x-sitrep-cache"] == "miss"


def test_every_committed_write_changes_the_generation_once_read(db_url: str) -> None:
    with Store(db_url) as store:
        before = current_generation(store.db)
        store.add_extracted(_story("gen", "2019-01-01", "Mosul"))
        after_add = current_generation(store.db)
        merge_store(store)
        after_merge = current_generation(store.db)
    assert before < after_add < after_merge


def test_a_failed_write_leaves_the_generation_as_it_was(db_url: str) -> None:
    with Store(db_url) as store:
        before = current_generation(store.db)
        with pytest.raises(RuntimeError), store.db.transaction():
            store.db.execute("INSERT INTO settings (key, value) VALUES ('probe', '1')")
            raise RuntimeError("rolled back")
        assert current_generation(store.db) == before


def test_the_cache_holds_no_more_than_its_bounds(tmp_path) -> None:
    db = str(tmp_path / "bounded.db")
    _store_story(db, "first", "2020-03-01", "Kharkiv")
    app = create_app(db, write_token="")
    client = TestClient(app)
    cache = _read_cache(app)
    cache.max_entries = 2
    for country in ("UA", "SY", "IQ"):
        client.get("/events", params={"country": country})
    assert cache.stats()["answers"] == 2
    # the oldest went first: asking for it again computes it afresh
    assert client.get("/events", params={"country": "UA"}).headers["x-sitrep-cache"] == "miss"
    assert client.get("/events", params={"country": "IQ"}).headers["x-sitrep-cache"] == "hit"
    cache.max_answer_bytes = 10
    client.get("/events", params={"country": "FR"})  # too big to keep
    assert client.get("/events", params={"country": "FR"}).headers["x-sitrep-cache"] == "miss"


def test_repeated_parameter_names_keep_their_order_in_the_key() -> None:
    first = ReadCache.key({"path": "/events", "query_string": b"country=UA&country=SY"})
    second = ReadCache.key({"path": "/events", "query_string": b"country=SY&country=UA"})
    assert first != second
    assert ReadCache.key({"path": "/events", "query_string": b"b=1&a=2"}) == \
        ReadCache.key({"path": "/events", "query_string": b"a=2&b=1"})


def _read_cache(app) -> ReadCache:
    """The ReadCache instance in the app's middleware stack (built on first request)."""
    TestClient(app).get("/events", params={"country": "ZZ"})
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, ReadCache):
        layer = getattr(layer, "app", None)
    assert isinstance(layer, ReadCache)
    layer._answers.clear()
    layer._bytes = 0
    return layer
