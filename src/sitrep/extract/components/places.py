"""Place mentions, resolved against the gazetteer in the story's context, and its focus country."""

from __future__ import annotations

from collections import Counter

from sitrep.extract.context import Context
from sitrep.extract.lexicon import demonyms
from sitrep.extract.registry import component


@component("places")
def find_places(ctx: Context) -> None:
    from sitrep.geo import Geocoder  # the gazetteer opens on first use, once per process

    ctx.places = Geocoder.default().find_places(ctx.document, ctx.doc)
    ctx.focus_country = focus_country(ctx)


def focus_country(ctx: Context) -> str | None:
    """The country the story is about: the places it names, then the nationalities it names."""
    votes: Counter[str] = Counter()
    dateline = (ctx.document.dateline_place or "").lower()
    for mention in ctx.places:
        code = mention.place.country_code
        # the dateline says where the story was filed ("HAVANA (CUBA), 10 JAN 90"), not what
        # it is about; a body that names the dateline city again still counts
        if mention.start < ctx.document.body_start:
            continue
        if code and mention.text.lower() != dateline:
            votes[code] += 2 if mention.place.feature != "country" else 1
    table = demonyms()
    for token in ctx.doc:
        if token.ent_type_ in ("NORP", "GPE") or token.is_title:
            code = table.get(token.text.lower())
            if code:
                votes[code] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]
