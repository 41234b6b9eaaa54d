"""Choosing one gazetteer entry per mention from the story's own evidence.

A name like "Moscow" or "Santa Rosa" has many entries; the story tells which one through the
countries and nationalities it names, the provinces named around the town, and places in
brackets after it. Population only breaks the remaining ties.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from sitrep.geo.countries import demonyms
from sitrep.geo.fold import fold_name
from sitrep.geo.index import Entry, Gazetteer
from sitrep.geo.spans import RawSpan

ADMIN1_NOUNS = {"province", "governorate", "region", "state", "department", "oblast",
                "prefecture", "division"}
ADMIN2_NOUNS = {"district", "county", "lga", "municipality", "raion", "tehsil", "subdistrict"}
TOWN_NOUNS = {"village", "town", "city", "locality", "settlement", "camp", "commune"}


@dataclass
class Context:
    """What the whole story says about where it is."""

    countries: Counter = field(default_factory=Counter)
    admin_codes: Counter = field(default_factory=Counter)

    @property
    def top_country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None


def story_context(text: str, spans: list[RawSpan], gaz: Gazetteer) -> Context:
    """Country votes from country names and nationality words; admin areas named."""
    ctx = Context()
    table = demonyms()
    for match in re.finditer(r"[A-Za-z]+(?: [A-Za-z]+)?", text):
        word = match.group(0)
        for piece in (word, word.split(" ")[0]):
            code = table.get(fold_name(piece))
            if code and (piece[:1].isupper()):
                ctx.countries[code] += 1
                break
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
        if span.hint_for is not None:
            main = gaz.candidates(spans[span.hint_for].key)
            codes = {c for e in gaz.candidates(span.key) for c in (e.admin1_code, e.admin2_code)
                     if c and e.kind in ("admin1", "admin2")}
            for country in {e.country_code for e in main if e.admin1_code in codes
                            or e.admin2_code in codes}:
                ctx.countries[country] += 3
    if not ctx.countries:
        # no country named: let unambiguous large towns vote
        for span in spans:
            if span.hint_for is not None:
                continue
            cands = gaz.candidates(span.key)
            if cands and cands[0].population >= 100_000 and (
                    len(cands) == 1 or cands[0].population > 10 * (cands[1].population + 1)):
                ctx.countries[cands[0].country_code] += 1
    return ctx


def score_entry(entry: Entry, span: RawSpan, ctx: Context, hint_codes: set[str],
                self_codes: set[str]) -> float:
    """Higher is likelier: population, country focus, provinces named, place nouns."""
    score = math.log10(entry.population + 10) * 0.8
    total = sum(ctx.countries.values())
    if total and entry.country_code in ctx.countries:
        share = ctx.countries[entry.country_code] / total
        score += 3 + 4 * share
        if entry.country_code == ctx.top_country:
            score += 1
    for code in (entry.admin1_code, entry.admin2_code):
        if code and code not in self_codes and ctx.admin_codes.get(code):
            score += 4
        if code and code in hint_codes:
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


def choose(spans: list[RawSpan], gaz: Gazetteer, ctx: Context) -> list[Entry | None]:
    """The best entry for each span, or None where the evidence is too thin to call it a place."""
    hint_codes: dict[int, set[str]] = {}
    for span in spans:
        if span.hint_for is not None:
            codes = hint_codes.setdefault(span.hint_for, set())
            for entry in gaz.candidates(span.key):
                codes.update(c for c in (entry.admin1_code, entry.admin2_code) if c)
    chosen: list[Entry | None] = []
    total = sum(ctx.countries.values())
    for idx, span in enumerate(spans):
        cands = gaz.candidates(span.key)
        if not cands:
            chosen.append(None)
            continue
        if span.hint_for is not None:
            main_codes = {c for e in gaz.candidates(spans[span.hint_for].key)
                          for c in (e.admin1_code, e.admin2_code) if c}
            inside = [e for e in cands if {e.admin1_code, e.admin2_code} & main_codes]
            cands = inside or cands
        self_codes = {c for e in cands for c in (e.admin1_code, e.admin2_code)
                      if e.kind in ("admin1", "admin2") and c}
        best = max(cands, key=lambda e: score_entry(e, span, ctx, hint_codes.get(idx, set()),
                                                    self_codes))
        if span.person and not span.locative and best.kind == "city" and best.population < 1e5:
            chosen.append(None)
            continue
        supported = (total and best.country_code in ctx.countries) or span.locative
        if not supported and best.kind == "city" and best.population < 20_000:
            chosen.append(None)
            continue
        foreign = total and best.country_code not in ctx.countries
        if foreign and best.kind == "city" and (best.population < 50_000 or not best.main):
            chosen.append(None)
            continue
        chosen.append(best)
    return chosen
