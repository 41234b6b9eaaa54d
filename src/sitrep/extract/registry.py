"""A registry of named pipeline components, as spaCy does it: a config names which run."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.extract.context import Context

Component = Callable[[Context], None]

_COMPONENTS: dict[str, Component] = {}


def component(name: str) -> Callable[[Component], Component]:
    """Register a function that reads and annotates a Context under ``name``."""

    def wrap(func: Component) -> Component:
        if name in _COMPONENTS:
            raise ValueError(f"pipeline component {name!r} is registered twice")
        _COMPONENTS[name] = func
        return func

    return wrap


def get_component(name: str) -> Component:
    try:
        return _COMPONENTS[name]
    except KeyError:
        known = ", ".join(sorted(_COMPONENTS))
        raise KeyError(f"unknown pipeline component {name!r}; known: {known}") from None


def registered() -> list[str]:
    return sorted(_COMPONENTS)
