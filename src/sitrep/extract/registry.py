"""sitrep's components are spaCy pipeline components: a config names which run, in order.

Each registers a spaCy factory (``Language.factory``) with what it ``requires`` and
``assigns`` (the ``doc._.sitrep_*`` extensions of sitrep.extract.context) and its settings as
the ``default_config``; a config whose order gives a component nothing it needs is refused by
``nlp.analyze_pipes()`` when the pipeline is built, instead of silently losing places or dates.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from spacy.language import FactoryMeta, Language
from spacy.tokens import Doc

from sitrep.errors import ConfigError
from sitrep.extract.context import Context

Component = Callable[[Context], None]

FACTORY_PREFIX = "sitrep_"  # spaCy's factory names are global: ours carry a prefix


class PipelineOrderError(ConfigError):
    """A config runs a component before the one that makes what it needs."""


class SitrepPipe:
    """A component as spaCy calls it: the Doc in, the same Doc annotated out."""

    def __init__(self, component: str, run: Component, settings: Mapping[str, Any]) -> None:
        self.component = component
        self.run = run
        self.settings = dict(settings)

    def __call__(self, doc: Doc) -> Doc:
        ctx = Context(doc)
        # published on the Doc: a later component's helper may read it (dedupe retypes)
        ctx.config[self.component] = self.settings
        self.run(ctx)
        return doc


_REGISTERED: set[str] = set()


def component(
    name: str,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    default_config: Mapping[str, Any] | None = None,
) -> Callable[[Component], Component]:
    """Register a function that reads and annotates a Context as the spaCy factory
    ``sitrep_<name>``; each of its settings is a factory argument, its default in
    ``default_config``, and it finds them in ``ctx.config[name]``."""
    defaults = dict(default_config or {})
    label = name  # spaCy passes the pipe's own name as ``name``

    def wrap(func: Component) -> Component:
        if name in _REGISTERED:
            raise ValueError(f"pipeline component {name!r} is registered twice")

        def make(nlp: Language, name: str, **settings: Any) -> SitrepPipe:
            return SitrepPipe(label, func, settings)

        # the settings as named arguments, so that spaCy's config validation knows them
        make.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [
                inspect.Parameter("nlp", inspect.Parameter.POSITIONAL_OR_KEYWORD),
                inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            ]
            + [
                inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, annotation=_kind(value))
                for key, value in defaults.items()
            ]
        )
        Language.factory(
            factory_name(name),
            requires=list(requires),
            assigns=list(assigns),
            default_config=defaults,
            func=make,
        )
        _REGISTERED.add(name)
        return func

    return wrap


def _kind(default: Any) -> Any:
    """The type spaCy checks a setting against: a number may stand for a number."""
    if isinstance(default, bool):
        return bool
    if isinstance(default, int | float):
        return int | float
    return type(default)


def factory_name(name: str) -> str:
    return FACTORY_PREFIX + name


def contract(name: str) -> FactoryMeta:
    """What component ``name`` requires and assigns, and its ``default_config``."""
    if name not in _REGISTERED:
        known = ", ".join(registered())
        raise ConfigError(f"unknown pipeline component {name!r}; known: {known}")
    return Language.get_factory_meta(factory_name(name))


def settings_of(ctx: Context, name: str) -> Mapping[str, Any]:
    """Component ``name``'s settings as its pipe published them (its defaults when it is not
    in the pipeline, or a helper is called outside one)."""
    return ctx.config.get(name) or contract(name).default_config


def check_order(nlp: Language) -> None:
    """Refuse an order in which a pipe needs what no pipe before it assigns."""
    analysis = nlp.analyze_pipes()
    problems = []
    for name, missing in analysis["problems"].items():
        if missing:
            makers = {m: analysis["attrs"][m]["assigns"] or ["no component"] for m in missing}
            problems.append(
                f"{name!r} needs "
                + ", ".join(f"{m!r} (made by {', '.join(makers[m])})" for m in missing)
            )
    if problems:
        raise PipelineOrderError(
            "the pipeline's order breaks what its components need: " + "; ".join(problems)
        )


def registered() -> list[str]:
    return sorted(_REGISTERED)
