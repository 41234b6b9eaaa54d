"""Choosing one gazetteer entry per mention from the story's own evidence.

A name like "Moscow" or "Santa Rosa" has many entries; the story tells which one through the
countries and nationalities it names, the provinces named around the town, and places in
brackets after it. Population only breaks the remaining ties. A ranker learned from gold
places (``sitrep.geo.ranker``, ``place_ranker.json``) weighs that evidence instead of
``score_entry``'s hand weights wherever the model file exists, and leaves a mention unplaced
when its best entry looks like no place at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from sitrep.geo.countries import country_cues, demonyms
from sitrep.geo.fold import fold_name
from sitrep.geo.index import Entry, Gazetteer
from sitrep.geo.ranker import (
    EVENT_WEIGHT,
    candidate_features,
    candidate_set,
    is_collecting,
    load_ranker,
    record,
)
from sitrep.geo.spans import RawSpan

ADMIN1_NOUNS = {"province", "governorate", "region", "state", "department", "oblast",
                "prefecture", "division", "intendancy"}
ADMIN2_NOUNS = {"district", "county", "lga", "municipality", "raion", "tehsil", "subdistrict"}
_WORD = re.compile(r"[A-Za-z]+")
TOWN_NOUNS = {"village", "town", "city", "locality", "settlement", "camp", "commune"}


@dataclass
class Context:
    """What the whole story says about where it is."""

    countries: Counter = field(default_factory=Counter)
    admin_codes: Counter = field(default_factory=Counter)

    @property
    def top_country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None


def story_context(text: str, spans: list[RawSpan], gaz: Gazetteer,
                  upper: bool = False) -> Context:
    """Country votes from country names, nationality words and country cues (LGA, OSCE SMM,
    barangay...); admin areas named or pointed to."""
    ctx = Context()
    for cue in country_cues(text, upper):
        ctx.countries[cue.country] += 2
        for code in cue.admin1:
            ctx.admin_codes[code] += 0.5
    table = demonyms()
    words = [m.group(0) for m in _WORD.finditer(text)]
    skip = False
    for i, word in enumerate(words):
        # two-word forms first ("South Sudanese"), then the word alone; every word is tried
        # (pairing words off missed "the Bolivian" half of the time)
        if skip or not word[:1].isupper():
            skip = False
            continue
        pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair and (code := table.get(fold_name(pair))):
            ctx.countries[code] += 1
            skip = True
        elif code := table.get(fold_name(word)):
            ctx.countries[code] += 1
    for span in spans:
        cands = gaz.candidates(span.key)
        for entry in cands:
            if entry.kind == "country":
                ctx.countries[entry.country_code] += 3
                break
        codes = {e.country_code for e in cands if e.kind in ("admin1", "admin2")}
        for entry in cands:
            if entry.kind in ("admin1", "admin2"):
                weight = 1.0 / max(1, len(codes))
                ctx.admin_codes[entry.admin2_code or entry.admin1_code] += weight
    for span in spans:
        # "in Guaira, Parana": the countries where the town lies in the named province
        if span.hint_for is not None and span.key != spans[span.hint_for].key:
            main = gaz.candidates(spans[span.hint_for].key)
            codes = {c for e in gaz.candidates(span.key) for c in (e.admin1_code, e.admin2_code)
                     if c and e.kind in ("admin1", "admin2")}
            inside = sorted({e.country_code for e in main if e.admin1_code in codes
                             or e.admin2_code in codes})
            for country in inside:
                ctx.countries[country] += 3
            if not inside:
                # "in As Sabaa (Tripoli)": a hamlet the gazetteer lacks, in the country of
                # the best-known place of the qualifier's name
                hint = gaz.candidates(span.key)
                if hint and hint[0].population >= 100_000:
                    ctx.countries[hint[0].country_code] += 2
    if not ctx.countries:
        # no country named: let unambiguous large towns vote
        for span in spans:
            if span.hint_for is not None:
                continue
            cands = gaz.candidates(span.key)
            # ...but not a big city by an alias where a city of 100,000 bears the name
            # itself (Pune is also spelled "Puno", a Peruvian city)
            if cands and not cands[0].main and any(
                    e.main and e.kind == "city" and e.population >= 100_000 for e in cands):
                continue
            if cands and cands[0].population >= 100_000 and (
                    len(cands) == 1 or cands[0].population > 10 * (cands[1].population + 1)):
                ctx.countries[cands[0].country_code] += 1
    return ctx


def score_entry(entry: Entry, span: RawSpan, ctx: Context, hint_codes: set[str],
                self_codes: set[str]) -> float:
    """Higher is likelier: population, country focus, provinces named, place nouns."""
    # a scene of events that an added ACLED export records is the likelier namesake in a
    # conflict story: each event counts as much as a thousand inhabitants
    score = math.log10(entry.population + 10 + EVENT_WEIGHT * entry.events) * 0.8
    total = sum(ctx.countries.values())
    if total and entry.country_code in ctx.countries:
        share = ctx.countries[entry.country_code] / total
        score += 3 + 4 * share
        if entry.country_code == ctx.top_country:
            score += 1
    for code in (entry.admin1_code, entry.admin2_code):
        if code and code not in self_codes and ctx.admin_codes.get(code):
            score += 4
    if entry.admin2_code and entry.admin2_code in hint_codes:
        score += 10
    elif entry.admin1_code in hint_codes:
        score += 8
    noun = span.place_noun
    if entry.kind == "country":
        score += 12 if entry.main else 6
    elif entry.kind == "admin1":
        score += 1.5 + (8 if noun in ADMIN1_NOUNS else 0) - (3 if noun in TOWN_NOUNS else 0)
    elif entry.kind == "admin2":
        score += 0.5 + (8 if noun in ADMIN2_NOUNS else 0) - (3 if noun in TOWN_NOUNS else 0)
    else:
        score += 1.5 + (3 if noun in TOWN_NOUNS else 0)
    if entry.main:
        score += 2.0
    return score


def _hint_codes(entries: list[Entry]) -> set[str]:
    """Admin codes a qualifier names: its subdivision entries; a town's district only when
    the name is no subdivision at all ("Caracoli, Malambo")."""
    admin = [e for e in entries if e.kind in ("admin1", "admin2")]
    if admin:
        return {c for e in admin for c in (e.admin2_code or e.admin1_code,) if c}
    return {e.admin2_code for e in entries if e.admin2_code}


def _fits(entry: Entry, codes: set[str]) -> bool:
    return bool(codes) and bool({entry.admin1_code, entry.admin2_code} & codes)


def choose(spans: list[RawSpan], gaz: Gazetteer, ctx: Context,
           upper: bool = False) -> list[Entry | None]:
    """The best entry for each span, or None where the evidence is too thin to call it a place.

    Qualifiers ("Hermosillo, Sonora"; "Ihie (Ohaji/Egbema, Imo)") are resolved after the
    name they qualify, inside it. A town whose qualifier names a subdivision in which no
    entry of that name lies is a place the gazetteer lacks: it gets the subdivision's
    point instead (``span.extra["fallback"]``), never a same-named town elsewhere.
    """
    hint_codes: dict[int, set[str]] = {}
    hint_admins: dict[int, list[Entry]] = {}
    hint_cities: dict[int, list[Entry]] = {}
    for span in spans:
        if span.hint_for is not None:
            entries = gaz.candidates(span.key)
            hint_cities.setdefault(span.hint_for, []).extend(
                e for e in entries[:1] if e.kind == "city" and e.main and e.population >= 100_000)
            if span.key == spans[span.hint_for].key:
                # "Baku (Baku, Azerbaijan)": the province of the town's own name; every
                # namesake lies in a district of its own name, so only provinces tell
                entries = [e for e in entries if e.kind in ("admin1", "admin2")]
                codes = {e.admin1_code for e in entries if e.admin1_code}
            else:
                codes = _hint_codes(entries)
            hint_codes.setdefault(span.hint_for, set()).update(codes)
            hint_admins.setdefault(span.hint_for, []).extend(
                e for e in entries if e.kind in ("admin1", "admin2"))
    chosen: list[Entry | None] = [None] * len(spans)
    order = [i for i, s in enumerate(spans) if s.hint_for is None]
    order += [i for i, s in enumerate(spans) if s.hint_for is not None]
    for idx in order:
        span = spans[idx]
        cands = gaz.candidates(span.key)
        if not cands:
            continue
        if span.hint_for is not None:
            main = chosen[span.hint_for]
            codes = {c for c in (main.admin1_code, main.admin2_code) if c} if main else set()
            inside = [e for e in cands if e is not main and (
                e.admin2_code in codes if e.kind == "admin2" else e.admin1_code in codes)]
            if inside:
                cands = [e for e in inside if e.kind in ("admin1", "admin2")] or inside
            else:
                span.hint_for = None  # a list ("Aleppo, Idlib, and Hama"), not a qualifier
        codes = hint_codes.get(idx, set())
        fitting = [e for e in cands if _fits(e, codes)]
        big = any(e.kind == "country" or e.population >= 50_000 for e in cands)
        # a big namesake abroad ("Kurla town (Mumbai Suburban, ...)" vs Korla) yields too
        abroad = not {e.country_code for e in cands} & {
            e.country_code for e in hint_admins.get(idx, [])}
        # all-caps "WANT PEACE IN COLOMBIA": a word, not a hamlet of Colombia
        word = upper and span.extra.get("english") and not span.extra.get("strong")
        if codes and not fitting and (not big or abroad) and not word:
            fallback = _fallback(hint_admins.get(idx, []), ctx,
                                 {e.country_code for e in cands})
            # a big namesake abroad yields to a province named in one country only ("Kurla
            # town (Mumbai Suburban, Maharashtra)": not Korla in China); "Lilongwe
            # (Central)" names no one country
            one_country = len({e.country_code for e in hint_admins.get(idx, [])}) == 1
            if fallback is not None and (not big or abroad and one_country
                                         or fallback.country_code == ctx.top_country):
                span.extra["fallback"] = True
                chosen[idx] = fallback
                continue
        cities = hint_cities.get(idx, [])
        if not hint_admins.get(idx) and cities and not word and cities[0].country_code not in {
                e.country_code for e in cands}:
            # "Eastleigh (Kamukunji, Nairobi)": an estate of a city the gazetteer lacks,
            # placed at that city, not at a namesake abroad
            span.extra["fallback"] = True
            chosen[idx] = cities[0]
            continue
        chosen[idx] = _pick(fitting or cands, span, ctx, codes, upper)
    return chosen


def _vectors(cands: list[Entry], span: RawSpan, ctx: Context, codes: set[str],
             self_codes: set[str], literal: set[int], big_main: int, province_main: bool,
             upper: bool) -> list[list[float]]:
    """The ranker's feature vectors of the candidates, from the evidence ``score`` weighs."""
    vectors = []
    summary = candidate_set(cands)
    for entry in cands:
        miss = bool(literal) and id(entry) not in literal
        alias = not entry.main and entry.kind == "city" and (
            big_main >= 100_000 or province_main and entry.population < 100_000)
        named = any(c and c not in self_codes and ctx.admin_codes.get(c)
                    for c in (entry.admin1_code, entry.admin2_code))
        vectors.append(candidate_features(entry, span, summary, ctx.countries, ctx.top_country,
                                          named, codes, (miss, alias), upper))
    return vectors


