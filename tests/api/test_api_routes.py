"""The HTTP API of docs/CONTRACTS.md over real stores (SQLite and PostgreSQL) of hand-made
events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from postgres_helpers import postgres_schema

from sitrep.api.app import create_app
from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store import synthetic as s


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_path(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("api") / "api.db")
        _fill(path)
        yield path
        return
    with postgres_schema(request.getfixturevalue("postgres_dsn")) as url:
        _fill(url)
        yield url


def _fill(path: str) -> None:
    with Store(path) as store:
        store.add_extracted(s.result("wire", [
            s.event("wire-1", fatalities=s.quantity(8, None, "at least eight"),
                    actor1=s.actor("state_forces", "Military Forces of El Salvador", "soldiers"),
                    actor2=s.actor("civilians", "Civilians", "Jesuit priests"),
                    claimant="Archbishop", party=False, summary="Priests were killed."),
            s.event("wire-2", event_type="Battles", sub_event_type="Armed clash",
                    day="1989-11-12", place="San Miguel", actor2=s.actor("rebels"),
                    fatalities=s.quantity(20, 20)),
        ], outlet="Wire"))
        store.add_extracted(s.result("radio", [
            s.event("radio-1", fatalities=s.quantity(6, 6, "six"), actor2=s.actor("civilians"),
                    claimant="army spokesman", party=True, outlet="Radio"),
        ], outlet="Radio", published="1989-11-18"))
        store.add_extracted(s.result("lima", [
            s.event("lima-1", event_type="Protests", sub_event_type="Peaceful protest",
                    day="1990-02-01", place="Lima", actor1=s.actor("protesters"),
                    crowd_size=s.quantity(1501, None, "more than 1,500")),
        ]))
        merge_store(store)


@pytest.fixture(scope="module")
def client(db_path: str) -> TestClient:
    return TestClient(create_app(db_path, write_token=""))


def ids(answer: dict) -> list[str]:
    return [e["id"] for e in answer["events"]]


def test_events_are_merged_events_with_contract_fields(client: TestClient) -> None:
    answer = client.get("/events").json()
    assert answer["total"] == 3 and answer["limit"] == 50 and answer["offset"] == 0
    killing = next(e for e in answer["events"] if e["n_reports"] == 2)
    assert set(killing) == {"id", "event_type", "sub_event_type", "date", "location", "actor1",
                            "actor2", "fatalities", "injuries", "crowd_size", "summary",
                            "n_reports"}
    assert killing["fatalities"]["min"] == 6


@pytest.mark.parametrize(("query", "expected"), [
    ({"start": "1989-11-13", "end": "1989-11-30"}, ["radio-1"]),
    ({"country": "pe"}, ["lima-1"]),
    ({"event_type": "Battles"}, ["wire-2"]),
    ({"sub_event_type": "Peaceful protest"}, ["lima-1"]),
    ({"actor": "jesuit"}, ["radio-1"]),
    ({"claimant": "archbishop"}, ["radio-1"]),
    ({"party_to_conflict": "true"}, ["radio-1"]),
    ({"party_to_conflict": "false"}, ["radio-1"]),
    ({"q": "priests were"}, ["radio-1"]),
    ({"bbox": "-78,-13,-76,-11"}, ["lima-1"]),
])
def test_events_filters_select_matching_events(client: TestClient, query: dict,
                                               expected: list[str]) -> None:
    assert ids(client.get("/events", params=query).json()) == expected


def test_events_sorting_and_paging(client: TestClient) -> None:
    by_date = ids(client.get("/events", params={"sort": "date"}).json())
    assert by_date == ["wire-2", "radio-1", "lima-1"]
    assert ids(client.get("/events", params={"sort": "-date"}).json()) == by_date[::-1]
    deadliest = ids(client.get("/events", params={"sort": "-fatalities"}).json())
    assert deadliest[0] == "wire-2"
    page = client.get("/events", params={"sort": "date", "limit": 1, "offset": 1}).json()
    assert (page["total"], ids(page)) == (3, ["radio-1"])
    assert client.get("/events", params={"limit": 501}).status_code == 422
    assert client.get("/events", params={"sort": "name"}).status_code == 422
    assert client.get("/events", params={"bbox": "1,2"}).status_code == 422


def test_event_detail_has_reports_claims_and_ranges(client: TestClient) -> None:
    event = client.get("/events/radio-1").json()
    assert [r["document_id"] for r in event["reports"]] == ["wire", "radio"]
    assert {r["outlet"]: r["fatalities"]["min"] for r in event["reports"]} == {
        "Wire": 8, "Radio": 6}
    assert {c["claimant"] for c in event["claims"]} == {"Archbishop", "army spokesman"}
    assert event["ranges"] == {"fatalities": {"min": 6, "max": 8}}
    assert client.get("/events/wire-1").json()["id"] == "radio-1"  # a report's id leads there
    assert client.get("/events/nope").status_code == 404


def test_document_lists_its_text_and_event_ids(client: TestClient) -> None:
    doc = client.get("/documents/wire").json()
    assert doc["outlet"] == "Wire" and doc["text"].startswith("Test story wire")
    assert doc["event_ids"] == ["radio-1", "wire-2"] and doc["warnings"] == []
    assert client.get("/documents/nope").status_code == 404


def test_stats_count_by_day_type_and_country(client: TestClient) -> None:
    stats = client.get("/stats").json()
    assert stats["total"] == 3
    assert stats["by_day"][0] == {"date": "1989-11-12", "count": 1}
    assert {t["event_type"]: t["count"] for t in stats["by_type"]}["Protests"] == 1
    assert stats["by_country"][0] == {"country_code": "SV", "country": "El Salvador", "count": 2}
    assert client.get("/stats", params={"country": "PE"}).json()["total"] == 1


def test_geojson_is_a_feature_collection_of_points(client: TestClient) -> None:
    answer = client.get("/events.geojson", params={"country": "PE"})
    assert answer.headers["content-type"].startswith("application/geo+json")
    collection = answer.json()
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-77.0428, -12.0464]}
    assert feature["properties"]["crowd_size"]["min"] == 1501


def test_openapi_lists_the_contract_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/events", "/events/{event_id}", "/documents/{doc_id}", "/stats",
            "/events.geojson"} <= set(paths)


def test_writes_are_refused_without_a_configured_token(client: TestClient) -> None:
    body = s.result("new", [s.event("new-1")])
    answer = client.post("/documents", json=body, headers={"Authorization": "Bearer x"})
    assert answer.status_code == 403
    assert client.get("/documents/new").status_code == 404


def test_token_holder_can_post_a_document(tmp_path: Path) -> None:
    path = str(tmp_path / "w.db")
    client = TestClient(create_app(path, write_token="sekrit"))
    body = s.result("new", [s.event("new-1")])
    assert client.post("/documents", json=body).status_code == 401
    assert client.post("/documents", json=body,
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    answer = client.post("/documents", json=body, headers={"Authorization": "Bearer sekrit"})
    assert answer.status_code == 201
    assert answer.json() == {"document_id": "new", "stored": True, "event_ids": ["new-1"]}
    again = client.post("/documents", json=body, headers={"Authorization": "Bearer sekrit"})
    assert again.json()["stored"] is False
    assert client.get("/events").json()["total"] == 1


def test_web_page_is_served_at_root_and_static(tmp_path: Path, db_path: str) -> None:
    (tmp_path / "index.html").write_text("<h1>sitrep</h1>", encoding="utf-8")
    (tmp_path / "app.js").write_text("let x = 1;", encoding="utf-8")
    client = TestClient(create_app(db_path, write_token="", static_dir=tmp_path))
    assert client.get("/").text == "<h1>sitrep</h1>"
    assert client.get("/static/app.js").text == "let x = 1;"
    assert client.get("/events").status_code == 200


def test_long_events_overlapping_the_start_date_are_found(tmp_path: Path) -> None:
    path = str(tmp_path / "long.db")
    with Store(path) as store:
        store.add_extracted(s.result("long", [s.event(
            "long-1", day="1989-11-01", end="1989-11-20", precision="month")]))
        store.add_extracted(s.result("short", [s.event("short-1", day="1989-10-01")]))
        merge_store(store)
    client = TestClient(create_app(path, write_token=""))
    answer = client.get("/events", params={"start": "1989-11-15", "end": "1989-11-16"})
    assert ids(answer.json()) == ["long-1"]


def test_geojson_is_bounded_and_says_when_it_is_cut(client: TestClient) -> None:
    whole = client.get("/events.geojson").json()
    assert whole["truncated"] is False and len(whole["features"]) >= 2
    cut = client.get("/events.geojson", params={"limit": 1}).json()
    assert len(cut["features"]) == 1 and cut["truncated"] is True
    assert cut["features"][0]["id"] == whole["features"][0]["id"]  # the newest first
    assert client.get("/events.geojson", params={"limit": 10**6}).status_code == 422


def test_stats_list_each_watched_feeds_last_poll(tmp_path: Path) -> None:
    from sitrep.sources.seen import FeedPoll, SourceLog

    db = str(tmp_path / "feeds.db")
    with Store(db) as store:
        log = SourceLog(store)
        log.record_poll(FeedPoll("http://wire.example/rss", items=4, new_items=2, events=3,
                                 errors=1, polled_at="2026-12-07T10:00:00+00:00"))
        log.record_poll(FeedPoll("http://wire.example/rss", status="not modified",
                                 polled_at="2026-12-07T10:15:00+00:00"))
        log.record_poll(FeedPoll("http://radio.example/atom", status="failed",
                                 message="the server answered HTTP 500", errors=1,
                                 polled_at="2026-12-07T10:14:00+00:00"))
    feeds = TestClient(create_app(db, write_token="")).get("/stats").json()["feeds"]
    assert [(f["feed"], f["status"], f["polled_at"]) for f in feeds] == [
        ("http://wire.example/rss", "not modified", "2026-12-07T10:15:00+00:00"),
        ("http://radio.example/atom", "failed", "2026-12-07T10:14:00+00:00")]
    assert feeds[1]["message"] == "the server answered HTTP 500" and feeds[1]["errors"] == 1
