"""Turn a finished event draft into the JSON record of shared/docs/event-record.md."""

from __future__ import annotations

import hashlib
from typing import Any

from sitrep.extract.context import Claim, Context, EventDraft
from sitrep.types import ActorMention, PlaceMention, Quantity, Span, TimeMention


def event_record(ctx: Context, draft: EventDraft) -> dict[str, Any]:
    document = ctx.document
    claim = (
        draft.claim
        or ctx.claims_by_sentence.get(draft.sentence_index)
        or Claim(outlet=document.outlet)
    )
    evidence = _evidence(ctx, draft, claim)
    own = _own_sentences(ctx, draft)
    return {
        "event_id": event_id(document.id, document.text, draft),
        "event_type": draft.event_type,
        "sub_event_type": draft.sub_event_type,
        "date": date_of(draft.time),
        "actor1": _actor(draft.actor1, own),
        "actor2": _actor(draft.actor2, own),
        "location": _location(draft),
        "fatalities": _quantity(draft.fatalities),
        "injuries": _quantity(draft.injuries),
        "crowd_size": _quantity(draft.crowd_size),
        "claims": [_claim(c) for c in (claim, *draft.other_claims)],
        "summary": draft.summary,
        "evidence": evidence,
    }


def event_id(doc_id: str, text: str, draft: EventDraft) -> str:
    """Same input, same id: hashed from the document and the words of the event."""
    key = f"{doc_id}|{hashlib.sha1(text.encode('utf-8')).hexdigest()}|{draft.trigger.start}|"
    key += f"{draft.place.start if draft.place else -1}|{draft.sub_event_type}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def date_of(time: TimeMention | None) -> dict[str, Any]:
    """The record's ``date`` object for a time mention (all null for none)."""
    if time is None:
        return {"start": None, "end": None, "precision": None, "text": None}
    return {
        "start": time.date_start.isoformat(),
        "end": time.date_end.isoformat(),
        "precision": time.precision,
        "text": time.text or None,
    }


def _actor(actor: ActorMention | None, own: list[tuple[int, int]]) -> dict[str, Any] | None:
    """The actor's record; ``inferred`` when no sentence that tells the event names it (the
    group a story keeps naming, or the unidentified group a killing implies)."""
    if actor is None:
        return None
    record = actor.to_record()
    record["source_label"] = actor.text or None
    record["inferred"] = not (actor.text and any(s <= actor.start < e for s, e in own))
    return record


def _own_sentences(ctx: Context, draft: EventDraft) -> list[tuple[int, int]]:
    """The sentences that tell the event: its own, and those of duplicates merged into it."""
    triggers = [draft.trigger.start, *(s.start for s in draft.extra_spans)]
    own = [(u.start, u.end) for u in ctx.units if any(u.start <= t < u.end for t in triggers)]
    return own or [(draft.start, draft.end)]


def _location(draft: EventDraft) -> dict[str, Any]:
    return location_of(draft.place)


def location_of(mention: PlaceMention | None) -> dict[str, Any]:
    """The record's ``location`` object for a place mention (all null for none)."""
    if mention is None:
        return {
            "name": None,
            "district": None,
            "admin1": None,
            "admin2": None,
            "admin3": None,
            "country": None,
            "country_code": None,
            "lat": None,
            "lon": None,
            "geonameid": None,
            "precision": None,
            "text": None,
        }
    place = mention.place
    return {
        "name": place.name,
        "district": place.district,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": place.admin3,
        "country": place.country,
        "country_code": place.country_code,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
        "precision": place.precision,
        "text": mention.text or None,
    }


def _quantity(quantity: Quantity | None) -> dict[str, Any] | None:
    if quantity is None:
        return None
    return {"min": quantity.min, "max": quantity.max, "text": quantity.text}


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "outlet": claim.outlet,
        "claimant": claim.claimant,
        "claimant_role": claim.claimant_role,
        "claimant_org": claim.claimant_org,
        "party_to_conflict": claim.party_to_conflict,
        "quote": claim.quote,
        "evidence": [s.to_dict() for s in claim.evidence],
    }


def _evidence(ctx: Context, draft: EventDraft, claim: Claim) -> list[dict[str, Any]]:
    """Character spans behind every field, each labelled with the field it supports."""
    text = ctx.document.text
    items: list[tuple[str, int, int]] = [("trigger", draft.trigger.start, draft.trigger.end)]
    items += [("trigger", s.start, s.end) for s in draft.extra_spans]
    for field, actor in (("actor1", draft.actor1), ("actor2", draft.actor2)):
        if actor is not None and actor.start >= 0:
            items.append((field, actor.start, actor.end))
    if draft.time is not None and draft.time.text:
        items.append(("date", draft.time.start, draft.time.end))
    if draft.place is not None and draft.place.end > draft.place.start:
        items.append(("location", draft.place.start, draft.place.end))
    for field in ("fatalities", "injuries", "crowd_size"):
        quantity = getattr(draft, field)
        if quantity is not None and quantity.end > quantity.start:
            items.append((field, quantity.start, quantity.end))
    items += [("claimant", s.start, s.end) for s in claim.evidence]
    seen = set()
    spans = []
    for field, start, end in items:
        if (field, start, end) in seen or start < 0 or end > len(text):
            continue
        seen.add((field, start, end))
        spans.append({**Span(start, end, text[start:end]).to_dict(), "field": field})
    return spans
