"""Force at a protest: whether words of force tell what happened there, and which sub-type
they call for (shared by typing and by the in-story dedupe)."""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.extract.lexicon import word_set


def force_at_protest(ctx: Context, start: int, end: int) -> str | None:
    """The protest sub-type that force words in text[start:end] call for, if any.

    Force words count only when they tell what happened at the protest, not why people
    protested ("demanding justice for the man killed", "to deplore the attack").
    """
    doc = ctx.doc
    tokens = doc.char_span(start, end, alignment_mode="expand")
    if tokens is None:
        return None
    for section, sub in (
        ("lethal_force", "Excessive force against protesters"),
        ("intervention", "Protest with intervention"),
        ("protester_violence", "Violent demonstration"),
    ):
        matches = word_set(section).match(tokens, tokens.start)
        if any(_told_as_happening(doc[m.start]) for m in matches):
            return sub
    return None


_REASON_WORDS = {
    "demand",
    "denounce",
    "deplore",
    "condemn",
    "fear",
    "honor",
    "honour",
    "mourn",
    "against",
    "over",
    "after",
    "following",
    "because",
    "due",
    "protest",
    "commemorate",
    "remember",
    "justice",
    "murder",
    "death",
    "killing",
    "accuse",
    "release",
}


def _told_as_happening(token) -> bool:
    """Not inside the reason for a protest: no reason word among the few words above it."""
    for ancestor in list(token.ancestors)[:4]:
        if ancestor.lemma_.lower() in _REASON_WORDS or ancestor.lower_ in _REASON_WORDS:
            return False
    return True
