"""Train the event-date chooser (``date_choice``) from the gold dates of the dev sets.

Each gold document is read by the rule-based part of the pipeline up to the dates (the learned
detector left out, so that what is collected does not depend on other trained models); every
event draft then offers its candidate dates, each labelled by the scorer's own test
(``date_correct``). A draft teaches the chooser only when some candidate is right and some is
wrong. In a story with several gold events, a draft is compared with the gold events of its own
event type.
"""

from __future__ import annotations

import platform
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.evaluation.fields import date_correct
from sitrep.extract.date_choice import MODEL_NAME, DateChooser, DateLayout, draft_candidates

COLLECT_UNTIL = "dates"
LEFT_OUT = ("learned_events",)
HYPER_PARAMETERS = {"C": 1.0, "solver": "lbfgs", "max_iter": 2000}
MIN_TEACHING = 20  # fewer teaching drafts than this train no chooser: the rules decide


@dataclass
class DraftDates:
    """One event draft's candidate dates: their features, which are right, which the rules
    took."""

    document_id: str
    values: list[dict[str, float]]
    right: list[bool]
    rules: int | None


_COLLECTED: dict[str, list[DraftDates]] = {}  # by document id: leave-one-out folds share them


def collect(gold_docs: Iterable[Any]) -> Iterator[DraftDates]:
    """The drafts of each gold document with a labelled candidate list (memoized by id)."""
    docs = list(gold_docs)
    fresh = [doc for doc in docs if doc.id not in _COLLECTED]
    for doc in fresh:
        _COLLECTED[doc.id] = []
    for choice in _collect(fresh):
        _COLLECTED[choice.document_id].append(choice)
    for doc in docs:
        yield from _COLLECTED[doc.id]


def _collect(gold_docs: list[Any]) -> Iterator[DraftDates]:
    from sitrep.extract.components.dates import rules_date
    from sitrep.extract.config import DEFAULT_CONFIG, component_names, read_toml, settings
    from sitrep.extract.pipeline import Pipeline
    from sitrep.extract.record import date_of
    from sitrep.ingest.reader import document_from_record

    names = component_names([read_toml(DEFAULT_CONFIG)])
    names = [n for n in names[: names.index(COLLECT_UNTIL)] if n not in LEFT_OUT]
    pipeline = Pipeline(names, settings(names, []))
    by_id = {doc.id: doc for doc in gold_docs}
    inputs = []
    for doc in gold_docs:
        try:
            inputs.append(document_from_record(doc.input_record(), name=doc.id))
        except Exception:  # noqa: BLE001 - a gold document the reader refuses teaches nothing
            continue
    for ctx in pipeline.analyze(inputs):
        gold = by_id.get(ctx.document.id)
        if gold is None or ctx.doc is None or not ctx.events:
            continue
        layout = DateLayout.of(ctx, ctx.times)
        for draft in ctx.events:
            targets = _gold_dates(gold.events, draft.event_type)
            if not targets:
                continue
            chosen = rules_date(ctx, draft)
            pool, values = draft_candidates(ctx, layout, draft, chosen)
            if not pool:
                continue
            right = [any(date_correct(date_of(t), target) for target in targets) for t in pool]
            rules = next((i for i, t in enumerate(pool) if t is chosen
                          or (chosen is not None and not chosen.text and not t.text)), None)
            yield DraftDates(ctx.document.id, values, right, rules)


def _gold_dates(events: list[dict[str, Any]], event_type: str) -> list[dict[str, Any]]:
    """The gold dates a draft of this type may be compared with."""
    dated = [e for e in events if isinstance(e.get("date"), dict) and not e.get("optional")]
    if len(dated) == 1:
        return [dated[0]["date"]]
    return [e["date"] for e in dated if e.get("event_type") == event_type]


def teaching(choices: Iterable[DraftDates]) -> list[DraftDates]:
    """Drafts with a right and a wrong candidate: only they say what to prefer."""
    return [c for c in choices if any(c.right) and not all(c.right)]


def fit(choices: list[DraftDates], card: dict[str, Any] | None = None) -> DateChooser:
    """A logistic model over every candidate of the teaching drafts."""
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for c in choices for v in c.values for name in v})
    rows = [[v.get(name, 0.0) for name in names] for c in choices for v in c.values]
    labels = [int(r) for c in choices for r in c.right]
    model = LogisticRegression(fit_intercept=False, **HYPER_PARAMETERS)
    model.fit(rows, labels)
    weights = {name: round(float(w), 6) for name, w in zip(names, model.coef_[0], strict=True)}
    return DateChooser(weights, card or {})


def top1(chooser: DateChooser | None, choices: list[DraftDates]) -> float:
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


def train_date_chooser(
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
