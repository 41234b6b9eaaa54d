"""One event per happening: a story tells the same event twice (lead, then quote); merge them.

Two drafts are one event when their types agree, their own dates, places and tolls do not
contradict each other, and they do not come from one sentence (which, when it names two
places taken, means two events). The questions any two reports are asked live in
``sitrep.same_event``, shared with the merge across stories; ``view_of`` adapts a draft to them.
What only one story has stays here: its sentences and paragraphs, a deed referred back to
("the protest"), a draft that adds detail to the one before, victims named again as known
ones ("the Jesuits"), and the report's own day.
"""

from __future__ import annotations

import re
from datetime import date

from sitrep.extract.components.locations import is_vague_district
from sitrep.extract.components.typing import retype
from sitrep.extract.context import (
    EVENT_ACTORS,
    EVENT_COUNTS,
    EVENT_DATES,
    EVENT_PLACES,
    EVENT_TYPES,
    EVENTS,
    Claim,
    Context,
    EventDraft,
)
from sitrep.extract.counts import add_ranges
from sitrep.extract.marks import marks_of
from sitrep.extract.protest_force import force_at_protest
from sitrep.extract.registry import component
from sitrep.extract.type_actors import protest_conventions
from sitrep.ontology import ARMED_KINDS, CROWD_KINDS, POLITICAL_VIOLENCE
from sitrep.same_event import (
    SPECIFICITY,
    EventView,
    dated_by_its_telling,
    fold,
    kinds_of,
    one_reading,
    other_countries,
    other_districts,
    other_towns,
    sides_share_a_kind,
    windows_nest,
)
from sitrep.types import Quantity


@component(
    "dedupe",
    requires=(EVENT_TYPES, EVENT_ACTORS, EVENT_PLACES, EVENT_DATES, EVENT_COUNTS),
    assigns=(EVENTS,),
)
def merge_duplicates(ctx: Context) -> None:
    kept: list[EventDraft] = []
    paragraph_of = {u.index: u.paragraph for u in ctx.units}
    for draft in ctx.events:
        twin = next((k for k in kept if told_twice(k, draft)), None) or next(
            (k for k in kept if retold(k, draft, ctx.document.text, ctx.document.published)), None
        )
        if (
            twin is None
            and kept
            and (_is_elaboration(draft) or _refers_back(draft, kept[-1], ctx.document.text))
        ):
            previous = kept[-1]
            if (
                paragraph_of.get(previous.sentence_index) == paragraph_of.get(draft.sentence_index)
                and previous.sentence_index != draft.sentence_index
            ):
                twin = previous  # (two deeds of one sentence are two events)
        if twin is None:
            kept.append(draft)
        else:
            if twin.event_type != draft.event_type:
                # "Gunmen attacked the village. They threw grenades.": type the whole report
                twin.cues = twin.cues + draft.cues
                retype(ctx, twin)
            absorb(twin, draft)
            _keep_earliest_date(twin, draft)
            if twin.event_type == "Protests":
                _upgrade_protest(ctx, twin, draft)
    ctx.events = _join_retold(kept, ctx)
    for event in ctx.events:
        # what a merged sentence added (the workers "fired", the man "killed" named in the
        # crowd's demands) gives a protest no second actor and no toll
        protest_conventions(event)


def _join_retold(drafts: list[EventDraft], ctx: Context) -> list[EventDraft]:
    """Second pass: drafts that only now name their victims (a clash that took in a later
    sentence's "the Jesuits") may retell an earlier draft; the earlier one keeps its type."""
    kept: list[EventDraft] = []
    for draft in drafts:
        twin = next(
            (k for k in kept if retold(k, draft, ctx.document.text, ctx.document.published)), None
        )
        if twin is None:
            kept.append(draft)
            continue
        absorb(twin, draft)
        _keep_earliest_date(twin, draft)
    return kept


