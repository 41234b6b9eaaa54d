"""Which of a story's places is an event's: a learned choice among the nearby mentions.

The rules of ``Geocoder.locate_event`` try the event's own sentence, then its paragraph, then
the story's focus city, then the dateline, in an order set by hand. Here the place mentions of
the event's own sentence and paragraph (and the rules' own choice) are candidates, described by
where each stands relative to the event's words and what kind of place it is; a logistic model
trained on the gold places of the dev sets (``place_choice_training``) scores each, and the best
wins. The rules' choice is one of the features, so the model learns when to overrule it. Places
further away are not candidates: a chooser free to roam picked the capital of the dateline too
often and put different events at one place. The weights are plain numbers in
``event_place.json``.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.extract.context import Context, EventDraft
from sitrep.types import PlaceMention

MODEL_NAME = "event_place"
FEATURE_KINDS = ("country", "admin1", "admin2", "city", "district")


def candidates(ctx: Context, places: list[PlaceMention]) -> list[PlaceMention]:
    """The mentions an event may be placed at: the body's places and the dateline's."""
    return [m for m in places if not getattr(m, "hint", False)]


def features(
    ctx: Context, draft: EventDraft, mention: PlaceMention, pool: list[PlaceMention],
    chosen: PlaceMention | None,
) -> dict[str, float]:
    """How ``mention`` stands to the event ``draft``, as numbers a linear model can weigh."""
    document, place = ctx.document, mention.place
    sentence_of = _sentence_index(ctx)
    body_start = document.body_start
    in_dateline = mention.start < body_start
    event_sentence = sentence_of(draft.trigger.start)
    distance = abs(sentence_of(mention.start) - event_sentence)
    same_paragraph = _paragraph(ctx, mention.start) == _paragraph(ctx, draft.trigger.start)
    same_place = sum(1 for other in pool if _same(other, mention))
    body = [m for m in pool if m.start >= body_start]
    rank = float(getattr(mention, "rank", 4))
    values = {
        "bias": 1.0,
        "own_sentence": float(draft.start <= mention.start < draft.end),
        "same_paragraph": float(same_paragraph and not in_dateline),
        "sentences_away": math.log1p(distance) if not in_dateline else 0.0,
        "before_event": float(mention.start < draft.trigger.start and not in_dateline),
        "chars_to_trigger": math.log1p(abs(mention.start - draft.trigger.start)) / 10,
        "dateline": float(in_dateline),
        "first_in_body": float(bool(body) and body[0] is mention),
        "rank": rank / 5,
        "locative": float(bool(getattr(mention, "locative", False))),
        "qualified": float(bool(getattr(mention, "qualified", False))),
        "district_named": float(bool(place.district)),
        "focus_country": float(place.country_code is not None
                               and place.country_code == ctx.focus_country),
        "no_country": float(place.country_code is None),
        "times_named": math.log1p(same_place),
        "rules_choice": float(chosen is not None and _same(chosen, mention)),
    }
    kind = place.feature if place.feature in FEATURE_KINDS else "other"
    for name in (*FEATURE_KINDS, "other"):
        values[f"kind_{name}"] = float(kind == name)
    return values


@dataclass(frozen=True)
class PlaceChooser:
    """A linear scorer over ``features``; the highest-scoring candidate is the event's place."""

    weights: dict[str, float]
    card: dict[str, Any]

    def score(self, values: dict[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in values.items())

    def choose(
        self, ctx: Context, draft: EventDraft, pool: list[PlaceMention],
        chosen: PlaceMention | None,
    ) -> PlaceMention | None:
        if not pool:
            return chosen
        scored = {id(m): features(ctx, draft, m, pool, chosen) for m in pool}
        nearby = [m for m in pool if m is chosen or scored[id(m)]["own_sentence"]
                  or scored[id(m)]["same_paragraph"]]
        return max(nearby or pool, key=lambda m: (self.score(scored[id(m)]), -m.start))

    def save(self, folder: Path) -> Path:
        path = folder / f"{MODEL_NAME}.json"
        meta = {"weights": self.weights, "card": self.card}
        path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return path


def load_place_chooser() -> PlaceChooser | None:
    """The trained chooser of the current model folder, or None (the rules alone decide)."""
    from sitrep.extract.classifier import model_dir

    return _load(model_dir())


@lru_cache(maxsize=8)
def _load(folder: Path) -> PlaceChooser | None:
    path = folder / f"{MODEL_NAME}.json"
    if not path.exists():
        return None
    meta = json.loads(path.read_text(encoding="utf-8"))
    return PlaceChooser({k: float(v) for k, v in meta["weights"].items()}, meta.get("card", {}))


def _same(a: PlaceMention, b: PlaceMention) -> bool:
    pa, pb = a.place, b.place
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return (pa.district or "") == (pb.district or "")
    return (pa.name, pa.district, pa.country_code) == (pb.name, pb.district, pb.country_code)


def _sentence_index(ctx: Context):  # noqa: ANN202 - a small closure over the units
    starts = [unit.start for unit in ctx.units]
    return lambda offset: max(0, bisect_right(starts, offset) - 1)


def _paragraph(ctx: Context, offset: int) -> int:
    for unit in ctx.units:
        if unit.start <= offset < unit.end:
            return unit.paragraph
    return -1
