"""What the pipeline components share while they work on one document: spaCy Doc extensions
(``doc._.sitrep_*``), set here once, and the Context that reads and writes them."""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, TypeVar, overload

from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep.types import ActorMention, Document, PlaceMention, Quantity, Span, TimeMention

T = TypeVar("T")


@dataclass
class Claim:
    """Who reports an event: the outlet, and the person or body it quotes."""

    outlet: str | None = None
    claimant: str | None = None
    claimant_role: str | None = None
    claimant_org: str | None = None
    party_to_conflict: bool | None = None
    quote: str | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class EventDraft:
    """An event while it is being built: every field points back at the words it came from."""

    start: int  # the clause or sentence that reports it
    end: int
    trigger: Span
    event_type: str
    sub_event_type: str
    sentence_index: int = 0
    cues: list[Any] = field(default_factory=list)  # every trigger found in the unit
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    time: TimeMention | None = None
    place: PlaceMention | None = None
    place_is_own: bool = False  # the place is named in the event's own sentence
    actor1_from_syntax: bool = False  # actor1 is the parsed agent, not a fallback
    district_hint: str | None = None  # a district named in the event's own words
    fatalities: Quantity | None = None
    injuries: Quantity | None = None
    crowd_size: Quantity | None = None
    claim: Claim | None = None
    # what other sources say of the same event (the other side's account, its own toll)
    other_claims: list[Claim] = field(default_factory=list)
    extra_spans: list[Span] = field(default_factory=list)  # merged duplicate reports
    summary: str = ""


@dataclass
class Unit:
    """A sentence (never crossing a blank line), with its paragraph and whether it is a heading."""

    index: int
    start: int  # character offsets into Document.text
    end: int
    token_start: int  # token offsets into the spaCy Doc
    token_end: int
    paragraph: int
    heading: bool = False
    in_body: bool = True  # False for a dateline-only or pre-dateline unit


class Annotation(Generic[T]):
    """A Context attribute kept on the spaCy Doc as the extension ``doc._.<extension>``, so
    that spaCy pipes share it and ``nlp.analyze_pipes()`` checks who makes it before whom.

    It reads and writes where spaCy keeps the extension's value (``Doc.user_data``): the
    components read these thousands of times a story, and ``doc._.name`` costs seven times
    as much. A list or dict default is copied for each Doc, as spaCy does."""

    def __init__(self, extension: str, default: T | None = None) -> None:
        self.extension = extension
        self.attr = f"doc._.{extension}"  # the name ``requires`` and ``assigns`` use
        self.default = default
        if not Doc.has_extension(extension):
            Doc.set_extension(extension, default=default)
        self.key = _storage_key(extension)

    @overload
    def __get__(self, ctx: None, owner: type) -> Annotation[T]: ...
    @overload
    def __get__(self, ctx: Context, owner: type) -> T: ...
    def __get__(self, ctx: Context | None, owner: type) -> Annotation[T] | T:
        if ctx is None:
            return self
        try:
            return ctx.data[self.key]
        except KeyError:
            value = ctx.data[self.key] = copy.copy(self.default)
            return value

    def __set__(self, ctx: Context, value: T) -> None:
        ctx.data[self.key] = value


@cache
def _probe() -> Doc:
    return Doc(Vocab())


def _storage_key(extension: str) -> Hashable:
    """The key of ``doc._.<extension>`` in ``Doc.user_data``, found by setting it on a probe
    Doc the public way and looking."""
    probe, marker = _probe(), object()
    setattr(probe._, extension, marker)
    [key] = [k for k, v in probe.user_data.items() if v is marker]
    return key


class Context:
    """One document flowing through the pipeline: a view of what the pipes made, which lives
    on its parsed Doc (annotations first, then events)."""

    # the ingested document, set before any pipe runs
    document: Annotation[Document] = Annotation("sitrep_document")
    units: Annotation[list[Unit]] = Annotation("sitrep_units", [])
    places: Annotation[list[PlaceMention]] = Annotation("sitrep_places", [])
    times: Annotation[list[TimeMention]] = Annotation("sitrep_times", [])
    claims_by_sentence: Annotation[dict[int, Claim]] = Annotation("sitrep_claims", {})
    # character ranges of attribution clauses ("X told reporters in Kabul on Tuesday"): their
    # places, dates and people belong to the telling, not to the event
    attributions: Annotation[list[tuple[int, int]]] = Annotation("sitrep_attributions", [])
    events: Annotation[list[EventDraft]] = Annotation("sitrep_events", [])
    # country the story is about (ISO2), used to normalize actor names
    focus_country: Annotation[str | None] = Annotation("sitrep_focus_country")
    # the armed groups the story names most: typing falls back on them for unnamed killers
    dominant_armed: Annotation[list[ActorMention]] = Annotation("sitrep_dominant_armed", [])
    # each pipe's settings by component name, as its config gave them
    config: Annotation[dict[str, dict[str, Any]]] = Annotation("sitrep_config", {})
    # why the document was not parsed (too long): it gets an error instead of events
    refusal: Annotation[str | None] = Annotation("sitrep_refusal")

    __slots__ = ("data", "doc")

    def __init__(self, doc: Doc, document: Document | None = None) -> None:
        self.doc = doc
        self.data = doc.user_data
        if document is not None:
            self.document = document

    def in_attribution(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside an attribution clause."""
        return any(a <= start and end <= b for a, b in self.attributions)


def _event_view(extension: str, pick: Callable[[EventDraft], Any]) -> str:
    """A read-only ``doc._`` extension listing one field of every event: what a pipe that
    fills that field assigns, and a later pipe requires."""
    if not Doc.has_extension(extension):
        Doc.set_extension(
            extension, getter=lambda doc: [pick(d) for d in doc._.sitrep_events or []]
        )
    return f"doc._.{extension}"


# the names pipes declare in ``requires`` and ``assigns``
UNITS = Context.units.attr
PLACES = Context.places.attr
TIMES = Context.times.attr
CLAIMS = Context.claims_by_sentence.attr
ATTRIBUTIONS = Context.attributions.attr
EVENTS = Context.events.attr
FOCUS_COUNTRY = Context.focus_country.attr
DOMINANT_ARMED = Context.dominant_armed.attr
EVENT_TYPES = _event_view("sitrep_event_types", lambda d: (d.event_type, d.sub_event_type))
EVENT_ACTORS = _event_view("sitrep_event_actors", lambda d: (d.actor1, d.actor2))
EVENT_PLACES = _event_view("sitrep_event_places", lambda d: d.place)
EVENT_DATES = _event_view("sitrep_event_dates", lambda d: d.time)
EVENT_COUNTS = _event_view(
    "sitrep_event_counts", lambda d: (d.fatalities, d.injuries, d.crowd_size)
)
EVENT_CLAIMS = _event_view("sitrep_event_claims", lambda d: d.claim)
EVENT_SUMMARIES = _event_view("sitrep_event_summaries", lambda d: d.summary)
