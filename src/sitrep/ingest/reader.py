"""Stories in (file, stdin, string, JSONL record) -> one clean ``Document`` each.

All entry points share one builder, so a story reads the same whether it arrives as a file, as
an HTML page or as a line of a batch: chrome dropped, headline kept aside as the title, text
starting at the dateline, publication date chosen with its provenance, language checked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any

from sitrep.errors import BadInputError, NoStoryError, SitrepError, UnsupportedLanguageError
from sitrep.ingest.chrome import drop_chrome, is_heading_like
from sitrep.ingest.dateline import find_dateline, normalize_outlet, normalize_place
from sitrep.ingest.html import extract_article, looks_like_html
from sitrep.ingest.jsonl import read_records, record_name
from sitrep.ingest.language import MIN_CONFIDENCE, SUPPORTED, identify, language_name
from sitrep.ingest.published import parse_published, resolve_published
from sitrep.ingest.source import (
    DEFAULT_MAX_BYTES,
    STDIN,
    decode_bytes,
    read_bytes,
    too_large,
)
from sitrep.types import Document

NO_DATELINE_WARNING = "no dateline found"


def read_document(
    path_or_dash: str, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read one story from a plain-text or HTML file, or from stdin when given "-"."""
    name = "standard input" if path_or_dash == STDIN else str(path_or_dash)
    warnings: list[str] = []
    raw = decode_bytes(read_bytes(path_or_dash, max_bytes), name, warnings)
    return _build(raw, name=name, given=published, max_bytes=max_bytes, warnings=warnings)


