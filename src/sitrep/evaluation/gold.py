"""Reading gold sets: one JSON file, a folder of them, or JSONL lines, all into GoldDocument.

The three shapes of ../shared/docs/scoring.md are normalized here, so that the scorer sees one
shape: a document dict (with its text), its events, its data set and its recall_only flag.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import BadDataError, BadInputError

# Keys of a gold document that the extractor is given (the rest is for people).
INPUT_KEYS = ("id", "text", "published", "outlet", "url", "title", "dateline_place")


@dataclass
class GoldDocument:
    """One gold document: what the extractor reads and the events it should find."""

    document: dict[str, Any]
    events: list[dict[str, Any]]
    dataset: str
    recall_only: bool = False
    source: str = ""  # the gold file it came from
    flags: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.document["id"])

    def input_record(self) -> dict[str, Any]:
        """The record handed to the extractor: text and metadata, never the answers."""
        return {key: self.document.get(key) for key in INPUT_KEYS}


def load_gold(
    path: str | Path | Iterable[str | Path],
    limit: int | None = None,
    dataset: str | None = None,
) -> list[GoldDocument]:
    """Load gold documents from files or folders; ``limit`` keeps the first N of each file.

    ``dataset`` keeps only documents of that data set (filtered before the limit, so that
    ``--limit 5 --dataset muc4`` gives five MUC-4 documents).
    """
    paths = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
    documents: list[GoldDocument] = []
    for one in paths:
        for file in _gold_files(one):
            loaded = [doc for doc in _load_file(file) if dataset is None or doc.dataset == dataset]
            documents.extend(loaded[:limit] if limit is not None else loaded)
    _check_unique_ids(documents)
    return documents


def _gold_files(path: Path) -> list[Path]:
    if not path.exists():
        raise BadInputError(f"gold set not found: {path}")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".json", ".jsonl"))
        if not files:
            raise BadInputError(f"no .json or .jsonl gold files in {path}")
        return files
    return [path]


def _load_file(path: Path) -> list[GoldDocument]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadDataError(f"cannot read gold file {path}: {error}") from error
    if path.suffix == ".jsonl":
        entries = []
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise BadDataError(f"{path}:{number}: not JSON: {error.msg}") from error
        default_dataset = path.stem
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise BadDataError(f"{path}: not JSON: {error.msg} (line {error.lineno})") from error
        entries = data if isinstance(data, list) else [data]
        default_dataset = path.parent.name or path.stem
    return [
        _document(entry, path, default_dataset, index, len(entries))
        for index, entry in enumerate(entries)
    ]


def _document(entry: Any, path: Path, default_dataset: str, index: int, count: int) -> GoldDocument:
    where = f"{path} (entry {index + 1})"
    if not isinstance(entry, dict) or not isinstance(entry.get("document"), dict):
        raise BadDataError(f"{where}: expected an object with a 'document' object")
    events = entry.get("events", [])
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise BadDataError(f"{where}: 'events' must be a list of objects")
    document = dict(entry["document"])
    if not document.get("id"):
        document["id"] = path.stem if count == 1 else f"{path.stem}-{index + 1}"
    if not isinstance(document.get("text"), str):
        document["text"] = _read_text(document, path, where)
    events = [dict(event) for event in events]
    shared_claim = entry.get("claims_for_all_events")
    if isinstance(shared_claim, dict):
        for event in events:
            claims = list(event.get("claims") or [])
            claims[0:1] = [{**shared_claim, **(claims[0] if claims else {})}]
            event["claims"] = claims
    recall_only = bool(entry.get("recall_only")) or any(e.get("recall_only") for e in events)
    flags = {k: v for k, v in entry.items() if k not in ("document", "events")}
    return GoldDocument(
        document=document,
        events=events,
        dataset=str(entry.get("dataset") or default_dataset),
        recall_only=recall_only,
        source=str(path),
        flags=flags,
    )


def _read_text(document: dict[str, Any], path: Path, where: str) -> str:
    """Text from ``document.file``: relative to the gold folder's parent (the shared root)."""
    name = document.get("file")
    if not name:
        raise BadDataError(f"{where}: document has neither 'text' nor 'file'")
    folder = path.resolve().parent
    for base in (folder.parent, folder, Path.cwd()):
        candidate = base / name
        if candidate.is_file():
            try:
                return candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise BadDataError(f"{where}: cannot read {candidate}: {error}") from error
    raise BadDataError(f"{where}: document file {name} not found next to {folder}")


def _check_unique_ids(documents: list[GoldDocument]) -> None:
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.id in seen and seen[doc.id] != doc.source:
            raise BadDataError(f"document id {doc.id} appears in {seen[doc.id]} and {doc.source}")
        seen.setdefault(doc.id, doc.source)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def gold_event_as_record(event: dict[str, Any]) -> dict[str, Any]:
    """A system-shaped record that says what the gold says (first choice of every list).

    Scoring gold against itself through this must give 1.0 everywhere: a check that the scorer
    and the gold files agree, and a ceiling for the lead's tuning.
    """
    record: dict[str, Any] = {
        "event_id": event.get("id"),
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "date": dict(event["date"]) if isinstance(event.get("date"), dict) else None,
    }
    for role in ("actor1", "actor2"):
        actor = event.get(role)
        record[role] = None if actor is None else {**actor, "kind": _first(actor.get("kind"))}
    location = event.get("location")
    if isinstance(location, dict):
        record["location"] = {
            **location,
            "name": _first(location.get("name")),
            "district": _first(location.get("district")),
            "country": _first(location.get("country")),
            "country_code": _first(location.get("country_code")),
        }
    else:
        record["location"] = None
    for figure in ("fatalities", "injuries", "crowd_size"):
        record[figure] = event.get(figure)
    record["claims"] = [dict(claim) for claim in event.get("claims") or []]
    return record
