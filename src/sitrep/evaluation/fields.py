"""Field-by-field judgement of one system event against one gold event.

Each field is judged on its own (scoring.md, "fields"): which fields a gold event has decides
what is counted, so a gold set that leaves a field out is never penalized for it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sitrep.evaluation.fold import (
    as_list,
    coords,
    district_matches,
    name_in,
    same_country,
    token_names_match,
)
from sitrep.geo.distance import haversine_km

FIELDS: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "actor1.kind",
    "actor2.kind",
    "date",
    "location",
    "fatalities",
    "injuries",
    "crowd_size",
    "claimant",
    "claimant_org",
    "party_to_conflict",
)
TYPE_FIELDS: tuple[str, ...] = ("event_type", "sub_event_type")
FIGURES: tuple[str, ...] = ("fatalities", "injuries", "crowd_size")
CLAIM_FIELDS: tuple[str, ...] = ("claimant", "claimant_org", "party_to_conflict")

LOCATION_KM = 25.0
# How far a range end may lie from gold's for each precision (scoring.md: a week for `week`).
PRECISION_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366}


def gold_fields(gold: dict[str, Any]) -> list[str]:
    """The fields this gold event has, hence the fields it is scored on."""
    if gold.get("only_type"):
        return [name for name in TYPE_FIELDS if gold.get(name)]
    fields = [name for name in TYPE_FIELDS if gold.get(name)]
    for role in ("actor1", "actor2"):
        if role not in gold:
            continue
        # scored whenever gold has the actor: a null actor or an empty kind is "null = null"
        fields.append(f"{role}.kind")
    if _parse_range(gold.get("date")) is not None:
        fields.append("date")
    location = gold.get("location")
    if isinstance(location, dict) and (
        coords(location)
        or as_list(location.get("name"))
        or as_list(location.get("country"))
        or as_list(location.get("country_code"))
    ):
        fields.append("location")
    unscored = {"fatalities"} if gold.get("fatalities_scored") is False else set()
    fields.extend(figure for figure in FIGURES if figure in gold and figure not in unscored)
    claim = _first_claim(gold)
    if claim is not None:
        fields.extend(name for name in CLAIM_FIELDS if name in claim)
    return fields


def field_correct(name: str, system: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Whether the system event gets this field of the gold event right."""
    if name == "event_type":
        return system.get("event_type") in _accepted_types(gold)
    if name == "sub_event_type":
        return system.get("sub_event_type") in _accepted_sub_types(gold)
    if name in ("actor1.kind", "actor2.kind"):
        role = name.split(".")[0]
        gold_actor, system_actor = gold.get(role), system.get(role)
        system_kind = system_actor.get("kind") if isinstance(system_actor, dict) else None
        gold_kinds = as_list(gold_actor.get("kind")) if isinstance(gold_actor, dict) else []
        if not gold_kinds:  # gold names no kind (or no actor): the system must name none
            return not system_kind
        return system_kind in gold_kinds
    if name == "date":
        return date_correct(system.get("date"), gold.get("date"))
    if name == "location":
        return location_correct(system.get("location"), gold.get("location"))
    if name in FIGURES:
        return _figure_min(system.get(name)) == _figure_min(gold.get(name))
    if name in CLAIM_FIELDS:
        gold_claim = _first_claim(gold) or {}
        system_claim = _first_claim(system) or {}
        if name == "party_to_conflict":
            return system_claim.get(name) == gold_claim.get(name)
        if gold_claim.get(name) is None:
            return system_claim.get(name) is None
        return token_names_match(system_claim.get(name), gold_claim.get(name))
    raise ValueError(f"unknown field {name}")


def _accepted_types(gold: dict[str, Any]) -> set[str]:
    accepted = {gold.get("event_type")}
    accepted.update(pair[0] for pair in gold.get("alt_event_type") or [] if pair)
    return {value for value in accepted if value}


def _accepted_sub_types(gold: dict[str, Any]) -> set[str]:
    accepted = {gold.get("sub_event_type")}
    accepted.update(as_list(gold.get("alt_sub_event_type")))
    accepted.update(pair[1] for pair in gold.get("alt_event_type") or [] if len(pair) > 1)
    return {value for value in accepted if value}


def _first_claim(event: dict[str, Any]) -> dict[str, Any] | None:
    claims = event.get("claims")
    if isinstance(claims, list) and claims and isinstance(claims[0], dict):
        return claims[0]
    return None


def _figure_min(figure: Any) -> int | None:
    """The `min` of a toll, with 0 and null the same (nothing reported)."""
    if not isinstance(figure, dict):
        return None
    value = figure.get("min")
    return value or None


def _parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _parse_range(value: Any) -> tuple[date, date] | None:
    """(start, end) of a date object; a missing end is the start."""
    if not isinstance(value, dict):
        return None
    start = _parse_date(value.get("start"))
    end = _parse_date(value.get("end")) or start
    start = start or end
    if start is None or end is None:
        return None
    return (start, end) if start <= end else (end, start)


def dates_overlap(system: Any, gold: Any, slack_days: int = 0) -> bool:
    """Ranges overlap allowing ``slack_days`` either side; a missing gold date never blocks."""
    gold_range, system_range = _parse_range(gold), _parse_range(system)
    if gold_range is None:
        return True
    if system_range is None:
        return False
    slack = timedelta(days=slack_days)
    return system_range[0] <= gold_range[1] + slack and system_range[1] >= gold_range[0] - slack


def date_correct(system: Any, gold: Any) -> bool:
    """A `day` gold date matches exactly; a range overlaps and its ends lie within precision."""
    gold_range, system_range = _parse_range(gold), _parse_range(system)
    if gold_range is None or system_range is None:
        return False
    precision = gold.get("precision") if isinstance(gold, dict) else None
    window = timedelta(days=PRECISION_DAYS.get(str(precision), 0))
    if not window:
        return system_range == gold_range
    overlap = system_range[0] <= gold_range[1] and system_range[1] >= gold_range[0]
    return (
        overlap
        and abs(system_range[0] - gold_range[0]) <= window
        and abs(system_range[1] - gold_range[1]) <= window
    )


def place_agrees(system: Any, gold: Any, km: float) -> bool:
    """Within ``km`` when both have coordinates, else same country and same folded town.

    A gold place without a town (MUC-4 "EL SALVADOR") names no town to disagree with: the same
    country agrees. Only the town is compared, never the system's district (scoring.md).
    """
    if not isinstance(gold, dict):
        return True
    if not isinstance(system, dict):
        return False
    gold_point, system_point = coords(gold), coords(system)
    if gold_point and system_point:
        return haversine_km(*gold_point, *system_point) <= km
    if not same_country(system, gold):
        return False
    gold_names = as_list(gold.get("name"))
    if not gold_names:  # only a country: the system must name that country
        return bool(system.get("country") or system.get("country_code")) and bool(
            as_list(gold.get("country")) or as_list(gold.get("country_code"))
        )
    return name_in(system.get("name"), gold_names)


def location_correct(system: Any, gold: Any) -> bool:
    """Within 25 km (or same folded town and country) and the gold district named, if any."""
    if not isinstance(system, dict) or not isinstance(gold, dict):
        return False
    if not place_agrees(system, gold, LOCATION_KM):
        return False
    gold_districts = as_list(gold.get("district"))
    return not gold_districts or district_matches(system.get("district"), gold_districts)
