"""Where each event happened: the place of its own words, then its paragraph, then the focus.

A change of territory is counted per place, as ACLED codes one territorial event per location:
"gained control of quarters A and B" is two events.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from sitrep.extract.context import (
    EVENT_PLACES,
    EVENT_TYPES,
    FOCUS_COUNTRY,
    PLACES,
    Context,
    EventDraft,
)
from sitrep.extract.place_choice import StoryLayout, candidates, load_place_chooser
from sitrep.extract.registry import component, settings_of
from sitrep.types import PlaceMention

SETTINGS = {
    # choose each event's place with the learned chooser (data/models/event_place.json), among
    # the places of its own sentence and paragraph and the rules' choice; false: the rules'
    # order alone (own sentence, paragraph, focus city, dateline)
    "learned_choice": True,
}

TERRITORIAL = {"Government regains territory", "Non-state actor overtakes territory"}
_COMPASS = re.compile(
    r"\b(north|south|east|west|northern|southern|eastern|western|central|outskirts|"
    r"north-?east|north-?west|south-?east|south-?west|northeastern|northwestern|"
    r"southeastern|southwestern|downtown|centre|center)\b",
    re.IGNORECASE,
)


def is_vague_district(district: str | None) -> bool:
    """'eastern Aleppo' or 'the western outskirts' name a part of town, not a quarter."""
    return bool(district) and bool(_COMPASS.search(district))


def event_place_pool(ctx: Context) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """(the candidates an event may be placed at, the mentions the rules look through)."""
    # "X told reporters in Kabul": the place of the telling is not the place of the event
    places = [p for p in ctx.places if not ctx.in_attribution(p.start, p.end)]
    return candidates(places), places


def rules_place(ctx: Context, places: list[PlaceMention], draft: EventDraft):  # noqa: ANN201
    """The place the hand-ordered rules give: own words, paragraph, focus city, dateline."""
    from sitrep.geo import Geocoder

    return Geocoder.default().locate_event(
        places, draft.start, draft.end, ctx.document, ctx.doc, ctx.focus_country
    )


@component(
    "locations",
    requires=(EVENT_TYPES, PLACES, FOCUS_COUNTRY),
    assigns=(EVENT_PLACES,),
    default_config=SETTINGS,
)
def locate_events(ctx: Context) -> None:
    pool, places = event_place_pool(ctx)
    chooser = load_place_chooser() if settings_of(ctx, "locations")["learned_choice"] else None
    layout = StoryLayout.of(ctx, pool) if chooser is not None else None
    located: list[EventDraft] = []
    for draft in ctx.events:
        draft.place = rules_place(ctx, places, draft)
        if chooser is not None:
            draft.place = chooser.choose(layout, draft, pool, draft.place)
        draft.place_is_own = (
            draft.place is not None and draft.start <= draft.place.start < draft.end
        )
        districts = _districts_in(places, draft)
        if draft.sub_event_type in TERRITORIAL and len(districts) > 1:
            located.extend(
                replace(draft, place=mention, place_is_own=True) for mention in districts
            )
        else:
            located.append(draft)
    focus = _focus_district(places)
    for draft in located:
        place = draft.place
        if focus and place and not place.place.district and place.place.name == focus.place.name:
            # "in Aleppo" in a story about eastern Aleppo: the part of town the story is about
            draft.place = focus
    ctx.events = located


def _focus_district(places: list[PlaceMention]) -> PlaceMention | None:
    """The part of a town that the story keeps naming ("eastern Aleppo"), if any."""
    vague = [m for m in places if m.place.district and is_vague_district(m.place.district)]
    if not vague:
        return None
    names = Counter(m.place.district.lower() for m in vague)
    top = names.most_common(1)[0][0]
    return next(m for m in vague if m.place.district.lower() == top)


def _districts_in(places: list[PlaceMention], draft: EventDraft) -> list[PlaceMention]:
    """Distinct named districts of one town in the event's own sentence."""
    seen: dict[str, PlaceMention] = {}
    for mention in places:
        place = mention.place
        if (
            draft.start <= mention.start < draft.end
            and place.district
            and not is_vague_district(place.district)
        ):
            seen.setdefault(place.district.lower(), mention)
    towns = {m.place.name for m in seen.values()}
    return list(seen.values()) if len(towns) == 1 else []
