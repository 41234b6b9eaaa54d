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

import math
from bisect import bisect_right
from dataclasses import dataclass

from sitrep.extract.choice_training import LinearChooser, load_weights
from sitrep.extract.context import Context, EventDraft
from sitrep.types import PlaceMention

MODEL_NAME = "event_place"
FEATURE_KINDS = ("country", "admin1", "admin2", "city", "district")


def candidates(places: list[PlaceMention]) -> list[PlaceMention]:
    """The mentions an event may be placed at: the body's places and the dateline's."""
    return [m for m in places if not getattr(m, "hint", False)]


@dataclass(frozen=True)
class StoryLayout:
    """What the features need of a story, worked out once for all its drafts and candidates:
    where sentences start, which paragraph each sentence is in, how often each place is named."""

    body_start: int
    focus_country: str | None
    sentence_starts: list[int]
    sentence_ends: list[int]
    paragraphs: list[int]
    first_in_body: PlaceMention | None
    times_named: dict[int, int]  # id(mention) -> mentions of the same place in the pool

    @classmethod
    def of(cls, ctx: Context, pool: list[PlaceMention]) -> StoryLayout:
        body = [m for m in pool if m.start >= ctx.document.body_start]
        return cls(
            body_start=ctx.document.body_start,
            focus_country=ctx.focus_country,
            sentence_starts=[unit.start for unit in ctx.units],
            sentence_ends=[unit.end for unit in ctx.units],
            paragraphs=[unit.paragraph for unit in ctx.units],
            first_in_body=body[0] if body else None,
            times_named={id(m): sum(1 for other in pool if _same(other, m)) for m in pool},
        )

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        """The paragraph of the sentence holding ``offset``; -1 between sentences."""
        index = bisect_right(self.sentence_starts, offset) - 1
        if index < 0 or offset >= self.sentence_ends[index]:
            return -1
        return self.paragraphs[index]


def features(
    layout: StoryLayout, draft: EventDraft, mention: PlaceMention, chosen: PlaceMention | None,
) -> dict[str, float]:
    """How ``mention`` stands to the event ``draft``, as numbers a linear model can weigh."""
    place = mention.place
    in_dateline = mention.start < layout.body_start
    distance = abs(layout.sentence_of(mention.start) - layout.sentence_of(draft.trigger.start))
    same_paragraph = layout.paragraph_of(mention.start) == layout.paragraph_of(draft.trigger.start)
    rank = float(getattr(mention, "rank", 4))
    values = {
        "bias": 1.0,
        "own_sentence": float(draft.start <= mention.start < draft.end),
        "same_paragraph": float(same_paragraph and not in_dateline),
        "sentences_away": math.log1p(distance) if not in_dateline else 0.0,
        "before_event": float(mention.start < draft.trigger.start and not in_dateline),
        "chars_to_trigger": math.log1p(abs(mention.start - draft.trigger.start)) / 10,
        "dateline": float(in_dateline),
        "first_in_body": float(layout.first_in_body is mention),
        "rank": rank / 5,
        "locative": float(bool(getattr(mention, "locative", False))),
        "qualified": float(bool(getattr(mention, "qualified", False))),
        "district_named": float(bool(place.district)),
        "focus_country": float(place.country_code is not None
                               and place.country_code == layout.focus_country),
        "no_country": float(place.country_code is None),
        "times_named": math.log1p(layout.times_named.get(id(mention), 1)),
        "rules_choice": float(chosen is not None and _same(chosen, mention)),
    }
    kind = place.feature if place.feature in FEATURE_KINDS else "other"
    for name in (*FEATURE_KINDS, "other"):
        values[f"kind_{name}"] = float(kind == name)
    return values


@dataclass(frozen=True)
class PlaceChooser(LinearChooser):
    """The linear scorer over ``features``, choosing among the event's nearby places."""

    def choose(
        self, layout: StoryLayout, draft: EventDraft, pool: list[PlaceMention],
        chosen: PlaceMention | None,
    ) -> PlaceMention | None:
        if not pool:
            return chosen
        scored = {id(m): features(layout, draft, m, chosen) for m in pool}
        nearby = [m for m in pool if m is chosen or scored[id(m)]["own_sentence"]
                  or scored[id(m)]["same_paragraph"]]
        return max(nearby or pool, key=lambda m: (self.score(scored[id(m)]), -m.start))


def load_place_chooser() -> PlaceChooser | None:
    """The trained chooser of the current model folder, or None (the rules alone decide)."""
    from sitrep.extract.classifier import model_dir

    found = load_weights(model_dir(), MODEL_NAME)
    return PlaceChooser(*found) if found else None


def _same(a: PlaceMention, b: PlaceMention) -> bool:
    pa, pb = a.place, b.place
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return (pa.district or "") == (pb.district or "")
    return (pa.name, pa.district, pa.country_code) == (pb.name, pb.district, pb.country_code)
