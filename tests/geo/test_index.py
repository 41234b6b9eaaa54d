"""The index file: schema version, rebuild when stale, folded lookups."""

from __future__ import annotations

import shutil
import sqlite3
import time

from sitrep.geo.index import SCHEMA_VERSION, Gazetteer, is_current


def test_stale_schema_version_is_not_current(index_path, tmp_path):
    copy = tmp_path / "old.sqlite3"
    shutil.copy(index_path, copy)
    assert is_current(copy)
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                 (SCHEMA_VERSION + "-old",))
    conn.commit()
    conn.close()
    assert not is_current(copy)


def test_garbage_file_is_not_current(tmp_path):
    bad = tmp_path / "gazetteer.sqlite3"
    bad.write_bytes(b"not a database at all")
    assert not is_current(bad)


def test_open_and_first_lookup_under_a_second(index_path):
    started = time.perf_counter()
    gaz = Gazetteer.open(index_path, build=False)
    found = gaz.lookup("ALEPPO")
    assert time.perf_counter() - started < 1.0
    assert found[0].country_code == "SY" and found[0].kind == "city"


def test_admin1_names_come_with_towns(index_path):
    gaz = Gazetteer(index_path)
    kunduz = gaz.lookup("Kunduz", "AF")
    assert {e.kind for e in kunduz} >= {"city", "admin1"}
    assert all(e.admin1 == "Kunduz" for e in kunduz)
