"""Pipeline components; importing this package registers every one of them."""

from sitrep.extract.components import (  # noqa: F401
    actors,
    claims,
    counts,
    dates,
    dedupe,
    foreign_forces,
    learned_events,
    locations,
    places,
    responsibility,
    sentences,
    summary,
    times,
    triggers,
    typing,
)
