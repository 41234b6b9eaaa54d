"""What the spaCy parse says about a count: whom a number or an article counts (a victim, a
speaker), who claims a toll, and whether people named with a number are a crowd.

``sitrep.extract.counts`` finds counts by surface patterns; where the pipeline's parse is at
hand it asks this module to settle what the patterns cannot.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from sitrep.extract.lexicon import actor_terms, claim_words


@lru_cache(maxsize=2)
def count_data(name: str) -> dict[str, Any]:
    """A count lexicon of the package data (casualties.json, numbers.json)."""
    return json.loads(resources.files("sitrep.data").joinpath(name).read_text("utf-8"))


def one_of(words: list[str]) -> str:
    """A regex alternation of the words, longest first, spaces matching any whitespace."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


class CountParse:
    """The spaCy parse under ``text[base:]``: offsets in the span map to its tokens.

    ``harm`` holds the tokens of any word of killing or injury, ``crowd`` those of protest
    verbs; both are found on first use, as most spans never need them.
    """

    def __init__(self, doc: Doc, base: int, masked: str) -> None:
        self.doc, self.base = doc, base
        self._masked = masked
        self._harm: set[int] | None = None
        self._crowd: set[int] | None = None

    def _indices(self, pattern: re.Pattern[str]) -> set[int]:
        found: set[int] = set()
        for m in pattern.finditer(self._masked):
            words = self.doc.char_span(
                self.base + m.start(), self.base + m.end(), alignment_mode="expand"
            )
            found.update(t.i for t in words or ())
        return found

    @property
    def harm(self) -> set[int]:
        if self._harm is None:
            self._harm = self._indices(_harm_any())
        return self._harm

    @property
    def crowd(self) -> set[int]:
        if self._crowd is None:
            self._crowd = self._indices(_crowd_verb_re())
        return self._crowd

    def token(self, offset: int) -> Token | None:
        words = self.doc.char_span(
            self.base + offset, self.base + offset + 1, alignment_mode="expand"
        )
        return words[0] if words is not None and len(words) else None

    def noun(self, start: int, end: int) -> Token | None:
        """The noun a count phrase counts: "six" -> soldiers, "a" -> spokesman, "dozens" itself."""
        phrase = re.sub(r"\s+of$", "", self._masked[start:end].rstrip(), flags=re.I)
        last = self.token(start + max(len(phrase) - 1, 0))
        if last is None:
            return None
        if last.dep_ in _COUNT_DEPS and last.head.i != last.i:
            return last.head
        return last

    def speaks(self, noun: Token) -> bool:
        """Whether ``noun`` is who tells the news: the subject of a speech verb ("..., a
        spokesman said") or the object of "according to" (claims.json speech_verbs)."""
        noun = _chain_head(noun)
        if noun.dep_ == "pobj" and noun.head.lower_ == "to":
            return noun.head.head.lower_ == "according"
        return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _speech_lemmas()

    def harmed(self, noun: Token) -> bool:
        """Whether the parse makes ``noun`` the one killed or hurt: subject or object of a harm
        word ("a soldier was killed", "killing a farmer"), the "of" of a harm noun ("the death
        of a judge"), or described by a harm clause ("a man who was shot dead")."""
        noun = _chain_head(noun)
        if any(c.dep_ in ("relcl", "acl") and self._near_harm(c) for c in noun.children):
            return True
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i != noun.head.i:
            return self._near_harm(noun.head.head)
        if noun.dep_ in _ROLE_DEPS:
            return self._near_harm(noun.head)
        return False

    def _near_harm(self, head: Token) -> bool:
        """``head`` is a harm word or governs one: "was shot and killed", "left ... dead"."""
        near = [head, *(c for c in head.children if c.dep_ in _HARM_LINKS)]
        return any(t.i in self.harm for t in near)

    def crowd_of_people(self, noun: Token) -> bool:
        """Whether a count of people in general ("500 residents") is the crowd.

        Not when the parse ties them to another fate: they flee, live or stay somewhere
        ("thousands of civilians fled"), something is done to them that is not done to a
        crowd ("police arrested 40 people"; "dispersed 300 people" is), or they belong to a
        place or a group that is no gathering ("a town of 20,000 residents"). Otherwise they
        are the crowd, doing whatever a protest or a mob does; a loose parse keeps the pattern.
        """
        while noun.dep_ == "conj" and noun.head.i != noun.i:  # not appos: often misparsed
            noun = noun.head
        head = noun.head
        if noun.dep_ == "nsubj":
            return not {head.lemma_.lower(), head.head.lemma_.lower()} & _not_crowd_lemmas()
        if noun.dep_ in ("dobj", "obj", "nsubjpass"):
            return self._crowdish(head)
        if noun.dep_ == "pobj" and head.head.pos_ in ("NOUN", "PROPN"):
            return self._crowdish(head.head)
        return True

    def taken_one_by_one(self, noun: Token) -> bool:
        """Whether something is done to the counted people that is not done to a crowd as a
        whole: "police arrested three activists" counts the arrested, not the crowd; "police
        dispersed 500 protesters" counts the crowd."""
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        return noun.dep_ in ("dobj", "obj", "nsubjpass") and not self._crowdish(noun.head)

    def _crowdish(self, token: Token) -> bool:
        return token.i in self.crowd or token.lemma_.lower() in _crowd_lemmas()

    def claimant(self, offset: int) -> str | None:
        """Who says the toll at ``offset``: the subject of the nearest speech verb above it
        ("police said two died"), of one set beside it ("two died, police said"), or the object
        of "according to"; None where the story itself tells it."""
        token = self.token(offset)
        for _ in range(8):
            if token is None:
                return None
            who = _speaker(token) or next(
                (
                    found
                    for child in token.children
                    if child.dep_ in ("parataxis", "prep") and (found := _speaker(child))
                ),
                None,
            )
            if who is not None:
                return _words(who)
            if token.head.i == token.i:
                return None
            token = token.head
        return None

    def victim_kind(self, start: int, end: int) -> str | None:
        """The ACLED actor kind of who a count counts: "four policemen" -> state_forces."""
        noun = self.noun(start, end)
        if noun is None:
            return None
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        for word in (pobj, noun):
            if word is not None:
                terms = actor_terms().match([word])
                if terms:
                    return str(terms[0].entry.kind)
        return None


