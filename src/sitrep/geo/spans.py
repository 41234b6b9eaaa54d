"""Finding the words that name places: gazetteer n-grams plus wire-copy patterns.

spaCy's small model mislabels many place names (Aleppo as LANGUAGE), so candidate spans come
from the gazetteer itself; NER labels only veto person names outside a locative context.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.geo.countries import demonym_phrases
from sitrep.geo.fold import fold_name
from sitrep.geo.unlisted import SMALL_PLACE_NOUNS

LOCATIVE = {"in", "at", "near", "from", "to", "into", "towards", "toward", "outside", "around",
            "across", "through", "of", "between", "on", "inside", "within", "attacked",
            "entered", "reached", "captured", "stormed", "shelled", "hit", "targeted"}
STRONG_LOCATIVE = {"in", "near", "at", "outside", "inside", "around"}
PLACE_NOUNS = {"province", "governorate", "region", "state", "department", "district", "county",
               "municipality", "village", "town", "city", "area", "neighbourhood", "neighborhood",
               "quarter", "camp", "lga", "sector", "commune", "locality", "settlement", "oblast",
               "raion", "prefecture", "suburb", "division", "tehsil", "subdistrict", "valley",
               "intendancy"}
# "ATLACATL BATTALION", "Medellin cartel", "Bravo company": a named unit, not its place
UNIT_NOUNS = {"battalion", "brigade", "regiment", "detachment", "cartel", "squadron",
              "platoon", "company", "corps", "front", "column", "bloc", "militia", "command"}
MODIFIERS = {"downtown", "central", "northern", "southern", "eastern", "western", "greater",
             "upper", "lower", "metropolitan", "rural", "urban", "coastal", "north", "south",
             "east", "west", "the"}
CONNECTORS = {"al", "el", "ad", "as", "an", "ar", "ash", "de", "del", "la", "las", "los", "do",
              "da", "dos", "das", "of", "y", "e", "di", "du", "des", "le", "ez", "es", "bin",
              "and", "-", "'s", "i"}  # "i": the Persian ezafe of "Mazar-i-Sharif"
# a name glued by a hyphenated link word ("-i-", "-e-", "-ul-") to a capitalised word is part
# of a longer name: "Saraj" of "Nahr-i-Saraj", "Qala" of "Qala-i-Naw"; where the whole is not
# listed, the part is no place (a namesake abroad), not the place
_LINKED_BEFORE = re.compile(r"[A-Z][\w'’]*-[a-z]{1,3}-$")
_LINKED_AFTER = re.compile(r"^-[a-z]{1,3}-[A-Z]")
# spaCy entities that name someone or something other than a place
NAME_ENTS = {"PERSON", "ORG", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
MAX_TOKENS = 5
# parts of the world that gazetteers lack but whose words name towns ("Central", "Latin")
WORLD_REGIONS = {"central america", "latin america", "south america", "north america",
                 "middle east", "near east", "far east", "west africa", "east africa",
                 "southern africa", "north africa", "central africa",
                 "central asia", "south asia", "southeast asia", "western europe",
                 "eastern europe", "western hemisphere", "third world", "persian gulf"}
# stop words that do start place names ("EL SALVADOR", "LA PAZ", "SAN ...", "AL ...")
_NAME_STARTERS = {"al", "el", "ad", "as", "an", "ar", "ash", "la", "le", "los", "las", "san",
                  "santa", "santo", "new", "du", "de", "des", "da", "do", "dos", "di"}


@dataclass
class RawSpan:
    """A stretch of text that may name a place, before any choice of gazetteer entry."""

    start: int
    end: int
    text: str
    key: str
    locative: bool = False  # a preposition or place noun around it says it is a place
    hint_for: int | None = None  # index of the mention this one qualifies, "X (Y, Z)"
    place_noun: str | None = None  # "province", "district", "village" after it
    person: bool = False  # spaCy calls it a person
    extra: dict = field(default_factory=dict)


# all-caps "NATIONALIST REPUBLICAN ALLIANCE", "CENTRAL AMERICAN UNIVERSITY": the words of an
# organization's name before its head noun are part of the name, never a place
ORG_NOUNS = {"alliance", "front", "party", "university", "army", "union", "movement",
             "council", "federation", "association", "school", "college", "institute",
             "church", "committee", "organization", "league", "newspaper"}


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every word in the installed English pipeline's lemmatizer index (WordNet: nouns,
    verbs, adjectives, adverbs). In all-caps copy such a word (PEACE, ALLIANCE, CARRY) may be
    a place only with a locative cue; read from disk once, empty when no pipeline exists."""
    try:
        import spacy
        from spacy.lookups import Lookups

        words: set[str] = set()
        for name in spacy.util.get_installed_models():
            if not name.startswith("en_"):
                continue
            root = spacy.util.get_package_path(name)
            for path in root.glob("*/lemmatizer/lookups"):
                lookups = Lookups().from_disk(path)
                if lookups.has_table("lemma_index"):
                    for values in lookups.get_table("lemma_index").values():
                        words.update(w for w in values if isinstance(w, str) and "_" not in w)
            if words:
                break
        return frozenset(words)
    except Exception:  # noqa: BLE001 - no pipeline data: the rule is simply off
        return frozenset()


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English words (spaCy's lemmatizer index and stop words): place names that are also
    ordinary words ("Police", "Said") need a locative context to count."""
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    words: set[str] = set(STOP_WORDS)
    if importlib.util.find_spec("spacy_lookups_data") is None:
        # the rule lemmatizer's tables come from spacy-lookups-data: without it (sitrep does
        # not install it) stop words alone, and no blank pipeline built to find out (0.2 s)
        return frozenset(w for w in words if "_" not in w)
    try:
        nlp = spacy.blank("en")
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
        lemmatizer.initialize()
        for table in ("lemma_index", "lemma_exc"):
            if lemmatizer.lookups.has_table(table):
                for values in lemmatizer.lookups.get_table(table).values():
                    words.update(w for w in values if isinstance(w, str))
    except Exception:  # noqa: BLE001 - lookups data missing: stop words alone still help
        pass
    return frozenset(w for w in words if "_" not in w)


def doc_is_upper(text: str) -> bool:
    """True for all-capitals copy (MUC-4 wire), where capital letters say nothing."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _capitalized(token, upper: bool) -> bool:
    if upper:
        return token.text[:1].isalnum()
    return token.text[:1].isupper() or token.text[:1].isdigit()


def gazetteer_spans(doc, has_key, is_common, upper: bool, starts_key=None,
                    english: frozenset[str] = frozenset()) -> list[RawSpan]:
    """Longest gazetteer matches over token n-grams, left to right.

    ``english`` (all-caps copy only): ordinary words, which need a strong locative cue.

    ``starts_key(word)`` (optional) says whether any name begins with a folded word; a
    position whose word begins none is skipped without trying its n-grams.
    """
    tokens = list(doc)
    # Doc.text joins every token (a third of a millisecond a story): the pipeline keeps the
    # string it parsed in user_data
    doc_text = doc.user_data.get("text") or doc.text
    ents = {}
    for ent in doc.ents:
        for tok in ent:
            ents[tok.i] = ent
    spans: list[RawSpan] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.text[:1].isalpha() or not _capitalized(tok, upper) and tok.lower_ not in (
            "al", "el", "ad", "as", "an", "ar", "ash"
        ):
            i += 1
            continue
        if upper and tok.is_stop and tok.lower_ not in _NAME_STARTERS:
            i += 1  # "THE", "OF", "WAS": in all-caps copy no place name starts with one
            continue
        after = next((t for t in tokens[i + 1:i + 3] if not t.is_space), None)
        if after is not None and f"{tok.lower_} {after.lower_}" in WORLD_REGIONS:
            i = after.i + 1  # "CENTRAL AMERICA", "the Middle East": no town, nor a country
            continue
        if starts_key is not None:
            first = fold_name(tok.text)
            if len(first) >= 2 and not starts_key(first):
                i += 1
                continue
        match = None
        for n in range(min(MAX_TOKENS, len(tokens) - i), 0, -1):
            last = tokens[i + n - 1]
            if not last.text[:1].isalnum() or not _capitalized(last, upper):
                continue
            words = tokens[i:i + n]
            if any(t.is_punct and t.text not in "-'’." for t in words):
                continue
            # wire copy wraps lines inside names ("VINA DEL\nMAR"); a blank line ends one
            if any(t.is_space and not (upper and t.text.strip(" ") == "\n")
                   or "\n\n" in t.whitespace_ for t in words[:-1]):
                continue
            words = [t for t in words if not t.is_space]
            if not upper and any(not _capitalized(t, upper) and t.lower_ not in CONNECTORS
                                 for t in words):
                continue
            text = doc_text[words[0].idx:last.idx + len(last.text)]
            key = fold_name(text)
            if len(key) < 3 or not has_key(key):
                continue
            match = (n, text, key)
            break
        demonym = _demonym_length(tokens, i, doc_text)
        if demonym and (not match or match[0] < demonym):
            i += demonym  # "South Sudanese", "North Korean": a people, not Cameroon's South
            continue
        if not match:
            i += 1
            continue
        n, text, key = match
        start = tok.idx
        end = start + len(text)
        if not upper and (_LINKED_BEFORE.search(doc_text[max(0, start - 30):start])
                          or _LINKED_AFTER.match(doc_text[end:end + 8])):
            i += n  # a part of a longer hyphenated name the gazetteer lacks
            continue
        span = RawSpan(start, start + len(text), text, key)
        ent = ents.get(tok.i)
        if ent is not None and ent.label_ in _SKIP_ENTS:
            i += n
            continue
        span.person = ent is not None and ent.label_ in ("PERSON", "ORG") and (
            ent.end - ent.start > n)
        # a word inside a longer name of a person, group or people ("Hassan Ugas", "Raymond
        # Loewy school", "Medi tribe"): weak evidence of a place, read only against a
        # namesake abroad (resolve.py)
        span.extra["in_name"] = ent is not None and ent.label_ in NAME_ENTS and (
            ent.end - ent.start > n)
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + n] if i + n < len(tokens) else None
        if _after_title(tokens, i, upper):
            i += n  # "GENERAL RAFAEL BUSTILLO", "Col. Isaacs": a person, not a Bolivian province
            continue
        if prev is not None and prev.lower_ in LOCATIVE:
            span.locative = True
        # "refugees from Ukraine arrived in Slovakia": where someone came from, not where
        # the event is (locate_event prefers the other)
        span.extra["origin"] = prev is not None and prev.lower_ == "from"
        if nxt is not None and nxt.lower_ in PLACE_NOUNS:
            span.locative = True
            span.place_noun = nxt.lower_
        if prev is not None and prev.lower_ in ("the",) and nxt is not None and (
                nxt.lower_ in PLACE_NOUNS):
            span.locative = True
        all_common = all(t.lower_ in is_common or t.lemma_.lower() in is_common
                         or t.lower_ in CONNECTORS for t in tokens[i:i + n])
        if all(t.is_stop or t.lower_ in CONNECTORS for t in tokens[i:i + n]):
            i += n
            continue
        if nxt is not None and nxt.lower_ in UNIT_NOUNS:
            i += n
            continue
        if upper and _in_org_name(tokens, i + n, n == 1):
            i += n
            continue
        modifier = all_common or tok.lower_ in MODIFIERS
        if upper and modifier and n == 1 and nxt is not None and nxt.text[:1].isalpha() and (
                has_key(fold_name(nxt.text)) or nxt.lower_ in PLACE_NOUNS):
            i += n  # all-caps "DOWNTOWN VINA DEL MAR", "CENTRAL AMERICAN": a modifier
            continue
        span.extra["strong"] = bool(span.place_noun) or (
            prev is not None and prev.lower_ in STRONG_LOCATIVE)
        # all-caps "AN ARENA", "AS HEARD": an English article, not Arabic "an-"/"as-"
        core = [t for t in tokens[i:i + n] if not t.is_space]
        if upper and len(core) == 2 and core[0].lower_ in ("an", "as", "at"):
            core = core[1:]
        hyphened = "".join(t.text for t in core).lower()  # "POINT-BLANK", "CEASE-FIRE"
        if len(core) == 3 and core[1].text == "-" and hyphened in english:
            core = [core[0]]
        span.extra["single"] = len(core) == 1
        # mixed-case copy: "GNA", "LNA", "SDF" are names of forces; only a country goes by
        # its initials ("DRC", "UK")
        span.extra["acronym"] = not upper and n == 1 and tok.text.isupper() and len(tok.text) <= 4
        if upper and len(core) == 1 and (core[0].lower_ in english or hyphened in english):
            # all-caps PEACE, VICTORY: an ordinary word first (resolve.choose decides)
            span.extra["english"] = True
            last = tokens[i + n - 1]
            if last.dep_ in ("amod", "compound") and last.head.i > last.i:
                i += n  # "AT POINT-BLANK RANGE": a word that qualifies a noun
                continue
        span.extra["common"] = all_common
        if upper and n == 1 and tok.lower_ in SMALL_PLACE_NOUNS:
            i += n  # all-caps "EL ROBLE CANTON": the noun of an unlisted hamlet, not Canton
            continue
        if n == 1 and tok.lower_ in LOCAL_AREA_NOUNS and nxt is not None and nxt.text[:1].isupper():
            i += n  # "Colonia Lomas de San Agustin": a neighbourhood's noun, not Cologne
            continue
        if all_common and not span.locative:
            i += n
            continue
        if all_common and upper and len(text.split()) == 1 and not span.place_noun and not (
                prev is not None and prev.lower_ in STRONG_LOCATIVE):
            i += n  # all-caps "TO CARRY", "FROM POWER": a verb or noun, not a town
            continue
        spans.append(span)
        i += n
    _mark_hints(doc_text, spans)
    return spans


