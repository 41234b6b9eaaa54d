"""Who acts and who it is done to.

Actor words come from ``data/actors.json``; the dependency parse says which one is the agent
of the event's verb (subject, or "by X" in the passive) and which the target (object, passive
subject, "against X"). A loaded label such as "terrorists" is kept as ``source_label`` while
``name`` and ``kind`` say who the group is.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from sitrep.extract.actor_names import normalized_name
from sitrep.extract.context import (
    DOMINANT_ARMED,
    EVENT_ACTORS,
    EVENTS,
    FOCUS_COUNTRY,
    Context,
    EventDraft,
    Unit,
)
from sitrep.extract.lexicon import (
    ActorTerm,
    Nationality,
    actor_terms,
    armed_modifiers,
    attack_verbs,
    demonyms,
    nationalities,
    state_modifiers,
    state_nouns,
    triggers,
    weapon_nouns,
)
from sitrep.extract.registry import component
from sitrep.extract.role_cues import reacts, sequenced_verb
from sitrep.ontology import ARMED_KINDS
from sitrep.types import ActorMention

_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod", "poss", "case"}
_SUBJECT_DEPS = {"nsubj"}
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "dative"}
_TARGET_PREPS = {"against", "on", "at", "upon", "with", "targeting"}
# weapons ("fired artillery") come from weapons.json; strikes an actor word modifies
_WIELD_VERBS = {"fire", "use", "deploy", "launch", "employ", "shoot"}
_STRIKE_NOUNS = {
    "airstrike",
    "strike",
    "drone",
    "shelling",
    "bombardment",
    "raid",
    "bombing",
    "attack",
    "assault",
    "ambush",
}
_HELD_PLACES = {
    "position",
    "base",
    "post",
    "checkpoint",
    "outpost",
    "camp",
    "stronghold",
    "hideout",
    "convoy",
    "patrol",
}
_SUFFER_VERBS = {"suffer", "sustain", "incur"}
# people who flee are driven out by the event they flee; they do not fight in it
_DISPLACEMENT_VERBS = {"flee", "escape", "evacuate", "abandon", "desert"}
# "the convoy struck a landmine", "a soldier stepped on a mine": who ran into it was hit
_RUN_INTO_VERBS = {"strike", "hit", "trigger", "step", "run", "drive"}
_RUN_INTO_PREPS = {"on", "onto", "over", "into"}
_EXPLOSIVE = "Remote explosive/landmine/IED"
_HEDGES = {"suspected", "alleged", "presumed", "reported", "purported"}
# "Afghan forces repulsed the Taliban's attack": ACLED's actor1 is who attacked
_REPEL_VERBS = {"repulse", "repel", "foil", "thwart", "fend", "beat"}


@component("actors", requires=(EVENTS, FOCUS_COUNTRY), assigns=(EVENT_ACTORS, DOMINANT_ARMED))
def find_actors(ctx: Context) -> None:
    if not ctx.events:
        return
    focus = ctx.focus_country
    by_unit = {u.index: u for u in ctx.units}
    story_mentions: list[ActorMention] = []
    unit_mentions: dict[int, list[tuple[ActorMention, Token]]] = {}
    for unit in ctx.units:
        if unit.heading:
            continue
        found = [
            (mention, head)
            for mention, head in mentions_in(ctx.doc, unit, ctx.document.text, focus)
            if not ctx.in_attribution(mention.start, mention.end)  # the speaker is no party
        ]
        unit_mentions[unit.index] = found
        story_mentions.extend(m for m, _ in found)
    dominant = _dominant_armed(story_mentions)
    ctx.dominant_armed = dominant  # typing falls back on it for unnamed killers
    for draft in ctx.events:
        unit = by_unit[draft.sentence_index]
        found = unit_mentions.get(unit.index, [])
        actor1, actor2, from_syntax = assign_roles(ctx.doc, draft, found)
        draft.actor1, draft.actor2, draft.actor1_from_syntax = actor1, actor2, from_syntax
        if draft.actor2 is None and draft.event_type == "Battles" and dominant:
            opponent = next(
                (m for m in dominant if not draft.actor1 or m.kind != draft.actor1.kind), None
            )
            draft.actor2 = opponent


def mentions_in(
    doc: Doc, unit: Unit, text: str, focus: str | None
) -> list[tuple[ActorMention, Token]]:
    """Actor mentions in one sentence, each with its head token."""
    found: list[tuple[ActorMention, Token]] = []
    taken: set[int] = set()
    tokens = doc[unit.token_start : unit.token_end]
    for match in actor_terms().match(tokens, offset=unit.token_start):
        head = doc[match.end - 1]
        if head.i in taken or (
            head.pos_ == "ADJ" and match.end - match.start == 1 and not _modifies_strike(head)
        ):
            continue  # "local", "armed": a describing word alone names nobody
        if head.lower_ in _HEDGES and head.dep_ == "amod":
            continue  # "suspected Fulani militiamen": a hedge, the noun names them
        # a modifier term ("rebel" in "rebel forces") defers to the noun it modifies
        if head.dep_ in ("compound", "amod") and head.head.i > head.i:
            outer = head.head
            outer_terms = actor_terms().match(doc[outer.i : outer.i + 1], offset=outer.i)
            term = match.entry
            if outer_terms and term.kind in ARMED_KINDS:
                if outer.i in taken:
                    continue
                taken.add(outer.i)
                mention = _mention(doc, text, outer, match.entry, focus)
                found.append((mention, outer))
                continue
        taken.add(head.i)
        found.append((_mention(doc, text, head, match.entry, focus), head))
    for nation, head in _states_acting(doc, unit, text):
        # an actor word on the way or above already names them: "Armenian army positions",
        # "a Russian tank regiment"
        above = head.head.i if head.dep_ in ("compound", "amod") else head.i
        if not taken & {*range(nation.start, head.i + 1), above}:
            taken.add(head.i)
            country = nation.code(focus)
            found.append((_mention(doc, text, head, _STATE_FORCES, focus, country), head))
    found.sort(key=lambda item: item[0].start)
    return found


# a state's forces named by the state or by its weapons, not by a word for troops
_STATE_FORCES = ActorTerm("state_forces", "military")
_MODIFIER_OF_NOUN = {"amod", "compound", "nmod", "poss"}


def _states_acting(doc: Doc, unit: Unit, text: str) -> list[tuple[Nationality, Token]]:
    """States named by what their forces fire or hold: a nationality on a weapon, strike or
    post ("Russian drones", "Israel's jets", "Turkish airstrikes", "Armenian positions"), or a
    country's name as the subject of an attack verb ("Russia launched missiles"); each with
    the noun that plays the role. ``text`` is the story as written: all-caps copy is parsed
    lower-cased, and there any word may be a name."""
    found: list[tuple[Nationality, Token]] = []
    for nation in nationalities(doc[unit.token_start : unit.token_end]):
        span = doc[nation.start : nation.end]
        if not text[span.start_char : span.start_char + 1].isupper() or (
            span.root.ent_type_ == "PERSON"
        ):
            continue  # "turkey", "Chad" the man
        noun = _state_noun(span.root)
        if noun is not None:
            found.append((nation, noun))
        elif nation.name and _attack_subject(span.root):
            found.append((nation, span.root))
    return found


def _state_noun(token: Token) -> Token | None:
    """The weapon, strike or post noun that ``token`` qualifies, through nouns only
    ("Russian drone strike", not "Russian-made drones")."""
    for _ in range(3):
        if token.dep_ not in _MODIFIER_OF_NOUN or token.head.i <= token.i:
            return None
        token = token.head
        if _is_state_noun(token):
            return token
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
    return None


def _is_state_noun(token: Token) -> bool:
    """A weapons.json phrase ends at ``token`` ("drones", "fighter jets", "air strike")."""
    doc = token.doc
    start = max(token.i - 2, 0)
    matches = state_nouns().match(doc[start : token.i + 1], offset=start)
    return any(m.end == token.i + 1 for m in matches)


def _attack_subject(token: Token) -> bool:
    """Who attacks, launches, fires, strikes: the subject of such a verb or its "by" agent."""
    if token.dep_ == "nsubj":
        return token.head.lemma_.lower() in attack_verbs()
    if token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ == "agent":
        return token.head.head.lemma_.lower() in attack_verbs()
    return False


def _mention(
    doc: Doc,
    text: str,
    head: Token,
    term: ActorTerm,
    focus: str | None,
    stated: str | None = None,
) -> ActorMention:
    """The mention headed by ``head``; ``stated`` is its country when the caller knows it."""
    left = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if (
            child.dep_ in _MODIFIER_DEPS
            and child.i == left - 1
            or (child.dep_ in _MODIFIER_DEPS and child.right_edge.i == left - 1)
        ):
            left = child.left_edge.i
    # drop determiners and numbers, and nouns that only say where ("city government troops")
    national = {i for n in nationalities(doc[left : head.i + 1]) for i in range(n.start, n.end)}
    while left < head.i and (
        doc[left].pos_ in ("DET", "NUM", "PUNCT", "ADP")
        or doc[left].like_num
        or (doc[left].pos_ == "NOUN" and left not in national and not _is_actor_word(doc[left]))
    ):
        left += 1
    span = doc[left : head.i + 1]
    label = text[span.start_char : span.end_char]
    modifiers = [t for t in span if t.i != head.i]
    country = stated or _country_of(modifiers, head, focus)
    kind = term.kind
    group = term.group
    if kind == "civilians" and any(t.lower_ in armed_modifiers() for t in modifiers):
        kind = "political_militia"  # "armed men", "uniformed individuals", "unknown men"
    name = term.name or normalized_name(kind, group, country or focus)
    return ActorMention(
        start=span.start_char,
        end=span.end_char,
        text=label,
        name=name,
        kind=kind,
        country=country or (focus if kind != "external_forces" else None),
        country_stated=country is not None,
    )


def _is_actor_word(token: Token) -> bool:
    """Words that belong in an actor's label: nationalities, 'government', actor terms."""
    word = token.lower_
    return word in demonyms() or word in state_modifiers() or bool(actor_terms().match([token]))


