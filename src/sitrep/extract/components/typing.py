"""ACLED event type and sub-event type of each draft.

A specific trigger (a weapon, a change of territory, a protest) decides by rule, refined by
who acts; otherwise a classifier trained on ACLED's own summaries weighs the whole sentence,
nudged towards the sub-types its trigger words suggest.
"""

from __future__ import annotations

from collections.abc import Mapping

from sitrep.extract.classifier import load_classifier
from sitrep.extract.context import (
    DOMINANT_ARMED,
    EVENT_ACTORS,
    EVENT_TYPES,
    Context,
    EventDraft,
    Unit,
)
from sitrep.extract.lexicon import Trigger
from sitrep.extract.protest_force import force_at_protest
from sitrep.extract.registry import component, settings_of
from sitrep.extract.type_actors import fit_actors_to_type
from sitrep.ontology import (
    ARMED_KINDS,
    CROWD_KINDS,
    DEMONSTRATIONS,
    POLITICAL_VIOLENCE,
    SUB_TO_TYPE,
    SUB_TYPES,
)

PROTEST_SUBS = set(SUB_TYPES["Protests"]) | set(SUB_TYPES["Riots"])
SETTINGS = {
    # how far a trigger word outweighs the classifier, by the trigger's priority (0-6): a
    # weapon or a change of territory named in the sentence is strong evidence, a generic
    # "attack" or "killed" is weak
    "priority_bonus": [0.05, 0.15, 0.25, 0.35, 0.4, 0.6, 0.6],
    "territory_bonus": 0.7,  # a change of territory named in so many words
    "peaceful_protest_bonus": 0.25,  # the rule's "peaceful" against the classifier's choice
    # the classifier's sub-type replaces the rules' reading when it is at least this sure and
    # no trigger word stronger than this priority spoke (weapons and territory, 5-6, keep the
    # rules' word). Chosen on the held-out fifth of ACLED 2020 with models trained on the
    # rest of ACLED 2020 + MUC-4 train: sub-type +1.5 points, type +1.4 (0.6 and 0.8 gained less)
    "learned_override_probability": 0.7,
    "learned_override_max_priority": 4,
}


@component(
    "typing",
    requires=(EVENT_ACTORS, DOMINANT_ARMED),
    assigns=(EVENT_TYPES, EVENT_ACTORS),
    default_config=SETTINGS,
)
def assign_types(ctx: Context) -> None:
    model = load_classifier("sub_event_type")
    text = ctx.document.text
    by_unit = {u.index: u for u in ctx.units}
    for draft in ctx.events:
        unit = by_unit[draft.sentence_index]
        window = _context_text(text, ctx.units, unit)
        sub = decide_sub_type(draft, window, model, ctx)
        draft.sub_event_type = sub
        draft.event_type = SUB_TO_TYPE[sub]
        fit_actors_to_type(draft, ctx)


def retype(ctx: Context, draft: EventDraft) -> None:
    """Type a draft again, after it took in another sentence's trigger words."""
    unit = next(u for u in ctx.units if u.index == draft.sentence_index)
    window = _context_text(ctx.document.text, ctx.units, unit)
    sub = decide_sub_type(draft, window, load_classifier("sub_event_type"), ctx)
    if sub != draft.sub_event_type:
        draft.sub_event_type, draft.event_type = sub, SUB_TO_TYPE[sub]
        fit_actors_to_type(draft, ctx)


def decide_sub_type(draft: EventDraft, window: str, model, ctx: Context) -> str:
    """The rules' reading, unless the classifier is sure of another and the words are weak."""
    by_rules = _rules_sub_type(draft, window, model, ctx)
    if model is None:
        return by_rules
    settings = settings_of(ctx, "typing")
    scores = model.scores(window)
    learned = max(scores, key=scores.get)
    strongest = max((entry.priority for _, entry in draft.cues), default=0)
    if (
        learned != by_rules
        and scores[learned] >= settings["learned_override_probability"]
        and strongest <= settings["learned_override_max_priority"]
        and _alone_in_its_paragraph(draft, ctx)
        and not (SUB_TO_TYPE[by_rules] == "Battles" and _two_armed_sides(draft))
        and not _force_at_the_protest(draft, ctx)
    ):
        return learned
    return by_rules


LETHAL = "Excessive force against protesters"


def _force_at_the_protest(draft: EventDraft, ctx: Context) -> bool:
    """Protesters killed, said in so many words: the rules' lethal-force reading stands (a
    peaceful protest has no toll). Lesser force words (intervention, scuffles) are the
    lexicons' loosest and the classifier may read them otherwise."""
    protest = any(entry.protest for _, entry in draft.cues)
    return protest and force_at_protest(ctx, draft.start, draft.end) == LETHAL


