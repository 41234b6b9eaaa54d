"""Train the event-date chooser (``date_choice``) from the gold dates of the dev sets.

Each gold document is read by the rule-based part of the pipeline up to the dates (the learned
detector left out, so that what is collected does not depend on other trained models); every
event draft then offers its candidate dates, each labelled by the scorer's own test
(``date_correct``). A draft teaches the chooser only when some candidate is right and some is
wrong. In a story with several gold events, a draft is compared with the gold events of its own
event type.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.evaluation.fields import date_correct
from sitrep.extract.choice_training import (
    MIN_TEACHING,
    DraftChoice,
    Memo,
    gold_of_type,
    rule_contexts,
    train_chooser,
)
from sitrep.extract.date_choice import MODEL_NAME, DateLayout, draft_candidates

COLLECT_UNTIL = "dates"


def _collect(gold_docs: list[Any]) -> Iterator[DraftChoice]:
    """Each draft's candidate dates after the rule-based pipeline up to the dates."""
    from sitrep.extract.components.dates import rules_date
    from sitrep.extract.record import date_of

    for gold, ctx in rule_contexts(gold_docs, COLLECT_UNTIL):
        layout = DateLayout.of(ctx, ctx.times)
        for draft in ctx.events:
            targets = gold_of_type(gold.events, "date", draft.event_type, optional=False)
            if not targets:
                continue
            chosen = rules_date(ctx, draft)
            pool, values = draft_candidates(ctx, layout, draft, chosen)
            if not pool:
                continue
            right = [any(date_correct(date_of(t), target) for target in targets) for t in pool]
            rules = next((i for i, t in enumerate(pool) if t is chosen
                          or (chosen is not None and not chosen.text and not t.text)), None)
            yield DraftChoice(ctx.document.id, values, right, rules)


collect = Memo(_collect)  # the drafts of each gold document with labelled candidates


def train_date_chooser(
    docs: list[Any], folder: Path, data: list[dict[str, str]],
    held_out: list[Any] | None = None, min_teaching: int = MIN_TEACHING,
) -> dict[str, Any] | None:
    """Collect, fit and save the date chooser; its card carries the held-out top-1 share."""
    return train_chooser(MODEL_NAME, collect, docs, folder, data, held_out, min_teaching)