_HARM_LINKS = {"conj", "xcomp", "acomp", "oprd"}
_ROLE_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "dative"}
_COUNT_DEPS = {"det", "poss", "nummod", "quantmod", "amod", "compound"}


def _chain_head(noun: Token) -> Token:
    """The first of a list or apposition: "two soldiers and a civilian" -> soldiers."""
    while noun.dep_ in ("conj", "appos") and noun.head.i != noun.i:
        noun = noun.head
    return noun


@lru_cache(maxsize=1)
def _crowd_lemmas() -> frozenset[str]:
    return frozenset(count_data("casualties.json")["crowd_lemmas"])


@lru_cache(maxsize=1)
def _not_crowd_lemmas() -> frozenset[str]:
    return frozenset(count_data("casualties.json")["not_crowd_lemmas"])


def _speaker(token: Token) -> Token | None:
    """The subject of a speech verb (claims.json), or the object of "according to"."""
    if token.lower_ == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if token.lemma_.lower() in _speech_lemmas() and token.pos_ in ("VERB", "AUX"):
        return next((c for c in token.children if c.dep_ == "nsubj"), None)
    return None


def _words(token: Token) -> str:
    return " ".join(t.lower_ for t in token.subtree)


@lru_cache(maxsize=1)
def _speech_lemmas() -> frozenset[str]:
    return frozenset(claim_words()["speech_verbs"])


@lru_cache(maxsize=1)
def _harm_any() -> re.Pattern[str]:
    """Any whole word of the toll vocabulary, both kinds: the harm words of the parse."""
    c = count_data("casualties.json")
    words = [
        w
        for key, values in c.items()
        if key.startswith(("kill", "injure")) and isinstance(values, list)
        for w in values
    ]
    return re.compile(rf"\b(?:{one_of(words)})(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _crowd_verb_re() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{one_of(count_data('casualties.json')['crowd_verbs'])})\b", re.I)
