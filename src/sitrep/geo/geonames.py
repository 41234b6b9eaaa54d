"""Loading a full GeoNames dump (SY.txt, allCountries.txt) into the index on request.

The embedded index stops at towns of 500 people; conflict copy names villages, neighbourhoods
and landmarks. Loading happens in one transaction: a malformed line aborts it with the line
number and the index stays as it was.
"""

from __future__ import annotations

import io
import sqlite3
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from sitrep.errors import BadDataError
from sitrep.geo.distance import haversine_km
from sitrep.geo.fold import fold_name
from sitrep.geo.index import _name_keys, writing

DOWNLOAD_URL = "https://download.geonames.org/export/dump/{code}.zip"
KEEP_CLASSES = {"P", "S", "L", "A"}
NEIGHBOURHOOD_KM = 15.0


def _kind(feature_class: str, feature_code: str) -> str | None:
    if feature_class == "P":
        return "district" if feature_code == "PPLX" else "city"
    if feature_class in ("S", "L"):
        return "landmark"
    if feature_class == "A" and feature_code in ("ADM2", "ADM3"):
        return "admin2"
    return None


def _parse(line: str, number: int, source: str) -> tuple | None:
    cols = line.rstrip("\n").split("\t")
    if len(cols) != 19:
        raise BadDataError(f"{source}: line {number}: expected 19 tab-separated columns, "
                           f"found {len(cols)} (is the file a GeoNames dump, complete?)")
    try:
        gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
        population = int(cols[14] or 0)
    except ValueError as error:
        raise BadDataError(f"{source}: line {number}: bad number ({error})") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise BadDataError(f"{source}: line {number}: coordinates out of range")
    kind = _kind(cols[6], cols[7])
    if kind is None:
        return None
    cc = cols[8]
    a1 = f"{cc}.{cols[10]}" if cols[10] else None
    a2 = f"{a1}.{cols[11]}" if a1 and cols[11] else None
    names = [cols[1], cols[2], *cols[3].split(",")]
    return (gid, cols[1], kind, cols[7], cc, a1, a2, lat, lon, population, names)


def load_dump(path: Path, index: Path | None = None, alternate_names: Path | None = None) -> int:
    """Add the places of a GeoNames dump to the index; returns how many were added."""
    source = path.name
    added = 0
    with writing(index) as conn:
        known = {}
        with _open_text(path) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                row = _parse(line, number, source)
                if row is None:
                    continue
                gid, name, kind, code, cc, a1, a2, lat, lon, pop, names = row
                existing = conn.execute("SELECT id FROM places WHERE geonameid = ?"
                                        " AND kind IN ('city','district','landmark')",
                                        (gid,)).fetchone()
                if existing:
                    place_id = existing[0]
                else:
                    place_id = conn.execute(
                        "INSERT INTO places (geonameid, name, kind, feature_code, country_code,"
                        " admin1_code, admin2_code, lat, lon, population, source)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (gid, name, kind, code, cc, a1, a2, lat, lon, pop, source),
                    ).lastrowid
                    added += 1
                known[gid] = place_id
                main = fold_name(name)
                conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)",
                                 [(k, place_id, int(k == main)) for k in _name_keys(names)])
        if alternate_names is not None:
            _load_alternate_names(conn, alternate_names, known)
        _link_neighbourhoods(conn)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('added_' || ?, ?)", (source, added))
    return added


def _open_text(path: Path):
    if not path.exists():
        raise BadDataError(f"{path}: no such file")
    if path.suffix == ".zip":
        archive = zipfile.ZipFile(path)
        member = next((n for n in archive.namelist() if n.endswith(".txt")
                       and not n.startswith("readme")), None)
        if member is None:
            raise BadDataError(f"{path}: no .txt dump inside the archive")
        return io.TextIOWrapper(archive.open(member), encoding="utf-8")
    return path.open(encoding="utf-8")


def _load_alternate_names(conn: sqlite3.Connection, path: Path, known: dict[int, int]) -> None:
    """alternateNamesV2.txt: id, geonameid, language, name, flags..."""
    with _open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                raise BadDataError(f"{path.name}: line {number}: expected at least 4 columns")
            if cols[2] in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc"):
                continue
            try:
                place_id = known.get(int(cols[1]))
            except ValueError:
                raise BadDataError(f"{path.name}: line {number}: bad geonameid") from None
            if place_id is not None:
                for key in _name_keys([cols[3]]):
                    conn.execute("INSERT OR IGNORE INTO names VALUES (?,?,0)", (key, place_id))


def _link_neighbourhoods(conn: sqlite3.Connection) -> None:
    """Give each neighbourhood (PPLX) the town it belongs to: the most populous populated
    place within 15 km."""
    rows = conn.execute("SELECT id, lat, lon, country_code FROM places"
                        " WHERE kind = 'district' AND parent_id IS NULL").fetchall()
    span = NEIGHBOURHOOD_KM / 111.0
    for place_id, lat, lon, cc in rows:
        best, best_pop = None, -1
        for cid, clat, clon, pop in conn.execute(
                "SELECT id, lat, lon, population FROM places WHERE kind = 'city'"
                " AND country_code = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (cc, lat - span, lat + span, lon - 2 * span, lon + 2 * span)):
            if haversine_km(lat, lon, clat, clon) <= NEIGHBOURHOOD_KM and (pop or 0) > best_pop:
                best, best_pop = cid, pop or 0
        if best is not None:
            conn.execute("UPDATE places SET parent_id = ? WHERE id = ?", (best, place_id))




def download(code: str, dest_dir: Path) -> Path:
    """Fetch a country dump from GeoNames; a clear error where there is no internet."""
    code = code.upper()
    url = DOWNLOAD_URL.format(code=code)
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / f"{code}.zip"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            target.write_bytes(response.read())
    except (urllib.error.URLError, OSError) as error:
        raise BadDataError(f"could not download {url}: {error}; download it elsewhere and "
                           f"run `sitrep gazetteer add PATH`") from None
    return target