@lru_cache(maxsize=1)
def _demonym_starts() -> frozenset[str]:
    return frozenset(p.split()[0] for p in demonym_phrases())


def _demonym_length(tokens, i: int, doc_text: str) -> int:
    """How many tokens from ``i`` a demonym of several words takes ("South Sudanese" 2,
    "Papua New Guinean" 3), or 0; the longest is read, as a whole."""
    phrases = demonym_phrases()
    if fold_name(tokens[i].text) not in _demonym_starts():
        return 0
    for n in range(min(4, len(tokens) - i), 1, -1):
        last = tokens[i + n - 1]
        words = doc_text[tokens[i].idx:last.idx + len(last.text)]
        if fold_name(words) in phrases:
            return n
    return 0


def _in_org_name(tokens, j: int, single: bool = True) -> bool:
    """True when tokens from ``j`` on run, through name words only, into an organization
    noun ("... REPUBLICAN ALLIANCE", "... AMERICAN UNIVERSITY"); tokens[j - 1] is then part
    of the name. A one-word span that is itself the head noun counts too (not "LA UNION")."""
    if single and j > 0 and tokens[j - 1].lower_ in ORG_NOUNS:
        return True
    for tok in tokens[j:j + 3]:
        if tok.lower_ in ORG_NOUNS:
            return True
        if not tok.text[:1].isalpha() or tok.is_stop or tok.is_space:
            return False
    return False


