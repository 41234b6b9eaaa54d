"""The `sitrep` command line: reads like English (`sitrep extract`, `sitrep eval`, ...).

Each area registers its own commands from a module of this package, so the CLI grows
without one file holding every command.
"""

from __future__ import annotations

import importlib
import sys

import typer

from sitrep.errors import SitrepError

app = typer.Typer(
    name="sitrep",
    help="Turn conflict news into structured, sourced event records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"sitrep {version('sitrep')}")
        except PackageNotFoundError:  # run from a source tree that was never installed
            print("sitrep (not installed)")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Turn conflict news into structured, sourced event records."""


# Modules under sitrep.cli that define `register(app)`.
COMMAND_MODULES: tuple[str, ...] = (
    "extract", "evaluate", "gazetteer", "store_cmds", "sources",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"sitrep.cli.{_name}").register(app)


def main() -> None:
    """Entry point: turn SitrepError into a clear message and its exit code, never a traceback."""
    try:
        app()
    except SitrepError as error:
        print(f"sitrep: error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
