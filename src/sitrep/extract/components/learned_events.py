"""Events the trigger lexicon has no word for, found by a learned detector.

A story in which no trigger word found an event may still report one in words the lexicon
does not list ("members of a cartel handed out food parcels", "52 soldiers were released from
prison"). The ``event_sentence`` model (``sitrep.extract.detector_training``), trained on the
gold sets, scores each body sentence of such a story; the likeliest sentence, when it names an
actor and its score passes the threshold, becomes one event draft. Its type is the sub-event
type classifier's best guess, which the ``typing`` component then weighs as it does for any
generic trigger. Stories in which the rules found events are left as they are.
"""

from __future__ import annotations

from sitrep.extract.classifier import load_classifier
from sitrep.extract.context import CLAIMS, EVENTS, UNITS, Context, EventDraft, Unit
from sitrep.extract.lexicon import Match, Trigger, actor_terms, triggers
from sitrep.extract.registry import component, settings_of
from sitrep.ontology import SUB_TO_TYPE
from sitrep.types import Span

SETTINGS = {
    # the detector's probability that a sentence reports an event, below which it stays none.
    # On the held-out fifth of ACLED 2020 + MUC-4 train (models trained on the rest), 0.5 found
    # 11 of the events the rules missed and 0.7 found 9, neither adding an event to a story
    # that had none
    "min_probability": 0.5,
}


@component(
    "learned_events",
    requires=(UNITS, CLAIMS, EVENTS),
    assigns=(EVENTS,),
    default_config=SETTINGS,
)
def detect_untriggered_events(ctx: Context) -> None:
    if ctx.events:
        return
    detector = load_classifier("event_sentence")
    typer = load_classifier("sub_event_type")
    if detector is None or typer is None:
        return  # models not trained: the rules alone decide
    threshold = settings_of(ctx, "learned_events")["min_probability"]
    text = ctx.document.text
    best: tuple[float, Unit] | None = None
    for unit in ctx.units:
        if unit.heading or not unit.in_body or not _untold_by_rules(ctx, unit):
            continue
        probability = detector.scores(text[unit.start : unit.end]).get("event", 0.0)
        if probability >= threshold and (best is None or probability > best[0]):
            best = (probability, unit)
    if best is None:
        return
    unit = best[1]
    sub = max(typer.scores(text[unit.start : unit.end]).items(), key=lambda kv: kv[1])[0]
    ctx.events.append(_draft(ctx, unit, sub))


def _untold_by_rules(ctx: Context, unit: Unit) -> bool:
    """A sentence with no trigger word (one the rules read and found unreal, denied or
    hypothetical stays no event) that names someone who acts, as an ACLED event has: a force,
    a group or a crowd."""
    tokens = ctx.doc[unit.token_start : unit.token_end]  # type: ignore[index]
    if triggers().match(tokens, offset=unit.token_start):
        return False
    return bool(actor_terms().match(tokens, offset=unit.token_start))


def _draft(ctx: Context, unit: Unit, sub: str) -> EventDraft:
    """A draft whose trigger is the sentence's main verb, typed as a generic cue would be."""
    doc = ctx.doc
    tokens = doc[unit.token_start : unit.token_end]  # type: ignore[index]
    root = next((t for t in tokens if t.head.i == t.i), tokens[0])
    cue = Trigger(SUB_TO_TYPE[sub], sub, priority=0, generic=True)
    start, end = root.idx, root.idx + len(root.text)
    return EventDraft(
        start=unit.start,
        end=unit.end,
        trigger=Span(start, end, ctx.document.text[start:end]),
        event_type=cue.event_type,
        sub_event_type=sub,
        sentence_index=unit.index,
        cues=[(Match(root.i, root.i + 1, cue), cue)],
        claim=ctx.claims_by_sentence.get(unit.index),
    )
