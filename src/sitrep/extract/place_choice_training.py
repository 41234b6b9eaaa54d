"""Train the event-place chooser (``place_choice``) from the gold places of the dev sets.

Each gold document is read by the rule-based part of the pipeline (the learned detector left
out, so that what is collected does not depend on other trained models); every event draft
then offers its candidate places, each labelled by the scorer's own test (``location_correct``:
within 25 km, or the same town of the same country, and the gold district when it names one).
A draft teaches the chooser only when some candidate is right and some is wrong. In a story
with several gold events, a draft is compared with the gold events of its own event type.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.evaluation.fields import location_correct
from sitrep.extract.choice_training import (
    MIN_TEACHING,
    DraftChoice,
    Memo,
    gold_of_type,
    rule_contexts,
    train_chooser,
)
from sitrep.extract.place_choice import MODEL_NAME, StoryLayout, features

# the rule-based pipeline up to where an event's place is chosen (see pipeline.toml)
COLLECT_UNTIL = "locations"


def _collect(gold_docs: list[Any]) -> Iterator[DraftChoice]:
    """Each draft's candidate places after the rule-based pipeline up to the place choice."""
    from sitrep.extract.components.locations import event_place_pool, rules_place
    from sitrep.extract.record import location_of

    for gold, ctx in rule_contexts(gold_docs, COLLECT_UNTIL):
        pool, places = event_place_pool(ctx)
        layout = StoryLayout.of(ctx, pool)
        for draft in ctx.events:
            targets = gold_of_type(gold.events, "location", draft.event_type)
            if not targets or not pool:
                continue
            chosen = rules_place(ctx, places, draft)
            right = [
                any(location_correct(location_of(m), target) for target in targets) for m in pool
            ]
            values = [features(layout, draft, m, chosen) for m in pool]
            rules = next((i for i, m in enumerate(pool) if m is chosen), None)
            yield DraftChoice(ctx.document.id, values, right, rules)


collect = Memo(_collect)  # the drafts of each gold document with labelled candidates


def train_place_chooser(
    docs: list[Any], folder: Path, data: list[dict[str, str]],
    held_out: list[Any] | None = None, min_teaching: int = MIN_TEACHING,
) -> dict[str, Any] | None:
    """Collect, fit and save the place chooser; its card carries the held-out top-1 share."""
    return train_chooser(MODEL_NAME, collect, docs, folder, data, held_out, min_teaching)
