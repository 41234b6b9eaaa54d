"""Reading Who's On First records from a country repository checkout or a ``.tar.gz`` of one.

A WOF repository holds one GeoJSON Feature per place under ``data/`` (``data/125/980/229/3/
1259802293.geojson``); alternate geometries (``ID-alt-SOURCE.geojson``) are not records. Only
the place types sitrep can place an event at are kept; a record of such a type that is not JSON
or has no usable point is an error that names its file, so a load can stop before it writes.
"""

from __future__ import annotations

import gzip
import json
import re
import tarfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sitrep.errors import BadDataError
from sitrep.geo.fold import is_latin

# WOF place type -> (index kind, GeoNames-style feature code)
PLACETYPES = {
    "region": ("admin1", "ADM1"),
    "county": ("admin2", "ADM2"),
    "localadmin": ("admin2", "ADM3"),
    "locality": ("city", "PPL"),
    "borough": ("district", "PPLX"),
    "macrohood": ("district", "PPLX"),
    "neighbourhood": ("district", "PPLX"),
    "microhood": ("district", "PPLX"),
}
# parents before children, so that each record finds the admin areas and town that hold it
LOAD_ORDER = ("region", "county", "localadmin", "locality", "borough", "macrohood",
              "neighbourhood", "microhood")
_RECORD_PATH = re.compile(r"(?:^|/)data/(?:\d+/)*(\d+)\.geojson$")
# transliterations write the soft sign and the Arabic ayn with typographic apostrophes
# (Rybach’e, Ma’alla); as ASCII ones the name counts as Latin and gets its key
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʹ": "'", "ʻ": "'", "ʿ": "'",
                              "ʾ": "'", "´": "'"})
_NAME_PROPERTY = re.compile(r"^name:[a-z]{3}(?:_[a-z]+)?_x_(?:preferred|variant)$")


@dataclass
class WofRecord:
    """What the index keeps of one WOF place."""

    wof_id: int
    placetype: str
    name: str
    names: list[str]
    main_names: list[str]
    country_code: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None
    hierarchy: dict[str, int] = field(default_factory=dict)
    source: str = ""
    geonames_admin1: str | None = None  # GeoNames' admin1 code (CC.A1), a fallback region


def iter_records(path: Path, on_progress: Callable[[int, int], None] | None = None,
                 ) -> Iterator[WofRecord]:
    """The kept records of a checkout folder or ``.tar.gz``; ``on_progress(done, total)``
    reports bytes read of an archive or files read of a folder."""
    if not path.exists():
        raise BadDataError(f"{path}: no such file or folder")
    if path.is_dir():
        yield from _iter_folder(path, on_progress)
    else:
        yield from _iter_archive(path, on_progress)


def _iter_folder(root: Path, on_progress: Callable[[int, int], None] | None,
                 ) -> Iterator[WofRecord]:
    files = sorted(p for p in (root / "data").rglob("*.geojson")
                   if _RECORD_PATH.search(p.as_posix()))
    if not files:
        raise BadDataError(f"{root}: no data/**/*.geojson records (is it a WOF checkout?)")
    for done, file in enumerate(files, start=1):
        record = parse_record(file.read_bytes(), str(file))
        if record is not None:
            yield record
        if on_progress is not None:
            on_progress(done, len(files))


def _iter_archive(path: Path, on_progress: Callable[[int, int], None] | None,
                  ) -> Iterator[WofRecord]:
    size = path.stat().st_size
    found = 0
    with path.open("rb") as raw, gzip.GzipFile(fileobj=raw) as unzipped:
        try:
            with tarfile.open(fileobj=unzipped, mode="r|") as archive:
                for member in archive:
                    if not member.isfile() or not _RECORD_PATH.search(member.name):
                        continue
                    found += 1
                    record = parse_record(_read_member(archive, member),
                                          f"{path.name}:{member.name}")
                    if record is not None:
                        yield record
                    if on_progress is not None:
                        on_progress(raw.tell(), size)
            while unzipped.read(1 << 20):  # a cut archive fails here, before its end marker
                pass
        except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
            raise BadDataError(f"{path}: not a complete .tar.gz archive ({error})") from None
    if not found:
        raise BadDataError(f"{path}: no data/**/*.geojson records (is it a WOF archive?)")


def _read_member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle: IO[bytes] | None = archive.extractfile(member)
    return handle.read() if handle is not None else b""