def _country_of(modifiers: list[Token], head: Token, focus: str | None = None) -> str | None:
    """The state a nationality among the modifiers, or after "of"/"from", names; several
    words are read whole ("South Sudanese troops" are South Sudan's, not Sudan's)."""
    found = nationalities(modifiers)
    if found:
        return found[0].code(focus)
    for child in head.children:  # "troops of Syria", "forces from South Sudan"
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for obj in child.children:
                # the object itself names the country ("of the Democratic Republic of Congo"),
                # not a word on it ("units of Russian equipment")
                words = head.doc[obj.left_edge.i : obj.right_edge.i + 1]
                for nation in nationalities(words):
                    if nation.start <= obj.i < nation.end:
                        return nation.code(focus)
    return None


def assign_roles(
    doc: Doc, draft: EventDraft, found: list[tuple[ActorMention, Token]]
) -> tuple[ActorMention | None, ActorMention | None, bool]:
    """Agent and target of the event's verb, walking up from the trigger.

    The walk stops at the first verb above a noun trigger ("killed by landmines") and at one
    clause above a verb trigger ("shot civilians, killing 27"), so the subject of a verb of
    seeing or saying higher up is not taken for the agent. The flag says the agent was parsed.
    """
    trigger = _token_at(doc, draft.trigger.start)
    chain = _governing_chain(trigger)
    later = sequenced_verb(chain[-1])
    # people who fled the event are neither of its sides, nor who condemns it, nor
    # the sides of another deed that it only dates ("police arrested two men after the raid")
    found = [
        (m, h)
        for m, h in found
        if not _flees(_stand_in(h))
        and not reacts(_stand_in(h))
        and (later is None or _role(h, later) is None)
    ]
    if not found:
        return None, None, False
    actor2 = None
    crowd_event = draft.event_type in ("Protests", "Riots")
    doers = _names_doers(trigger)
    actor1 = named = next(
        (m for m, h in found if doers and h.i == trigger.i and m.kind in ARMED_KINDS), None
    )
    for verb in chain:
        for mention, head in found:
            # "the offensive of the army" is the army's; "the murder of six priests" not theirs
            role = _role(head, verb, of_is_agent=crowd_event or mention.kind in ARMED_KINDS)
            if role == "agent" and actor1 is None:
                actor1 = mention
            elif role == "target" and actor2 is None and mention is not actor1:
                actor2 = mention
        if actor1 is not None:
            break
    from_syntax = actor1 is not None
    if actor1 is None:
        remaining = [(m, h) for m, h in found if m is not actor2]
        # victims named alone are no agents: "a bomb killed four civilians"; nor are armed
        # men told as the ones it was done to: "a drug trafficker was found dead"
        armed = [(m, h) for m, h in remaining if m.kind in ARMED_KINDS]
        pool = [(m, h) for m, h in armed if _agency_rank(h) < 2] or (
            remaining if crowd_event else []
        )
        if not pool and armed and actor2 is None and not crowd_event:
            actor2 = armed[0][0]
        # who acts somewhere in the sentence beats who suffers: "soldiers were killed when
        # militants attacked"
        pool.sort(key=lambda item: _agency_rank(item[1]))
        actor1 = pool[0][0] if pool else None
    if actor2 is None:
        # another kind, or the same kind of another state ("the forces of Artsakh fired on
        # the positions of the forces of Azerbaijan")
        others = [
            m
            for m, _ in found
            if m is not actor1
            and (
                actor1 is None
                or m.kind != actor1.kind
                or m.country_stated
                and actor1.country_stated
                and m.country != actor1.country
            )
        ]
        actor2 = others[0] if others else None
    repelled = actor1 is not named and _repels(actor1, found)
    if actor2 is not None and actor2.kind in ARMED_KINDS and repelled:
        actor1, actor2 = actor2, actor1
    return actor1, actor2, from_syntax


