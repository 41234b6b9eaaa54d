"""Loading GeoNames dumps: villages and neighbourhoods added; bad files rejected cleanly."""

from __future__ import annotations

import pytest
from geo_helpers import place_count as _count
from typer.testing import CliRunner

from sitrep.errors import BadDataError
from sitrep.geo.geonames import load_dump
from sitrep.geo.index import Gazetteer


def _row(gid, name, alts, lat, lon, fclass, fcode, cc="SY", a1="09", pop=0):
    cols = [str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, "", "",
            "", str(pop), "", "400", "Asia/Damascus", "2020-01-01"]
    assert len(cols) == 19
    return "\t".join(cols) + "\n"




def test_dump_adds_neighbourhood_linked_to_its_city(index_copy, tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text(
        _row(99000001, "Hayy Sitrep Test", "Sitreptest Quarter", 36.21, 37.15, "P", "PPLX")
        + _row(99000002, "Qaryat Sitreptest", "", 36.5, 37.5, "P", "PPL", pop=300)
        + _row(99000003, "Some River", "", 36.5, 37.5, "H", "STM"),
        encoding="utf-8",
    )
    assert load_dump(dump, index=index_copy) == 2
    gaz = Gazetteer(index_copy)
    [quarter] = gaz.lookup("Sitreptest Quarter")
    assert quarter.kind == "district"
    parent = gaz.get(quarter.parent_id)
    assert parent is not None and parent.name == "Aleppo"
    assert gaz.lookup("Qaryat Sitreptest")[0].country_code == "SY"
    assert not gaz.lookup("Some River")


def test_truncated_dump_names_the_line_and_leaves_index_intact(index_copy, tmp_path):
    before = _count(index_copy)
    good = _row(99000011, "Good Place", "", 36.0, 37.0, "P", "PPL")
    dump = tmp_path / "SY.txt"
    dump.write_text(good + good.replace("99000011", "99000012") + "99000013\tCut Off\t",
                    encoding="utf-8")
    with pytest.raises(BadDataError, match="line 3"):
        load_dump(dump, index=index_copy)
    assert _count(index_copy) == before
    assert not Gazetteer(index_copy).lookup("Good Place")


def test_bad_coordinate_is_reported_with_its_line(index_copy, tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text(_row(99000021, "Nowhere", "", "north", 37.0, "P", "PPL"), encoding="utf-8")
    with pytest.raises(BadDataError, match="line 1"):
        load_dump(dump, index=index_copy)


def test_cli_gazetteer_add_and_info(index_copy, tmp_path, monkeypatch):
    from sitrep.cli import app

    monkeypatch.setenv("SITREP_DATA_DIR", str(index_copy.parent))
    dump = tmp_path / "SY.txt"
    dump.write_text(_row(99000031, "Clitest Village", "", 36.3, 37.2, "P", "PPL"),
                    encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "add", str(dump)])
    assert result.exit_code == 0, result.output
    assert "added 1 places" in result.output
    result = runner.invoke(app, ["gazetteer", "info"])
    assert result.exit_code == 0 and str(index_copy) in result.output
    assert "city:" in result.output


def test_cli_gazetteer_add_bad_file_exits_with_bad_data_code(index_copy, tmp_path, monkeypatch):
    from sitrep.cli import app

    monkeypatch.setenv("SITREP_DATA_DIR", str(index_copy.parent))
    dump = tmp_path / "broken.txt"
    dump.write_text("not\ta\tgeonames\tfile\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "add", str(dump)])
    assert isinstance(result.exception, BadDataError) and result.exception.exit_code == 6
