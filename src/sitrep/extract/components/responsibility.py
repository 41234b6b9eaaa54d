"""Who claims an attack: the group that claims responsibility for an event is its actor1.

ACLED's codebook codes the group that claims an event as the event's actor ("the militants
claimed responsibility for the blast"). The claims component records who speaks; this one,
run after the actors component, reads the claim phrasings of ``data/responsibility.json``
from the parse and names that group actor1 of the events the claim is about, where the story
names no other perpetrator. A denied or negated claim ("no group has claimed
responsibility") credits nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from sitrep.extract.actor_names import default_actor, normalized_name
from sitrep.extract.components.actors import mentions_in
from sitrep.extract.context import (
    CLAIMS,
    EVENT_ACTORS,
    EVENT_CLAIMS,
    Claim,
    Context,
    EventDraft,
    Unit,
)
from sitrep.extract.lexicon import load_json
from sitrep.extract.registry import component
from sitrep.ontology import ARMED_KINDS, POLITICAL_VIOLENCE
from sitrep.types import ActorMention

_NON_STATE = {"rebels", "political_militia", "identity_militia"}
_RELATIVE = {"which", "who", "that"}
_DEFINITE = {"the", "this", "that", "these", "those", "its", "their"}


@dataclass
class Responsibility:
    """A claim of responsibility: the group, where it is said and what it covers."""

    unit: Unit
    group: ActorMention | None  # None: a claim denied ("no group has claimed ...")
    subject: Token
    claimed: Token  # the words naming what is claimed ("the blast", "carried out ...")
    clause_only: bool = False  # "said it killed ...": only the deeds of that clause
    earlier: bool = True  # the claim may be about events told before it ("the attack")


@lru_cache(maxsize=1)
def responsibility_words() -> dict[str, Any]:
    return load_json("responsibility.json")


@component("responsibility", requires=(EVENT_ACTORS, CLAIMS), assigns=(EVENT_ACTORS, EVENT_CLAIMS))
def credit_claimed_events(ctx: Context) -> None:
    if not ctx.events:
        return
    for unit in ctx.units:
        if unit.heading or not unit.in_body:
            continue
        for claim in claims_of_responsibility(ctx, unit):
            said = ctx.claims_by_sentence.get(unit.index)
            for draft, named in _covered(ctx, claim):
                if not _open(draft, claim.group, named):
                    continue
                previous = draft.actor1
                draft.actor1, draft.actor1_from_syntax = claim.group, True
                if (
                    named
                    and draft.actor2 is None
                    and previous is not None
                    and previous.start >= 0
                    and previous.name != claim.group.name
                ):
                    draft.actor2 = previous  # "claimed an attack on a police station"
                if said is not None and (draft.claim is None or _anonymous(draft)):
                    draft.claim = said  # the claim is the story's word on who did it
                if draft.claim is not None and _spoken_by(draft.claim, claim.subject):
                    draft.claim.party_to_conflict = True  # a group claiming an attack fights
        for draft in unclaimed_events(ctx, unit):
            # "No group has claimed responsibility for the blast": the perpetrator is unknown,
            # not the group the story keeps naming (ACLED: an unidentified armed group)
            draft.actor1 = default_actor("political_militia", ctx)


def claims_of_responsibility(ctx: Context, unit: Unit) -> list[Responsibility]:
    """Every claim of responsibility in one sentence, with the armed group that makes it."""
    doc, words = ctx.doc, responsibility_words()
    found: list[Responsibility] = []
    mentions: list[tuple[ActorMention, Token]] | None = None
    for verb in doc[unit.token_start : unit.token_end]:
        if verb.pos_ not in ("VERB", "AUX") or _denied(verb, words):
            continue
        lemma = verb.lemma_.lower()
        claim: tuple[Token, bool, bool] | None = None
        kinds: frozenset[str] | set[str] = ARMED_KINDS
        objects = words["claim_verbs"].get(lemma)
        if objects:
            obj = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in objects
                ),
                None,
            )
            if obj is not None:
                # armies say what they did; a state force "claiming responsibility" is most
                # often a group's name misread ("... Armed Forces of Liberation")
                claim = (obj, False, _refers_back(obj))
                kinds = _NON_STATE
        if claim is None and lemma in words["say_verbs"]:
            deed = _own_deed(verb, words)
            if deed is not None:
                done = _deed_phrase(deed) in words["deed_verbs"]
                obj = next((c for c in deed.children if c.dep_ == "dobj"), None)
                claim = (deed, not done, done and _refers_back(obj))
        if claim is None:
            continue
        subject = _subject(verb)
        if subject is None or subject.lower_ in words["denials"] or _denied(subject, words):
            continue
        if mentions is None:
            mentions = mentions_in(doc, unit, ctx.document.text, ctx.focus_country)
        group = next(
            (
                m
                for m, head in mentions
                if m.kind in kinds and subject.left_edge.i <= head.i <= subject.right_edge.i
            ),
            None,
        )
        if group is not None:
            claimed, clause_only, earlier = claim
            # "the group that claimed the 2019 bombing": a description, not today's claim
            earlier = earlier and verb.dep_ != "relcl"
            found.append(Responsibility(unit, group, subject, claimed, clause_only, earlier))
    return found


def unclaimed_events(ctx: Context, unit: Unit) -> list[EventDraft]:
    """Events with no actor yet that a sentence says nobody has claimed ("no group has claimed
    responsibility for the blast", "the attack has not been claimed")."""
    words = responsibility_words()
    found: list[EventDraft] = []
    for verb in ctx.doc[unit.token_start : unit.token_end]:  # type: ignore[index]
        objects = words["claim_verbs"].get(verb.lemma_.lower())
        if not objects or verb.pos_ not in ("VERB", "AUX"):
            continue
        obj = next(
            (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower()
             in objects),
            None,
        )
        subject = _subject(verb)
        denied = _denied(verb, words) or (
            subject is not None
            and (subject.lower_ in words["denials"] or _denied(subject, words))
        )
        if obj is None or not denied or not _refers_back(obj):
            continue
        covered = _covered(ctx, Responsibility(unit, None, verb, obj))
        found += [d for d, _ in covered if d.actor1 is None and d.event_type in POLITICAL_VIOLENCE]
    return found


def _subject(verb: Token) -> Token | None:
    """Who makes the claim: the subject, the "by X" agent, or the noun a relative clause or a
    shared subject points back to ("the group, which claimed ...", "attacked and claimed")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _own_deed(verb: Token, words: dict[str, Any]) -> Token | None:
    """ "X said it carried out ...": a reported clause whose subject is the speaker itself."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or _denied(clause, words) or _hedged(clause):
            continue
        own = subject.lower_ in words["self_subjects"] or any(
            c.dep_ == "poss" and c.lower_ in words["self_subjects"] for c in subject.children
        )
        if own and subject.dep_ == "nsubj":
            return clause
    return None


_MODALS = {"will", "would", "could", "can", "may", "might", "should", "shall", "must"}


def _hedged(clause: Token) -> bool:
    """ "said it would attack", "announced it is willing to ...": no deed is claimed."""
    if clause.lemma_.lower() == "be" and not any(c.dep_ == "prep" for c in clause.children):
        return True
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in clause.children)


