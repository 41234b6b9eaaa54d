"""One-to-one pairing of gold and system events inside a document (Hungarian algorithm).

Two pairings are made (scoring.md): the detection pairing, gated by date and place, and the
field pairing, which has no gate so that a wrong place does not hide a right type.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from sitrep.evaluation.fields import (
    dates_overlap,
    field_correct,
    gold_fields,
    place_agrees,
)
from sitrep.evaluation.fold import as_list, district_matches

DETECTION_KM = 50.0
DETECTION_DAYS = 1


def can_pair(system: dict[str, Any], gold: dict[str, Any]) -> bool:
    """The detection gate: dates overlap (one day either side) and places agree (50 km)."""
    return dates_overlap(system.get("date"), gold.get("date"), DETECTION_DAYS) and place_agrees(
        system.get("location"), gold.get("location"), DETECTION_KM
    )


def detection_agreement(system: dict[str, Any], gold: dict[str, Any]) -> float:
    """How well a gated pair agrees: type, sub-type, the two actor kinds, the district."""
    score = 0.0
    for name in ("event_type", "sub_event_type", "actor1.kind", "actor2.kind"):
        if name in gold_fields({**gold, "only_type": False}) and field_correct(name, system, gold):
            score += 1.0
    gold_location = gold.get("location") or {}
    system_location = system.get("location") or {}
    if (
        isinstance(gold_location, dict)
        and as_list(gold_location.get("district"))
        and isinstance(system_location, dict)
        and district_matches(system_location.get("district"), gold_location.get("district"))
    ):
        score += 1.0
    return score


def field_agreement(system: dict[str, Any], gold: dict[str, Any]) -> int:
    """Number of the gold event's fields that the system event gets right (date, place too)."""
    return sum(field_correct(name, system, gold) for name in gold_fields(gold))


def _assign(weights: np.ndarray, allowed: np.ndarray) -> list[tuple[int, int]]:
    """Max-weight one-to-one pairing over allowed cells, as many pairs as possible first.

    Each allowed cell gets a bonus larger than any total of agreements, so that a pairing
    with more pairs always wins; among those, the highest total agreement wins.
    """
    if weights.size == 0 or not allowed.any():
        return []
    bonus = float(np.abs(weights).sum()) + 1.0
    gain = np.where(allowed, weights + bonus, 0.0)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if allowed[r, c]]


def pair_detection(
    gold_events: list[dict[str, Any]], system_events: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """(gold index, system index) detection pairs of one document.

    Required gold events win ties over optional ones, since only they can count as found.
    """
    weights = np.zeros((len(gold_events), len(system_events)))
    allowed = np.zeros_like(weights, dtype=bool)
    for g, gold in enumerate(gold_events):
        for s, system in enumerate(system_events):
            if can_pair(system, gold):
                allowed[g, s] = True
                tie_break = 0.0 if gold.get("optional") else 0.01
                weights[g, s] = detection_agreement(system, gold) + tie_break
    return _assign(weights, allowed)


def pair_fields(
    gold_events: list[dict[str, Any]], system_events: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """(gold index, system index) field pairs: every gold event with its best system event.

    No gate: any system event of the document may pair; location and date agreement only
    weigh in the choice. A slight preference for the detection gate breaks ties.
    """
    weights = np.zeros((len(gold_events), len(system_events)))
    for g, gold in enumerate(gold_events):
        for s, system in enumerate(system_events):
            weights[g, s] = field_agreement(system, gold) + 0.01 * can_pair(system, gold)
    allowed = np.ones_like(weights, dtype=bool)
    return _assign(weights, allowed)


def wrong_fields(system: dict[str, Any] | None, gold: dict[str, Any]) -> list[str]:
    """The gold event's fields that the system event gets wrong (all of them when unpaired)."""
    names = gold_fields(gold)
    if system is None:
        return names
    return [name for name in names if not field_correct(name, system, gold)]


__all__ = [
    "can_pair",
    "detection_agreement",
    "field_agreement",
    "pair_detection",
    "pair_fields",
    "wrong_fields",
]
