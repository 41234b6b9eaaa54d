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
    published = ctx.document.published
    for draft in ctx.events:
        draft.time = event_date(times, draft.start, draft.end, text, published)
        if draft.time is None or not draft.time.text:
            # no date of its own: the date of the telling beats none ("On 2 May, X claimed ...")
            told = event_date(ctx.times, draft.start, draft.end, text, published)
            if told is not None and told.text:
                draft.time = told