def _deed_phrase(verb: Token) -> str:
    """A verb with its particle or preposition: "carry out", "be behind"."""
    lemma = verb.lemma_.lower()
    deps = ("prt", "prep") if lemma == "be" else ("prt",)
    extra = next((c for c in verb.children if c.dep_ in deps), None)
    return f"{lemma} {extra.lower_}" if extra is not None else lemma


def _denied(token: Token, words: dict[str, Any]) -> bool:
    """ "has not claimed", "neither claimed nor denied", "no group claimed"."""
    denials = set(words["denials"])
    return any(
        c.dep_ in ("neg", "preconj", "det") and c.lower_ in denials for c in token.children
    ) or (token.dep_ == "conj" and token.head.lemma_.lower() in denials)


def _refers_back(obj: Token | None) -> bool:
    """Whether the claim is about something told before: "the attack", "responsibility"
    alone, not "an attack on a market" that the same sentence tells as news."""
    if obj is None:
        return True
    target = obj
    for prep in obj.children:  # "responsibility for the blast"
        if prep.dep_ == "prep" and prep.lower_ == "for":
            target = next((c for c in prep.children if c.dep_ == "pobj"), obj)
    if target is obj and obj.lemma_.lower() in ("responsibility", "credit", "authorship"):
        return True
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in target.children)