def _names_doers(trigger: Token) -> bool:
    """A trigger that names who does the deed ("the kidnappers of a banker"): their deed,
    unless it stands among others ("troops and vigilantes", "gunmen and soldiers opened
    fire", where the verb says who acts) or is a weapon ("tanks"), the deed of who wields it."""
    alone = trigger.dep_ not in ("conj", "appos", "compound", "amod") and not any(
        c.dep_ in ("conj", "appos") for c in trigger.children
    )
    return alone and trigger.lemma_.lower() not in weapon_nouns()


def _flees(token: Token) -> bool:
    """The subject of "fled", "escaped", "evacuated": people driven out by the event."""
    return token.dep_ in _SUBJECT_DEPS and token.head.lemma_.lower() in _DISPLACEMENT_VERBS


def _modifies_strike(token: Token) -> bool:
    """An actor word on a strike or attack noun: "an Afghan military airstrike"."""
    return token.dep_ in ("amod", "compound") and token.head.lemma_.lower() in _STRIKE_NOUNS


def _suffers(token: Token) -> bool:
    """The subject of "suffered / sustained casualties" or of "struck a landmine": those
    hit, not who acts."""
    if token.dep_ != "nsubj":
        return False
    verb = token.head
    return verb.lemma_.lower() in _SUFFER_VERBS or _ran_into_explosive(verb)