def _two_armed_sides(draft: EventDraft) -> bool:
    """The parse found two armed sides, named in the text and not the same group: a battle
    in ACLED's own definition (organized armed groups on both sides), whatever else the
    paragraph tells (people who fled the fighting, a town it reached)."""
    one, two = draft.actor1, draft.actor2
    return (
        one is not None
        and two is not None
        and one.start >= 0
        and two.start >= 0
        and one.kind in ARMED_KINDS
        and two.kind in ARMED_KINDS
        and (one.kind != two.kind or one.name != two.name)
    )


def _alone_in_its_paragraph(draft: EventDraft, ctx: Context) -> bool:
    """The classifier learned from one-event reports and reads the draft's whole paragraph:
    it speaks for the draft only when no other event is told in that paragraph."""
    paragraph = {u.index: u.paragraph for u in ctx.units}
    own = paragraph.get(draft.sentence_index)
    return not any(
        other is not draft and paragraph.get(other.sentence_index) == own for other in ctx.events
    )


def _rules_sub_type(draft: EventDraft, window: str, model, ctx: Context) -> str:
    """Trigger words and actors decide, the classifier weighing in among what they allow."""
    cues: list[Trigger] = [entry for _, entry in draft.cues]
    actor1_kind = draft.actor1.kind if draft.actor1 else None
    if any(c.protest for c in cues):
        protest = _protest_sub_type(ctx, draft)
        if protest:
            return _weigh(model, window, PROTEST_SUBS, protest, settings_of(ctx, "typing"))
    if _crowd_by_hand(draft, ctx):
        return "Mob violence"  # ACLED: "300 people beat up and tried to lynch a man"
    if model is None:
        best = max(cues, key=lambda c: c.priority)
        sub = _territory_sub_type(actor1_kind) if best.territorial else best.sub_event_type
        return _by_actors(sub, draft)
    allowed = _allowed_types(cues, actor1_kind)
    scores = {k: v for k, v in model.scores(window).items() if SUB_TO_TYPE[k] in allowed}
    settings = settings_of(ctx, "typing")
    for cue in cues:
        sub = cue.sub_event_type
        if cue.territorial:
            sub = _territory_sub_type(actor1_kind)
        elif cue.violent_crowd and actor1_kind not in CROWD_KINDS | {None}:
            continue
        elif sub == "Armed clash" and actor1_kind in CROWD_KINDS:
            sub = "Mob violence"  # two groups of villagers or supporters who fight: a riot
        if sub in SUB_TO_TYPE:
            bonus = (
                settings["territory_bonus"]
                if cue.territorial
                else settings["priority_bonus"][min(max(cue.priority, 0), 6)]
            )
            scores[sub] = max(scores.get(sub, 0.0), scores.get(sub, 0.0) + bonus)
    return _by_actors(_type_then_sub(scores), draft)


# who a crowd is, and what it does with its hands; guns or bombs make an armed group
CROWD_NOUNS = {
    "people",
    "residents",
    "villagers",
    "crowd",
    "mob",
    "locals",
    "youths",
    "inhabitants",
    "community",
    "neighbors",
    "neighbours",
    "villager",
    "resident",
}
BY_HAND = {
    "beat",
    "beating",
    "lynch",
    "lynching",
    "stone",
    "stoning",
    "assault",
    "attack",
    "thrash",
    "manhandle",
    "burn",
}


def _crowd_by_hand(draft: EventDraft, ctx: Context) -> bool:
    """A crowd of civilians that beats, stones or lynches someone: mob violence, a riot."""
    actor = draft.actor1
    if actor is None or actor.kind not in CROWD_KINDS or actor.start < 0:
        return False
    if not set(actor.text.lower().split()) & CROWD_NOUNS:
        return False
    words = {ctx.doc[m.start].lemma_.lower() for m, _ in draft.cues}
    violent = {
        ctx.doc[m.start].lemma_.lower() for m, c in draft.cues if c.event_type in VIOLENT_FAMILY
    }
    return bool(words & BY_HAND) and violent <= BY_HAND


def _type_then_sub(scores: dict[str, float]) -> str:
    """Pick the event type by its sub-types' summed weight, then the best sub-type in it.

    The type is surer than any one sub-type: 'clash' and 'attack' split the mass of a
    violent event between them, but together they outweigh a lone 'protest'.
    """
    by_type: dict[str, float] = {}
    for sub, weight in scores.items():
        by_type[SUB_TO_TYPE[sub]] = by_type.get(SUB_TO_TYPE[sub], 0.0) + weight
    event_type = max(by_type, key=by_type.get)
    return str(max((s for s in scores if SUB_TO_TYPE[s] == event_type), key=scores.get))


