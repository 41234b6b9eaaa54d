"""Adding the places of an ACLED export to the index (``sitrep gazetteer add --acled FILE``).

GeoNames' towns of 500+ miss most of the villages, mines, checkpoints and city zones where
conflict events happen. ACLED's coders have placed every event they recorded; an analyst who
holds an ACLED export holds a gazetteer of exactly those places, in the spellings conflict
reporting uses. Each place also carries how many events were recorded there: a known scene of
fighting is the likelier reading of an ambiguous name in a conflict story.

Loading is one transaction: a row with a bad coordinate or a missing column aborts it with
the line number, and the index stays as it was.
"""

from __future__ import annotations

import csv
import math
import sqlite3
from collections import defaultdict
from pathlib import Path

import pycountry

from sitrep.errors import BadDataError
from sitrep.geo.countries import country_aliases, country_names
from sitrep.geo.distance import haversine_km
from sitrep.geo.fold import fold_name
from sitrep.geo.index import _name_keys, writing

REQUIRED = ("location", "latitude", "longitude", "admin1")
SAME_PLACE_KM = 5.0  # one name within this distance is one place (ACLED rounds to 4 decimals)
NEAREST_TOWN_KM = 60.0


def load_acled(path: Path, index: Path | None = None) -> tuple[int, int]:
    """Add the places of an ACLED CSV export; returns (places added, known places counted)."""
    places = _read_places(path)
    added = known = 0
    with writing(index) as conn:
        admin1_codes = _admin1_codes(conn)
        for (cc, key), group in sorted(places.items()):
            for name, admin1, lat, lon, events in group:
                existing = _same_place(conn, key, cc, lat, lon)
                if existing is not None:
                    conn.execute("UPDATE places SET events = events + ? WHERE id = ?",
                                 (events, existing))
                    known += 1
                    continue
                a1, a2 = _admin_codes(conn, cc, admin1, lat, lon, admin1_codes)
                place_id = conn.execute(
                    "INSERT INTO places (geonameid, name, kind, feature_code, country_code,"
                    " admin1_code, admin2_code, lat, lon, population, source, events)"
                    " VALUES (NULL,?,'city','ACLED',?,?,?,?,?,0,?,?)",
                    (name, cc, a1, a2, lat, lon, path.name, events),
                ).lastrowid
                conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,1)",
                                 [(k, place_id) for k in _name_keys([name])])
                added += 1
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('added_' || ?, ?)",
                     (path.name, f"{added} new, {known} known"))
    return added, known


def _read_places(path: Path) -> dict[tuple[str, str], list[list]]:
    """Rows grouped by (country, folded name), one entry per distinct point, with counts.
    Region-level rows (geo_precision 3) stand at a province's centre, not at the place."""
    if not path.exists():
        raise BadDataError(f"{path}: no such file")
    countries = _country_lookup()
    places: dict[tuple[str, str], list[list]] = defaultdict(list)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing or not ({"country", "iso"} & set(reader.fieldnames or [])):
                raise BadDataError(
                    f"{path.name}: line 1: not an ACLED export (missing columns: "
                    f"{', '.join(missing) or 'country or iso'})")
            for row in reader:
                number = reader.line_num
                if (row.get("geo_precision") or "1").strip() == "3":
                    continue
                name = (row.get("location") or "").strip()
                cc = _country_code(row, countries)
                if not name or cc is None:
                    raise BadDataError(f"{path.name}: line {number}: no location or no "
                                       f"known country")
                try:
                    lat, lon = float(row["latitude"]), float(row["longitude"])
                except (TypeError, ValueError):
                    raise BadDataError(f"{path.name}: line {number}: bad coordinates") from None
                if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
                    raise BadDataError(f"{path.name}: line {number}: coordinates out of range")
                group = places[(cc, fold_name(name))]
                for entry in group:
                    if haversine_km(lat, lon, entry[2], entry[3]) <= SAME_PLACE_KM:
                        entry[4] += 1
                        break
                else:
                    group.append([name, (row.get("admin1") or "").strip(), lat, lon, 1])
    except UnicodeDecodeError as error:
        raise BadDataError(f"{path.name}: not UTF-8 text ({error.reason})") from None
    except csv.Error as error:
        raise BadDataError(f"{path.name}: malformed CSV ({error})") from None
    return places


def _country_lookup() -> dict[str, str]:
    table = {}
    for code, name in country_names().items():
        for alias in (name, *country_aliases(code)):
            table.setdefault(fold_name(alias), code)
    return table


def _country_code(row: dict[str, str], countries: dict[str, str]) -> str | None:
    iso = (row.get("iso") or "").strip()
    if iso.isdigit():
        found = pycountry.countries.get(numeric=iso.zfill(3))
        if found is not None:
            return found.alpha_2
    if iso == "0" or (row.get("country") or "").strip() == "Kosovo":
        return "XK"  # ACLED gives Kosovo iso 0; it has no ISO 3166 number
    return countries.get(fold_name(row.get("country") or ""))


def _admin1_codes(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    table = {}
    for code, name in conn.execute("SELECT code, name FROM admin"):
        if code.count(".") == 1:
            table[(code.split(".")[0], fold_name(name))] = code
    return table


def _same_place(conn: sqlite3.Connection, key: str, cc: str, lat: float,
                lon: float) -> int | None:
    """An indexed town of this name within a few km: the place ACLED means."""
    for place_id, plat, plon in conn.execute(
            "SELECT p.id, p.lat, p.lon FROM names n JOIN places p ON p.id = n.place_id"
            " WHERE n.key = ? AND p.country_code = ? AND p.kind IN ('city','district',"
            "'landmark')", (key, cc)):
        if plat is not None and haversine_km(lat, lon, plat, plon) <= SAME_PLACE_KM:
            return place_id
    return None


def _admin_codes(conn: sqlite3.Connection, cc: str, admin1: str, lat: float, lon: float,
                 admin1_codes: dict[tuple[str, str], str]) -> tuple[str | None, str | None]:
    """The province by ACLED's admin1 name where the index knows it, else the nearest town's;
    the district is the nearest town's when that town lies in the same province."""
    span = NEAREST_TOWN_KM / 111.0
    best, best_km = None, NEAREST_TOWN_KM
    for a1, a2, plat, plon in conn.execute(
            "SELECT admin1_code, admin2_code, lat, lon FROM places WHERE kind = 'city'"
            " AND country_code = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
            " AND feature_code != 'ACLED'", (cc, lat - span, lat + span, lon - 2 * span,
                                       lon + 2 * span)):
        km = haversine_km(lat, lon, plat, plon)
        if km < best_km:
            best, best_km = (a1, a2), km
    a1 = admin1_codes.get((cc, fold_name(admin1))) or (best[0] if best else None)
    a2 = best[1] if best and best[0] == a1 else None
    return a1, a2
