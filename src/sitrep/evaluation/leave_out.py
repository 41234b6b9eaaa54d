"""The out-of-domain protocol: train the classifiers without a group, score that group.

``sitrep eval GOLD --leave-out region`` trains on every region of the gold sets but one and
scores the one left out, for each region in turn; ``sitrep eval GOLD --train OTHER`` trains on
OTHER only and scores GOLD (2020 -> 2022, ACLED + MUC-4 training -> MUC-4 dev). Models of a fold
live in a temporary folder that ``$SITREP_MODEL_DIR`` points the extractor at, so the figures
are those of models that never saw the documents scored.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitrep.evaluation.gold import GoldDocument
from sitrep.evaluation.groups import grouping
from sitrep.evaluation.scorer import ExtractFn, run_extractor, score
from sitrep.extract.classifier import MODEL_DIR_VARIABLE

# The figures whose mean and worst group the protocol reports (issue "Extraction that carries").
HEADLINE = ("event_type", "sub_event_type", "actor1.kind", "date", "location", "fatalities")
Trainer = Callable[[list[GoldDocument], Path], dict[str, Any]]


def with_models(folder: Path, work: Callable[[], Any]) -> Any:
    """Run ``work`` with the extractor reading its classifiers from ``folder``."""
    before = os.environ.get(MODEL_DIR_VARIABLE)
    os.environ[MODEL_DIR_VARIABLE] = str(folder)
    try:
        return work()
    finally:
        if before is None:
            os.environ.pop(MODEL_DIR_VARIABLE, None)
        else:
            os.environ[MODEL_DIR_VARIABLE] = before


def trained_on(
    train_docs: list[GoldDocument],
    score_docs: list[GoldDocument],
    extract_fn: ExtractFn,
    trainer: Trainer,
    by: str | None = None,
    details: bool = False,
) -> dict[str, Any]:
    """Train on ``train_docs`` (ids of ``score_docs`` left out), then score ``score_docs``;
    ``details`` keeps the per-document diagnostics (``--errors``)."""
    scored = {doc.id for doc in score_docs}
    train = [doc for doc in train_docs if doc.id not in scored]
    with tempfile.TemporaryDirectory(prefix="sitrep-models.") as folder:
        training = trainer(train, Path(folder))
        system, failures, seconds = with_models(
            Path(folder), lambda: run_extractor(score_docs, extract_fn)
        )
    report = score(
        score_docs, system, seconds=seconds, failures=failures, by=by, details=details
    )
    report["training"] = {"documents": len(train), **training}
    return report


def leave_one_out(
    gold_docs: list[GoldDocument],
    by: str,
    extract_fn: ExtractFn,
    trainer: Trainer,
    train_docs: list[GoldDocument] | None = None,
    min_documents: int = 1,
    details: bool = False,
) -> dict[str, Any]:
    """For each group of ``gold_docs``: train on all other groups, score the one left out.

    ``train_docs`` (default: the gold documents) is the pool trained on; documents of the group
    scored are always left out of it, and so are gold documents with the same id.
    """
    group_of = grouping(by)
    pool = train_docs if train_docs is not None else gold_docs
    names = sorted({group_of(doc) for doc in gold_docs})
    folds: dict[str, dict[str, Any]] = {}
    diagnostics: list[dict[str, Any]] = []
    for name in names:
        held = [doc for doc in gold_docs if group_of(doc) == name]
        if len(held) < min_documents:
            continue
        train = [doc for doc in pool if group_of(doc) != name]
        print(
            f"sitrep: leave-out {by}={name}: training on {len(train)}, scoring {len(held)}",
            file=sys.stderr,
        )
        report = trained_on(train, held, extract_fn, trainer, details=details)
        report.pop("notes", None)
        diagnostics += report.pop("details", [])
        folds[name] = report
    result = {"leave_out": by, "folds": folds, "summary": summarize(folds)}
    if details:
        result["details"] = diagnostics
    return result


def summarize(folds: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Mean over folds (each fold weighs the same) and the worst fold of each headline figure."""
    rows: dict[str, list[tuple[str, float]]] = {"event_f1": []}
    for name, report in folds.items():
        overall = report["overall"]
        if overall["events"]["f1"] is not None:
            rows["event_f1"].append((name, overall["events"]["f1"]))
        for field in HEADLINE:
            share = overall["fields"][field]["share"]
            if share is not None:
                rows.setdefault(field, []).append((name, share))
    summary = {}
    for figure, values in rows.items():
        if not values:
            continue
        worst = min(values, key=lambda item: item[1])
        mean = statistics.fmean(value for _, value in values)
        summary[figure] = {
            "mean": mean,
            "worst": worst[1],
            "worst_group": worst[0],
            "gap": mean - worst[1],
            "folds": len(values),
        }
    return summary