VIOLENT_FAMILY = set(POLITICAL_VIOLENCE)  # the codebook's categories (ontology.json)
CROWD_FAMILY = set(DEMONSTRATIONS)
FAMILIES = {
    "Battles": VIOLENT_FAMILY,
    "Explosions/Remote violence": VIOLENT_FAMILY,
    "Violence against civilians": VIOLENT_FAMILY,
    "Protests": CROWD_FAMILY,
    "Riots": CROWD_FAMILY | {"Violence against civilians", "Strategic developments"},
    "Strategic developments": {"Strategic developments"},
}


def _allowed_types(cues: list[Trigger], actor1_kind: str | None) -> set[str]:
    """Event types the sentence's words make possible: no protest without a crowd.

    Violent types are allowed together, since analysts code the same words (fired at
    positions, an attack on a village) as a clash, shelling or an attack by convention;
    a crowd that blocks a road or beats a thief may be a protest or a riot.
    """
    allowed: set[str] = set()
    for cue in cues:
        allowed |= FAMILIES[cue.event_type]
        if cue.violent_crowd and actor1_kind in ARMED_KINDS:
            # an armed group that storms or torches a place may fight or attack there too
            # (the scores below skip such a cue's riot reading for the same reason)
            allowed |= VIOLENT_FAMILY
        if cue.territorial:
            allowed.add("Strategic developments")
    if actor1_kind in CROWD_KINDS:
        # a crowd that blocks a road may protest; one named beside a killing may only riot
        violent = any(FAMILIES[c.event_type] is VIOLENT_FAMILY for c in cues)
        allowed |= {"Riots"} if violent else CROWD_FAMILY
    return allowed


def _weigh(model, window: str, allowed: set[str], by_rule: str, settings: Mapping) -> str:
    """The classifier's choice among ``allowed``, with the rule's reading given a head start."""
    if model is None:
        return by_rule
    if by_rule != "Peaceful protest":
        return by_rule  # force used on the crowd, or by it, is said in so many words
    scores = {k: v for k, v in model.scores(window).items() if k in allowed}
    scores[by_rule] = scores.get(by_rule, 0.0) + settings["peaceful_protest_bonus"]
    return max(scores, key=scores.get)


def _protest_sub_type(ctx: Context, draft: EventDraft) -> str | None:
    """Peaceful, with intervention, or met with lethal force; or a riot if they turned violent.

    Force words count only when they tell what happened at the protest, not why people
    protested ("demanding justice for the man killed", "to deplore the attack").
    """
    force = force_at_protest(ctx, draft.start, draft.end)
    if force is not None:
        return force
    actor1_kind = draft.actor1.kind if draft.actor1 else None
    if actor1_kind in ARMED_KINDS - {"state_forces"}:
        return None  # a group of fighters "gathering" is no protest
    return "Peaceful protest"


def _territory_sub_type(actor1_kind: str | None) -> str:
    if actor1_kind in ("state_forces", "external_forces"):
        return "Government regains territory"
    if actor1_kind in CROWD_KINDS:
        return "Mob violence"  # civilians seizing a depot or a building
    if actor1_kind in ("rebels", "political_militia", "identity_militia"):
        return "Non-state actor overtakes territory"
    return "Armed clash"


def _by_actors(sub: str, draft: EventDraft) -> str:
    """An attack on armed men is a battle; a 'clash' with unarmed people is an attack."""
    kind1 = draft.actor1.kind if draft.actor1 else None
    kind2 = draft.actor2.kind if draft.actor2 else None
    named2 = draft.actor2 is not None and draft.actor2.start >= 0
    if (
        SUB_TO_TYPE[sub] == "Violence against civilians"
        and (kind1 in ARMED_KINDS or kind1 is None)
        and kind2 in ARMED_KINDS - {"identity_militia"}
        and (kind1 != kind2 or draft.actor1.name != draft.actor2.name)  # type: ignore[union-attr]
        and named2
    ):
        # soldiers ambushed, killed or taken by rebels, a gang member shot dead by another
        # gang or found dead: armed men on both sides make a battle
        return "Armed clash"
    said_clash = any(c.sub_event_type == "Armed clash" and not c.generic for _, c in draft.cues)
    if sub == "Armed clash" and kind1 in ARMED_KINDS and kind2 == "civilians" and not said_clash:
        return "Attack"  # 'fired at villagers' is an attack; a named 'shoot-out' stays a clash
    return sub


def _context_text(text: str, units: list[Unit], unit: Unit) -> str:
    """The sentence's paragraph: the classifier learned from whole event reports."""
    parts = [
        text[u.start : u.end] for u in units if u.paragraph == unit.paragraph and not u.heading
    ]
    return " ".join(parts)