def _fallback(admins: list[Entry], ctx: Context, town_countries: set[str]) -> Entry | None:
    """The named subdivision: in the story's countries, else in a country where the name is
    a town ("near X, Donetsk": Ukraine's oblast, not Russia's district); the most specific."""
    admins = [e for e in admins if e.lat is not None]
    if not admins:
        return None
    return max(admins, key=lambda e: (ctx.countries.get(e.country_code, 0),
                                      e.country_code in town_countries, e.kind == "admin2",
                                      e.main))


_ARTICLES = {"el", "la", "los", "las", "al", "le", "les"}


def _article(name: str) -> str | None:
    """The article a name starts with, lower-cased: "El Salvador" -> el, "al-Bab" -> al."""
    parts = re.split(r"[\s\-]+", name.strip(), maxsplit=1)
    return parts[0].lower() if len(parts) > 1 and parts[0].lower() in _ARTICLES else None


def _pick(cands: list[Entry], span: RawSpan, ctx: Context, codes: set[str],
          upper: bool = False) -> Entry | None:
    total = sum(ctx.countries.values())
    if any(e.main and e.kind == "city" and e.population >= 1_000_000 for e in cands) and not (
            codes):
        # a city of a million by its own name is what the name means: a small town that
        # bears it only as an alternate spelling ("Kabul" for Cabool, Missouri) never wins
        # on the countries the story names ("13 U.S. troops"); a qualifier still may
        cands = [e for e in cands if e.main or e.kind != "city" or e.population >= 100_000]
    self_codes = {c for e in cands for c in (e.admin1_code, e.admin2_code)
                  if e.kind in ("admin1", "admin2") and c}
    article = _article(span.text)
    literal = {id(e) for e in cands if _article(e.name) == article} if article else set()

    # a city of 100,000 or a province by its own name outweighs a place that bears the name
    # only as an alternate one (San Salvador the capital, not a parish of Fene in Spain;
    # Puno in Peru, not Pune; the state of Chiapas, not the town of Chiapa de Corzo). A
    # district shares its town's name, and a big city its province's (Ciudad de Mexico):
    # those stay towns.
    big_main = max((e.population for e in cands if e.main and e.kind == "city"), default=0)
    province_main = any(e.main and e.kind == "admin1" for e in cands)

    def score(entry: Entry) -> float:
        # "EL SALVADOR" folds to "salvador": where some entry keeps the article the text
        # wrote, those that lack it (a village Salvador) are the weaker reading
        miss = bool(literal) and id(entry) not in literal
        alias = not entry.main and entry.kind == "city" and (
            big_main >= 100_000 or province_main and entry.population < 100_000)
        return score_entry(entry, span, ctx, codes, self_codes) - (4 if miss else 0) - (
            3 if alias else 0)

    ranker = load_ranker()
    if ranker is not None or is_collecting():
        vectors = _vectors(cands, span, ctx, codes, self_codes, literal, big_main,
                           province_main, upper)
        record(span, cands, vectors)
    if ranker is not None:
        # the learned weights; a best candidate below the threshold names no place at all
        top = ranker.best(vectors)
        if top is None:
            return None
        best = cands[top]
    else:
        best = max(cands, key=score)
    if span.extra.get("acronym") and best.kind != "country":
        return None
    if span.person and not span.locative and best.kind == "city" and best.population < 1e5:
        return None
    supported = (total and best.country_code in ctx.countries) or span.locative or _fits(
        best, codes)
    if not supported and best.kind == "city" and best.population < 20_000:
        return None
    if upper and span.extra.get("single") and best.kind != "country" and not _fits(
            best, codes):
        # all-caps copy: a lone word (GARCIA, REFUGE, POWER) is a place only when it lies in
        # the story's countries and the text puts it in a place's slot (or it is a real town),
        # or when it names a city of a million
        top = best.country_code == ctx.top_country
        strong = bool(span.extra.get("strong"))
        if span.extra.get("english") and best.kind != "admin1" and not (strong and top) \
                and best.population < 1_000_000:
            return None  # an English word (CARRY, SURPRISE) is a town only "IN X" at home
        if span.extra.get("common") and not top:
            return None  # an ordinary word (AREA, UNIVERSITY) names a place only at home
        # a lone name abroad (ORLANDO LETELIER, PRESIDENT DUARTE, P. GLASGOW) is a person
        # unless the text puts it in a place's slot ("IN GLASGOW")
        if not (top and (span.locative or best.population >= 20_000)
                or best.country_code in ctx.countries and strong
                or best.population >= 1_000_000):
            return None
    foreign = total and best.country_code not in ctx.countries
    fragment = span.extra.get("fragment_after") or span.extra.get("fragment_before")
    if weak_name(span) and best.kind != "country" and (foreign or not total and not (
            best.population >= 100_000 and not fragment or _fits(best, codes))
            and weak_name(span, False)):
        return None  # nor, in a story that names no country, a small place anywhere
    # abroad, only a real town by its own name, or a big one in a place's slot ("Gaza City"),
    # or a town the text puts in a place's slot by its own name ("marched in Volkach against
    # the war in Ukraine": the story's votes go to the country it is about, not where it is)
    # where no namesake is bigger
    slot = not upper and bool(span.extra.get("strong")) and best.main and all(
        e.population <= best.population for e in cands)
    if foreign and best.kind == "city" and not slot and (
            best.population < 50_000 or not best.main and not (
                span.locative and best.population >= 100_000)):
        return None
    return best


def weak_name(span: RawSpan, entity: bool = True) -> bool:
    """Words that may name a place but need not: an ordinary word ("Police", "Union"), a part
    of a longer capitalised name the gazetteer lacks ("Man" of "Man Taw"), a word of a
    person's, group's or people's name ("Hassan Ugas", "Fano militias"). Such a mention is no
    place where its only reading lies outside the countries the story is about. spaCy's
    entities (``entity``) are the loosest of these: "Baramulla city" is an ORG to it."""
    extra = span.extra
    return bool(extra.get("common") or extra.get("fragment_after")
                or extra.get("fragment_before") or entity and extra.get("in_name"))
