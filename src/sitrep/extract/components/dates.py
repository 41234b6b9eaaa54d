"""When each event happened: the time words of its own sentence, else of its paragraph."""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.extract.registry import component
from sitrep.extract.timex import event_date


@component("dates")
def date_events(ctx: Context) -> None:
    text = ctx.document.text
    # "X said on Wednesday" dates the telling, not the event
    times = [t for t in ctx.times if not ctx.in_attribution(t.start, t.end)]
    for draft in ctx.events:
        draft.time = event_date(times, draft.start, draft.end, text, ctx.document.published)
