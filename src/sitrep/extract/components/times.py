"""Time expressions, resolved against the publication date."""

from __future__ import annotations

from sitrep.extract.context import TIMES, Context
from sitrep.extract.registry import component
from sitrep.extract.timex import find_times


@component("times", assigns=(TIMES,))
def find_time_mentions(ctx: Context) -> None:
    body_start = ctx.document.body_start
    ctx.times = [
        t
        for t in find_times(ctx.document.text, ctx.document.published, ctx.doc)
        if t.start >= body_start  # the dateline dates the story, not its events
    ]
