"""The pipeline's config: which components run, in order, and each one's settings.

``pipeline.toml`` (shipped) names the components; each component registers its settings with
their defaults (``default_config``); ``[components.NAME]`` tables in the shipped file or in a
user's file (``sitrep extract --config FILE``) override them, as spaCy's config system does.
An unknown component or setting, or a value of another type, is refused with its name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.extract.registry import contract

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "pipeline.toml"


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the config: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not a valid TOML config: {error}") from None


def component_names(configs: list[Mapping[str, Any]]) -> list[str]:
    """The last config that names a component list wins."""
    names: list[str] = []
    for config in configs:
        listed = config.get("pipeline", {}).get("components")
        if listed is not None:
            if not isinstance(listed, list) or not all(isinstance(n, str) for n in listed):
                raise ConfigError("[pipeline] components must be a list of component names")
            names = list(listed)
    if not names:
        raise ConfigError("the config names no pipeline components")
    return names


def settings(names: list[str], configs: list[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each component's defaults, overridden by the configs in turn."""
    merged = {name: dict(contract(name).default_config) for name in names}
    for config in configs:
        for name, values in config.get("components", {}).items():
            if name not in merged:
                raise ConfigError(f"[components.{name}]: no such component in the pipeline")
            for key, value in values.items():
                if key not in merged[name]:
                    known = ", ".join(sorted(merged[name])) or "none"
                    raise ConfigError(
                        f"[components.{name}] {key}: unknown setting (known: {known})"
                    )
                merged[name][key] = _checked(name, key, merged[name][key], value)
    return merged


def _checked(name: str, key: str, default: Any, value: Any) -> Any:
    """A number may stand for a number, a list for a list of the same length."""
    numeric = (int, float)
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(default, bool) and isinstance(value, bool)
    elif isinstance(default, numeric):
        ok = isinstance(value, numeric)
    elif isinstance(default, list):
        ok = isinstance(value, list) and len(value) == len(default)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ConfigError(
            f"[components.{name}] {key}: {value!r} does not fit the default {default!r}"
        )
    return float(value) if isinstance(default, float) else value
