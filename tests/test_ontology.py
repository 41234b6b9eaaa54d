"""ACLED's types and kinds are defined once: every part that names them agrees with the table."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.extract.classifier import PACKAGED_MODELS
from sitrep.extract.lexicon import load_json
from sitrep.ontology import (
    ACTOR_KINDS,
    DEMONSTRATIONS,
    EVENT_TYPES,
    INTER,
    POLITICAL_VIOLENCE,
    SUB_TO_TYPE,
    SUB_TYPES,
)
from sitrep.same_event import COMPATIBLE_TYPES

STATIC = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "web" / "static"


def test_the_table_has_acleds_six_types_and_their_sub_types_once_each() -> None:
    assert len(EVENT_TYPES) == 6
    subs = [sub for subs in SUB_TYPES.values() for sub in subs]
    assert len(subs) == len(set(subs)) == len(SUB_TO_TYPE) == 25
    assert sorted(INTER.values()) == list(range(1, 9)) and set(INTER) == set(ACTOR_KINDS)


def test_the_codebooks_categories_split_the_types_and_say_which_tell_one_incident() -> None:
    assert len(POLITICAL_VIOLENCE) == 3 and len(DEMONSTRATIONS) == 2
    assert not POLITICAL_VIOLENCE & DEMONSTRATIONS
    assert set(EVENT_TYPES) - POLITICAL_VIOLENCE - DEMONSTRATIONS == {"Strategic developments"}
    # merging joins two reports of one incident typed differently only within a category
    assert frozenset({"Protests", "Riots"}) in COMPATIBLE_TYPES
    assert frozenset({"Battles", "Violence against civilians"}) in COMPATIBLE_TYPES
    assert not any("Strategic developments" in pair for pair in COMPATIBLE_TYPES)
    assert not any(pair & POLITICAL_VIOLENCE and pair & DEMONSTRATIONS for pair in COMPATIBLE_TYPES)


def test_triggers_and_trained_models_use_only_the_tables_labels() -> None:
    for item in load_json("triggers.json")["triggers"]:
        if item.get("territorial"):  # which side took the ground decides the sub-type
            assert item["type"] == "Battles", item["words"][:3]
            continue
        assert SUB_TO_TYPE[item["sub"]] == item["type"], item["words"][:3]
    cards = {p.stem: json.loads(p.read_text()) for p in PACKAGED_MODELS.glob("*.json")}
    assert set(cards["sub_event_type"]["classes"]) <= set(SUB_TO_TYPE)
    for name in ("actor1_kind", "actor2_kind"):
        assert set(cards[name]["classes"]) - {"none"} <= set(ACTOR_KINDS)


def test_the_web_bundle_was_built_from_the_table() -> None:
    bundle = (STATIC / "app.js").read_text(encoding="utf-8")
    for subs in SUB_TYPES.values():
        # the menus list each type's sub-types in the table's order (esbuild writes JSON compact)
        assert json.dumps(subs, separators=(",", ":"), ensure_ascii=False) in bundle
