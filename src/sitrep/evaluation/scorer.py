"""The figures of ../shared/docs/scoring.md: detection P/R/F1, field shares, docs/s.

``score`` works on gold documents and system events already in hand (tests, saved runs);
``evaluate`` runs an extractor over the gold documents first and times it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError
from sitrep.evaluation.fields import FIELDS, field_correct, gold_fields
from sitrep.evaluation.gold import GoldDocument, load_gold
from sitrep.evaluation.groups import grouping
from sitrep.evaluation.matching import pair_detection, pair_fields, wrong_fields

ExtractFn = Callable[[list[dict[str, Any]]], Iterable[dict[str, Any]]]
OVERALL = "overall"
NOTES = {
    "events": "detection: gold and system events paired one-to-one when dates overlap (one day"
    " either side) and places agree (50 km, else country and folded town); optional gold events"
    " count neither way; unpaired system events in recall-only documents are not counted",
    "fields": "share correct per gold event: each required gold event paired with the system"
    " event of its document that agrees most (no date/place gate); total = gold events that"
    " have the field; a gold event without a system event is wrong on all its fields",
    "fields_on_pairs": "the same shares over detection pairs only",
}


class _Tally:
    """Counts of one data set (or of the whole run)."""

    def __init__(self) -> None:
        self.documents = 0
        self.failed = 0
        self.events = dict.fromkeys(
            ("gold", "optional_gold", "system", "tp", "fp", "fn", "optional_paired", "not_counted"),
            0,
        )
        self.fields = {name: [0, 0] for name in FIELDS}
        self.on_pairs = {name: [0, 0] for name in FIELDS}

    def as_dict(self) -> dict[str, Any]:
        tp, fp, fn = self.events["tp"], self.events["fp"], self.events["fn"]
        precision = _ratio(tp, tp + fp)
        recall = _ratio(tp, tp + fn)
        f1 = (
            None
            if precision is None or recall is None
            else (0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall))
        )
        return {
            "documents": self.documents,
            "documents_failed": self.failed,
            "events": {**self.events, "precision": precision, "recall": recall, "f1": f1},
            "fields": _shares(self.fields),
            "fields_on_pairs": _shares(self.on_pairs),
        }


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _shares(counts: dict[str, list[int]]) -> dict[str, dict[str, Any]]:
    return {
        name: {"correct": correct, "total": total, "share": _ratio(correct, total)}
        for name, (correct, total) in counts.items()
    }


def score(
    gold_docs: list[GoldDocument],
    system: dict[str, list[dict[str, Any]]],
    seconds: float | None = None,
    failures: dict[str, str] | None = None,
    details: bool = False,
    by: str | None = None,
) -> dict[str, Any]:
    """Score system events (by document id) against gold documents.

    ``failures`` maps document ids whose extraction failed to the error; ``details`` adds a
    ``details`` list (one diagnostic dict per document) for ``--errors``; ``by`` (dataset,
    region, country) adds a ``groups`` block with the figures of each group.
    """
    failures = failures or {}
    tallies: dict[str, _Tally] = {OVERALL: _Tally()}
    group_of = grouping(by) if by else None
    groups: dict[str, _Tally] = {}
    diagnostics: list[dict[str, Any]] = []
    for doc in gold_docs:
        targets = [tallies[OVERALL], tallies.setdefault(doc.dataset, _Tally())]
        if group_of is not None:
            targets.append(groups.setdefault(group_of(doc), _Tally()))
        system_events = [e for e in system.get(doc.id, []) if isinstance(e, dict)]
        diagnostic = _score_document(doc, system_events, targets)
        if doc.id in failures:
            diagnostic["error"] = failures[doc.id]
            for tally in targets:
                tally.failed += 1
        if details:
            diagnostics.append(diagnostic)
    count = len(gold_docs)
    report: dict[str, Any] = {
        "documents": count,
        "seconds": seconds,
        "docs_per_second": (count / seconds) if seconds else None,
        "overall": tallies.pop(OVERALL).as_dict(),
        "datasets": {name: tallies[name].as_dict() for name in sorted(tallies)},
        "notes": NOTES,
    }
    if by:
        report["by"] = by
        report["groups"] = {name: groups[name].as_dict() for name in sorted(groups)}
    if details:
        report["details"] = diagnostics
    return report


def _score_document(
    doc: GoldDocument, system_events: list[dict[str, Any]], tallies: list[_Tally]
) -> dict[str, Any]:
    gold = doc.events
    required = [i for i, event in enumerate(gold) if not event.get("optional")]
    detection = dict(pair_detection(gold, system_events))
    paired_system = set(detection.values())
    field_pairs = {
        required[g]: s for g, s in pair_fields([gold[i] for i in required], system_events)
    }
    tp = sum(1 for g in detection if g in required)
    unpaired_system = [s for s in range(len(system_events)) if s not in paired_system]
    counts = {
        "gold": len(required),
        "optional_gold": len(gold) - len(required),
        "system": len(system_events),
        "tp": tp,
        "fn": len(required) - tp,
        "optional_paired": len(detection) - tp,
        "fp": 0 if doc.recall_only else len(unpaired_system),
        "not_counted": len(unpaired_system) if doc.recall_only else 0,
    }
    for tally in tallies:
        tally.documents += 1
        for key, value in counts.items():
            tally.events[key] += value
    for g in required:
        names = gold_fields(gold[g])
        field_system = system_events[field_pairs[g]] if g in field_pairs else None
        detected = system_events[detection[g]] if g in detection else None
        for name in names:
            right = field_system is not None and field_correct(name, field_system, gold[g])
            on_pair = detected is not None and field_correct(name, detected, gold[g])
            for tally in tallies:
                tally.fields[name][0] += right
                tally.fields[name][1] += 1
                if detected is not None:
                    tally.on_pairs[name][0] += on_pair
                    tally.on_pairs[name][1] += 1
    return _diagnostic(doc, system_events, detection, field_pairs, unpaired_system)


def _diagnostic(
    doc: GoldDocument,
    system_events: list[dict[str, Any]],
    detection: dict[int, int],
    field_pairs: dict[int, int],
    unpaired_system: list[int],
) -> dict[str, Any]:
    """What the lead needs to tune: each gold event beside its system event, what was wrong."""
    events = []
    for g, event in enumerate(doc.events):
        s = field_pairs.get(g, detection.get(g))
        paired = system_events[s] if s is not None else None
        events.append(
            {
                "gold_id": event.get("id"),
                "optional": bool(event.get("optional")),
                "detected": g in detection,
                "system_index": s,
                "wrong": wrong_fields(paired, event),
                "gold": compact(event),
                "system": compact(paired) if paired is not None else None,
            }
        )
    return {
        "document": doc.id,
        "dataset": doc.dataset,
        "recall_only": doc.recall_only,
        "events": events,
        "unpaired_system": [
            {
                "system_index": s,
                "false_positive": not doc.recall_only,
                "system": compact(system_events[s]),
            }
            for s in unpaired_system
        ],
    }


def compact(event: dict[str, Any]) -> dict[str, Any]:
    """The scored parts of an event, small enough to read side by side."""

    def part(key: str, *names: str) -> Any:
        value = event.get(key)
        if not isinstance(value, dict):
            return value
        return {name: value.get(name) for name in names if value.get(name) is not None}

    claims = event.get("claims") or []
    claim = claims[0] if claims and isinstance(claims[0], dict) else {}
    return {
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "date": part("date", "start", "end", "precision"),
        "actor1": part("actor1", "name", "kind"),
        "actor2": part("actor2", "name", "kind"),
        "location": part("location", "name", "district", "country_code", "lat", "lon"),
        "fatalities": part("fatalities", "min", "max"),
        "injuries": part("injuries", "min", "max"),
        "crowd_size": part("crowd_size", "min", "max"),
        "claim": {k: claim.get(k) for k in ("claimant", "claimant_org", "party_to_conflict")},
    }


def run_extractor(
    gold_docs: list[GoldDocument], extract_fn: ExtractFn
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str], float]:
    """Run the extractor on all documents in one go; return events by id, failures, seconds.

    Results are matched to documents by order. A document whose extraction raises is recorded
    as failed and the extractor is restarted after it, so one bad story does not end the run;
    a failure before any document succeeded is a broken extractor and is raised.
    """
    system: dict[str, list[dict[str, Any]]] = {}
    failures: dict[str, str] = {}
    start = time.perf_counter()
    position = 0
    while position < len(gold_docs):
        pending = gold_docs[position:]
        results: Iterator[dict[str, Any]] = iter(extract_fn([d.input_record() for d in pending]))
        try:
            for result in results:
                if position >= len(gold_docs):
                    break
                events = result.get("events") if isinstance(result, dict) else None
                system[gold_docs[position].id] = list(events or [])
                position += 1
            else:
                break  # the extractor gave fewer results than documents: the rest found nothing
        except Exception as error:
            if not system and not isinstance(error, SitrepError):
                raise
            failures[gold_docs[position].id] = f"{type(error).__name__}: {error}"
            position += 1
    return system, failures, time.perf_counter() - start


def evaluate(
    path: str | Path | Iterable[str | Path],
    extract_fn: ExtractFn,
    limit: int | None = None,
    dataset: str | None = None,
    details: bool = False,
) -> dict[str, Any]:
    """Load gold, run ``extract_fn`` over its documents (timed), and score the result."""
    gold_docs = load_gold(path, limit=limit, dataset=dataset)
    system, failures, seconds = run_extractor(gold_docs, extract_fn)
    return score(gold_docs, system, seconds=seconds, failures=failures, details=details)
