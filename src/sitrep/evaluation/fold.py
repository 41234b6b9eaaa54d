"""Name folding and place arithmetic for the scorer.

Gold and system spell the same place differently (al-Qusayr, Al Qusair, AL-QUSAIR): the
scorer compares folded names so that transliteration noise is not counted as an error.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Arabic definite articles that lead a name ("al-Qusayr", "Al Qusair", "ad-Dana").
_ARTICLES = frozenset({"al", "el", "ad", "as", "an", "ar", "ash", "at", "az", "ul"})
_VOWELS = re.compile(r"[aeiouy]+")
_LEADING_VOWELS = re.compile(r"^[aeiou]+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_DOUBLED = re.compile(r"(.)\1+")
# Words that say what kind of place a name is, not which place: "Salahuddin quarter".
_GENERIC = frozenset(
    [
        "quarter",
        "district",
        "neighbourhood",
        "neighborhood",
        "area",
        "village",
        "town",
        "city",
        "suburb",
        "region",
        "province",
        "camp",
        "hay",
        "the",
        "of",
        "de",
        "del",
    ]
)
# Directions fold to one form: "eastern Aleppo" = "east Aleppo".
_DIRECTIONS = {"eastern": "east", "western": "west", "northern": "north", "southern": "south"}


def _plain_words(name: str) -> list[str]:
    """Lower-case, accent-free words of ``name`` (hyphens split words, apostrophes vanish)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['\u2019\u2018`\u02bf\u02be]", "", text)  # Sana'a = Sanaa
    return re.findall(r"[a-z0-9]+", text)


def _fold_word(word: str) -> str:
    """Fold one word: doubled letters collapse, vowels drop (Qusayr = Qusair = Quseir).

    A leading vowel is kept as one mark ("Idlib" = "Edleb" = "adlb") so that short names
    that differ only there stay apart from names that start with a consonant.
    """
    word = _DIRECTIONS.get(word, word)
    word = _DOUBLED.sub(r"\1", word)
    word = _FINAL_H.sub("", word)  # ta marbuta: Hamah = Hama, Raqqah = Raqqa
    if word.isdigit():
        return word
    lead = "a" if _LEADING_VOWELS.match(word) else ""
    return lead + _VOWELS.sub("", _LEADING_VOWELS.sub("", word))


def fold_tokens(name: str | None) -> list[str]:
    """Folded words of a name with leading articles and generic place words removed."""
    if not name:
        return []
    words = _plain_words(name)
    kept: list[str] = []
    for index, word in enumerate(words):
        if word in _ARTICLES and index + 1 < len(words):
            continue  # an article, not the last word: "al Qusayr", "Bab al-Hawa"
        if word in _GENERIC and len(words) > 1:
            continue
        kept.append(_fold_word(word))
    return kept


def fold_name(name: str | None) -> str:
    """One comparable key for a name: al-Qusayr, Al Qusair and ALQUSAIR fold alike."""
    return "".join(fold_tokens(name))


def as_list(value: Any) -> list[Any]:
    """Gold values may be one value or a list of accepted values; always give a list."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [item for item in value if item is not None]
    return [value]


def names_equal(a: str | None, b: str | None) -> bool:
    """Same name once folded (empty names never match)."""
    key_a, key_b = fold_name(a), fold_name(b)
    return bool(key_a) and key_a == key_b


def name_in(system: str | None, gold: Any) -> bool:
    """The system name equals any of the gold names (gold may be a list)."""
    return any(names_equal(system, candidate) for candidate in as_list(gold))


def district_matches(system: str | None, gold: Any) -> bool:
    """The system district names the gold district (any of a list).

    Rule: the folded gold words appear, in order and contiguous, among the folded system words
    ("Salahuddin quarter" names "Salahuddin"; "eastern Aleppo" names "East Aleppo"). The other way
    round does not count: a system district "Aleppo" does not name gold "eastern Aleppo".
    """
    system_tokens = fold_tokens(system)
    if not system_tokens:
        return False
    for candidate in as_list(gold):
        gold_tokens = fold_tokens(candidate)
        if not gold_tokens:
            continue
        if "".join(gold_tokens) == "".join(system_tokens):
            return True
        width = len(gold_tokens)
        for start in range(len(system_tokens) - width + 1):
            if system_tokens[start : start + width] == gold_tokens:
                return True
    return False


def token_names_match(system: str | None, gold: Any) -> bool:
    """Loose match for people and organisations: one's folded words all lie in the other's.

    "Major General Jane Roe" matches "Jane Roe"; word order is ignored so that
    "Russian Defense Ministry" matches "Ministry of Defense, Russian".
    """
    system_set = set(fold_tokens(system))
    if not system_set:
        return False
    for candidate in as_list(gold):
        gold_set = set(fold_tokens(candidate))
        if gold_set and (gold_set <= system_set or system_set <= gold_set):
            return True
    return False




def coords(location: dict[str, Any] | None) -> tuple[float, float] | None:
    """(lat, lon) when the location has both, else None."""
    if not location:
        return None
    lat, lon = location.get("lat"), location.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return float(lat), float(lon)
    return None


def same_country(system: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Codes agree when both have one, else folded names; a side without a country agrees."""
    gold_codes = [str(code).upper() for code in as_list(gold.get("country_code"))]
    system_code = system.get("country_code")
    if gold_codes and system_code:
        return str(system_code).upper() in gold_codes
    gold_names = as_list(gold.get("country"))
    system_name = system.get("country")
    if gold_names and system_name:
        return name_in(system_name, gold_names)
    return True  # one side does not say: the country cannot disagree
