"""Truecasing: all-capitals wire copy (MUC-4, telex) is given back its capitals before parsing.

spaCy's tagger and named-entity recogniser learned from mixed-case text: fed "GUERRILLAS
ATTACKED SAN SALVADOR" they see every word as a name, fed it lower-cased they see none. So the
copy is written the way mixed-case news writes it ("guerrillas attacked San Salvador") and the
rest of the pipeline reads it like any other story. The casing of each word is learned from
data (data/casing.tsv, written by scripts/make_casing.py from ACLED's mixed-case summaries);
a word it never saw is lower case when an English word list knows it (data/english_words.txt,
spaCy's stop words, or the pipeline's WordNet index, inflections stripped) and a name
otherwise. Measured on upper-cased mixed-case text away from sentence starts (table from ACLED
2020 only): the WordNet fallback gets 91.3% of the TASS story's words right against 88.6%
without it, and 89.8% of ACLED 2022's summaries against 90.0%; news prose is what wire copy is.
Each letter keeps its place, so every character offset still indexes the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS as _STOP_WORDS

from sitrep.errors import SitrepError

UPPER_SHARE = 0.8  # more capital letters than this share of all letters: all-caps copy
_WORD = re.compile(r"[^\W\d_]+")
# a word after these opens a sentence (the start of the text, a paragraph, a full stop, the
# "--" that ends a dateline)
_SENTENCE_START = re.compile(r"(?:\A|[.!?]|--|\n\s*\n|\n\s{2,}|[\"“(\[])[\s\"“(\[]*\Z")
_VOWELS = set("aeiouy")
_NUMBER_BEFORE = re.compile(r"\d\s?\Z")
_NUMBER_AFTER = re.compile(r"\s?\d")
# inflections stripped to find a word's lemma in the WordNet index ("killers" -> "killer");
# "-es" only after a hissing sound ("churches", not "Funes" -> "fun")
_INFLECTIONS = (("ies", "y"), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
                ("shes", "sh"), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                ("ers", "er"), ("ers", ""), ("ly", ""))
# "U.S. AID", "J. SMITH": a full stop after a lone letter ends no sentence
_INITIAL_DOT = re.compile(r"(?:\A|[^\w])\w\.\s*\Z")


class CasingDataError(SitrepError):
    """The shipped casing table cannot be read."""


def is_all_caps(text: str) -> bool:
    """True for copy written in capitals throughout, where capitals say nothing."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > UPPER_SHARE * len(letters)


def parse_casing(lines) -> dict[str, str]:
    """Lower-cased word -> its usual form, from ``form<TAB>count<TAB>total`` lines."""
    table: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3 or not parts[0] or not all(p.isdigit() for p in parts[1:]):
            raise CasingDataError(f"casing table line {number}: expected form, count, total")
        table[parts[0].lower()] = parts[0]
    return table


@lru_cache(maxsize=1)
def casing_table() -> dict[str, str]:
    text = resources.files("sitrep.data").joinpath("casing.tsv").read_text(encoding="utf-8")
    return parse_casing(text.splitlines())


@lru_cache(maxsize=1)
def _lower_words() -> frozenset[str]:
    """Words read as lower case when the table has none: the English word list and spaCy's
    stop words."""
    text = resources.files("sitrep.data").joinpath("english_words.txt").read_text("utf-8")
    listed = {w for w in text.splitlines() if w and not w.startswith("#")}
    return frozenset(listed | set(_STOP_WORDS))


def _in_wordnet(low: str) -> bool:
    """A word of the pipeline's WordNet index, or an inflection of one."""
    from sitrep.geo.spans import english_words

    index = english_words()
    return low in index or any(
        low.endswith(ending) and low[: -len(ending)] + lemma_end in index
        for ending, lemma_end in _INFLECTIONS
    )


def word_form(word: str, beside_number: bool = False) -> str:
    """How mixed-case text writes an all-caps ``word`` in mid-sentence (same length).

    A stop word is a stop word ("LET US", "MAY HAVE"): all-caps wire copy cannot mark a name
    by its capitals, so it writes the United States "U.S." (744 times in MUC-4's training
    stories, against 364 "US", whose commonest contexts are "FOR US TO", "LET US"); a month
    that is also one ("3 MAY") keeps its capital beside a number.
    """
    low = word.lower()
    known = casing_table().get(low)
    if low in _STOP_WORDS and low != "i" and not (beside_number and known):
        form = low
    elif known is not None:
        form = known
    elif low in _lower_words() or _in_wordnet(low):
        form = low
    elif len(low) > 1 and not _VOWELS & set(low):
        form = word.upper()  # "FMLN", "PCN": no vowel, an acronym
    else:
        form = low[:1].upper() + low[1:]  # unknown: a name ("Cristiani", "Usulutan")
    return form if len(form) == len(word) else word


def truecase(text: str) -> str:
    """``text`` with each all-caps word in its usual casing and sentence starts capitalised;
    the same length, every character at its place. Mixed-case text comes back unchanged."""
    if not is_all_caps(text):
        return text
    out = list(text)
    for match in _WORD.finditer(text):
        word = match.group()
        if not word.isupper():
            continue  # written in mixed case already: the source knows best
        if len(word) == 1 and text[match.end():match.end() + 1] == ".":
            continue  # an initial ("U.S.", "J. SMITH") stays a capital
        beside_number = bool(_NUMBER_BEFORE.search(text[max(0, match.start() - 2):match.start()])
                             or _NUMBER_AFTER.match(text, match.end()))
        form = word_form(word, beside_number)
        before = text[max(0, match.start() - 6):match.start()]
        if _SENTENCE_START.search(before) and not _INITIAL_DOT.search(before):
            form = form[:1].upper() + form[1:]
        if len(form) == len(word):
            out[match.start():match.end()] = form
    cased = "".join(out)
    return cased if len(cased) == len(text) else text
