"""Adding Who's On First places to the index (``sitrep gazetteer add --wof PATH``).

GeoNames' towns of 500+ miss the villages and city districts where most conflict events
happen. A WOF country repository holds them with their ``wof:hierarchy``: each village knows
its county (admin2) and region (admin1), each neighbourhood its town. A region or county the
index already holds (same GeoNames id, or the same name in the same country) keeps its admin
code, so the hints the resolver reads from "X district, Y province" stay one code; a town the
index holds by GeoNames id, or under the same name within 2 km, is merged, not doubled.

One transaction: a bad record names its file and the index stays as it was. Every loaded place
remembers its WOF id, so a second load of the same bundle adds nothing.
"""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.request
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import BadDataError
from sitrep.geo.distance import haversine_km
from sitrep.geo.fold import fold_name
from sitrep.geo.geonames import _link_neighbourhoods
from sitrep.geo.index import _name_keys, writing
from sitrep.geo.wof_records import LOAD_ORDER, PLACETYPES, WofRecord, iter_records

DOWNLOAD_URL = ("https://github.com/whosonfirst-data/whosonfirst-data-admin-{code}"
                "/archive/refs/heads/master.tar.gz")
SAME_PLACE_KM = 2.0
TOWN_KINDS = ("city", "district", "landmark")
# the hierarchy key of the admin area that gives each admin level its code
LEVEL_KEYS = (("admin1_code", "region_id"), ("admin2_code", "county_id"),
              ("admin3_code", "localadmin_id"))


@dataclass
class WofLoad:
    """What a load did: new places, places merged into ones the index held, records already
    loaded by an earlier run."""

    added: int = 0
    merged: int = 0
    known: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


def load_wof(path: Path, index: Path | None = None, progress: bool = False) -> WofLoad:
    """Add the places of a WOF checkout folder or ``.tar.gz`` to the index."""
    bar = _progress_bar() if progress else None
    with bar if bar is not None else nullcontext():
        records = _read_all(path, bar)
        order = {placetype: rank for rank, placetype in enumerate(LOAD_ORDER)}
        records.sort(key=lambda r: order[r.placetype])
        task = bar.add_task("loading", total=len(records)) if bar is not None else None
        with writing(index) as conn:
            # 256 MB of page cache: the name index takes ~10^5 inserts at random places
            conn.execute("PRAGMA cache_size = -262144")
            loader = _Loader(conn, path.name)
            for number, record in enumerate(records, start=1):
                loader.add(record)
                if task is not None and number % 500 == 0:
                    bar.update(task, completed=number)
            _link_neighbourhoods(conn)
            result = loader.result
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('added_' || ?, ?)",
                         (path.name, f"{result.added} new, {result.merged} merged (WOF)"))
    return result


def _progress_bar():
    from rich.console import Console
    from rich.progress import Progress

    return Progress(console=Console(stderr=True), transient=True)


def _read_all(path: Path, bar) -> list[WofRecord]:
    if bar is None:
        return list(iter_records(path))
    task = bar.add_task(f"reading {path.name}", total=None)
    records = list(iter_records(
        path, lambda done, total: bar.update(task, completed=done, total=total)))
    bar.update(task, completed=1, total=1)
    return records


