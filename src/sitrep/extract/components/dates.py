"""When each event happened: the time words of its own phrase, sentence, then paragraph."""

from __future__ import annotations

from sitrep.extract.context import ATTRIBUTIONS, EVENT_DATES, EVENTS, TIMES, Context, EventDraft
from sitrep.extract.registry import component
from sitrep.extract.timex import event_date
from sitrep.types import TimeMention


@component("dates", requires=(EVENTS, TIMES, ATTRIBUTIONS), assigns=(EVENT_DATES,))
def date_events(ctx: Context) -> None:
    text = ctx.document.text
    # "X said on Wednesday" dates the telling, not the event
    times = [t for t in ctx.times if not ctx.in_attribution(t.start, t.end)]
    published = ctx.document.published
    for draft in ctx.events:
        draft.time = _in_trigger_phrase(ctx, draft, times) or event_date(
            times, draft.start, draft.end, text, published
        )
        if draft.time is None or not draft.time.text:
            # no date of its own: the date of the telling beats none ("On 2 May, X claimed ...")
            told = event_date(ctx.times, draft.start, draft.end, text, published)
            if told is not None and told.text:
                draft.time = told


def _in_trigger_phrase(
    ctx: Context, draft: EventDraft, times: list[TimeMention]
) -> TimeMention | None:
    """A time word attached to the trigger itself: 'the killing of six priests on 16 November'
    in a sentence that opens 'Today the minister cited ...'."""
    span = ctx.doc.char_span(draft.trigger.start, draft.trigger.end, alignment_mode="expand")
    if span is None or not times:
        return None
    head = span.root
    if head.pos_ in ("VERB", "AUX"):
        return None  # a verb's own sentence dates it; the first time word there is right
    left, right = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    inside = [t for t in times if left <= t.start and t.end <= right]
    return min(inside, key=lambda t: abs(t.start - draft.trigger.start)) if inside else None
