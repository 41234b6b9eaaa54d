"""Command-line options that several commands share, defined once."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="A TOML file whose components.NAME tables override the pipeline's settings.",
    ),
]

# a date that is not YYYY-MM-DD is a wrong option: click refuses it with exit 2
PublishedOption = Annotated[
    datetime | None,
    typer.Option(
        "--published",
        formats=["%Y-%m-%d"],
        help="Publication date YYYY-MM-DD for stories whose metadata gives none (otherwise "
        "a dateline's year is guessed, with a warning).",
        show_default=False,
    ),
]


def as_date(value: datetime | None) -> date | None:
    """The day of a ``--published`` value."""
    return value.date() if value is not None else None
