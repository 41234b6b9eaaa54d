"""Hand-made gold and system events for the scorer tests (no text from ../shared)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from sitrep.evaluation import GoldDocument

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def make_event(**overrides: Any) -> dict[str, Any]:
    """A complete event (gold or system shape): an air strike on Idlib city."""
    event: dict[str, Any] = {
        "id": "e1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "date": {"start": "2020-05-01", "end": "2020-05-01", "precision": "day"},
        "actor1": {"name": "Military Forces of Syria", "kind": "state_forces"},
        "actor2": {"name": "Civilians (Syria)", "kind": "civilians"},
        "location": {
            "name": "Idlib",
            "district": "al-Qusour",
            "country": "Syria",
            "country_code": "SY",
            "lat": 35.9306,
            "lon": 36.6339,
        },
        "fatalities": {"min": 3, "max": 3},
        "claims": [
            {"claimant": "Rami Abdulrahman", "claimant_org": "SOHR", "party_to_conflict": False}
        ],
    }
    for key, value in overrides.items():
        event[key] = value
    return copy.deepcopy(event)


def make_doc(
    events: list[dict[str, Any]],
    doc_id: str = "d1",
    dataset: str = "hand",
    recall_only: bool = False,
) -> GoldDocument:
    return GoldDocument(
        document={"id": doc_id, "text": "hand-made", "published": "2020-05-02"},
        events=events,
        dataset=dataset,
        recall_only=recall_only,
    )
