"""Event detection: a sentence that reports something happening becomes an event draft.

Trigger words come from ``data/triggers.json``. A trigger that is negated or only threatened,
planned or denied ("threatened to attack", "no one was killed") reports no event.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from sitrep.extract.context import ATTRIBUTIONS, CLAIMS, EVENTS, PLACES, UNITS, Context, EventDraft
from sitrep.extract.lexicon import Match, Trigger, load_json, triggers, word_set
from sitrep.extract.marks import marks_of
from sitrep.extract.registry import component
from sitrep.ontology import POLITICAL_VIOLENCE
from sitrep.types import Span

# "March 3", "a four-hour battle": trigger-like words inside dates and numbers are not events
_NOT_EVENT_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_NOBODY = {"nobody", "none", "noone", "nothing"}
_MODAL_LEMMAS = {"will", "would", "could", "might", "may", "shall", "should"}


@component("triggers", requires=(UNITS, PLACES, CLAIMS, ATTRIBUTIONS), assigns=(EVENTS,))
def detect_events(ctx: Context) -> None:
    doc = ctx.doc
    index = triggers()
    non_events = word_set("non_events")
    for unit in ctx.units:
        if unit.heading or not unit.in_body:
            continue
        tokens = doc[unit.token_start : unit.token_end]
        matches = [
            _as_seizure(doc, m, ctx)
            for m in index.match(tokens, offset=unit.token_start)
            if doc[m.start].idx >= ctx.document.body_start
            and doc[m.start].ent_type_ not in _NOT_EVENT_ENTITIES
            and not _month_of_a_date(doc, m)
            and not ctx.in_attribution(doc[m.start].idx, doc[m.end - 1].idx + 1)
            and not _is_unreal(doc, m, non_events)
            and not _is_campaign(doc[m.start])
            and not _told_of_a_campaign(doc[m.start])
        ]
        matches = [m for m in matches if m is not None]
        if not matches:
            continue
        best = max(matches, key=lambda m: (m.entry.priority, not m.entry.generic, -m.start))
        for match, cues in [(best, matches), *_coordinated_deeds(doc, best, matches)]:
            first, last = doc[match.start], doc[match.end - 1]
            trigger_span = Span(
                first.idx,
                last.idx + len(last),
                ctx.document.text[first.idx : last.idx + len(last)],
            )
            ctx.events.append(
                EventDraft(
                    start=unit.start,
                    end=unit.end,
                    trigger=trigger_span,
                    event_type=match.entry.event_type,
                    sub_event_type=match.entry.sub_event_type,
                    sentence_index=unit.index,
                    cues=[(m, m.entry) for m in cues],
                    claim=ctx.claims_by_sentence.get(unit.index),
                )
            )


def _coordinated_deeds(doc: Doc, best: Match, matches: list[Match]) -> list[tuple]:
    """A second event in the sentence: a deed of another type named as a noun coordinated
    with the first ("the bombings of the civilian population and the assassination of the six
    priests"). Verbs that share a sentence ("attacked and killed") tell one event."""
    head = doc[best.start]
    for match in matches:
        other = doc[match.start]
        if (
            match is best
            or other.pos_ != "NOUN"
            or match.entry.event_type == (best.entry.event_type)
        ):
            continue
        if head.pos_ == "NOUN" and (_coordinated(other, head) or _coordinated(head, other)):
            return [(match, [match])]
        if best.entry.event_type in POLITICAL_VIOLENCE and _names_its_victims(other):
            return [(match, [match])]
    return []


_PLACE_ENTITIES = {"GPE", "LOC", "FAC"}  # "the block of Belonia" names a place, not victims


def _names_its_victims(deed: Token) -> bool:
    """ "the assassination of the six Jesuit priests": a deed noun whose "of" object names
    victims by a distinctive word is a deed of its own, wherever the parser hangs it in a
    sentence about something else (a list of demands, a bombing campaign)."""
    for prep in deed.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                # the victims' own words ("the six Jesuit priests"), not what hangs on them
                words = [*obj.lefts, obj]
                if (
                    obj.dep_ == "pobj"
                    and obj.ent_type_ not in _PLACE_ENTITIES
                    and marks_of([" ".join(t.text for t in words)])
                ):
                    return True
    return False


def _coordinated(second: Token, first: Token) -> bool:
    """``second`` is a conjunct of ``first`` or of a word below it (the parser often hangs
    "and the assassination" on the last noun before it: "bombings against the population")."""
    if second.dep_ != "conj":
        return False
    ancestors = [a for a, _ in zip(second.ancestors, range(4), strict=False)]
    return any(a.i == first.i for a in ancestors)


_BARE_TAKING = {"capture", "seize", "occupy", "overrun", "take"}


# ACLED's codebook: seizing property (vehicles, goods, boats) is looting/property destruction
_SEIZURE = Trigger("Strategic developments", "Looting/property destruction", 1, generic=True)


def _as_seizure(doc: Doc, match: Match, ctx: Context) -> Match | None:
    """A taking that is no change of territory: property seized, or nothing (a soldier
    'captured' is an abduction the other trigger words tell)."""
    if not match.entry.territorial or _takes_ground(doc, match, ctx):
        return match
    if doc[match.start].lemma_.lower() in ("seize", "take", "confiscate"):
        return Match(match.start, match.end, _SEIZURE)
    return None


def _takes_ground(doc: Doc, match: Match, ctx: Context) -> bool:
    """'Seized the town' changes territory; 'seized a radio' or 'captured a soldier' does not."""
    token = doc[match.start]
    if token.lemma_.lower() not in _BARE_TAKING or match.end - match.start > 1:
        return True  # "gained control", "recaptured", "liberated" say it themselves
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [
        g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    grounds = word_set("territory_objects")
    for obj in objects:
        if grounds.match([obj]) or obj.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        if any(p.start <= obj.idx < p.end for p in ctx.places):
            return True
    return False


_MONTHS = {"march"}  # month names that are also trigger words


def _month_of_a_date(doc: Doc, match: Match) -> bool:
    """ "19 MARCH", "March 1989": the month, where the tagger saw no date (all-caps copy)."""
    token = doc[match.start]
    if token.lower_ not in _MONTHS or match.end - match.start > 1:
        return False
    near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(t.like_num for t in near)


def _is_unreal(doc: Doc, match: Match, non_events) -> bool:
    """Negated, modal or embedded under a threat/plan/denial: the event did not happen."""
    token: Token = doc[match.start]
    head = token.head if token.dep_ in ("xcomp", "aux", "amod", "compound") else token
    for candidate in (token, head):
        for child in candidate.children:
            if child.dep_ == "neg" or child.lower_ in ("no", "never"):
                return True
            # "no one was killed", "nobody was hurt", "none were injured"
            if child.dep_ in ("nsubj", "nsubjpass") and (
                child.lower_ in _NOBODY or any(g.lower_ == "no" for g in child.children)
            ):
                return True
            if child.dep_ == "aux" and child.lemma_.lower() in _MODAL_LEMMAS:
                return True
    if _governed_by_refusal_or_condition(token):
        return True
    # the governing words up the tree, within the clause
    ancestors = _clause_ancestors(token, 3)
    window = [t for t in doc[max(match.start - 3, 0) : match.start]] + ancestors
    window_doc_tokens = sorted({t.i for t in window})
    if not window_doc_tokens:
        return False
    return bool(non_events.match([doc[i] for i in window_doc_tokens]))


# A relative clause or a coordinated clause asserts its own fact ("denies backing the rebels
# who seized the town": the seizure is told as fact), so the walk up stops there.
_OWN_ASSERTION = {"relcl", "conj", "parataxis"}


@lru_cache(maxsize=1)
def _modality_words() -> tuple[frozenset[str], frozenset[str]]:
    section = load_json("triggers.json")
    return frozenset(section["refusals"]["words"]), frozenset(section["conditionals"]["words"])


def _clause_ancestors(token: Token, limit: int) -> list[Token]:
    """Up to ``limit`` words above ``token``, not past the top of a clause that asserts its
    own fact."""
    found: list[Token] = []
    node = token
    while len(found) < limit and node.dep_ not in _OWN_ASSERTION and node.head is not node:
        node = node.head
        found.append(node)
    return found


def _governed_by_refusal_or_condition(token: Token) -> bool:
    """A deed inside what a denial or refusal governs ("declined to comment on reports of an
    air strike", "rejected claims that its jets bombed a village"), or inside an if/unless
    clause, anywhere up its clause: the sentence does not tell it as having happened."""
    refusals, conditionals = _modality_words()
    # a clause is never deeper than a dozen words; the bound guards against odd parses
    for node in [token, *_clause_ancestors(token, 12)]:
        if any(c.dep_ == "mark" and c.lower_ in conditionals for c in node.children):
            return True
        if node is not token and node.lemma_.lower() in refusals:
            return True
    return False


@lru_cache(maxsize=1)
def _campaign_words() -> dict[str, frozenset[str]]:
    section = load_json("triggers.json")["campaigns"]
    return {
        key: frozenset(section[key]) for key in ("nouns", "scale", "prepositions", "begin_verbs")
    }


def _told_of_a_campaign(token: Token) -> bool:
    """A deed told as part of a campaign named in passing, such as its toll ("an offensive
    which began 12 days ago and has left 1,000 dead, hundreds wounded")."""
    return any(_is_campaign(a) for a, _ in zip(token.ancestors, range(4), strict=False))


def _is_campaign(token: Token) -> bool:
    """ "the failure of the offensive the guerrillas launched on 11 November", "the general
    offensive", "days after the offensive began": a whole campaign named in passing, which
    ACLED never codes as one event (and which would date every incident of it)."""
    words = _campaign_words()
    if token.lower_ not in words["nouns"] or token.dep_ == "amod":
        return False  # "offensive operations in the southwest": an incident
    if token.dep_ == "pobj" and token.head.lower_ in words["prepositions"]:
        return True
    if any(child.lower_ in words["scale"] for child in token.children):
        return True
    verb = token.head
    if verb.lemma_.lower() in words["begin_verbs"] and verb.dep_ in ("relcl", "advcl", "acl"):
        return True  # "when the insurgents began a general offensive a week ago"
    # "the offensive, which began 12 days ago, ...", "an offensive launched by the FMLN"
    return any(
        child.dep_ in ("relcl", "acl") and child.lemma_.lower() in words["begin_verbs"]
        for child in token.children
    )
