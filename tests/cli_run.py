"""The CLI run in this process, as ``sitrep.cli.main`` runs it: the same exit codes and
messages as the real command, without the second or two of starting a new interpreter."""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import SitrepError


@dataclass
class Answer:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Answer:
    """``sitrep ARGS`` (``env`` set while it runs); an error that is no SitrepError (a bug) is
    raised, as a traceback."""
    result = CliRunner().invoke(app, list(args), input=stdin, env=env)
    error = result.exception
    if isinstance(error, SitrepError):  # what main() turns into one line and an exit code
        return Answer(error.exit_code, result.stdout, f"{result.stderr}sitrep: error: {error}\n")
    if error is not None and not isinstance(error, SystemExit):
        raise error
    return Answer(result.exit_code, result.stdout, result.stderr)
