"""Shared data types that flow through the pipeline: document -> annotations -> events.

Every component reads and writes these; keeping them in one small module is what lets the
ingest, language, geo, time and event components be written and tested separately.
Character offsets (``start``, ``end``) always index into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class Document:
    """A story after ingest: clean body text plus what we know about where it came from."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    dateline_place: str | None = None
    published: date | None = None
    # one of "metadata", "dateline", "given", "inferred", or None when unknown
    published_source: str | None = None
    language: str | None = None
    url: str | None = None
    # offset in ``text`` where the story proper starts (just after a dateline, if any)
    body_start: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data


@dataclass
class Span:
    """A piece of the document text that supports a field."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class TimeMention:
    """A temporal expression resolved against the publication date."""

    start: int
    end: int
    text: str
    date_start: date
    date_end: date
    precision: str  # "day", "week", "month", "year"


@dataclass
class Quantity:
    """A count of people as a range: ``max`` None means open-ended."""

    min: int | None
    max: int | None
    text: str
    start: int
    end: int


@dataclass
class Place:
    """A gazetteer entry (or a district inside one) that a mention resolved to."""

    name: str  # town or city
    country: str | None = None  # country name
    country_code: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    district: str | None = None  # quarter, neighbourhood, landmark inside ``name``
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: int = 1  # ACLED: 1 the place itself, 2 near it / part of a city, 3 region only
    feature: str | None = None  # "city", "district", "admin1", "country", ...
    admin2: str | None = None  # the district / county the town lies in, when the index knows
    admin3: str | None = None  # the sub-district below admin2, where the gazetteer has one


@dataclass
class PlaceMention:
    """Words in the text that name a place, with what they resolved to."""

    start: int
    end: int
    text: str
    place: Place


@dataclass
class ActorMention:
    """Words that name a party, with its normalized identity."""

    start: int
    end: int
    text: str  # the source's own label, e.g. "terrorists"
    name: str  # normalized, e.g. "Syrian opposition armed groups"
    kind: str  # ACLED actor kind
    country: str | None = None
    country_stated: bool = False  # the text says whose ("Armenian troops"), not the story's

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "source_label": self.text,
            "kind": self.kind,
            "country": self.country,
        }
