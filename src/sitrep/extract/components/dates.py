"""When each event happened: the time words of its own phrase, sentence, then paragraph.

With a trained date chooser (``date_choice``) the rules' choice is one candidate among the
time words near the event and the report's week, and the chooser's best wins.
"""

from __future__ import annotations

from sitrep.extract.context import ATTRIBUTIONS, EVENT_DATES, EVENTS, TIMES, Context, EventDraft
from sitrep.extract.date_choice import DateLayout, draft_candidates, load_date_chooser
from sitrep.extract.registry import component, settings_of
from sitrep.extract.timex import event_date
from sitrep.types import TimeMention

SETTINGS = {
    # choose each event's date with the learned chooser (data/models/event_date.json) among
    # the time words within a few sentences, the rules' choice and the report's week; false:
    # the rules' order alone (trigger phrase, own sentence, paragraph, report week)
    "learned_choice": True,
}


@component("dates", requires=(EVENTS, TIMES, ATTRIBUTIONS), assigns=(EVENT_DATES,),
           default_config=SETTINGS)
def date_events(ctx: Context) -> None:
    chooser = load_date_chooser() if settings_of(ctx, "dates")["learned_choice"] else None
    layout = DateLayout.of(ctx, ctx.times) if chooser is not None else None
    for draft in ctx.events:
        chosen = rules_date(ctx, draft)
        if chooser is not None and layout is not None:
            pool, values = draft_candidates(ctx, layout, draft, chosen)
            if pool:
                scores = [chooser.score(v) for v in values]
                chosen = pool[max(range(len(pool)), key=lambda i: (scores[i], -i))]
        draft.time = chosen


def rules_date(ctx: Context, draft: EventDraft) -> TimeMention | None:
    """The date the hand-ordered rules give ``draft``."""
    text = ctx.document.text
    # "X said on Wednesday" dates the telling, not the event
    times = [t for t in ctx.times if not ctx.in_attribution(t.start, t.end)]
    published = ctx.document.published
    time = _in_trigger_phrase(ctx, draft, times) or event_date(
        times, draft.start, draft.end, text, published
    )
    if time is None or not time.text:
        # no date of its own: the date of the telling beats none ("On 2 May, X claimed ...")
        told = event_date(ctx.times, draft.start, draft.end, text, published)
        if told is not None and told.text:
            time = told
    return time


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
