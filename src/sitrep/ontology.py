"""ACLED's event types, sub-event types and actor kinds, defined once (``data/ontology.json``).

Extraction, exports, the store's synthetic data and the web page's menus (built from the same
file by ``web/build.mjs``) all read this one table.
"""

from __future__ import annotations

import json
from pathlib import Path

_DATA = json.loads(
    (Path(__file__).resolve().parent / "data" / "ontology.json").read_text(encoding="utf-8")
)

# event type -> its sub-event types, in the codebook's order
SUB_TYPES: dict[str, list[str]] = {k: list(v) for k, v in _DATA["event_types"].items()}
EVENT_TYPES: list[str] = list(SUB_TYPES)
SUB_TO_TYPE: dict[str, str] = {sub: kind for kind, subs in SUB_TYPES.items() for sub in subs}
# the codebook's event categories: one incident may be told as any type of its category
POLITICAL_VIOLENCE: frozenset[str] = frozenset(_DATA["event_type_groups"]["political_violence"])
DEMONSTRATIONS: frozenset[str] = frozenset(_DATA["event_type_groups"]["demonstrations"])

ACTOR_KINDS: list[str] = list(_DATA["actor_kinds"])
# the codebook's "inter" code of each kind (ACLED CSV inter1/inter2)
INTER: dict[str, int] = {k: int(v["inter"]) for k, v in _DATA["actor_kinds"].items()}
ARMED_KINDS: frozenset[str] = frozenset(k for k, v in _DATA["actor_kinds"].items() if v["armed"])
CROWD_KINDS: frozenset[str] = frozenset(
    k for k, v in _DATA["actor_kinds"].items() if v.get("crowd")
)
