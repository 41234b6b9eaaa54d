"""One sentence per event in ACLED's notes style: date, actors, what happened, place, toll."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from sitrep.extract.context import (
    EVENT_ACTORS,
    EVENT_COUNTS,
    EVENT_DATES,
    EVENT_PLACES,
    EVENT_SUMMARIES,
    EVENT_TYPES,
    Context,
    EventDraft,
)
from sitrep.extract.lexicon import load_json
from sitrep.extract.registry import component


@lru_cache(maxsize=1)
def _actions() -> dict[str, str]:
    return load_json("summary.json")["actions"]


@component(
    "summary",
    requires=(EVENT_TYPES, EVENT_ACTORS, EVENT_PLACES, EVENT_DATES, EVENT_COUNTS),
    assigns=(EVENT_SUMMARIES,),
)
def summarize(ctx: Context) -> None:
    for draft in ctx.events:
        draft.summary = summary_of(draft)


def summary_of(draft: EventDraft) -> str:
    place = draft.place.place if draft.place is not None else None
    return summary_from(
        (draft.time.date_start, draft.time.date_end) if draft.time is not None else None,
        _actor(draft.actor1.name, draft.actor1.text) if draft.actor1 else None,
        draft.sub_event_type,
        _actor(draft.actor2.name, draft.actor2.text) if draft.actor2 else None,
        (place.district, place.name, place.country) if place is not None else (),
        [
            _toll(q.min, q.max, verb) if q is not None else None
            for q, verb in (
                (draft.fatalities, "killed"),
                (draft.injuries, "injured"),
                (draft.crowd_size, "taking part"),
            )
        ],
    )


def summary_of_record(record: dict[str, Any]) -> str:
    """The same sentence from an event record (a merged event's own fields and figures)."""
    when = record.get("date") or {}
    days = None
    if when.get("start"):
        days = (
            date.fromisoformat(when["start"]),
            date.fromisoformat(when.get("end") or when["start"]),
        )
    actors = [
        _actor(a.get("name"), a.get("source_label")) if isinstance(a, dict) else None
        for a in (record.get("actor1"), record.get("actor2"))
    ]
    loc = record.get("location") or {}
    tolls = []
    for field, verb in (
        ("fatalities", "killed"),
        ("injuries", "injured"),
        ("crowd_size", "taking part"),
    ):
        q = record.get(field)
        tolls.append(_toll(q.get("min"), q.get("max"), verb) if isinstance(q, dict) else None)
    return summary_from(
        days,
        actors[0],
        record.get("sub_event_type"),
        actors[1],
        (loc.get("district"), loc.get("name"), loc.get("country")),
        tolls,
    )


def summary_from(
    days: tuple[date, date] | None,
    actor1: str | None,
    sub_event_type: str | None,
    actor2: str | None,
    place: tuple,
    tolls: list[str | None],
) -> str:
    parts = []
    if days is not None:
        start, end = days
        when = (
            f"On {start:%-d %B %Y}"
            if start == end
            else f"Between {start:%-d %B} and {end:%-d %B %Y}"
        )
        parts.append(when + ",")
    parts.append(actor1 or "unidentified actors")
    action = _actions().get(sub_event_type or "", "acted against")
    if action.endswith((" with", " from", " against", " at", " of", " by", " to")) or action in (
        "shelled",
        "attacked",
        "abducted",
        "arrested",
        "sexually assaulted",
    ):
        parts.append(f"{action} {actor2}" if actor2 else action.rsplit(" ", 1)[0])
    else:
        parts.append(action)
    where = ", ".join(p for p in place if p)
    if where:
        parts.append(f"in {where}")
    sentence = " ".join(parts)
    tolls_text = "; ".join(t for t in tolls if t)
    if tolls_text:
        sentence += f" ({tolls_text})"
    return sentence[0].upper() + sentence[1:] + "."


def _actor(name: str | None, label: str | None) -> str | None:
    if not name:
        return None
    if label and label.lower() != name.lower():
        return f"{name} ('{label}')"
    return name


def _toll(low: int | None, high: int | None, verb: str) -> str | None:
    if low is None:
        return None
    if high is None:
        return f"at least {low} {verb}"
    if low == high:
        return f"{low} {verb}"
    return f"{low}-{high} {verb}"
