"""The index file: schema version, rebuild when stale, folded lookups."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time

import pytest

from sitrep.geo.index import SCHEMA_VERSION, Gazetteer, _build_lock, ensure_index, is_current


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


def test_a_first_run_build_says_what_it_is_doing_and_an_interrupted_one_leaves_nothing(
    tmp_path, capsys
):
    """The build nobody asked for (first extraction on a new machine) says so before the first
    slow step (loading the towns takes seconds); stopped there, it leaves no index behind."""
    from sitrep.geo.index import build_index, stderr_progress

    target = tmp_path / "gazetteer.sqlite3"
    say = stderr_progress(target)

    class Stop(Exception):
        pass

    def report_then_stop(stage: str, done: float) -> None:  # an interrupt at the first step
        say(stage, done)
        raise Stop

    with pytest.raises(Stop):
        build_index(target, progress=report_then_stop)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"sitrep: first run: building the place index at {target} (once, about 30 s)"
    assert lines[1:] == ["sitrep: place index: reading towns (0%)"]
    assert list(tmp_path.iterdir()) == []


def test_a_second_builder_waits_for_the_first_and_then_builds_nothing(index_path, tmp_path):
    """Two processes needing the index at once (test workers, two commands) build it once: the
    second waits on the first's lock and then finds the index in place."""
    target = tmp_path / "gazetteer.sqlite3"
    done: list[object] = []

    def need_the_index() -> None:
        try:
            done.append(ensure_index(target))
        except BaseException as error:  # reported by the assertion below
            done.append(error)

    second = threading.Thread(target=need_the_index)
    with _build_lock(target):  # the first builder, still at work
        second.start()
        time.sleep(0.5)
        assert done == []  # the second one waits for it ...
        shutil.copy(index_path, target)  # ... until its index is in place
        built = target.stat()
    second.join(timeout=60)
    assert done == [target]
    assert (target.stat().st_ino, target.stat().st_mtime_ns) == (built.st_ino, built.st_mtime_ns)
