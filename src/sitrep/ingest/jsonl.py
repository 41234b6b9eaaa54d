"""The one JSONL reader: ``sitrep extract --jsonl`` and ``sitrep ingest`` both read through it.

It streams (one line in memory at a time, each line read with a cap, so a 2 GB batch or one
huge line never loads whole) and a bad line costs only itself: it comes out as a
``BadLineError`` naming its file and line number, and the lines after it are read as usual.
Only a file that cannot be read at all (missing, a folder, binary, empty) is one error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, Any

from sitrep.errors import BadInputError
from sitrep.ingest.source import DEFAULT_MAX_BYTES, STDIN, human_size

# JSON escaping can double a text's size; a line longer than this is refused unread
_JSON_OVERHEAD = 2
_CHUNK = 1 << 16


class BadLineError(BadInputError):
    """One line of a batch that cannot be a record; ``where`` is "FILE line N"."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


def read_records(
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[int, dict[str, Any] | BadLineError]]:
    """Yield ``(line_no, record or BadLineError)`` per non-blank line, in input order.

    A record is a JSON object with a non-blank ``text`` or ``html`` string; a dev-set line
    (``{"document": {...}, "events": [...]}``) yields its document. Raises ``BadInputError``
    only for a file that cannot be read as JSONL at all.
    """
    name = record_name(path)
    line_cap = max_bytes * _JSON_OVERHEAD + _CHUNK
    any_line = False
    with _open(path, name) as handle:
        line_no = 0
        while line := _readline(handle, line_cap + 1, name):
            line_no += 1
            where = f"{name} line {line_no}"
            if line_no == 1 and b"\x00" in line[:_CHUNK]:
                raise BadInputError(f"{name} looks like a binary file, not JSONL (NUL bytes)")
            if len(line) > line_cap and not line.endswith(b"\n"):
                _skip_rest_of_line(handle, name)
                any_line = True
                yield line_no, BadLineError(
                    where, f"too large: more than {human_size(line_cap)} on one line, the "
                    f"limit is {human_size(max_bytes)} per document (raise it with --max-bytes)")
                continue
            if not line.strip():
                continue
            any_line = True
            yield line_no, record_of_line(line, where)
    if not any_line:
        raise BadInputError(f"{name} is empty: there are no records to read")


def record_name(path: str | Path) -> str:
    """How messages name a batch: its path, or "standard input" for "-"."""
    return "standard input" if str(path) == STDIN else str(path)


def record_of_line(line: bytes, where: str) -> dict[str, Any] | BadLineError:
    """One line's bytes -> its record, or why it is none (never raises)."""
    if b"\x00" in line:
        return BadLineError(where, "binary data (NUL bytes), not a JSON line")
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return BadLineError(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    try:
        record = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        why = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) \
            else "nested too deeply"
        return BadLineError(where, f"malformed JSON ({why}); line skipped")
    if not isinstance(record, dict):
        return BadLineError(where, f"expected a JSON object, got {_json_kind(record)}")
    if isinstance(record.get("document"), dict) and not _has_story(record):
        record = record["document"]
    if not _has_story(record):
        return BadLineError(where, "the record has no 'text' or 'html' string with a story in "
                                   "it")
    return record


def _has_story(record: dict[str, Any]) -> bool:
    return any(isinstance(record.get(key), str) and record[key].strip()
               for key in ("text", "html"))


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def _open(path: str | Path, name: str) -> AbstractContextManager[IO[bytes]]:
    if str(path) == STDIN:
        return nullcontext(sys.stdin.buffer)  # read, never closed
    source = Path(path)
    if source.is_dir():
        raise BadInputError(f"{name}: is a directory, not a file")
    try:
        return source.open("rb")
    except FileNotFoundError:
        raise BadInputError(f"{name}: no such file") from None
    except OSError as exc:
        raise BadInputError(f"{name}: cannot be read ({exc.strerror or exc})") from None


def _readline(handle: IO[bytes], cap: int, name: str) -> bytes:
    try:
        return handle.readline(cap)
    except OSError as exc:
        raise BadInputError(f"{name}: cannot be read ({exc.strerror or exc})") from None


def _skip_rest_of_line(handle: IO[bytes], name: str) -> None:
    while True:
        chunk = _readline(handle, _CHUNK, name)
        if not chunk or chunk.endswith(b"\n"):
            return