# words that put the name after them in a person's slot
PERSON_TITLES = {"general", "gen", "colonel", "col", "lieutenant", "lt", "captain", "capt",
                 "sergeant", "sgt", "commander", "president", "minister", "father", "fr",
                 "msgr", "monsignor", "bishop", "archbishop", "mr", "mrs", "ms", "dr",
                 "senator", "judge", "sheikh", "reverend", "rev"}


def _after_title(tokens, i: int, upper: bool) -> bool:
    """A person's title stands just before position ``i`` ("Col. Isaacs"), or before one
    first name ("GENERAL JUAN RAFAEL BUSTILLO")."""
    j = i - 1
    for _ in range(2):
        if j >= 0 and tokens[j].text == ".":
            j -= 1
        if j < 0:
            return False
        if tokens[j].lower_.rstrip(".") in PERSON_TITLES:
            return True
        if not tokens[j].is_alpha or tokens[j].is_stop or not _capitalized(tokens[j], upper):
            return False
        j -= 1
    return False


_UNIT_NOUN = (r"(?:town|city|village|locality|district|county|municipality|area|commune|"
              r"township|lga|camp)")
_NOUN_BRACKET = re.compile(rf" {_UNIT_NOUN} ?\(", re.I)
# "in Fresnillo municipality, Zacatecas,": the noun between a town and its province
_NOUN_GAP = re.compile(rf" {_UNIT_NOUN}, ", re.I)


