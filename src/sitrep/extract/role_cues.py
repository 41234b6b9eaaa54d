"""Words that take a verb's subject off an event, read from the parse: verbs of reacting ("the
government condemned the murder": it speaks of the deed, it did not do it), and prepositions
that only date an event ("police arrested two men after the kidnapping": the arrest is another
deed, by other hands)."""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.extract.lexicon import reaction_verbs

_SEQUENCE_PREPS = {"after", "before", "following", "since"}


def sequenced_verb(token: Token) -> Token | None:
    """The verb a noun event is only a time mark for: "arrested two men after the
    kidnapping" (a gerund there shares the verb's subject: "withdrew after attacking")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("pobj", "dobj"):
        return None
    prep = token.head
    if prep.lower_ not in _SEQUENCE_PREPS or prep.head.i == prep.i:
        return None
    verb = prep.head
    # told after the verb only: "Following the kidnapping, traffickers fired shots" opens
    # the story of one fight, which ACLED codes as one event
    return verb if verb.pos_ in ("VERB", "AUX") and prep.i > verb.i else None


def reacts(token: Token) -> bool:
    """The subject of a verb of reacting: "the government condemned the murder"."""
    head = token.head
    return (
        token.dep_ == "nsubj"
        and head.pos_ in ("VERB", "AUX")
        and head.lemma_.lower() in reaction_verbs()
    )
