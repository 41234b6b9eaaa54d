"""When two reports can describe the same real event: type, date, place and actors agree.

Each rule is deliberately lenient where sources differ in wording (a killing reported as an
attack on civilians by one outlet and as a clash by another) and strict where they contradict
(different towns, days apart, disjoint actor kinds).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import date

# Event types that sources use for one and the same incident.
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset({
    frozenset({"Violence against civilians", "Battles"}),
    frozenset({"Violence against civilians", "Explosions/Remote violence"}),
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Protests", "Riots"}),
})


def fold(name: str | None) -> str:
    """Case-, accent- and punctuation-blind form of a place name."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


@dataclass
class Report:
    """What merging needs to know about one extracted event."""

    id: str
    document_id: str
    event_type: str | None
    date_start: date | None
    date_end: date | None
    town: str
    district: str
    country_code: str | None
    lat: float | None
    lon: float | None
    kinds: frozenset[str]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def types_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a == b or frozenset({a, b}) in COMPATIBLE_TYPES


def dates_compatible(a: Report, b: Report, max_days: int) -> bool:
    """Date ranges overlap once each is widened by ``max_days``."""
    if not (a.date_start and a.date_end and b.date_start and b.date_end):
        return False
    slack = max_days
    return (a.date_start - b.date_end).days <= slack and (b.date_start - a.date_end).days <= slack


def distance_km(a: Report, b: Report) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def places_compatible(a: Report, b: Report, max_km: float) -> bool:
    """Within ``max_km`` of each other, or the same town (and no contradicting districts)."""
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    km = distance_km(a, b)
    if km is not None and km <= max_km:
        return True
    if a.town and a.town == b.town:
        return not (a.district and b.district and a.district != b.district) or (
            km is not None and km <= max_km
        )
    return False


def actors_compatible(a: Report, b: Report) -> bool:
    """Kinds must share something unless one side names no kinds at all."""
    return not a.kinds or not b.kinds or bool(a.kinds & b.kinds)


def compatible(a: Report, b: Report, max_km: float, max_days: int) -> bool:
    """Two reports from different documents that may describe one event."""
    return (
        a.document_id != b.document_id
        and types_compatible(a.event_type, b.event_type)
        and dates_compatible(a, b, max_days)
        and places_compatible(a, b, max_km)
        and actors_compatible(a, b)
    )


def closeness(a: Report, b: Report) -> tuple[float, float]:
    """Sort key for candidate pairs: nearest in time and space merge first."""
    days = abs((a.date_start - b.date_start).days) if a.date_start and b.date_start else 99
    km = distance_km(a, b)
    return (float(days), km if km is not None else 0.0)