# Spanish nouns that open the name of a part of a town ("Colonia Centro", "Barrio Sur")
LOCAL_AREA_NOUNS = {"colonia", "barrio", "vereda", "corregimiento", "fraccionamiento"}

_ADMIN_NOUN_AFTER = re.compile(r" (?:department|state|province|region|governorate|district|"
                               r"county|municipality|oblast)\b", re.I)


def _mark_hints(text: str, spans: list[RawSpan]) -> None:
    """In "Mbuji Mayi (Mbuji-Mayi, Kasai-Oriental)" the bracketed names qualify the first;
    in "in Guaira, Parana," the name after the comma does."""
    for idx, span in enumerate(spans):
        if span.hint_for is not None:
            continue
        end = span.end
        if idx + 1 < len(spans):
            later = spans[idx + 1]
            gap = text[span.end:later.start]
            tail = text[later.end:later.end + 2]
            if noun := _ADMIN_NOUN_AFTER.match(text, later.end):
                tail = text[noun.end():noun.end() + 2]  # "in Cartagena, Bolivar department,"
            if _NOUN_GAP.fullmatch(gap):
                gap = ", "  # "in Fresnillo municipality, Zacatecas,"
            if gap in (", ", " in ") and (not tail or tail[:1] in ",.;)") or (
                    gap == ", " and tail == " ("):
                later.hint_for = idx
                if tail != " (":
                    continue
                end = later.end  # "in Jalalabad, Fazilka (Punjab)": the bracket too
        rest = text[end:end + 3]
        if not rest.lstrip().startswith("("):
            # "Maner town (Patna, Bihar)": a place noun may stand before the bracket
            noun = _NOUN_BRACKET.match(text, end)
            if noun is None:
                continue
        close = text.find(")", end)
        if close < 0:
            continue
        for later in spans[idx + 1:]:
            if later.start < close:
                later.hint_for = idx
            else:
                break