def _upgrade_protest(ctx: Context, protest: EventDraft, detail: EventDraft) -> None:
    """'Police fired tear gas to disperse the crowd.' after a protest: it met intervention."""
    force = force_at_protest(ctx, detail.start, detail.end)
    order = SPECIFICITY["Protests"]
    if force in order and order.index(force) > order.index(protest.sub_event_type):
        protest.sub_event_type = force
    named = [
        a
        for a in (detail.actor1, detail.actor2)
        if a is not None and a.start >= 0 and a.kind in ARMED_KINDS
    ]
    if force == protest.sub_event_type == "Protest with intervention" and named:
        # the force the sentence of the tear gas names is who intervened (actor2 of a protest
        # with intervention), not one the crowd's demands name ("the release of relatives
        # detained by the security forces"); lethal force keeps the protesters as actor2
        protest.actor2 = named[0]


_BACK_REFERENCE = re.compile(r"\b(?:the|this|that)\s+$", re.I)


def _refers_back(draft: EventDraft, previous: EventDraft, text: str) -> bool:
    """ "The protest was initiated by Don't Let Belgrade D(r)own": a deed named with the
    definite article, right after a deed of its type and with no date of its own, is that
    deed again, whatever place the sentence names in passing."""
    own_time = draft.time is not None and draft.time.text and draft.start <= draft.time.start
    start = draft.trigger.start
    return (
        not own_time
        and draft.event_type == previous.event_type
        and bool(_BACK_REFERENCE.search(text[max(0, start - 6) : start]))
    )


def _is_elaboration(draft: EventDraft) -> bool:
    """A sentence with no date and no place of its own adds detail to the event before it.

    ("At least one soldier was killed.", "Protesters demanded justice.")
    """
    own_time = draft.time is not None and draft.time.text and draft.start <= draft.time.start
    return not own_time and not draft.place_is_own


def view_of(draft: EventDraft) -> EventView:
    """The shared view of a draft, with only what its own words say: the date it states and
    the place its own sentence names (a date or place the story lends every draft, the
    dateline's or the paragraph's, tells nothing about which event it is), and actor1's kind
    only where the parse found the doer. A district that only names a part of town ("eastern
    Aleppo") is no quarter."""
    time = draft.time if draft.time is not None and draft.time.text else None
    place = draft.place.place if draft.place is not None and draft.place_is_own else None
    kind1 = draft.actor1.kind if draft.actor1 is not None and draft.actor1_from_syntax else None
    kind2 = draft.actor2.kind if draft.actor2 is not None else None
    where = {} if place is None else {
        "town": fold(place.name),
        "district": "" if is_vague_district(place.district) else fold(place.district),
        "admin1": fold(place.admin1), "country_code": place.country_code,
        "lat": place.lat, "lon": place.lon, "geo_precision": place.precision,
    }
    return EventView(
        event_type=draft.event_type, sub_event_type=draft.sub_event_type,
        date_start=time.date_start if time else None, date_end=time.date_end if time else None,
        kind1=kind1, kind2=kind2, kinds=kinds_of(kind1, kind2), **where,
    )


def told_twice(a: EventDraft, b: EventDraft) -> bool:
    """Two sentences of the story report one deed: one type read the same way, and nothing
    they state contradicts (date, place, tolls, who acted). Stricter on type than the merge
    (``same_event.one_reading``, not ``types_compatible``): one teller types one deed the
    same way each time, where outlets differ."""
    if a.sentence_index == b.sentence_index:
        return False
    one, two = view_of(a), view_of(b)
    return (
        one_reading(one, two)
        and _dates_agree(one, two, nested=False)
        and _places_agree(one, two)
        and _counts_agree(a.fatalities, b.fatalities)
        and _counts_agree(a.crowd_size, b.crowd_size)
        and _actors_agree(one, two)
    )


_DEFINITE = re.compile(r"\b(?:the|these|those|their|its|his|her)\s+(?:[\w-]+\s+){0,3}$", re.I)