def _ran_into_explosive(verb: Token) -> bool:
    """"struck an IED", "stepped on a mine": the verb's object is a planted explosive."""
    if verb.lemma_.lower() not in _RUN_INTO_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [
        o
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in _RUN_INTO_PREPS
        for o in c.children
        if o.dep_ == "pobj"
    ]
    doc = verb.doc
    for obj in objects:
        words = doc[obj.left_edge.i : obj.i + 1]
        if any(m.entry.sub_event_type == _EXPLOSIVE for m in triggers().match(words)):
            return True
    return False


def _repels(actor: ActorMention | None, found: list[tuple[ActorMention, Token]]) -> bool:
    """The actor is who repulsed the attack ("Afghan forces repulsed their attack")."""
    head = next((h for m, h in found if m is actor), None)
    if head is None:
        return False
    token = _stand_in(head)
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in _REPEL_VERBS


_CLIMB_DEPS = {
    "advcl",
    "xcomp",
    "conj",
    "acl",
    "relcl",
    "pcomp",
    "dobj",
    "pobj",
    "prep",
    "nsubj",
    "nsubjpass",
    "compound",
    "amod",
    "agent",
    "npadvmod",
    "attr",
    "appos",
}


def _agency_rank(head: Token) -> int:
    """0 for the subject of an active verb or a 'by X' agent, 1 otherwise, 2 for victims."""
    token = _stand_in(head)
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    if _suffers(token):
        return 2  # "ANDSF forces suffered casualties"
    if token.dep_ == "nsubj" or (token.dep_ == "pobj" and token.head.lower_ == "by"):
        return 0
    if token.dep_ in ("nsubjpass", "dobj"):
        return 2
    return 1


