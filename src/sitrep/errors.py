"""Errors a user can act on, each with the exit code that scripts can rely on."""

from __future__ import annotations

# Exit codes of the CLI. 0 also covers "read fine, found no events" (with a warning).
EXIT_OK = 0
EXIT_FAILURE = 1  # an unexpected failure inside sitrep (a bug): please report it
EXIT_USAGE = 2  # wrong command-line options (click's own code)
EXIT_BAD_INPUT = 3  # input missing, empty, binary, too large or malformed
EXIT_NO_STORY = 4  # readable input, but no story text in it (HTML page without an article)
EXIT_UNSUPPORTED_LANGUAGE = 5  # the story is not in a language sitrep reads (English)
EXIT_BAD_DATA = 6  # a data file (gazetteer dump, gold set) is malformed
# a batch in which some records failed (each reported with its file and line); the others
# were processed. A batch in which every record failed is bad input (3).
EXIT_SOME_FAILED = 7


class SitrepError(Exception):
    """An error with a message meant for the user and an exit code meant for scripts."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(SitrepError):
    """Options that do not make a command: none of its inputs given, or two that exclude
    each other."""

    exit_code = EXIT_USAGE


class ConfigError(SitrepError):
    """A pipeline config names an unknown component or setting, or a value of the wrong type."""

    exit_code = EXIT_USAGE


class BadInputError(SitrepError):
    exit_code = EXIT_BAD_INPUT


class NoStoryError(SitrepError):
    exit_code = EXIT_NO_STORY


class UnsupportedLanguageError(SitrepError):
    exit_code = EXIT_UNSUPPORTED_LANGUAGE


class BadDataError(SitrepError):
    exit_code = EXIT_BAD_DATA