def _definite(text: str, start: int) -> bool:
    """The victims are named as already known: "the (six) Jesuits", "their students"."""
    return start > 0 and bool(_DEFINITE.search(text[max(0, start - 50) : start]))


def retold(a: EventDraft, b: EventDraft, text: str, published: date | None = None) -> bool:
    """The story tells one incident again by its victims ("six Jesuit priests ... the murder of
    the Jesuits"): violence both times, the same distinctive words for who was hit (see
    ``marks``), no two different places, and no two different dates of the incident. A
    retelling dated on the day of the report or the day before ("a statement released today
    deplored the murder of six Jesuits") carries the date of the telling, not of the deed; two
    attacks on students dated apart are two."""
    if (a.sentence_index == b.sentence_index
            or not {a.event_type, b.event_type} <= POLITICAL_VIOLENCE):
        return False
    if a.actor2 is None or b.actor2 is None:
        return False
    if not marks_of([a.actor2.text]) & marks_of([b.actor2.text]):
        return False
    if not (_definite(text, a.actor2.start) or _definite(text, b.actor2.start)):
        return False  # "a reporter ... a reporter": two people; "the six Jesuits": known ones
    one, two = view_of(a), view_of(b)
    if not _places_agree(one, two):
        return False
    return (
        _dates_agree(one, two, nested=True)
        or _told_on_report_day(one, two, published)
        or _told_on_report_day(two, one, published)
    )


def _told_on_report_day(telling: EventView, deed: EventView, published: date | None) -> bool:
    """``telling`` is dated to one day, that of its telling (``same_event.
    dated_by_its_telling``), and ``deed`` earlier."""
    if telling.span != 0 or deed.date_end is None or not dated_by_its_telling(telling, published):
        return False
    return deed.date_end < telling.date_start  # type: ignore[operator]


def _keep_earliest_date(into: EventDraft, other: EventDraft) -> None:
    """Of two stated dates of one incident, the earlier is when it happened."""
    mine, theirs = into.time, other.time
    if mine is None or theirs is None or not theirs.text or theirs.date_start is None:
        return
    if not mine.text or mine.date_start is None or theirs.date_start < mine.date_start:
        into.time = theirs


def absorb(into: EventDraft, other: EventDraft) -> None:
    """Keep the first report, filling what it lacks from the second."""
    order = SPECIFICITY.get(into.event_type, [])
    if (
        into.sub_event_type in order
        and other.sub_event_type in order
        and order.index(other.sub_event_type) > order.index(into.sub_event_type)
    ):
        into.sub_event_type = other.sub_event_type
    if other.place and (
        into.place is None
        or (
            other.place.place.district
            and not is_vague_district(other.place.place.district)
            and (not into.place.place.district or is_vague_district(into.place.place.district))
        )
    ):
        into.place = other.place
        into.place_is_own = other.place_is_own
    if into.time is None or (not into.time.text and other.time and other.time.text):
        into.time = other.time
    two_sides = _another_source(other.claim, [into.claim, *into.other_claims])
    for field in ("fatalities", "injuries", "crowd_size"):
        mine, theirs = getattr(into, field), getattr(other, field)
        if mine is None:
            setattr(into, field, theirs)
        elif theirs is not None and two_sides and field != "crowd_size":
            if _other_victims(into, other):
                # each side's toll of its own dead ("police said 15 farmers were killed; the
                # army said it killed 30 of the attackers"): the incident's toll is both
                setattr(into, field, _sum(mine, theirs))
            else:
                # two sources' tolls of the same victims: the range they span, not a sum
                setattr(into, field, _span(mine, theirs))
    for field in ("actor1", "actor2"):
        mine, theirs = getattr(into, field), getattr(other, field)
        if theirs is not None and (mine is None or (mine.start < 0 <= theirs.start)):
            setattr(into, field, theirs)
    if other.actor1_from_syntax and not into.actor1_from_syntax and other.actor1 is not None:
        into.actor1, into.actor1_from_syntax = other.actor1, True
    if into.claim is None or (into.claim.claimant is None and other.claim):
        into.claim = other.claim
    for claim in [other.claim, *other.other_claims]:
        if _another_source(claim, [into.claim, *into.other_claims]):
            into.other_claims.append(claim)  # both sides' accounts of one incident
    into.extra_spans.append(other.trigger)


