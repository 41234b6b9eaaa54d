"""`sitrep gazetteer add --acled`: the places of an ACLED export join the index."""

from __future__ import annotations

import csv

import pytest
from geo_helpers import locate_in, place_count
from typer.testing import CliRunner

from sitrep.errors import BadDataError
from sitrep.geo import Geocoder
from sitrep.geo.acled_places import load_acled
from sitrep.geo.index import Gazetteer

HEADER = ["event_id_cnty", "country", "iso", "admin1", "admin2", "location", "latitude",
          "longitude", "geo_precision"]


def _export(path, rows):
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _row(number, country, iso, admin1, location, lat, lon, precision=1):
    return [f"X{number}", country, iso, admin1, "", location, lat, lon, precision]


def test_a_village_of_the_export_is_added_with_its_province_and_event_count(index_copy,
                                                                            tmp_path):
    export = _export(tmp_path / "acled.csv", [
        _row(1, "Syria", 760, "Aleppo", "Tell Sitrepiya", 36.402, 37.301),
        _row(2, "Syria", 760, "Aleppo", "Tell Sitrepiya", 36.4021, 37.3012),
        _row(3, "Syria", 760, "Aleppo", "Aleppo Countryside", 36.2, 37.1, precision=3),
    ])
    added, known = load_acled(export, index=index_copy)
    assert (added, known) == (1, 0)  # the region-level row is no place
    [village] = Gazetteer(index_copy).lookup("Tell Sitrepiya")
    assert village.country_code == "SY" and village.admin1_code == "SY.09"  # Aleppo
    assert village.events == 2 and village.kind == "city"


def test_a_town_the_index_knows_is_counted_not_added_twice(index_copy, tmp_path):
    export = _export(tmp_path / "acled.csv", [
        _row(1, "Syria", 760, "Aleppo", "Manbij", 36.5281, 37.9549)])
    assert load_acled(export, index=index_copy) == (0, 1)
    [manbij] = [e for e in Gazetteer(index_copy).lookup("Manbij", "SY") if e.kind == "city"]
    assert manbij.events == 1 and manbij.population > 0


def test_a_province_spelled_otherwise_comes_from_the_nearest_town(index_copy, tmp_path):
    export = _export(tmp_path / "acled.csv", [
        _row(1, "Iraq", 368, "Ninewa Sitrep", "Kahf Sitrepiya", 36.36, 43.17)])
    load_acled(export, index=index_copy)
    [cave] = Gazetteer(index_copy).lookup("Kahf Sitrepiya")
    assert cave.country_code == "IQ" and cave.admin1 is not None


def test_the_namesake_with_recorded_events_is_the_story_place(index_copy, tmp_path, nlp):
    # GeoNames knows only Josse, a French village of some 800 people; five events were
    # recorded at a Syrian namesake it lacks
    export = _export(tmp_path / "acled.csv", [
        _row(n, "Syria", 760, "Idlib", "Josse", 35.93, 36.63) for n in range(5)])
    load_acled(export, index=index_copy)
    geocoder = Geocoder.from_path(index_copy)
    _, loc = locate_in(geocoder, nlp, "Two men were shot dead at a checkpoint in Josse.")
    assert loc is not None and loc.place.country_code == "SY"
    _, loc = locate_in(geocoder, nlp, "French police said two men were shot dead at a "
                                      "checkpoint in Josse.")
    assert loc is not None and loc.place.country_code == "FR"  # the story's country first


def test_a_bad_coordinate_names_its_line_and_leaves_the_index_intact(index_copy, tmp_path):
    before = place_count(index_copy)
    export = _export(tmp_path / "acled.csv", [
        _row(1, "Syria", 760, "Aleppo", "Good Sitrepiya", 36.1, 37.1),
        _row(2, "Syria", 760, "Aleppo", "Bad Sitrepiya", "north", 37.1),
    ])
    with pytest.raises(BadDataError, match="line 3"):
        load_acled(export, index=index_copy)
    assert place_count(index_copy) == before
    assert not Gazetteer(index_copy).lookup("Good Sitrepiya")


def test_a_file_that_is_no_acled_export_is_refused(index_copy, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("name,lat,lon\nSomewhere,1,2\n", encoding="utf-8")
    with pytest.raises(BadDataError, match="not an ACLED export"):
        load_acled(other, index=index_copy)


def test_cli_gazetteer_add_acled(index_copy, tmp_path, monkeypatch):
    from sitrep.cli import app

    monkeypatch.setenv("SITREP_DATA_DIR", str(index_copy.parent))
    export = _export(tmp_path / "acled.csv", [
        _row(1, "Syria", 760, "Aleppo", "Clitest Sitrepiya", 36.3, 37.2)])
    result = CliRunner().invoke(app, ["gazetteer", "add", "--acled", str(export)])
    assert result.exit_code == 0, result.output
    assert "added 1 places" in result.output
