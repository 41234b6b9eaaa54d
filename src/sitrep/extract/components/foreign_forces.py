"""A state's forces acting in another country's territory are external forces (ACLED's inter
code 8): "military forces of Armenia fired on Azerbaijani positions near Tartar"."""

from __future__ import annotations

from dataclasses import replace

from sitrep.extract.context import EVENT_ACTORS, EVENT_PLACES, FOCUS_COUNTRY, Context
from sitrep.extract.registry import component


@component(
    "foreign_forces",
    requires=(EVENT_ACTORS, EVENT_PLACES, FOCUS_COUNTRY),
    assigns=(EVENT_ACTORS,),
)
def mark_foreign_forces(ctx: Context) -> None:
    for draft in ctx.events:
        where = draft.place.place.country_code if draft.place is not None else None
        if not where or where != ctx.focus_country:
            continue  # a place the story is not about may be a namesake abroad
        for side in ("actor1", "actor2"):
            actor = getattr(draft, side)
            # only forces the text names as another state's: "the army" of a story told
            # from abroad, or a town misplaced abroad, says nothing of the kind
            if (
                actor is not None
                and actor.kind == "state_forces"
                and actor.country_stated
                and (actor.country != where)
            ):
                setattr(draft, side, replace(actor, kind="external_forces"))