def _span(a: Quantity, b: Quantity) -> Quantity:
    """The range two tolls span, from the lower minimum to the higher maximum (open if
    either is)."""
    low = min((q for q in (a, b) if q.min is not None), key=lambda q: q.min, default=a)
    high = None if a.max is None or b.max is None else max(a.max, b.max)
    first, last = sorted((a, b), key=lambda q: q.start)
    return Quantity(low.min, high, f"{first.text} / {last.text}", first.start, first.end)


def _sum(a: Quantity, b: Quantity) -> Quantity:
    """Two tolls of different people: together they are the incident's toll."""
    low, high = add_ranges((a.min, a.max), (b.min, b.max))
    first, last = sorted((a, b), key=lambda q: q.start)
    return Quantity(low, high, f"{first.text} + {last.text}", first.start, first.end)


def _other_victims(a: EventDraft, b: EventDraft) -> bool:
    """Both reports name whom their toll hit (in their own words, not inferred), and those
    are different kinds of people."""
    return (a.actor2 is not None and b.actor2 is not None
            and a.actor2.start >= 0 and b.actor2.start >= 0
            and a.actor2.kind != b.actor2.kind)


def _another_source(claim: Claim | None, known: list[Claim | None]) -> bool:
    """A claim by someone the event's claims do not yet name (a person or a body)."""
    if claim is None or not (claim.claimant or claim.claimant_org):
        return False
    return all(
        k is None or (k.claimant, k.claimant_org) != (claim.claimant, claim.claimant_org)
        for k in known
    )


def _dates_agree(a: EventView, b: EventView, *, nested: bool) -> bool:
    """A draft states no date (in one story, a sentence that says not when tells of the
    story's day), or both state the same window, or, when ``nested``, one holds the other
    ("this year" and "today", ``same_event.windows_nest``; across stories a window longer than
    a few days ties nothing, but within one it is the story's own account of its victims).

    Only a retelling by its victims may nest: for two deeds of one type and nothing more in
    common, nesting joined 13 more ACLED 2022 reports but dated 9 fewer events right (the
    earlier start, a week's, is kept), so they must state the same window."""
    if a.date_start is None or b.date_start is None:
        return True
    if nested:
        return windows_nest(a, b)
    return (a.date_start, a.date_end) == (b.date_start, b.date_end)


def _places_agree(a: EventView, b: EventView) -> bool:
    """No two countries, towns or quarters. Two towns named differently are two places
    however near (one teller names one place the same way; across outlets spellings and
    gazetteer choices differ, so the merge goes by distance), and a draft whose sentence
    names no place agrees with any."""
    if a.geo_precision is None or b.geo_precision is None:
        return True
    return not (other_countries(a, b) or other_towns(a, b) or other_districts(a, b))


def _counts_agree(x, y) -> bool:
    return x is None or y is None or (x.min, x.max) == (y.min, y.max)


def _actors_agree(a: EventView, b: EventView) -> bool:
    """Where the parse found both doers: a clash shares a side (either may be told as the
    one acting); any other deed has one kind of doer, or two names for an unarmed crowd. One
    teller names the doer the same way each time, so another doer is another deed; across
    outlets who did it is what sources disagree on most (``same_event.kinds_compatible``)."""
    if a.kind1 is None or b.kind1 is None:
        return True
    if a.event_type == "Battles":
        return sides_share_a_kind(a, b)
    return a.kind1 == b.kind1 or {a.kind1, b.kind1} <= CROWD_KINDS
