"""Place mentions, resolved against the gazetteer in the story's context, and its focus country."""

from __future__ import annotations

from collections import Counter

from sitrep.extract.context import FOCUS_COUNTRY, PLACES, UNITS, Context
from sitrep.extract.lexicon import nationalities
from sitrep.extract.registry import component
from sitrep.geo.geocoder import GeoMention
from sitrep.geo.spans import doc_is_upper
from sitrep.types import PlaceMention


@component("places", requires=(UNITS,), assigns=(PLACES, FOCUS_COUNTRY))
def find_places(ctx: Context) -> None:
    from sitrep.geo import Geocoder  # the gazetteer opens on first use, once per process

    geocoder = Geocoder.default()
    ctx.places = geocoder.find_places(ctx.document, ctx.doc)
    ctx.focus_country = focus_country(ctx)
    stand_in = _nationality_stand_in(ctx, geocoder)
    if stand_in is not None:
        ctx.places = sorted([*ctx.places, stand_in], key=lambda m: (m.start, -m.end))


def _nationality_stand_in(ctx: Context, geocoder) -> PlaceMention | None:
    """A story about Peru that names no place in Peru ("the assassination of a Peruvian
    judge", filed from abroad) still happened in Peru: its first "Peruvian" stands for the
    country, at country precision, so an event without a place of its own is not put in
    the foreign town the story names in passing."""
    code = ctx.focus_country
    if code is None or any(m.place.country_code == code for m in ctx.places):
        return None  # (the dateline's city is a better guess than the whole country)
    name = geocoder.gazetteer.country_name(code)
    country = (
        next((p for p in geocoder.lookup(name, code) if p.feature == "country"), None)
        if name
        else None
    )
    if country is None:
        return None
    upper = doc_is_upper(ctx.document.text)
    for nation in nationalities(ctx.doc):  # "Sri Lankan" whole, not "Lankan"
        span = ctx.doc[nation.start : nation.end]
        if (
            span.start_char >= ctx.document.body_start
            and code in nation.codes
            and _nationality(span[0], upper)
        ):
            text = ctx.document.text[span.start_char : span.end_char]
            return GeoMention(span.start_char, span.end_char, text, country, rank=1)
    return None


# "Central American", "Latin American": a region's people, not a nation's
_REGION_WORDS = {"central", "latin", "north", "south", "east", "west", "pan"}


def _nationality(token, upper: bool) -> bool:
    """A word that may name a nation: capitalized or tagged as one (in all-caps copy, parsed
    lower-cased, any adjective or noun: not the pronoun of "LET US"), and not the second
    word of "Central American"."""
    if upper:
        if token.pos_ not in ("ADJ", "NOUN", "PROPN"):
            return False
    elif not (token.ent_type_ in ("NORP", "GPE") or token.is_title):
        return False
    return not (token.i and token.doc[token.i - 1].lower_ in _REGION_WORDS)


def focus_country(ctx: Context) -> str | None:
    """The country the story is about: the places it names, then the nationalities it names;
    on a tie, the country it was filed from."""
    votes: Counter[str] = Counter()
    filed_from = None
    named_at: set[int] = set()
    for mention in ctx.places:
        code = mention.place.country_code
        named_at.update(range(mention.start, mention.end))
        # the dateline says where the story was filed ("HAVANA (CUBA), 10 JAN 90"), not what
        # it is about; a body that names the dateline city again still counts
        if mention.start < ctx.document.body_start:
            filed_from = filed_from or code
            continue
        if getattr(mention, "hint", False):
            continue  # (the province of "Houston, Texas" names no second place)
        if code:
            votes[code] += 2 if mention.place.feature != "country" else 1
    # all-caps copy is parsed lower-cased: no capital tells a nationality from a word there;
    # "South Sudanese" is read whole, a vote for South Sudan and none for Sudan
    upper = doc_is_upper(ctx.document.text)
    for nation in nationalities(ctx.doc):
        token = ctx.doc[nation.start]
        if token.idx not in named_at and _nationality(token, upper):
            votes[nation.code()] += 1
    if not votes:
        return None
    top = max(votes.values())
    if filed_from is not None and votes.get(filed_from) == top:
        return filed_from
    return votes.most_common(1)[0][0]
