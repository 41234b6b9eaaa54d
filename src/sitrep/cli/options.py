"""Command-line options that several commands share, defined once."""

from __future__ import annotations

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
