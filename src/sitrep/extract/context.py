"""What the pipeline components share while they work on one document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from sitrep.types import ActorMention, Document, PlaceMention, Quantity, Span, TimeMention


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


@dataclass
class Context:
    """One document flowing through the pipeline: annotations first, then events."""

    document: Document
    doc: Doc | None = None
    units: list[Unit] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    claims_by_sentence: dict[int, Claim] = field(default_factory=dict)
    # character ranges of attribution clauses ("X told reporters in Kabul on Tuesday"): their
    # places, dates and people belong to the telling, not to the event
    attributions: list[tuple[int, int]] = field(default_factory=list)
    events: list[EventDraft] = field(default_factory=list)
    # country the story is about (ISO2), used to normalize actor names
    focus_country: str | None = None
    notes: dict[str, Any] = field(default_factory=dict)
    # each component's settings by component name, defaults merged with the config's
    config: dict[str, dict[str, Any]] = field(default_factory=dict)

    def in_attribution(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside an attribution clause."""
        return any(a <= start and end <= b for a, b in self.attributions)