def _governing_chain(trigger: Token) -> list[Token]:
    """The trigger, then the words above it up to the verb whose subject is the agent.

    Climbs through participles and subordinate clauses ("sparking a gunbattle", "shot
    civilians, killing 27") but not out of a reported clause into the verb of saying.
    """
    chain = [trigger]
    token = trigger
    while token.dep_ in _CLIMB_DEPS and token.head.i != token.i and len(chain) < 6:
        if token.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass", "agent") for c in token.children
        ):
            break
        if sequenced_verb(token) is not None:
            break  # "arrested two men after the kidnapping": the arrest is another deed
        token = token.head
        chain.append(token)
    return chain


_COLLECTIVES = {
    "group",
    "groups",
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "crowd",
    "number",
    "band",
    "members",
    "member",
    "some",
    "several",
    "many",
    "team",
    "unit",
    "contingent",
    "mob",
}


def _stand_in(head: Token) -> Token:
    """The word that plays the role for a noun: 'police and soldiers' -> police; 'a group of
    residents' -> group; 'members of the militia' -> members."""
    token = head
    while True:
        if token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        elif _modifies_strike(token):
            token = token.head  # "killed by an Afghan military airstrike": the strike's role
        elif (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and (
                token.head.head.lower_ in _COLLECTIVES
                or token.head.head.lemma_.lower() in _HELD_PLACES
            )
        ):
            token = token.head.head  # "the positions of the militia": the militia is hit
        else:
            return token


def _role(head: Token, verb: Token, of_is_agent: bool = True) -> str | None:
    """Whether the noun ``head`` is the agent or the target of ``verb``.

    "X of Y" names the agent of a gathering ("rallies of civilians") but the victim of
    violence ("the murder of six priests"): ``of_is_agent`` says which the event is."""
    token = _stand_in(head)
    if token.head.i == verb.i:
        if _flees(token):
            return None  # "civilians fled after fighting": driven out, neither side of it
        if _suffers(token):
            return "target"  # "ANDSF forces suffered casualties": those hit
        if token.dep_ in _SUBJECT_DEPS:
            return "agent"
        if (
            token.dep_ in _OBJECT_DEPS
            and head.lemma_.lower() in weapon_nouns()
            and (verb.lemma_.lower() in _WIELD_VERBS)
        ):
            return None  # "fired artillery and mortars at ...": the weapon, not a target
        if token.dep_ in _OBJECT_DEPS:
            return "target"
        if token.dep_ == "poss" and verb.pos_ == "NOUN":  # "the Jesuits' murder"
            return "agent" if of_is_agent else "target"
    if token.dep_ == "pobj":
        prep = token.head
        if prep.head.i == verb.i:
            if prep.lower_ == "by" and prep.dep_ == "agent":
                return "agent"
            if prep.lower_ == "by":
                return "agent"
            if prep.lower_ in _TARGET_PREPS:
                return "target"
        if prep.lower_ == "of" and prep.head.i == verb.i:  # "rallies of civilians"
            return "agent" if of_is_agent or verb.pos_ in ("VERB", "AUX") else "target"
    return None


def _token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[0]


def _dominant_armed(mentions: list[ActorMention]) -> list[ActorMention]:
    """The story's armed actors, most named first: who 'the other side' is when unsaid."""
    counts = Counter((m.kind, m.name) for m in mentions if m.kind in ARMED_KINDS)
    ordered = []
    seen = set()
    for (kind, name), _ in counts.most_common():
        if (kind, name) in seen:
            continue
        seen.add((kind, name))
        ordered.append(next(m for m in mentions if (m.kind, m.name) == (kind, name)))
    return ordered
