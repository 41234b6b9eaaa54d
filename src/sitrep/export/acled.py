"""Merged events as an ACLED-style CSV: ACLED's columns, order, codes and date format.

Analysts load ACLED files with existing scripts; matching the column names, the
``16 November 1989`` dates and the numeric codes lets those scripts read sitrep's output.
"""

from __future__ import annotations

import csv
import re
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import IO, Any

import pycountry

from sitrep.export.source_scale import source_scale
from sitrep.extract.lexicon import data_rows
from sitrep.ontology import INTER

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
# Columns that hold numbers: a negative latitude there is data, not a formula.
NUMERIC_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso",
                             "latitude", "longitude", "geo_precision", "fatalities",
                             "timestamp"})
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def acled_date(iso: str | None) -> str:
    """``1989-11-16`` -> ``16 November 1989`` (locale-independent, unlike strftime %B)."""
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if sub_event_type == "Mob violence":
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence" if event_type else ""


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's two-digit code: the two inter codes, lower first; ``X0`` for a lone actor."""
    if not inter1:
        return ""
    if not inter2:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """ISO2 -> ACLED region, from ``data/acled_regions.tsv``."""
    table: dict[str, str] = {}
    for region, codes in data_rows("acled_regions.tsv"):
        table.update(dict.fromkeys(codes.split(), region))
    return table


def region_of(country_code: str | None) -> str:
    return _regions().get((country_code or "").upper(), "")


def _country(code: str | None) -> tuple[Any, str, str]:
    """(ISO numeric, name, alpha-3) from an alpha-2 code; blanks when unknown."""
    found = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if found is None:
        return "", "", "XXX"
    return int(found.numeric), found.name, found.alpha_3


def _outlets_of(event: dict[str, Any]) -> list[str]:
    outlets = event.get("outlets") or []
    return list(outlets) if outlets else [o.strip() for o in (event.get("source") or "").split(";")]


def acled_row(event: dict[str, Any], number: int) -> dict[str, Any]:
    """One CSV row; ``number`` makes ``event_id_cnty`` (country alpha-3 + a running number)."""
    dt, loc = event.get("date") or {}, event.get("location") or {}
    a1, a2 = event.get("actor1") or {}, event.get("actor2") or {}
    inter1, inter2 = INTER.get(a1.get("kind") or ""), INTER.get(a2.get("kind") or "")
    iso, country_name, alpha3 = _country(loc.get("country_code"))
    fat = event.get("fatalities") or {}
    deaths = fat.get("min") if fat.get("min") is not None else fat.get("max")
    tags = []
    crowd = event.get("crowd_size") or {}
    if crowd.get("text"):
        tags.append(f"crowd size={crowd['text']}")
    tags.append(f"sitrep_id={event['id']}")
    updated = event.get("updated_at")
    stamp = int(datetime.fromisoformat(updated).timestamp()) if updated else int(
        datetime.now(UTC).timestamp())
    civilian = a2.get("kind") == "civilians" or event.get("event_type") == (
        "Violence against civilians")
    return {
        "event_id_cnty": f"{alpha3}{number}",
        "event_date": acled_date(dt.get("start")),
        "year": (dt.get("start") or "")[:4],
        "time_precision": TIME_PRECISION.get(dt.get("precision") or "", 3),
        "disorder_type": disorder_type(event.get("event_type"), event.get("sub_event_type")),
        "event_type": event.get("event_type") or "",
        "sub_event_type": event.get("sub_event_type") or "",
        "actor1": a1.get("name") or "", "assoc_actor_1": "", "inter1": inter1 or "",
        "actor2": a2.get("name") or "", "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso, "region": region_of(loc.get("country_code")),
        "country": loc.get("country") or country_name,
        "admin1": loc.get("admin1") or "", "admin2": loc.get("admin2") or "",
        "admin3": loc.get("admin3") or "",
        "location": loc.get("name") or "",
        "latitude": "" if loc.get("lat") is None else f"{loc['lat']:.4f}",
        "longitude": "" if loc.get("lon") is None else f"{loc['lon']:.4f}",
        "geo_precision": loc.get("precision") or "",
        "source": event.get("source") or "; ".join(event.get("outlets") or []),
        "source_scale": source_scale(_outlets_of(event), loc.get("country_code")),
        "notes": event.get("summary") or "",
        "fatalities": deaths or 0, "tags": "; ".join(tags), "timestamp": stamp,
    }


def csv_safe(value: Any, numeric: bool = False) -> Any:
    """A cell a spreadsheet will not run: text starting with ``= + - @``, a tab or a CR gets
    a leading ``'`` (OWASP's CSV injection advice), as actor names, places and notes come
    from the stories. A plain number in a numeric column stays as it is (-12.0464)."""
    if not isinstance(value, str) or not value:
        return value
    if numeric and _NUMBER.fullmatch(value):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    # a bare CR is not quoted by the csv module (lineterminator is \n) and would split the row
    return value.replace("\r\n", "\n").replace("\r", "\n")


def csv_safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """Every cell of ``row`` through ``csv_safe``."""
    return {col: csv_safe(value, col in NUMERIC_COLUMNS) for col, value in row.items()}


def write_acled(events: list[dict[str, Any]], out: IO[str]) -> int:
    """Write the CSV; numbers run per country in date order, as ACLED's ids do."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    per_country: dict[str, int] = {}
    for event in events:
        code = ((event.get("location") or {}).get("country_code") or "").upper()
        per_country[code] = per_country.get(code, 0) + 1
        writer.writerow(csv_safe_row(acled_row(event, per_country[code])))
    return len(events)
