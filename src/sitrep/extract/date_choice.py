"""Which of a story's time expressions dates an event: a learned choice among nearby mentions.

The rules (``timex.event_date``) take the first time word of the event's sentence, else the
nearest before it in its paragraph, else the report's week. That order suits ACLED's summaries
("On 9 May 2020, ...") but not news copy, where a sentence may name the day of the telling, of
an earlier deed and of the event ("the 7 January assassination ..., the ministry said
today"). Here every time mention near the event, and the report's week, is a candidate,
described by where it stands to the event's words in the text and in the parse and by what it
resolves to; a logistic model trained on the gold dates of the dev sets
(``date_choice_training``) scores each, and the best wins. The rules' choice is a feature, so
the model learns when to overrule it. The weights are plain numbers in ``event_date.json``.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitrep.extract.choice_training import LinearChooser, load_weights
from sitrep.extract.context import Context, EventDraft
from sitrep.extract.timex import report_week
from sitrep.types import TimeMention

MODEL_NAME = "event_date"
PRECISIONS = ("day", "week", "month", "year")
# mentions this many sentences before or after the event, in its own paragraph, are candidates:
# a chooser free to take a day from another paragraph dated a story's back-reference ("No group
# has claimed the blast.") by the day of another incident, which then no longer joined its own
SENTENCES_AROUND = 3


@dataclass(frozen=True)
class DateLayout:
    """What the features need of a story, worked out once for all its drafts."""

    body_start: int
    published: date | None
    sentence_starts: list[int]
    paragraphs: list[int]
    mention_heads: dict[int, Any]  # id(mention) -> the spaCy token that heads its words

    @classmethod
    def of(cls, ctx: Context, times: list[TimeMention]) -> DateLayout:
        heads = {}
        if ctx.doc is not None:
            for mention in times:
                span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None and len(span):
                    heads[id(mention)] = span.root
        return cls(
            body_start=ctx.document.body_start,
            published=ctx.document.published,
            sentence_starts=[unit.start for unit in ctx.units],
            paragraphs=[unit.paragraph for unit in ctx.units],
            mention_heads=heads,
        )

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        if not self.paragraphs:
            return 0
        return self.paragraphs[min(self.sentence_of(offset), len(self.paragraphs) - 1)]


def candidates(
    layout: DateLayout, draft: EventDraft, times: list[TimeMention],
    chosen: TimeMention | None,
) -> list[TimeMention]:
    """The mentions within a few sentences of the event in its paragraph, the rules' choice,
    the report's week."""
    here = layout.sentence_of(draft.trigger.start)
    paragraph = layout.paragraph_of(draft.trigger.start)
    pool = [t for t in times
            if t.text and abs(layout.sentence_of(t.start) - here) <= SENTENCES_AROUND
            and layout.paragraph_of(t.start) == paragraph]
    if chosen is not None and all(chosen is not t for t in pool) and chosen.text:
        pool.append(chosen)
    fallback = report_week(draft.start, layout.published)
    if fallback is not None:
        pool.append(fallback)
    return pool


def _ancestors(token: Any) -> list[Any]:
    found = []
    while token.head is not token and len(found) < 40:
        token = token.head
        found.append(token)
    return found


def _clause_verb(token: Any) -> Any:
    """The verb whose clause holds ``token`` (the token itself when it is one)."""
    for candidate in [token, *_ancestors(token)]:
        if candidate.pos_ in ("VERB", "AUX"):
            return candidate
    return None


def features(
    layout: DateLayout, draft: EventDraft, mention: TimeMention, chosen: TimeMention | None,
    trigger_head: Any, in_attribution: bool,
) -> dict[str, float]:
    """How ``mention`` stands to the event ``draft``, as numbers a linear model can weigh."""
    if not mention.text:  # the report's week: what it is, nothing about where
        return {"bias": 1.0, "report_week": 1.0,
                "rules_choice": float(chosen is not None and not chosen.text)}
    distance = layout.sentence_of(mention.start) - layout.sentence_of(draft.trigger.start)
    in_dateline = mention.start < layout.body_start
    head = layout.mention_heads.get(id(mention))
    # spaCy makes a new Token object on each access: tokens are compared by index
    above = {a.i for a in _ancestors(head)} if head is not None else set()
    event_verb = _clause_verb(trigger_head) if trigger_head is not None else None
    clause = _clause_verb(head) if head is not None else None
    governed = event_verb is not None and event_verb.i in above
    shares_clause = clause is not None and event_verb is not None and clause.i == event_verb.i
    values = {
        "bias": 1.0,
        "own_sentence": float(draft.start <= mention.start < draft.end),
        "before_trigger": float(mention.start < draft.trigger.start and distance == 0),
        "after_trigger": float(mention.start >= draft.trigger.end and distance == 0),
        "sentences_before": math.log1p(-distance) if distance < 0 else 0.0,
        "sentences_after": math.log1p(distance) if distance > 0 else 0.0,
        "same_paragraph": float(layout.paragraph_of(mention.start)
                                == layout.paragraph_of(draft.trigger.start)),
        "chars_to_trigger": math.log1p(abs(mention.start - draft.trigger.start)) / 10,
        "dateline": float(in_dateline),
        "attribution": float(in_attribution),
        "governed_by_event_verb": float(governed),
        "shares_clause": float(shares_clause),
        "in_other_clause": float(clause is not None and event_verb is not None
                                 and clause.i != event_verb.i and distance == 0),
        "has_number": float(any(c.isdigit() for c in mention.text)),
        "rules_choice": float(chosen is not None and chosen is mention),
    }
    for name in PRECISIONS:
        values[f"precision_{name}"] = float(mention.precision == name)
    if layout.published is not None:
        before = (layout.published - mention.date_end).days
        values["days_before_report"] = math.log1p(max(0, before)) / 5
        values["after_report"] = float(before < 0)
        values["report_day"] = float(before == 0)
    return values


def trigger_head_of(ctx: Context, draft: EventDraft) -> Any:
    if ctx.doc is None:
        return None
    span = ctx.doc.char_span(draft.trigger.start, draft.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def draft_candidates(
    ctx: Context, layout: DateLayout, draft: EventDraft, chosen: TimeMention | None,
) -> tuple[list[TimeMention], list[dict[str, float]]]:
    """The draft's candidate dates and each one's features."""
    head = trigger_head_of(ctx, draft)
    pool = candidates(layout, draft, ctx.times, chosen)
    values = [features(layout, draft, t, chosen, head, ctx.in_attribution(t.start, t.end))
              for t in pool]
    return pool, values


def load_date_chooser() -> LinearChooser | None:
    """The trained chooser of the current model folder, or None (the rules alone decide)."""
    from sitrep.extract.classifier import model_dir

    found = load_weights(model_dir(), MODEL_NAME)
    return LinearChooser(*found) if found else None