def parse_record(data: bytes, source: str) -> WofRecord | None:
    """One record, or None for a place type, or a superseded record, that the index skips."""
    try:
        feature = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BadDataError(f"{source}: not a JSON record ({error})") from None
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict) or "wof:placetype" not in props:
        raise BadDataError(f"{source}: not a Who's On First record (no wof:placetype)")
    placetype = props["wof:placetype"]
    if placetype not in PLACETYPES or _retired(props):
        return None
    try:
        wof_id = int(props.get("wof:id", feature.get("id")))
    except (TypeError, ValueError):
        raise BadDataError(f"{source}: no wof:id") from None
    lat, lon = _point(feature, props, source)
    name = props.get("wof:name")
    if not isinstance(name, str) or not name.strip():
        raise BadDataError(f"{source}: no wof:name")
    names, main = _names(props, name)
    name = _display_name(name, main, names)
    hierarchy = props.get("wof:hierarchy") or [{}]
    country = props.get("iso:country") or props.get("wof:country")
    return WofRecord(
        wof_id=wof_id, placetype=placetype, name=name, names=names, main_names=main,
        country_code=country.upper() if isinstance(country, str) and len(country) == 2 else None,
        lat=lat, lon=lon, population=_population(props), geonameid=_geonameid(props),
        hierarchy={k: int(v) for k, v in (hierarchy[0] if isinstance(hierarchy, list) and
                                          hierarchy and isinstance(hierarchy[0], dict)
                                          else {}).items()
                   if isinstance(v, int) and v > 0},
        source=source, geonames_admin1=_geonames_admin1(props),
    )


def _retired(props: dict[str, Any]) -> bool:
    """A record replaced by another or no longer current: loading it would double a place."""
    return bool(props.get("wof:superseded_by") or props.get("edtf:deprecated")
                or props.get("mz:is_current") == 0)


def _point(feature: dict, props: dict[str, Any], source: str) -> tuple[float, float]:
    lat, lon = props.get("geom:latitude"), props.get("geom:longitude")
    if lat is None or lon is None:
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates") if geometry.get("type") == "Point" else None
        if isinstance(coords, list) and len(coords) >= 2:
            lon, lat = coords[0], coords[1]
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise BadDataError(f"{source}: no coordinates (geom:latitude/geom:longitude or a "
                           f"Point geometry)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise BadDataError(f"{source}: coordinates out of range ({lat}, {lon})")
    return lat, lon


def _names(props: dict[str, Any], name: str) -> tuple[list[str], list[str]]:
    """Every preferred and variant name in any language, and the main ones (wof:name and
    the English preferred name)."""
    names, main = [name], [name]
    for key, value in props.items():
        if not key.startswith("name:") or not _NAME_PROPERTY.match(key):
            continue
        values = value if isinstance(value, list) else [value]
        strings = [v for v in values if isinstance(v, str) and v.strip()]
        names.extend(strings)
        if key == "name:eng_x_preferred":
            main.extend(strings)
    for key in ("gn:name", "gn:asciiname"):
        if isinstance(props.get(key), str):
            names.append(props[key])
    return ([n.translate(_APOSTROPHES) for n in names],
            [n.translate(_APOSTROPHES) for n in main])


def _display_name(name: str, main: list[str], names: list[str]) -> str:
    """The name a record shows: wof:name unless it is in another script (some Ukrainian
    villages are named in Cyrillic only), then the English or another Latin name."""
    if is_latin(name):
        return name
    return next((n for n in [*main, *names] if is_latin(n)), name)


def _population(props: dict[str, Any]) -> int:
    best = 0
    for key in ("wof:population", "gn:population"):
        try:
            best = max(best, int(props.get(key) or 0))
        except (TypeError, ValueError):
            continue
    return best


def _geonames_admin1(props: dict[str, Any]) -> str | None:
    code, country = props.get("gn:admin1_code"), props.get("gn:country_code")
    if isinstance(code, str | int) and isinstance(country, str) and str(code).strip():
        return f"{country.upper()}.{str(code).strip()}"
    return None


def _geonameid(props: dict[str, Any]) -> int | None:
    concordances = props.get("wof:concordances")
    for value in (props.get("gn:geonameid"),
                  concordances.get("gn:id") if isinstance(concordances, dict) else None):
        try:
            if value is not None and int(value) > 0:
                return int(value)
        except (TypeError, ValueError):
            continue
    return None