def read_text(
    raw: str,
    doc_id: str | None = None,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read one story from a string holding plain text or an HTML page."""
    return _build(raw, doc_id=doc_id, name=doc_id or "text", given=published, outlet=outlet,
                  url=url, max_bytes=max_bytes)


def document_from_record(
    record: dict[str, Any],
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Document:
    """One JSONL record (``{"id", "text" or "html", "published", ...}``) -> Document.

    Records shaped like the dev sets (``{"document": {...}, "events": [...]}``) are unwrapped.
    """
    if not isinstance(record, dict):
        raise BadInputError(f"{name or 'record'}: expected a JSON object, got "
                            f"{type(record).__name__}")
    if isinstance(record.get("document"), dict):
        record = record["document"]
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else None
    label = name or (f"record {doc_id}" if doc_id else "record")
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        raw, is_html = html, True
    elif isinstance(text, str):
        raw, is_html = text, None
    else:
        raise BadInputError(f"{label}: the record has no 'text' or 'html' string")
    warnings: list[str] = []
    try:
        meta_published = parse_published(record.get("published"))
    except ValueError as exc:
        meta_published = None
        warnings.append(f"{exc}; ignored")
    return _build(
        raw,
        doc_id=doc_id,
        name=label,
        given=published,
        metadata_published=meta_published,
        outlet=_str_or_none(record.get("outlet")) or _str_or_none(record.get("source")),
        url=_str_or_none(record.get("url")),
        title=_str_or_none(record.get("title")),
        dateline_place=_str_or_none(record.get("dateline_place")),
        is_html=is_html,
        max_bytes=max_bytes,
        warnings=warnings,
    )


def read_jsonl(
    path: str, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[int, Document | SitrepError]]:
    """Yield ``(line_no, Document or error)`` per non-blank line, in input order, streaming.

    A bad line (malformed JSON, empty text, another language, too large) becomes an error entry
    naming its file and line, and the batch goes on; only an unreadable file stops it.
    """
    for line_no, record in read_records(path, max_bytes):
        if isinstance(record, SitrepError):
            yield line_no, record
            continue
        rid = record.get("id")
        name = f"{record_name(path)} line {line_no}" + (
            f" (id {rid})" if rid not in (None, "") else "")
        try:
            yield line_no, document_from_record(record, published, max_bytes, name=name)
        except SitrepError as exc:
            yield line_no, exc


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _build(
    raw: str,
    *,
    doc_id: str | None = None,
    name: str,
    given: date | None = None,
    metadata_published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    dateline_place: str | None = None,
    is_html: bool | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warnings: list[str] | None = None,
) -> Document:
    """The one path from raw story text to Document that every entry point takes."""
    warnings = list(warnings or [])
    size = len(raw.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise too_large(name, size, max_bytes)
    if not raw.strip():
        raise BadInputError(f"{name} is empty: there is no story to read")
    content = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    sitename = None
    if is_html or (is_html is None and looks_like_html(content, name)):
        article = extract_article(content, name)
        content = article.text
        title = title or article.title
        url = url or article.url
        sitename = article.sitename
        if metadata_published is None and article.published:
            try:
                metadata_published = parse_published(article.published)
            except ValueError:
                warnings.append(f"page date {article.published!r} is not an ISO date; ignored")

    cleaned = drop_chrome(content)
    if not cleaned.strip():
        raise NoStoryError(f"{name}: no story text, only page furniture")
    dl = find_dateline(cleaned)
    if dl is not None:
        text = cleaned[dl.start:]
        body_start = dl.end - dl.start
        headline = _first_heading(cleaned[: dl.start])
    else:
        warnings.append(NO_DATELINE_WARNING)
        text = cleaned
        headline, body_start = _leading_heading(text)

    published, source, date_warnings = resolve_published(metadata_published, given, dl)
    warnings.extend(date_warnings)
    language = _check_language(text[body_start:] if text[body_start:].strip() else text, name,
                               warnings)
    return Document(
        id=doc_id or "doc-" + hashlib.sha1(raw.encode("utf-8", "replace")).hexdigest()[:12],
        text=text,
        title=title or headline,
        outlet=normalize_outlet(outlet) or (dl.outlet if dl else None)
        or normalize_outlet(sitename),
        dateline_place=normalize_place(dateline_place) or (dl.place if dl else None),
        published=published,
        published_source=source,
        language=language,
        url=url,
        body_start=body_start,
        warnings=warnings,
    )


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph): blank-line separated blocks, or lines when there are no blank lines
    (trafilatura's output); hard-wrapped wire copy must not pass for a headline."""
    blocks: list[tuple[int, str]] = []
    if "\n\n" in text.strip():
        pos = 0
        for block in text.split("\n\n"):
            if block.strip():
                blocks.append((pos + len(block) - len(block.lstrip()), block.strip()))
            pos += len(block) + 2
    else:
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                blocks.append((pos + len(line) - len(line.lstrip()), line.strip()))
            pos += len(line) + 1
    return blocks


def _pick_heading(blocks: list[tuple[int, str]]) -> int | None:
    """Index of the headline among leading blocks: the first one-line heading-like block,
    passing over one- and two-word section labels ("World", "Middle East") before it."""
    candidates = [i for i, (_, b) in enumerate(blocks) if "\n" not in b and is_heading_like(b)]
    if not candidates:
        return None
    return next((i for i in candidates if len(blocks[i][1].split()) >= 3), candidates[0])


def _first_heading(head: str) -> str | None:
    blocks = _paragraphs(head)
    index = _pick_heading(blocks)
    return " ".join(blocks[index][1].split()) if index is not None else None


def _leading_heading(text: str) -> tuple[str | None, int]:
    """Without a dateline: a one-line first paragraph (after any section labels) that reads as
    a headline is the title, and the story proper starts at the paragraph after it."""
    blocks = _paragraphs(text)
    lead = 0
    while lead < len(blocks) - 1 and _is_label(blocks[lead][1]):
        lead += 1
    index = _pick_heading(blocks[lead : lead + 1]) if lead < len(blocks) - 1 else None
    if index is None:
        return None, 0
    return " ".join(blocks[lead][1].split()), blocks[lead + 1][0]


def _is_label(block: str) -> bool:
    return "\n" not in block and len(block.split()) <= 2 and is_heading_like(block)


def _check_language(sample: str, name: str, warnings: list[str]) -> str | None:
    code, prob = identify(sample)
    if code is None:
        warnings.append("language not identified: too little text")
        return None
    if code in SUPPORTED:
        return code
    if prob >= MIN_CONFIDENCE:
        raise UnsupportedLanguageError(
            f"{name}: the story is in {language_name(code)} ({code}, confidence {prob:.2f}); "
            "sitrep reads English stories only"
        )
    warnings.append(f"language uncertain: py3langid says {code} ({prob:.2f}); read as English")
    return "en"
