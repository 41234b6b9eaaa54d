"""A registry of named pipeline components, as spaCy does it: a config names which run.

Each component declares, as spaCy's ``Language.factory`` does, what it ``requires`` (the
annotations it reads) and what it ``assigns``; a config whose order gives a component nothing
it needs is refused when the pipeline is built, instead of silently losing places or dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sitrep.errors import ConfigError
from sitrep.extract.context import Context

Component = Callable[[Context], None]

# What every document has before any component runs: the ingested document and its parse.
GIVEN = frozenset({"document", "doc"})


@dataclass(frozen=True)
class Contract:
    """What a component reads and what it makes (names of Context fields, and of event-draft
    fields as ``events.<field>``)."""

    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    # the component's settings (thresholds, weights) and their defaults; a config overrides them
    default_config: Mapping[str, Any] = field(default_factory=dict)


class PipelineOrderError(ConfigError):
    """A config runs a component before the one that makes what it needs."""


_COMPONENTS: dict[str, Component] = {}
_CONTRACTS: dict[str, Contract] = {}


def component(
    name: str,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    default_config: Mapping[str, Any] | None = None,
) -> Callable[[Component], Component]:
    """Register a function that reads and annotates a Context under ``name``; it finds its
    settings in ``ctx.config[name]``."""

    def wrap(func: Component) -> Component:
        if name in _COMPONENTS:
            raise ValueError(f"pipeline component {name!r} is registered twice")
        _COMPONENTS[name] = func
        _CONTRACTS[name] = Contract(tuple(requires), tuple(assigns), dict(default_config or {}))
        return func

    return wrap


def get_component(name: str) -> Component:
    try:
        return _COMPONENTS[name]
    except KeyError:
        known = ", ".join(sorted(_COMPONENTS))
        raise ConfigError(f"unknown pipeline component {name!r}; known: {known}") from None


def contract(name: str) -> Contract:
    get_component(name)  # the same error for an unknown name
    return _CONTRACTS[name]


def settings_of(ctx: Context, name: str) -> Mapping[str, Any]:
    """Component ``name``'s settings in the running config (its defaults outside a pipeline,
    when a helper is called on a Context built by hand)."""
    return ctx.config.get(name) or contract(name).default_config


def check_order(names: list[str]) -> None:
    """Refuse an order in which a component needs what no component before it assigns."""
    made = set(GIVEN)
    problems = []
    for name in names:
        needs = contract(name)
        missing = [r for r in needs.requires if r not in made]
        if missing:
            makers = {
                m: [n for n in names if m in _CONTRACTS[n].assigns] or ["no component"]
                for m in missing
            }
            problems.append(
                f"{name!r} needs "
                + ", ".join(f"{m!r} (made by {', '.join(makers[m])})" for m in missing)
            )
        made.update(needs.assigns)
    if problems:
        raise PipelineOrderError(
            "the pipeline's order breaks what its components need: " + "; ".join(problems)
        )


def registered() -> list[str]:
    return sorted(_COMPONENTS)
