"""Who the actors of a typed event are by ACLED's conventions: protesters act in a protest,
force used against them makes them actor2, rioters act in a riot, whoever kills is an armed
group, and an unnamed perpetrator or victim is filled in (by the codebook's default or the
actor-kind classifiers). Typing calls it once a draft's type is decided."""

from __future__ import annotations

from sitrep.extract.actor_names import default_actor, relabel
from sitrep.extract.classifier import load_classifier
from sitrep.extract.context import Context, EventDraft
from sitrep.extract.lexicon import unnamed_perpetrator
from sitrep.ontology import CROWD_KINDS, POLITICAL_VIOLENCE
from sitrep.types import ActorMention


def protest_conventions(draft: EventDraft) -> None:
    """ACLED codes a peaceful protest with the demonstrators alone: nobody intervened, so there
    is no second actor (actor2 is empty for 98.5% of the peaceful protests of the ACLED dev
    sets); whoever the crowd names in its demands is no party to the event. Neither a peaceful
    protest nor one met without lethal force has deaths (lethal force makes it "excessive
    force against protesters"): a death the crowd protests about is not the event's toll (none
    of the 5,666 such events of the ACLED dev sets has one)."""
    if draft.sub_event_type == "Peaceful protest":
        draft.actor2 = None
    if draft.sub_event_type in ("Peaceful protest", "Protest with intervention"):
        draft.fatalities = None


def fit_actors_to_type(draft: EventDraft, ctx: Context) -> None:
    """Protesters act in a protest; force used against them makes them actor2."""
    if draft.event_type == "Protests":
        if draft.sub_event_type == "Excessive force against protesters":
            if draft.actor2 is None or draft.actor2.kind not in CROWD_KINDS:
                draft.actor2 = default_actor("protesters", ctx)
            else:
                draft.actor2 = relabel(draft.actor2, "protesters", ctx)
            if draft.actor1 is not None and draft.actor1.kind in CROWD_KINDS:
                draft.actor1 = draft.actor2 if draft.actor1 is draft.actor2 else None
                draft.actor1 = None
        else:
            crowd = _crowd(draft.actor1) or _crowd(draft.actor2)
            if crowd is not None:
                if draft.actor2 is crowd:
                    draft.actor2 = draft.actor1 if draft.actor1 is not crowd else None
                draft.actor1 = relabel(crowd, "protesters", ctx)
            else:
                other = draft.actor1
                draft.actor1 = default_actor("protesters", ctx)
                if draft.sub_event_type == "Protest with intervention" and draft.actor2 is None:
                    draft.actor2 = other
    elif draft.event_type == "Riots":
        # rioters act in a riot; police they stoned or a man they beat are the other side
        crowd = _crowd(draft.actor1) or _crowd(draft.actor2)
        other = draft.actor1 if draft.actor1 is not crowd else draft.actor2
        draft.actor1 = relabel(crowd, "rioters", ctx) if crowd else default_actor("rioters", ctx)
        draft.actor2 = other if other is not crowd else None
    protest_conventions(draft)
    violent = draft.event_type in POLITICAL_VIOLENCE
    if violent and draft.actor1 is not None and draft.actor1.kind in CROWD_KINDS:
        # whoever kills or shoots is an armed group, whatever the words ("4 men", "a mob")
        draft.actor1 = relabel(draft.actor1, "political_militia", ctx)
    if draft.actor1 is None:
        draft.actor1 = _story_perpetrator(draft, ctx) or default_actor(
            _default_kind(draft, ctx), ctx
        )
    if draft.actor2 is None and draft.event_type == "Violence against civilians":
        draft.actor2 = default_actor("civilians", ctx)
    elif draft.actor2 is None and draft.sub_event_type != "Peaceful protest":
        kind = _classified_kind("actor2_kind", draft, ctx, exclude=set())
        if kind not in (None, "none"):
            draft.actor2 = default_actor(kind, ctx)


NON_STATE_ARMED = {"rebels", "political_militia", "identity_militia"}


def _story_perpetrator(draft: EventDraft, ctx: Context) -> ActorMention | None:
    """For a killing or a bomb whose sentence names nobody: the non-state armed group the
    story keeps naming, if it names one ('the guerrillas' of a story about their attacks)."""
    if draft.event_type not in ("Violence against civilians", "Explosions/Remote violence"):
        return None
    named = [m for m in ctx.dominant_armed if m.kind in NON_STATE_ARMED]
    return named[0] if named else None


def _crowd(actor: ActorMention | None) -> ActorMention | None:
    return actor if actor is not None and actor.kind in CROWD_KINDS else None


def _default_kind(draft: EventDraft, ctx: Context) -> str:
    """Who acts when the text does not say.

    Killings, bombs and arson by nobody named are, in ACLED's convention (actors.json
    ``unnamed_perpetrator``), the work of an unidentified armed group; otherwise the
    classifier reads the sentence, among armed groups.
    """
    kind, types = unnamed_perpetrator()
    if draft.event_type in types or draft.sub_event_type in types:
        return kind
    kind = _classified_kind("actor1_kind", draft, ctx, exclude=CROWD_KINDS)
    return kind or "political_militia"


def _classified_kind(model_name: str, draft: EventDraft, ctx: Context, exclude: set[str]):
    model = load_classifier(model_name)
    if model is None:
        return None
    window = ctx.document.text[draft.start : draft.end]
    scores = {k: v for k, v in model.scores(window).items() if k not in exclude}
    if draft.actor1 is not None and model_name == "actor2_kind":
        scores.pop(draft.actor1.kind, None)  # the other side is someone else
    return str(max(scores, key=scores.get)) if scores else None
