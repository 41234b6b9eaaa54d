"""Train the event-place chooser (``place_choice``) from the gold places of the dev sets.

Each gold document is read by the rule-based part of the pipeline (the learned detector left
out, so that what is collected does not depend on other trained models); every event draft
then offers its candidate places, each labelled by the scorer's own test (``location_correct``:
within 25 km, or the same town of the same country, and the gold district when it names one).
A draft teaches the chooser only when some candidate is right and some is wrong. In a story
with several gold events, a draft is compared with the gold events of its own event type.
"""

from __future__ import annotations

import platform
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.evaluation.fields import location_correct
from sitrep.extract.place_choice import MODEL_NAME, PlaceChooser, StoryLayout, features

# the rule-based pipeline up to where an event's place is chosen (see pipeline.toml)
COLLECT_UNTIL = "locations"
LEFT_OUT = ("learned_events",)
HYPER_PARAMETERS = {"C": 1.0, "solver": "lbfgs", "max_iter": 2000}
MIN_TEACHING = 20  # fewer teaching drafts than this train no chooser: the rules decide


@dataclass
class DraftChoice:
    """One event draft's candidates: their features, which are right, which the rules took."""

    document_id: str
    values: list[dict[str, float]]
    right: list[bool]
    rules: int | None  # index of the rules' choice among the candidates, if it is one


# drafts already collected in this process, by document id: a leave-one-out evaluation trains a
# chooser per fold from the same documents, and collecting is most of the cost
_COLLECTED: dict[str, list[DraftChoice]] = {}


def collect(gold_docs: Iterable[Any]) -> Iterator[DraftChoice]:
    """The drafts of each gold document with a labelled candidate list (memoized by id)."""
    docs = list(gold_docs)
    fresh = [doc for doc in docs if doc.id not in _COLLECTED]
    for doc in fresh:
        _COLLECTED[doc.id] = []
    for choice in _collect(fresh):
        _COLLECTED[choice.document_id].append(choice)
    for doc in docs:
        yield from _COLLECTED[doc.id]


def _collect(gold_docs: Iterable[Any]) -> Iterator[DraftChoice]:
    """Run the rule-based pipeline up to the place choice over the documents.

    The components read the packaged classifiers (typing's sub-event type); a draft's features
    do not use them, and only its label's choice of gold event (by event type) may.
    """
    from sitrep.extract.components.locations import event_place_pool, rules_place
    from sitrep.extract.config import DEFAULT_CONFIG, component_names, read_toml, settings
    from sitrep.extract.pipeline import Pipeline
    from sitrep.extract.record import location_of
    from sitrep.ingest.reader import document_from_record

    names = component_names([read_toml(DEFAULT_CONFIG)])
    names = [n for n in names[: names.index(COLLECT_UNTIL)] if n not in LEFT_OUT]
    pipeline = Pipeline(names, settings(names, []))
    docs = list(gold_docs)
    by_id = {doc.id: doc for doc in docs}
    inputs = []
    for doc in docs:
        try:
            inputs.append(document_from_record(doc.input_record(), name=doc.id))
        except Exception:  # noqa: BLE001 - a gold document the reader refuses teaches nothing
            continue
    for ctx in pipeline.analyze(inputs):
        gold = by_id.get(ctx.document.id)
        if gold is None or ctx.refusal is not None:
            continue
        pool, places = event_place_pool(ctx)
        layout = StoryLayout.of(ctx, pool)
        for draft in ctx.events:
            targets = _gold_places(gold.events, draft.event_type)
            if not targets or not pool:
                continue
            chosen = rules_place(ctx, places, draft)
            right = [
                any(location_correct(location_of(m), target) for target in targets) for m in pool
            ]
            values = [features(layout, draft, m, chosen) for m in pool]
            rules = next((i for i, m in enumerate(pool) if m is chosen), None)
            yield DraftChoice(ctx.document.id, values, right, rules)


def _gold_places(events: list[dict[str, Any]], event_type: str) -> list[dict[str, Any]]:
    """The gold places a draft of this type may be compared with."""
    located = [e for e in events if isinstance(e.get("location"), dict)]
    if len(located) == 1:
        return [located[0]["location"]]
    return [e["location"] for e in located if e.get("event_type") == event_type]


def teaching(choices: Iterable[DraftChoice]) -> list[DraftChoice]:
    """Drafts with a right and a wrong candidate: only they say what to prefer."""
    return [c for c in choices if any(c.right) and not all(c.right)]


def fit(choices: list[DraftChoice], card: dict[str, Any] | None = None) -> PlaceChooser:
    """A logistic model over every candidate of the teaching drafts."""
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for c in choices for v in c.values for name in v})
    rows = [[v.get(name, 0.0) for name in names] for c in choices for v in c.values]
    labels = [int(r) for c in choices for r in c.right]
    model = LogisticRegression(fit_intercept=False, **HYPER_PARAMETERS)
    model.fit(rows, labels)
    weights = {name: round(float(w), 6) for name, w in zip(names, model.coef_[0], strict=True)}
    return PlaceChooser(weights, card or {})


def top1(chooser: PlaceChooser | None, choices: list[DraftChoice]) -> float:
    """Share of drafts whose chosen candidate is right (the rules' choice when no chooser)."""
    if not choices:
        return 0.0
    hits = 0
    for choice in choices:
        if chooser is None:
            index = choice.rules
        else:
            scores = [chooser.score(v) for v in choice.values]
            index = max(range(len(scores)), key=lambda i: (scores[i], -i))
        hits += index is not None and choice.right[index]
    return hits / len(choices)


def train_place_chooser(
    docs: list[Any], folder: Path, data: list[dict[str, str]],
    held_out: list[Any] | None = None, min_teaching: int = MIN_TEACHING,
) -> dict[str, Any] | None:
    """Collect, fit and save the chooser; its card carries the held-out top-1 share."""
    import numpy
    import sklearn

    choices = teaching(collect(docs))
    if len(choices) < min_teaching:
        return None
    card: dict[str, Any] = {
        "model": MODEL_NAME,
        "training_documents": len({c.document_id for c in choices}),
        "training_drafts": len(choices),
        "training_data": data,
        "hyper_parameters": HYPER_PARAMETERS,
        "environment": {"python": platform.python_version(), "numpy": numpy.__version__,
                        "scikit-learn": sklearn.__version__},
    }
    chooser = fit(choices, card)
    if held_out:
        tests = teaching(collect(held_out))
        card["held_out"] = {"documents": len(tests), "accuracy": round(top1(chooser, tests), 4),
                            "rules_accuracy": round(top1(None, tests), 4)}
    chooser.save(folder)
    return {"drafts": len(choices), **({"held_out": card["held_out"]} if held_out else {})}