# --- wire-copy patterns for parts of a city --------------------------------------------------

_ART = r"(?:al|el|ad|as|an|ar|ash)"
_NAME = rf"(?:{_ART}[-‐ ])?[A-Z][\w’'`]*(?:[-‐ ](?:{_ART}[-‐])?[A-Z][\w’'`]*){{0,3}}"
_NAME_OR_NUM = rf"(?:{_NAME}|\d+)"
_PART = r"quarters?|districts?|neighbou?rhoods?|areas?|suburbs?|blocks?|sectors?|streets?"
DIRECTIONS = (r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
              r"(?:ern)?|central")

PATTERNS = [
    # the Karm al-Jabal quarter
    ("district", re.compile(rf"\bthe ({_NAME}) (?:quarter|neighbou?rhood|suburb|district)\b")),
    # in Vila Kennedy neighborhood (no article)
    ("neighbourhood", re.compile(rf"\b(?:in|at|of) ({_NAME}) neighbou?rhood\b")),
    # Colonia Jacinto Lopez, Barrio San Jose: the noun is part of the name
    ("neighbourhood", re.compile(
        rf"\b((?:Colonia|Barrio|Fraccionamiento|Vereda|Corregimiento) {_NAME})")),
    # block 15, sector 4
    ("district", re.compile(r"\b((?:[Qq]uarter|[Bb]lock|[Ss]ector|[Dd]istrict) \d+)\b")),
    # the area of the Military Academy
    ("district", re.compile(rf"\bthe area of (?:the )?({_NAME})")),
    # the districts of X and Y
    ("district_list", re.compile(
        rf"\bthe (?:{_PART}) of ((?:{_NAME_OR_NUM})(?:(?:, | and |, and )(?:{_NAME_OR_NUM}))*)")),
    # towards Bab al-Nairab and Hay Salah al-Din
    ("district_list", re.compile(
        rf"\b(?:towards?|into|inside|entered|near) ((?:{_NAME})(?:(?:, | and )(?:{_NAME}))*)")),
]
DIRECTION_CITY = re.compile(rf"\b((?:{DIRECTIONS})) $", re.I)
PART_OF = re.compile(rf"\b(?:in|on|to) the ({DIRECTIONS}|outskirts|(?:{DIRECTIONS}) outskirts)"
                     rf"(?: part)? of $", re.I)
NEAR = re.compile(r"\b(?:near|close to|outside|around|on the outskirts of|north of|south of|"
                  r"east of|west of|kilometres from|km from|miles from)\s+(?:the )?$", re.I)
# all-caps "THE AMERICA NEIGHBORHOOD", "EL ROBLE NEIGHBORHOOD", "X DISTRICT": the span
# runs to the noun so that it outranks a same-named country or town; leading ordinary words
# ("DESTROYED EL ROBLE") are trimmed by the caller
UPPER_QUARTER = re.compile(r"\b((?:[A-Z][A-Z'-]+ ){0,2}[A-Z][A-Z'-]+) (?:NEIGHBOU?RHOOD|BARRIO|"
                           r"SUBURB|QUARTER|DISTRICT)\b")
THE_CITY = re.compile(r"\bthe (?:city|town)\b(?! of)(?! OF)", re.I)


def pattern_spans(text: str, upper: bool) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, words) for the inner-city patterns; unusable on all-caps copy."""
    if upper:
        found = []
        for match in re.finditer(r"\b((?:QUARTER|BLOCK|SECTOR|DISTRICT) \d+)\b", text):
            found.append(("district", match.start(1), match.end(1), match.group(1)))
        for match in UPPER_QUARTER.finditer(text):
            found.append(("quarter", match.start(1), match.end(0), match.group(1)))
        return found
    found = []
    for kind, regex in PATTERNS:
        for match in regex.finditer(text):
            group = match.group(1)
            if kind == "district_list":
                pos = match.start(1)
                for part in re.split(r", and |, | and ", group):
                    at = text.index(part, pos)
                    found.append(("district", at, at + len(part), part))
                    pos = at + len(part)
            else:
                found.append((kind, match.start(1), match.end(1), group))
    return found