class _Loader:
    """Adds records in hierarchy order, remembering each WOF id's place and admin code."""

    def __init__(self, conn: sqlite3.Connection, source: str) -> None:
        self.conn, self.source = conn, source
        self.place_of: dict[int, int] = {}
        self.code_of: dict[int, str] = {}
        self.result = WofLoad()
        self.admin_codes = {code for (code,) in conn.execute("SELECT code FROM admin")}

    def add(self, record: WofRecord) -> None:
        kind, feature_code = PLACETYPES[record.placetype]
        row = self.conn.execute("SELECT id, admin1_code, admin2_code, admin3_code FROM places"
                                " WHERE wof_id = ?", (record.wof_id,)).fetchone()
        if row is not None:  # loaded by an earlier run
            self.result.known += 1
            self._remember(record, row[0], _own_code(record, row[1:]))
            return
        keys = _name_keys(record.names)
        codes = self._codes(record)
        match = self._match(record, kind, keys, codes)
        if match is not None:
            place_id, own = match
            self._merge(record, place_id, codes)
            self.result.merged += 1
        else:
            own = self._new_code(record, codes) if kind.startswith("admin") else None
            codes = _with_own(record, codes, own)
            place_id = self._insert(record, kind, feature_code, codes)
            self.result.added += 1
            self.result.by_type[record.placetype] = self.result.by_type.get(
                record.placetype, 0) + 1
            if own is not None:
                self.conn.execute("INSERT OR REPLACE INTO admin VALUES (?,?,?)",
                                  (own, record.name, place_id))
        main = {fold_name(n) for n in record.main_names}
        self.conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)",
                              [(k, place_id, int(k in main)) for k in keys])
        self._remember(record, place_id, own)

    def _remember(self, record: WofRecord, place_id: int, code: str | None) -> None:
        self.place_of[record.wof_id] = place_id
        if code is not None:
            self.code_of[record.wof_id] = code

    def _codes(self, record: WofRecord) -> dict[str, str | None]:
        """Admin codes of the areas that hold the record, from its hierarchy. A level the
        hierarchy leaves out comes from the nearest area or town it names (many Pakistani
        villages name their county, not its region), then from GeoNames' admin1 code."""
        codes = {column: self.code_of.get(record.hierarchy.get(key, 0))
                 for column, key in LEVEL_KEYS}
        holders = ("locality_id", "localadmin_id", "county_id")
        for key in holders[record.placetype == "locality":]:
            holder = self.place_of.get(record.hierarchy.get(key, 0))
            if holder is None or record.hierarchy.get(key) == record.wof_id or all(
                    codes.values()):
                continue
            row = self.conn.execute("SELECT admin1_code, admin2_code, admin3_code FROM places"
                                    " WHERE id = ?", (holder,)).fetchone()
            for (column, _), value in zip(LEVEL_KEYS, row, strict=True):
                codes[column] = codes[column] or value
        if codes["admin1_code"] is None and record.geonames_admin1 in self.admin_codes:
            codes["admin1_code"] = record.geonames_admin1
        return codes

    def _match(self, record: WofRecord, kind: str, keys: set[str],
               codes: dict[str, str | None]) -> tuple[int, str | None] | None:
        """The place of the index this record is (id, its admin code), or None."""
        if kind.startswith("admin"):
            return self._match_admin(record, kind, keys, codes)
        if record.geonameid is not None:
            row = self.conn.execute(
                "SELECT id FROM places WHERE geonameid = ? AND +wof_id IS NULL AND kind IN"
                " ('city','district','landmark')", (record.geonameid,)).fetchone()
            if row is not None:
                return row[0], None
        if not keys:
            return None
        span = SAME_PLACE_KM / 111.0
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            "SELECT DISTINCT p.id, p.lat, p.lon FROM names n JOIN places p ON p.id = n.place_id"
            f" WHERE n.key IN ({marks}) AND +p.wof_id IS NULL AND p.kind IN"
            " ('city','district','landmark') AND p.lat BETWEEN ? AND ?",
            (*sorted(keys), record.lat - span, record.lat + span)).fetchall()
        near = [(haversine_km(record.lat, record.lon, lat, lon), pid) for pid, lat, lon in rows
                if lon is not None]
        near = [pair for pair in near if pair[0] <= SAME_PLACE_KM]
        return (min(near)[1], None) if near else None

    def _match_admin(self, record: WofRecord, kind: str, keys: set[str],
                     codes: dict[str, str | None]) -> tuple[int, str | None] | None:
        """A region or county is the index's subdivision with its GeoNames id, or with its
        name in the same country (and, for a county, the same region): a subdivision's point
        says little, so no distance."""
        if record.placetype == "localadmin":
            return None  # the embedded index has no third level to merge with
        column = "admin1_code" if kind == "admin1" else "admin2_code"
        if record.geonameid is not None:
            row = self.conn.execute(
                f"SELECT id, {column} FROM places WHERE geonameid = ? AND kind = ?"
                " AND +wof_id IS NULL", (record.geonameid, kind)).fetchone()
            if row is not None:
                return row[0], row[1]
        if not keys or record.country_code is None:
            return None
        marks = ",".join("?" * len(keys))
        params: list = [*sorted(keys), kind, record.country_code]
        same_region = ""
        if kind == "admin2" and codes["admin1_code"]:
            same_region, params = " AND p.admin1_code = ?", [*params, codes["admin1_code"]]
        row = self.conn.execute(
            f"SELECT p.id, p.{column} FROM names n JOIN places p ON p.id = n.place_id"
            f" WHERE n.key IN ({marks}) AND p.kind = ? AND p.country_code = ?"
            f" AND +p.wof_id IS NULL{same_region} ORDER BY n.main DESC LIMIT 1",
            params).fetchone()
        return (row[0], row[1]) if row is not None else None

    def _new_code(self, record: WofRecord, codes: dict[str, str | None]) -> str:
        """A code for a subdivision the index lacks, under the area that holds it."""
        above = {"region": None, "county": codes["admin1_code"],
                 "localadmin": codes["admin2_code"] or codes["admin1_code"]}[record.placetype]
        return f"{above or record.country_code or 'XX'}.wof{record.wof_id}"

    def _merge(self, record: WofRecord, place_id: int, codes: dict[str, str | None]) -> None:
        parent = self.place_of.get(record.hierarchy.get("locality_id", 0))
        self.conn.execute(
            "UPDATE places SET wof_id = ?, population = MAX(COALESCE(population, 0), ?),"
            " geonameid = COALESCE(geonameid, ?), admin1_code = COALESCE(admin1_code, ?),"
            " admin2_code = COALESCE(admin2_code, ?), admin3_code = COALESCE(admin3_code, ?),"
            " parent_id = CASE WHEN kind = 'district' THEN COALESCE(parent_id, ?)"
            " ELSE parent_id END WHERE id = ?",
            (record.wof_id, record.population, record.geonameid, codes["admin1_code"],
             codes["admin2_code"], codes["admin3_code"], parent, place_id))

    def _insert(self, record: WofRecord, kind: str, feature_code: str,
                codes: dict[str, str | None]) -> int:
        parent = (self.place_of.get(record.hierarchy.get("locality_id", 0))
                  if kind == "district" else None)
        place_id = self.conn.execute(
            "INSERT INTO places (geonameid, name, kind, feature_code, country_code,"
            " admin1_code, admin2_code, admin3_code, lat, lon, population, parent_id, source,"
            " wof_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (record.geonameid, record.name, kind, feature_code, record.country_code,
             codes["admin1_code"], codes["admin2_code"], codes["admin3_code"], record.lat,
             record.lon, record.population, parent, self.source, record.wof_id),
        ).lastrowid
        if place_id is None:
            raise BadDataError(f"{record.source}: could not be added")
        return place_id


