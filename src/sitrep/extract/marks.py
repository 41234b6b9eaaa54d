"""Distinctive words in how sources name an event's victims: what ties a retelling to it.

A story filed weeks after an incident ("the trial over the murder of the six Jesuit priests")
rarely repeats its date or street, but it names the victims the way the first reports did.
Words for armed actors (a perpetrator's name recurs across all its attacks), words for
anybody ("civilians", "residents"), nationalities and verb forms identify nobody and are left
out; so are words that more than a tenth of the store's documents use (``common_marks``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from sitrep.extract.lexicon import load_json
from sitrep.geo.countries import country_names, demonyms
from sitrep.geo.fold import fold_name

MIN_LENGTH = 3
# a mark that more than this share of the stored documents uses names nobody in particular
MAX_DOCUMENT_SHARE = 0.10
# ... but in a small store a word shared by a handful of documents still identifies
MIN_DOCUMENT_CAP = 5
_WORD = re.compile(r"[a-z]+")


def _words(phrase: str) -> Iterable[str]:
    return (_stem(w) for w in _WORD.findall(fold_name(phrase)))


def _stem(word: str) -> str:
    """Plural to singular, enough to meet "JESUITS" and "Jesuit"."""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us")) and len(word) > 3:
        return word[:-1]
    return word


# victims described as anybody: no identity in them
ANYONE = {"civilian", "people", "person", "resident", "villager", "man", "men", "woman", "women",
          "child", "children", "boy", "girl", "family", "families", "population", "inhabitant",
          "peasant", "farmer", "citizen", "individual", "member", "worker", "community",
          "passenger", "local", "group", "unknown", "unidentified", "several", "many", "some",
          "leader", "official", "junior", "senior", "elite", "level", "head", "former",
          "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
          "relative", "friend", "neighbor", "neighbour", "owner", "driver", "guard"}
# the lexicon's words for armed actors, generic ("soldiers", "gunmen") or named (Boko Haram,
# Shining Path: a perpetrator's name recurs across all its attacks); the victims' roles
# ("journalists", "Jesuits") stay


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Words of the lexicon's generic actor terms and modifiers, "anyone" words, stop words
    and nationality adjectives."""
    lexicon = load_json("actors.json")
    words: set[str] = set()

    def add(value) -> None:
        if isinstance(value, str):
            words.update(_words(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                add(key)
                add(item)
        elif isinstance(value, list):
            for item in value:
                add(item)

    for kind, groups in lexicon["kinds"].items():
        if kind != "civilians":
            add(groups)
    for key in ("state_modifiers", "armed_modifiers"):
        add(lexicon.get(key, []))
    words.update(_stem(w) for w in ANYONE)
    words.update(_stem(w) for w in STOP_WORDS)
    words.update(_stem(w) for w in demonyms())
    for name in country_names().values():
        words.update(_words(name))
    return frozenset(words)


@lru_cache(maxsize=1)
def victim_roles() -> frozenset[str]:
    """The lexicon's words for who civilians are (journalist, priest, judge, student)."""
    words: set[str] = set()
    for term in load_json("actors.json")["kinds"]["civilians"]["generic"]:
        words.update(_words(term))
    return frozenset(words)


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    from sitrep.geo.spans import english_words

    return frozenset(_stem(fold_name(w)) for w in english_words()) | frozenset(STOP_WORDS)


def marks_of(labels: Iterable[str | None]) -> frozenset[str]:
    """The distinctive words of the source's own labels for an event's victims: a victim's
    role from the lexicon ("Jesuit priests", "journalists") or a name, a word English does not
    have ("UCA", "Letelier"); other English words ("great", "junior") say how, not who."""
    generic, roles, english = generic_words(), victim_roles(), _english()
    found: set[str] = set()
    for label in labels:
        if not label:
            continue
        for word in _words(label):
            if len(word) < MIN_LENGTH or word in generic or word.endswith(("ed", "ing")):
                continue
            if word in roles or word not in english:
                found.add(word)
    return frozenset(found)


def common_marks(marks_by_document: Iterable[tuple[str, frozenset[str]]]) -> frozenset[str]:
    """Marks used by too many documents of the store to identify one event."""
    documents: dict[str, set[str]] = defaultdict(set)
    all_docs: set[str] = set()
    for doc_id, marks in marks_by_document:
        all_docs.add(doc_id)
        for mark in marks:
            documents[mark].add(doc_id)
    cap = max(MIN_DOCUMENT_CAP, MAX_DOCUMENT_SHARE * len(all_docs))
    return frozenset(m for m, docs in documents.items() if len(docs) > cap)
