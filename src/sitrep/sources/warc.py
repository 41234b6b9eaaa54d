"""WARC files (as Common Crawl's CC-NEWS publishes them) -> the HTML pages they archived.

Only successful HTML responses are read; each payload is read with the same size cap as a
fetched page. The WARC-Date is when the page was crawled, not when the story was published,
so it is never used as a date: the page's own metadata is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.errors import BadInputError
from sitrep.ingest.source import human_size
from sitrep.sources.fetch import DEFAULT_MAX_BYTES, PAGE_TYPES


@dataclass
class ArchivedPage:
    url: str
    body: bytes | None  # None when the page was skipped; ``problem`` says why
    charset: str | None = None
    problem: str | None = None


def read_warc(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ArchivedPage]:
    """The archived HTML responses of one WARC file (gzipped or not), in file order."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise BadInputError(f"cannot read {path}: {error.strerror or error}") from error
    with handle:
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                page = _page(record, max_bytes)
                if page is not None:
                    yield page
        except ArchiveLoadFailed as error:
            raise BadInputError(f"{path}: not a WARC file ({error})") from error


def _page(record: object, max_bytes: int) -> ArchivedPage | None:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    http = record.http_headers  # type: ignore[attr-defined]
    status = http.get_statuscode() or ""
    mime, _, params = (http.get_header("Content-Type") or "").partition(";")
    if not status.startswith("2"):
        return None  # redirects and errors archived along the way: nothing to read
    if mime.strip().lower() not in PAGE_TYPES:
        return None  # images, scripts, feeds
    body = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > max_bytes:
        return ArchivedPage(url, None, problem=f"the archived page is larger than "
                            f"{human_size(max_bytes)}, the limit")
    charset = params.partition("charset=")[2].strip().strip('"').lower() or None
    return ArchivedPage(url, body, charset)
