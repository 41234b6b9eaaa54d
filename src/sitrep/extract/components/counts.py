"""How many: fatalities and injuries of every event, crowd size of protests and riots.

The parse goes along so that counts read who is harmed and who claims each toll.
"""

from __future__ import annotations

from sitrep.extract.context import EVENT_COUNTS, EVENTS, Context
from sitrep.extract.counts import find_casualties, find_crowd_size
from sitrep.extract.registry import component

CROWD_TYPES = {"Protests", "Riots"}


@component("counts", requires=(EVENTS,), assigns=(EVENT_COUNTS,))
def count_people(ctx: Context) -> None:
    text = ctx.document.text
    for draft in ctx.events:
        casualties = find_casualties(text, draft.start, draft.end, ctx.doc)
        draft.fatalities = casualties.get("fatalities")
        draft.injuries = casualties.get("injuries")
        if draft.event_type in CROWD_TYPES:
            draft.crowd_size = find_crowd_size(text, draft.start, draft.end, ctx.doc)