def _covered(ctx: Context, claim: Responsibility) -> list[tuple[EventDraft, bool]]:
    """The events a claim is about, each with whether the claim names it outright.

    The deeds in the claimed words ("responsibility for an attack on a station", "said it
    killed ...") are the group's whatever the parse made of them; the other events of the
    sentence, and for "the attack" those told just before it (in its paragraph, else the last
    paragraph before it that tells any), are the group's where nobody else is named.
    """
    doc = ctx.doc
    own = [d for d in ctx.events if d.sentence_index == claim.unit.index]
    named = [d for d in own if _governed_by(_token_at(doc, d.trigger.start), claim.claimed)]
    if claim.clause_only:
        return [(d, True) for d in named]
    covered = [(d, d in named) for d in own]
    if not claim.earlier:
        return covered
    by_index = {u.index: u for u in ctx.units}
    before = [
        d
        for d in ctx.events
        if d.sentence_index < claim.unit.index and d.sentence_index in by_index
    ]
    same = [d for d in before if by_index[d.sentence_index].paragraph == claim.unit.paragraph]
    if not same and before:
        last = max(by_index[d.sentence_index].paragraph for d in before)
        same = [d for d in before if by_index[d.sentence_index].paragraph == last]
    return [(d, False) for d in same] + covered


def _governed_by(trigger: Token, clause: Token) -> bool:
    """The trigger is the clause's verb, or sits below it with no subject of its own between."""
    token = trigger
    for _ in range(8):
        if token.i == clause.i:
            return True
        if token.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _RELATIVE for c in token.children
        ):
            return False  # a deed with a doer of its own ("an attack that killed" is not)
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _open(draft: EventDraft, group: ActorMention, named: bool = False) -> bool:
    """A violent event whose target is not the claiming group itself and whose perpetrator
    the claim names outright, or the story leaves unnamed or only generic ("gunmen")."""
    # the draft's type is still the first guess: "stormed ... and killed" types it later
    types = {draft.event_type, *(getattr(c, "event_type", None) for _, c in draft.cues)}
    if not types & POLITICAL_VIOLENCE:
        return False
    if draft.actor2 is not None and draft.actor2.name == group.name:
        return False
    actor = draft.actor1
    if actor is None or named:
        return True
    # a generic actor ("gunmen") gives way to a named group, not to another generic one
    named_group = group.name != normalized_name(group.kind, "generic", group.country)
    generic = normalized_name(actor.kind, "generic", actor.country)
    return named_group and actor.kind in _NON_STATE and actor.name == generic


def _anonymous(draft: EventDraft) -> bool:
    claim = draft.claim
    return claim is not None and not (claim.claimant or claim.claimant_org or claim.claimant_role)


def _spoken_by(said: Claim, subject: Token) -> bool:
    """Whether the sentence's recorded speaker is the claiming group itself."""
    start = subject.left_edge.idx
    end = subject.right_edge.idx + len(subject.right_edge)
    return any(s.start < end and start < s.end for s in said.evidence)


def _token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[0]