def _own_code(record: WofRecord, codes: tuple) -> str | None:
    """The admin code a subdivision row stands for (its own level's column)."""
    level = {"region": 0, "county": 1, "localadmin": 2}.get(record.placetype)
    return codes[level] if level is not None else None


def _with_own(record: WofRecord, codes: dict[str, str | None],
              own: str | None) -> dict[str, str | None]:
    column = {"region": "admin1_code", "county": "admin2_code",
              "localadmin": "admin3_code"}.get(record.placetype)
    return {**codes, column: own} if column else codes


def download(code: str, dest_dir: Path, url_template: str = DOWNLOAD_URL) -> Path:
    """Fetch a country's WOF repository archive; a clear error where there is no internet."""
    code = code.lower()
    if not code.isalpha() or len(code) != 2:
        raise BadDataError(f"{code!r}: give a two-letter country code, e.g. UA")
    url = url_template.format(code=code)
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / f"whosonfirst-data-admin-{code}.tar.gz"
    try:
        with urllib.request.urlopen(url, timeout=60) as response, target.open("wb") as out:
            while chunk := response.read(1 << 20):
                out.write(chunk)
    except (urllib.error.URLError, OSError) as error:
        target.unlink(missing_ok=True)
        raise BadDataError(f"could not download {url}: {error}; download it elsewhere and "
                           f"run `sitrep gazetteer add --wof PATH`") from None
    return target
