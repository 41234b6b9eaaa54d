"""One sentence per event in ACLED's notes style: date, actors, what happened, place, toll."""

from __future__ import annotations

from functools import lru_cache

from sitrep.extract.context import Context, EventDraft
from sitrep.extract.lexicon import load_json
from sitrep.extract.registry import component
from sitrep.types import Quantity


@lru_cache(maxsize=1)
def _actions() -> dict[str, str]:
    return load_json("summary.json")["actions"]


@component("summary")
def summarize(ctx: Context) -> None:
    for draft in ctx.events:
        draft.summary = summary_of(draft)


def summary_of(draft: EventDraft) -> str:
    parts = []
    if draft.time is not None:
        start, end = draft.time.date_start, draft.time.date_end
        when = (
            f"On {start:%-d %B %Y}"
            if start == end
            else f"Between {start:%-d %B} and {end:%-d %B %Y}"
        )
        parts.append(when + ",")
    actor1 = _actor(draft.actor1) or "unidentified actors"
    parts.append(actor1)
    action = _actions().get(draft.sub_event_type, "acted against")
    target = _actor(draft.actor2)
    if action.endswith((" with", " from", " against", " at", " of", " by", " to")) or action in (
        "shelled",
        "attacked",
        "abducted",
        "arrested",
        "sexually assaulted",
    ):
        parts.append(f"{action} {target}" if target else action.rsplit(" ", 1)[0])
    else:
        parts.append(action)
    if draft.place is not None:
        place = draft.place.place
        where = ", ".join(p for p in (place.district, place.name, place.country) if p)
        parts.append(f"in {where}")
    tolls = [
        _toll(draft.fatalities, "killed"),
        _toll(draft.injuries, "injured"),
        _toll(draft.crowd_size, "taking part"),
    ]
    sentence = " ".join(parts)
    tolls_text = "; ".join(t for t in tolls if t)
    if tolls_text:
        sentence += f" ({tolls_text})"
    return sentence[0].upper() + sentence[1:] + "."


def _actor(actor) -> str | None:
    if actor is None:
        return None
    if actor.text and actor.text.lower() != actor.name.lower():
        return f"{actor.name} ('{actor.text}')"
    return actor.name


def _toll(quantity: Quantity | None, verb: str) -> str | None:
    if quantity is None:
        return None
    if quantity.max is None:
        return f"at least {quantity.min} {verb}"
    if quantity.min == quantity.max:
        return f"{quantity.min} {verb}"
    return f"{quantity.min}-{quantity.max} {verb}"
