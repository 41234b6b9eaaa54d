"""Getting bytes in and text out: size limits, binary detection and charset fallback.

A news file may come from anywhere (a scraper, a copy-paste, an old archive in Latin-1), so
reading is defensive: never read more than the limit, refuse binary data with a clear message,
and decode non-UTF-8 text instead of crashing on it.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from sitrep.errors import BadInputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # 5 MB of text per document
STDIN = "-"

_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_LATIN_CODEPAGES = {
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_4", "iso8859_9",
    "iso8859_10", "iso8859_13", "iso8859_15", "cp775", "cp850", "cp852", "hp_roman8",
    "mac_roman", "mac_latin2",
}
# share of control characters above which decoded "text" is really binary data
_MAX_CONTROL_SHARE = 0.05


def human_size(n: int) -> str:
    """Sizes in messages: '5.0 MB' reads better than '5242880 bytes'."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def too_large(name: str, size: int | None, limit: int) -> BadInputError:
    """The same message wherever a size limit is hit (file, stdin, JSONL record)."""
    got = human_size(size) if size is not None else f"more than {human_size(limit)}"
    return BadInputError(
        f"{name} is too large: {got}, the limit is {human_size(limit)} per document "
        "(raise it with --max-bytes)"
    )


def read_bytes(path_or_dash: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read at most ``max_bytes`` (+1 to notice overflow) from a file or stdin ("-")."""
    if path_or_dash == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large("standard input", None, max_bytes)
        return data
    path = Path(path_or_dash)
    if not path.exists():
        raise BadInputError(f"{path_or_dash}: no such file")
    if path.is_dir():
        raise BadInputError(f"{path_or_dash}: is a directory, not a file")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:
                size = _file_size(handle.fileno())
                raise too_large(str(path_or_dash), size, max_bytes)
    except PermissionError as exc:
        raise BadInputError(f"{path_or_dash}: permission denied") from exc
    except OSError as exc:
        raise BadInputError(f"{path_or_dash}: cannot be read ({exc.strerror or exc})") from exc
    return data


def _file_size(fileno: int) -> int | None:
    try:
        return os.fstat(fileno).st_size
    except OSError:
        return None


def decode_bytes(data: bytes, name: str, warnings: list[str] | None = None) -> str:
    """Bytes -> str: UTF-8 first, then charset detection; binary data is refused. A guessed
    encoding is said in ``warnings``: a wrong guess garbles names, and the reader should know."""
    if not data.strip():
        raise BadInputError(f"{name} is empty: there is no story to read")
    if data.startswith(_BOMS_UTF16):
        try:
            return _checked_text(data.decode("utf-16"), name)
        except UnicodeDecodeError as exc:
            raise BadInputError(f"{name}: invalid UTF-16 text") from exc
    if b"\x00" in data:
        raise BadInputError(
            f"{name} looks like a binary file (it contains NUL bytes); "
            "sitrep reads plain text, HTML or JSONL"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise BadInputError(
                f"{name} is not text in any encoding sitrep recognises (binary file?)"
            ) from None
        latin = _prefer_windows_1252(data, best.encoding)
        encoding = "cp1252" if latin is not None else best.encoding
        text = latin if latin is not None else str(best)
        if warnings is not None:
            warnings.append(f"not valid UTF-8: read as {encoding}, a guess")
    return _checked_text(text, name)


def _prefer_windows_1252(data: bytes, guessed: str) -> str | None:
    """Short Latin texts are ambiguous between code pages (cp1250 vs cp1252 score the same on
    'señora'); English news with accented names is far likelier to be Windows-1252."""
    if guessed not in _LATIN_CODEPAGES:
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _checked_text(text: str, name: str) -> str:
    if not text.strip():
        raise BadInputError(f"{name} is empty: there is no story to read")
    sample = text[:20000]
    controls = sum(
        1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc"
    )
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BadInputError(f"{name} looks like a binary file (too many control characters)")
    return text
