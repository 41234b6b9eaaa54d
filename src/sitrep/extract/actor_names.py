"""Normalized actor names in ACLED's style, and actors the text implies but does not name."""

from __future__ import annotations

from dataclasses import replace

from sitrep.extract.context import Context
from sitrep.extract.lexicon import country_name, demonym_of, name_templates
from sitrep.types import ActorMention

GROUP_OF_KIND = {"state_forces": "military"}


def normalized_name(kind: str, group: str, country: str | None) -> str:
    """ACLED-style name: 'Military Forces of Syria', 'Protesters (Chile)'."""
    templates = name_templates()
    template = templates.get(f"{kind}/{group}") or templates.get(f"{kind}/generic") or kind
    place = country_name(country) or "unknown country"
    demonym = demonym_of().get(country or "", "")
    name = template.format(country=place, demonym=demonym).strip()
    return name[0].upper() + name[1:] if name else kind


def default_actor(kind: str, ctx: Context) -> ActorMention:
    """An actor the event type implies (the protesters of a protest) with no words of its own."""
    country = ctx.focus_country
    return ActorMention(
        start=-1,
        end=-1,
        text="",
        name=normalized_name(kind, GROUP_OF_KIND.get(kind, "generic"), country),
        kind=kind,
        country=country,
    )


def relabel(actor: ActorMention, kind: str, ctx: Context) -> ActorMention:
    """The same words seen in another role: 'citizens' who march are protesters."""
    if actor.kind == kind:
        return actor
    country = actor.country or ctx.focus_country
    return replace(actor, kind=kind, name=normalized_name(kind, "generic", country))
