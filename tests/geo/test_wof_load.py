"""Loading Who's On First bundles: hierarchy, names, merges, rollback, re-runs.

The bundles are written here: an invented region, county and villages in the Libyan desert,
in the layout of a WOF repository archive (data/.../ID.geojson, one Feature per file).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tarfile
from datetime import date

import pytest
from geo_helpers import place_count
from typer.testing import CliRunner

from sitrep.errors import BadDataError
from sitrep.geo import Geocoder
from sitrep.geo.index import Gazetteer
from sitrep.geo.wof import download, load_wof

REGION, COUNTY, VILLAGE, QUARTER, LOCALADMIN, HAMLET = (
    990001, 990002, 990003, 990004, 990006, 990007)


def _record(wof_id, placetype, name, lat, lon, hierarchy=None, **props):
    properties = {"wof:id": wof_id, "wof:placetype": placetype, "wof:name": name,
                  "iso:country": "LY", "geom:latitude": lat, "geom:longitude": lon,
                  "wof:hierarchy": [hierarchy or {}], "mz:is_current": 1, **props}
    return {"id": wof_id, "type": "Feature", "properties": properties,
            "geometry": {"type": "Point", "coordinates": [lon, lat]}}


def _bundle(path, records, raw=None):
    """A .tar.gz laid out as a WOF repository; ``raw`` adds files as given bytes."""
    with tarfile.open(path, "w:gz") as archive:
        files = {f"whosonfirst-data-admin-ly/data/{r['id']}.geojson": json.dumps(r).encode()
                 for r in records}
        files.update(raw or {})
        files["whosonfirst-data-admin-ly/README.md"] = b"made up for a test"
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _hierarchy(**ids):
    return {"country_id": 85632627, **{f"{k}_id": v for k, v in ids.items()}}


def _made_up_places():
    return [
        _record(85632627, "country", "Libya", 27.0, 17.0),
        _record(REGION, "region", "Wadi Sitrepia", 24.6, 17.4, _hierarchy(region=REGION)),
        _record(COUNTY, "county", "Zentora", 24.5, 17.5,
                _hierarchy(region=REGION, county=COUNTY)),
        _record(VILLAGE, "locality", "Bir Vellimore", 24.51, 17.52,
                _hierarchy(region=REGION, county=COUNTY, locality=VILLAGE),
                **{"name:fra_x_variant": ["Bir Vellimour"], "name:ara_x_preferred": ["بئر فليمور"],
                   "name:ukr_x_variant": ["Bir Vellimor’ye"],
                   "name:deu_x_preferred": ["Vellimorbrunnen"], "gn:population": 1200}),
        _record(QUARTER, "neighbourhood", "Hay Qasrina", 24.512, 17.521,
                _hierarchy(region=REGION, county=COUNTY, locality=VILLAGE,
                           neighbourhood=QUARTER)),
        _record(LOCALADMIN, "localadmin", "Nahiyat Tamsirt", 24.3, 17.6,
                _hierarchy(region=REGION, county=COUNTY, localadmin=LOCALADMIN)),
        _record(HAMLET, "locality", "Qaryat Tamsirt", 24.31, 17.61,
                _hierarchy(region=REGION, county=COUNTY, localadmin=LOCALADMIN,
                           locality=HAMLET)),
        _record(990010, "locality", "Каштанівка", 24.2, 17.2, _hierarchy(region=REGION),
                **{"name:eng_x_preferred": ["Kashtanivka Sitrep"]}),
        _record(990011, "locality", "Qaryat Nusfiya", 24.4, 17.45,  # names its county only
                {"county_id": COUNTY, "locality_id": 990011}),
        _record(990008, "locality", "Bir Oldplace", 24.7, 17.7, _hierarchy(region=REGION),
                **{"wof:superseded_by": [VILLAGE]}),
    ]


@pytest.fixture()
def bundle(tmp_path):
    return _bundle(tmp_path / "whosonfirst-data-admin-ly.tar.gz", _made_up_places())


def test_each_village_knows_its_county_and_region(index_copy, bundle):
    result = load_wof(bundle, index=index_copy)
    assert result.added == 8  # the country and the superseded record are not places to add
    gaz = Gazetteer(index_copy)
    [village] = gaz.lookup("Bir Vellimore")
    assert (village.kind, village.country_code) == ("city", "LY")
    assert (village.admin1, village.admin2) == ("Wadi Sitrepia", "Zentora")
    assert village.population == 1200
    [quarter] = gaz.lookup("Hay Qasrina")
    assert quarter.kind == "district" and quarter.parent_id == village.id
    assert quarter.admin2 == "Zentora"
    [hamlet] = gaz.lookup("Qaryat Tamsirt")
    assert (hamlet.admin1, hamlet.admin2, hamlet.admin3) == (
        "Wadi Sitrepia", "Zentora", "Nahiyat Tamsirt")
    place = Geocoder.from_path(index_copy)._place(hamlet)
    assert (place.admin2, place.admin3) == ("Zentora", "Nahiyat Tamsirt")
    assert [e.kind for e in gaz.lookup("Zentora")] == ["admin2"]
    [half_known] = gaz.lookup("Qaryat Nusfiya")
    assert (half_known.admin1, half_known.admin2) == ("Wadi Sitrepia", "Zentora")
    assert not gaz.lookup("Bir Oldplace")


def test_every_latin_name_in_any_language_finds_the_village(index_copy, bundle):
    load_wof(bundle, index=index_copy)
    gaz = Gazetteer(index_copy)
    [village] = gaz.lookup("Bir Vellimore")
    for variant in ("Bir Vellimour", "Vellimorbrunnen", "Bir Vellimorye"):
        assert [e.id for e in gaz.lookup(variant)] == [village.id]
    assert not next(e for e in gaz.lookup("Bir Vellimour")).main  # a variant, not the name
    # named in Cyrillic only by wof:name: shown by its English name
    assert [e.name for e in gaz.lookup("Kashtanivka Sitrep")] == ["Kashtanivka Sitrep"]


def test_a_town_the_index_holds_is_merged_by_geonames_id_or_name_within_2_km(
        index_copy, tmp_path):
    gaz = Gazetteer(index_copy)
    sabha = next(e for e in gaz.lookup("Sabha", "LY") if e.kind == "city")
    ubari = next(e for e in gaz.lookup("Ubari", "LY") if e.kind == "city")
    before = place_count(index_copy)
    path = _bundle(tmp_path / "merge.tar.gz", [
        # the same GeoNames id 3 km away: one place
        _record(990101, "locality", "Sabha", sabha.lat + 0.027, sabha.lon, None,
                **{"gn:geonameid": sabha.geonameid, "name:eng_x_variant": ["Sebhatown"]}),
        # the same name 1 km away, no GeoNames id: one place
        _record(990102, "locality", "Ubari", ubari.lat + 0.009, ubari.lon, None,
                **{"name:eng_x_variant": ["Awbarihold"]}),
        # the same name 30 km away: another place
        _record(990103, "locality", "Ubari", ubari.lat + 0.27, ubari.lon, None),
    ])
    result = load_wof(path, index=index_copy)
    assert (result.added, result.merged) == (1, 2)
    assert place_count(index_copy) == before + 1
    gaz = Gazetteer(index_copy)
    assert [e.id for e in gaz.lookup("Sebhatown")] == [sabha.id]
    assert [e.id for e in gaz.lookup("Awbarihold")] == [ubari.id]
    assert len([e for e in gaz.lookup("Ubari", "LY") if e.kind == "city"]) == 2


def test_a_second_load_of_the_same_bundle_adds_nothing(index_copy, bundle):
    load_wof(bundle, index=index_copy)
    places, names = place_count(index_copy), _name_count(index_copy)
    again = load_wof(bundle, index=index_copy)
    assert (again.added, again.merged, again.known) == (0, 0, 8)
    assert (place_count(index_copy), _name_count(index_copy)) == (places, names)


@pytest.mark.parametrize(("bad", "message"), [
    (b"{this is not json", "990009.geojson: not a JSON record"),
    (json.dumps(_record(990009, "locality", "Nowhere Sitrep", None, None) | {
        "geometry": None}).encode(), "990009.geojson: no coordinates"),
])
def test_a_bad_record_names_its_file_and_leaves_the_index_as_it_was(
        index_copy, tmp_path, bad, message):
    before = place_count(index_copy)
    path = _bundle(tmp_path / "bad.tar.gz", _made_up_places(),
                   raw={"whosonfirst-data-admin-ly/data/990/009/990009.geojson": bad})
    with pytest.raises(BadDataError, match=message):
        load_wof(path, index=index_copy)
    assert place_count(index_copy) == before
    assert not Gazetteer(index_copy).lookup("Bir Vellimore")


def test_a_truncated_archive_is_refused_and_the_index_kept(index_copy, bundle, tmp_path):
    before = place_count(index_copy)
    cut = tmp_path / "cut.tar.gz"
    data = bundle.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(BadDataError, match="cut.tar.gz: not a complete .tar.gz"):
        load_wof(cut, index=index_copy)
    assert place_count(index_copy) == before


def test_a_checkout_folder_loads_like_its_archive(index_copy, bundle, tmp_path):
    with tarfile.open(bundle) as archive:
        archive.extractall(tmp_path / "checkout", filter="data")
    result = load_wof(tmp_path / "checkout" / "whosonfirst-data-admin-ly", index=index_copy)
    assert result.added == 8
    assert Gazetteer(index_copy).lookup("Bir Vellimore")[0].admin2 == "Zentora"


def test_an_event_in_the_village_has_its_admin_levels_in_record_and_export(
        index_copy, bundle, monkeypatch, tmp_path):
    from sitrep.export import export
    from sitrep.extract import extract
    from sitrep.ingest import read_text
    from sitrep.merge import merge_store
    from sitrep.store import Store

    load_wof(bundle, index=index_copy)
    monkeypatch.setattr(Geocoder, "_default", Geocoder.from_path(index_copy))
    story = ("Gunmen on motorcycles killed three farmers in Bir Vellimore on Monday, "
             "a local elder told reporters by telephone.")
    result = next(extract([read_text(story, doc_id="t", published=date(2026, 3, 2))]))
    [event] = result["events"]
    location = event["location"]
    assert (location["name"], location["country_code"]) == ("Bir Vellimore", "LY")
    assert (location["admin1"], location["admin2"]) == ("Wadi Sitrepia", "Zentora")
    with Store(str(tmp_path / "events.db")) as store:
        store.add_extracted(result)
        merge_store(store)
        out = io.StringIO()
        assert export(store, "acled", out) == 1
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["location"], row["admin1"], row["admin2"], row["admin3"]) == (
        "Bir Vellimore", "Wadi Sitrepia", "Zentora", "")


def test_cli_adds_a_wof_bundle_once(index_copy, bundle, monkeypatch):
    from sitrep.cli import app

    monkeypatch.setenv("SITREP_DATA_DIR", str(index_copy.parent))
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "add", "--wof", str(bundle)])
    assert result.exit_code == 0, result.output
    assert "added 8 places" in result.output
    result = runner.invoke(app, ["gazetteer", "add", "--wof", str(bundle)])
    assert result.exit_code == 0 and "added 0 places" in result.output
    assert "8 loaded before" in result.output


def test_cli_wof_bad_bundle_exits_with_bad_data_code(index_copy, tmp_path, monkeypatch):
    from sitrep.cli import app

    monkeypatch.setenv("SITREP_DATA_DIR", str(index_copy.parent))
    empty = _bundle(tmp_path / "empty.tar.gz", [])
    result = CliRunner().invoke(app, ["gazetteer", "add", "--wof", str(empty)])
    assert isinstance(result.exception, BadDataError) and result.exception.exit_code == 6
    assert "no data/**/*.geojson records" in str(result.exception)


def _name_count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
    finally:
        conn.close()


def test_download_fetches_the_country_archive_over_http(index_copy, bundle, tmp_path):
    import functools
    import http.server
    import threading

    served = tmp_path / "served"
    served.mkdir()
    bundle.rename(served / "whosonfirst-data-admin-ly.tar.gz")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    template = f"http://127.0.0.1:{server.server_port}/whosonfirst-data-admin-{{code}}.tar.gz"
    try:
        path = download("LY", tmp_path / "downloads", template)
        assert load_wof(path, index=index_copy).added == 8
        with pytest.raises(BadDataError, match="could not download .*admin-zz.tar.gz"):
            download("ZZ", tmp_path / "downloads", template)
        assert not (tmp_path / "downloads" / "whosonfirst-data-admin-zz.tar.gz").exists()
    finally:
        server.shutdown()
        server.server_close()
