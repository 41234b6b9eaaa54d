"""What the learned choosers (which place, which date belongs to an event) share in training.

Each chooser's own module collects, per event draft of a gold document, its candidates'
features and which of them the scorer calls right; from there the path is the same: keep the
drafts that teach (a right and a wrong candidate), fit one logistic model over every candidate,
save its weights with a model card, and measure how often its first choice is right on held-out
documents, beside the rules' own first choice.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

HYPER_PARAMETERS = {"C": 1.0, "solver": "lbfgs", "max_iter": 2000}
MIN_TEACHING = 20  # fewer teaching drafts than this train no chooser: the rules decide


@dataclass
class DraftChoice:
    """One event draft's candidates: their features, which are right, which the rules took."""

    document_id: str
    values: list[dict[str, float]]
    right: list[bool]
    rules: int | None  # index of the rules' choice among the candidates, if it is one


@dataclass(frozen=True)
class LinearChooser:
    """A linear scorer over a candidate's features; the highest-scoring candidate wins."""

    weights: dict[str, float]
    card: dict[str, Any]

    def score(self, values: dict[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in values.items())

    def best(self, values: list[dict[str, float]]) -> int:
        """Index of the best candidate; the earliest wins a tie."""
        scores = [self.score(v) for v in values]
        return max(range(len(scores)), key=lambda i: (scores[i], -i))

    def save(self, folder: Path, name: str) -> Path:
        path = folder / f"{name}.json"
        meta = {"weights": self.weights, "card": self.card}
        path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return path


@lru_cache(maxsize=16)
def load_weights(folder: Path, name: str) -> tuple[dict[str, float], dict[str, Any]] | None:
    """(weights, card) of the chooser ``name`` in ``folder``, or None when it has none."""
    path = folder / f"{name}.json"
    if not path.exists():
        return None
    meta = json.loads(path.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in meta["weights"].items()}, meta.get("card", {})


def rule_contexts(gold_docs: list[Any], until: str) -> Iterator[tuple[Any, Any]]:
    """(gold document, its Context) after the rule-based pipeline up to component ``until``.

    The learned detector is left out, so that what is collected does not depend on other
    trained models; the components read the packaged classifiers (typing's sub-event type),
    which a draft's features do not use and only its label's choice of gold event may.
    """
    from sitrep.extract.config import DEFAULT_CONFIG, component_names, read_toml, settings
    from sitrep.extract.pipeline import Pipeline
    from sitrep.ingest.reader import document_from_record

    names = component_names([read_toml(DEFAULT_CONFIG)])
    names = [n for n in names[: names.index(until)] if n != "learned_events"]
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
        if gold is not None and ctx.refusal is None:
            yield gold, ctx


def gold_of_type(
    events: list[dict[str, Any]], field: str, event_type: str, optional: bool = True,
) -> list[Any]:
    """The gold values of ``field`` a draft of this type may be compared with: the story's
    only one, else those of the gold events of its own event type (``optional`` events
    included or not)."""
    known = [e for e in events if isinstance(e.get(field), dict)
             and (optional or not e.get("optional"))]
    if len(known) == 1:
        return [known[0][field]]
    return [e[field] for e in known if e.get("event_type") == event_type]


class Memo:
    """Drafts already collected in this process, by document id: a leave-one-out evaluation
    trains a chooser per fold from the same documents, and collecting is most of the cost."""

    def __init__(self, collect: Callable[[list[Any]], Iterator[DraftChoice]]) -> None:
        self._collect = collect
        self._by_id: dict[str, list[DraftChoice]] = {}

    def __call__(self, gold_docs: Iterable[Any]) -> Iterator[DraftChoice]:
        docs = list(gold_docs)
        fresh = [doc for doc in docs if doc.id not in self._by_id]
        for doc in fresh:
            self._by_id[doc.id] = []
        for choice in self._collect(fresh):
            self._by_id[choice.document_id].append(choice)
        for doc in docs:
            yield from self._by_id[doc.id]


def teaching(choices: Iterable[DraftChoice]) -> list[DraftChoice]:
    """Drafts with a right and a wrong candidate: only they say what to prefer."""
    return [c for c in choices if any(c.right) and not all(c.right)]


def fit(choices: list[DraftChoice], card: dict[str, Any] | None = None) -> LinearChooser:
    """A logistic model over every candidate of the teaching drafts."""
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for c in choices for v in c.values for name in v})
    rows = [[v.get(name, 0.0) for name in names] for c in choices for v in c.values]
    labels = [int(r) for c in choices for r in c.right]
    model = LogisticRegression(fit_intercept=False, **HYPER_PARAMETERS)
    model.fit(rows, labels)
    weights = {name: round(float(w), 6) for name, w in zip(names, model.coef_[0], strict=True)}
    return LinearChooser(weights, card or {})


def top1(chooser: LinearChooser | None, choices: list[DraftChoice]) -> float:
    """Share of drafts whose chosen candidate is right (the rules' choice when no chooser)."""
    if not choices:
        return 0.0
    hits = 0
    for choice in choices:
        index = choice.rules if chooser is None else chooser.best(choice.values)
        hits += index is not None and choice.right[index]
    return hits / len(choices)


def train_chooser(
    name: str, collect: Callable[[Iterable[Any]], Iterator[DraftChoice]], docs: list[Any],
    folder: Path, data: list[dict[str, str]], held_out: list[Any] | None = None,
    min_teaching: int = MIN_TEACHING,
) -> dict[str, Any] | None:
    """Collect, fit and save chooser ``name``; its card carries the held-out top-1 share."""
    import numpy
    import sklearn

    choices = teaching(collect(docs))
    if len(choices) < min_teaching:
        return None
    card: dict[str, Any] = {
        "model": name,
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
    chooser.save(folder, name)
    return {"drafts": len(choices), **({"held_out": card["held_out"]} if held_out else {})}
