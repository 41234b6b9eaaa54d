"""Exports of merged events: ACLED-style CSV columns and rows, JSON Lines, GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_run import run_cli

from sitrep.export import COLUMNS, export
from sitrep.export.acled import interaction
from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store import synthetic as s

ACLED_ORDER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
    "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    db = str(tmp_path / "x.db")
    with Store(db) as st:
        wire = s.event("wire-1", fatalities=s.quantity(8, None, "at least eight"),
                       actor2=s.actor("civilians"), outlet="Wire",
                       summary="Soldiers killed eight.")
        wire["location"]["admin2"] = "San Salvador"  # the district, as the gazetteer gives it
        st.add_extracted(s.result("wire", [wire], outlet="Wire"))
        radio = s.event("radio-1", fatalities=s.quantity(6, 6), actor2=s.actor("civilians"),
                        outlet="Radio")
        radio["location"]["admin2"] = "San Salvador"
        st.add_extracted(s.result("radio", [radio], outlet="Radio"))
        merge_store(st)
    st = Store(db)
    yield st
    st.close()


def test_acled_csv_has_acled_columns_and_a_conservative_row(store: Store) -> None:
    out = io.StringIO()
    assert export(store, "acled", out) == 1
    assert out.getvalue().splitlines()[0] == ACLED_ORDER
    assert ",".join(COLUMNS) == ACLED_ORDER
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["event_id_cnty"] == "SLV1"
    assert (row["event_date"], row["year"], row["time_precision"]) == (
        "16 November 1989", "1989", "1")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "7", "17")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["country"], row["location"]) == ("222", "El Salvador",
                                                             "San Salvador")
    assert (row["admin1"], row["admin2"]) == ("San Salvador", "San Salvador")
    assert row["region"] == "Central America"
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("13.6929", "-89.2182",
                                                                         "1")
    assert row["source"] == "Radio; Wire"
    assert row["fatalities"] == "6"  # the lowest of 6 and "at least eight"
    assert row["disorder_type"] == "Political violence"
    assert row["timestamp"].isdigit()


def test_interaction_code_puts_the_lower_inter_code_first() -> None:
    assert interaction(7, 1) == "17"
    assert interaction(2, None) == "20"
    assert interaction(None, None) == ""


def test_jsonl_export_carries_reports_per_source(store: Store) -> None:
    out = io.StringIO()
    export(store, "jsonl", out)
    (event,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["outlet"] for r in event["reports"]} == {"Wire", "Radio"}
    assert event["ranges"]["fatalities"] == {"min": 6, "max": 8}


def test_cli_export_writes_geojson_file(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    answer = run_cli("export", "--format", "geojson", "--db", store.db.url, "-o", str(target))
    assert answer.returncode == 0, answer.stderr
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 1


def test_acled_row_leaves_date_blank_when_the_story_gives_none(tmp_path: Path) -> None:
    undated = s.event("u-1", day=None, place="Lima")  # type: ignore[arg-type]
    undated["date"] = {"start": None, "end": None, "precision": None, "text": None}
    with Store(str(tmp_path / "u.db")) as st:
        st.add_extracted(s.result("u", [undated]))
        merge_store(st)
        out = io.StringIO()
        export(st, "acled", out)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["event_date"], row["year"], row["time_precision"]) == ("", "", "3")
    assert row["event_id_cnty"] == "PER1"


def test_acled_csv_neutralises_formula_cells_but_keeps_negative_numbers(
        tmp_path: Path) -> None:
    evil = s.event("f-1", place="Lima", outlet="@Wire",
                   actor1=s.actor("rebels", "=HYPERLINK(\"http://x\",\"y\")"),
                   actor2=s.actor("civilians", "+cmd|' /C calc'!A0"),
                   summary="-2+3 people were killed")
    evil["location"]["admin1"] = "\tLima"
    evil["location"]["admin2"] = "\rCallao"
    with Store(str(tmp_path / "f.db")) as st:
        st.add_extracted(s.result("f", [evil], outlet="@Wire"))
        merge_store(st)
        out = io.StringIO()
        export(st, "acled", out)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["actor1"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert row["actor2"] == "'+cmd|' /C calc'!A0"
    assert row["notes"] == "'-2+3 people were killed"
    assert row["source"] == "'@Wire"
    assert (row["admin1"], row["admin2"]) == ("'\tLima", "'\nCallao")  # CR: no row split
    assert (row["latitude"], row["longitude"]) == ("-12.0464", "-77.0428")
    assert row["fatalities"] == "0" and row["timestamp"].isdigit()


def test_acled_csv_numeric_columns_holding_text_are_neutralised_too() -> None:
    from sitrep.export.acled import csv_safe_row

    row = csv_safe_row({"latitude": "-12.0464", "geo_precision": "=1+1", "fatalities": -3,
                        "notes": "plain"})
    assert row == {"latitude": "-12.0464", "geo_precision": "'=1+1", "fatalities": -3,
                   "notes": "plain"}
