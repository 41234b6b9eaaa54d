"""Distinctive words in how sources name an event's victims: what ties a retelling to it.

A story filed weeks after an incident ("the trial over the murder of the six Jesuit priests")
rarely repeats its date or street, but it names the victims the way the first reports did. Only
words rare in English at large identify anyone: "Jesuits", "Letelier", "UCA" do; "judges",
"reporters", "a presidential candidate" (every campaign has some) do not. Words for armed
actors (a perpetrator's name recurs across all its attacks), nationalities and countries are
left out, and so are words that more than a tenth of the store's documents use
(``common_marks``, when merging).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from sitrep.extract.lexicon import demonyms as lexicon_demonyms
from sitrep.extract.lexicon import load_json
from sitrep.geo.countries import country_names, demonyms
from sitrep.geo.fold import fold_name, strip_accents

MIN_LENGTH = 3
# categories of whoever was hit, rare words or not ("villagers", "peasants", "inmates"): any
# story of any war uses them; an identity ("Jesuits", "Yazidis") or a name is what marks
ANYBODY = {
    "civilian",
    "people",
    "person",
    "resident",
    "villager",
    "inhabitant",
    "peasant",
    "farmer",
    "farmworker",
    "laborer",
    "labourer",
    "worker",
    "citizen",
    "local",
    "population",
    "passenger",
    "motorist",
    "commuter",
    "pedestrian",
    "shopkeeper",
    "trader",
    "vendor",
    "merchant",
    "fisherman",
    "fishermen",
    "miner",
    "herder",
    "settler",
    "refugee",
    "migrant",
    "detainee",
    "inmate",
    "prisoner",
    "student",
    "child",
    "children",
    "man",
    "men",
    "woman",
    "women",
    "family",
    "neighbour",
    "neighbor",
    "businessman",
    "businessmen",
    "youth",
    "boy",
    "girl",
}
# Zipf frequency (log10 of uses per billion words) under which a word is rare enough to name
# someone in particular: "Jesuit" 3.2, "nun" 3.6; "priest" 4.3, "judge" 4.9, "student" 5.0
RARE_ZIPF = 3.7
# a mark that more than this share of the stored documents uses names nobody in particular
MAX_DOCUMENT_SHARE = 0.10
# ... but in a small store a word shared by a handful of documents still identifies
MIN_DOCUMENT_CAP = 5
_WORD = re.compile(r"[a-z]+")


def mark_key(word: str) -> str:
    """The folded singular that meets "JESUITS" and "Jesuit"."""
    word = fold_name(word)
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us")) and len(word) > 3:
        return word[:-1]
    return word


def raw_words(phrase: str) -> list[str]:
    return _WORD.findall(strip_accents(phrase).lower())


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Keys of the lexicon's words for armed actors, of categories of anybody, and of
    nationalities and countries."""
    lexicon = load_json("actors.json")
    words: set[str] = set()

    def add(value) -> None:
        if isinstance(value, str):
            words.update(mark_key(w) for w in raw_words(value))
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
    words.update(mark_key(w) for w in ANYBODY)
    return frozenset(words | nation_keys())


@lru_cache(maxsize=1)
def nation_keys() -> frozenset[str]:
    """Keys of nationalities and of the words of country names: whose, not who. The words of
    demonyms.tsv count too, each word of "Sri Lankan" or "Sierra Leonean" and the plurals
    ("Serbs", "Emiratis") that the geocoder's table of adjectives lacks."""
    keys = {mark_key(w) for w in demonyms()}
    for name in [*country_names().values(), *lexicon_demonyms()]:
        keys.update(mark_key(w) for w in raw_words(name))
    return frozenset(keys)


def load_word_frequencies() -> None:
    """Import wordfreq and read its English table now (a batch does so before forking its
    workers, which then share it) rather than at the first victims' word."""
    _rare("warm-up")


@lru_cache(maxsize=50_000)
def _rare(word: str) -> bool:
    # imported here: wordfreq takes half a second to import (more on a busy machine), and
    # most short stories never compare victims' words
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") < RARE_ZIPF


def marks_of(labels: Iterable[str | None]) -> frozenset[str]:
    """The distinctive words of the source's own labels for an event's victims."""
    generic = generic_words()
    found: set[str] = set()
    for label in labels:
        for word in raw_words(label or ""):
            if word.endswith(("ed", "ing")):
                continue  # "assassinated", "kidnapped": what was done, not to whom
            key = mark_key(word)
            if len(key) >= MIN_LENGTH and key not in generic and _rare(word):
                found.add(key)
    return frozenset(found)


def common_marks(marks_by_document: Iterable[tuple[str, frozenset[str]]]) -> frozenset[str]:
    """Marks used by too many documents of the store to identify one event."""
    documents: dict[str, set[str]] = defaultdict(set)
    all_docs: set[str] = set()
    for doc_id, marks in marks_by_document:
        all_docs.add(doc_id)
        for mark in marks:
            documents[mark].add(doc_id)
    cap = document_cap(len(all_docs))
    return frozenset(m for m, docs in documents.items() if len(docs) > cap)


def document_cap(documents: int) -> float:
    """How many of ``documents`` may use a mark before it is common (``common_marks``); the
    incremental merge counts marks in the store and asks the same question."""
    return max(MIN_DOCUMENT_CAP, MAX_DOCUMENT_SHARE * documents)


def words_used(text: str, wanted: set[str]) -> frozenset[str]:
    """Which of the folded marks ``wanted`` a text uses anywhere ("UCA", "Jesuits")."""
    return frozenset(k for w in set(raw_words(text)) if (k := mark_key(w)) in wanted)


# month and day names: every dated sentence has one, they tell nothing apart
CALENDAR_WORDS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
# words for a crowd that say nothing of who is in it ("teachers" and "students" do)
ANY_CROWD = {
    "protester",
    "protestor",
    "demonstrator",
    "marcher",
    "rioter",
    "activist",
    "crowd",
    "mob",
    "group",
    "member",
    "supporter",
    "participant",
    "people",
    "person",
    "resident",
    "citizen",
    "local",
    "inhabitant",
    "villager",
    "population",
    "hundred",
    "thousand",
    "dozen",
    "gathering",
    "demonstration",
    "protest",
    "rally",
    "march",
    "some",
    "several",
    "about",
    "nearly",
    "around",
    "many",
    "other",
    "the",
    "and",
    "their",
    "of",
    *CALENDAR_WORDS,
}


def crowd_words(label: str | None) -> frozenset[str]:
    """What a crowd is named for ("teachers", "health workers", "Hindu students"): its
    label's words, less nationalities and words that fit any crowd. Common words count
    here: "teachers" and "journalists" are two crowds however common the words."""
    words = {mark_key(w) for w in raw_words(label or "") if len(w) >= MIN_LENGTH}
    return frozenset(words - _crowd_generic())


@lru_cache(maxsize=1)
def _crowd_generic() -> frozenset[str]:
    return frozenset({mark_key(w) for w in ANY_CROWD} | nation_keys())
