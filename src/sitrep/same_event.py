"""Are two reports one event? The questions the in-story dedupe and the cross-story merge share.

Both callers turn their own object into an ``EventView`` and ask the questions here: are the
types compatible, do the date windows agree, do the places agree (the same town, within a
distance, or one only known to the other's region), are the actor kinds compatible. The
in-story dedupe (``extract.components.dedupe``) adapts an ``EventDraft`` of one story, the
cross-story merge (``merge.storage.report_of``) a stored event record, whose ``merge.rules.
Report`` is this view plus what only merging across stories reads.

Each rule is lenient where tellings differ in wording (a killing typed as an attack on
civilians by one source and as a clash by another) and strict where they contradict
(different towns, days apart, disjoint actor kinds). A vague report gives weak evidence: its
window must lie inside the other's, and a place known only to the region (precision 3) must
agree on everything else. What differs between the two contexts stays with its caller.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from sitrep.geo.distance import haversine_km
from sitrep.ontology import DEMONSTRATIONS, POLITICAL_VIOLENCE

# Event types that sources use for one and the same incident: two types of one of the
# codebook's categories (a killing told as an attack on civilians and as a clash).
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    frozenset({a, b}) for group in (POLITICAL_VIOLENCE, DEMONSTRATIONS)
    for a in group for b in group if a != b)

# Within a type, the later sub-type in each list is the more specific reading of one event.
SPECIFICITY = {
    "Protests": [
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ],
    "Battles": [
        "Armed clash",
        "Non-state actor overtakes territory",
        "Government regains territory",
    ],
    "Riots": ["Violent demonstration", "Mob violence"],
}

# A date window longer than this ("a week ago", "since 11 November", "for the past several
# weeks") cannot tie two reports together: such a sentence sums up a period that holds many
# incidents. Reports dated only to a week are widened to seven days (ACLED's convention), so
# they too tie nothing by date; a retelling tie (merge.rules.retelling) may still join them.
MAX_WINDOW_DAYS = 3
# Location precision that means "only the region or country is known".
REGION_PRECISION = 3


def fold(name: str | None) -> str:
    """Case-, accent- and punctuation-blind form of a place name."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


@dataclass(frozen=True, slots=True, kw_only=True)
class EventView:
    """What both callers know of a report: its type, when, where and the kinds of its actors.

    A field left at its default is not known; each question says what it makes of that.
    """

    event_type: str | None
    sub_event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    town: str = ""  # ``fold``ed, like the other names
    district: str = ""  # a quarter or landmark inside the town
    admin1: str = ""
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    region_only: bool = False  # the place is a province or country, no town of its own
    kind1: str | None = None  # actor1's kind (who acts)
    kind2: str | None = None  # actor2's kind (whom it is done to)
    kinds: frozenset[str] = frozenset()  # both actors' kinds

    @property
    def span(self) -> int | None:
        """Days between the first and last possible day of the report's date window."""
        if not (self.date_start and self.date_end):
            return None
        return (self.date_end - self.date_start).days


def kinds_of(*kinds: str | None) -> frozenset[str]:
    """The actor kinds a report names (``EventView.kinds``)."""
    return frozenset(k for k in kinds if k)


# --- types ---


def types_compatible(a: str | None, b: str | None) -> bool:
    """The same type, or two of one codebook category (see ``COMPATIBLE_TYPES``)."""
    if not a or not b:
        return False
    return a == b or frozenset({a, b}) in COMPATIBLE_TYPES


def one_reading(a: EventView, b: EventView) -> bool:
    """The same type, and sub-types that are one reading of one incident: the same, or two of
    a type whose sub-types grade one incident (``SPECIFICITY``: a protest, then the tear gas
    fired at it)."""
    if a.event_type != b.event_type:
        return False
    return a.sub_event_type == b.sub_event_type or a.event_type in SPECIFICITY


# --- dates ---


def windows_nest(a: EventView, b: EventView, slack_days: int = 0) -> bool:
    """One report's date window lies inside the other's, once that is widened by
    ``slack_days``. For two single days this is "at most ``slack_days`` apart"; a day and a
    window agree when the day falls in the window; two windows only when one contains the
    other, not when they merely touch. A report with no window agrees with none."""
    if not (a.date_start and a.date_end and b.date_start and b.date_end):
        return False

    def inside(x: EventView, y: EventView) -> bool:
        return ((y.date_start - x.date_start).days <= slack_days  # type: ignore[operator]
                and (x.date_end - y.date_end).days <= slack_days)  # type: ignore[operator]

    return inside(a, b) or inside(b, a)


def dates_compatible(a: EventView, b: EventView, max_days: int) -> bool:
    """The windows nest (``windows_nest`` with ``max_days`` of slack) and neither is longer
    than ``MAX_WINDOW_DAYS``: a longer one sums up a period, not an incident."""
    if a.span is None or b.span is None or a.span < 0 or b.span < 0:
        return False
    if max(a.span, b.span) > MAX_WINDOW_DAYS:
        return False
    return windows_nest(a, b, max_days)


def dated_by_its_telling(r: EventView, published: date | None) -> bool:
    """Dated on the day its story was published or the day before: a retelling so dated ("a
    statement released today deplored the murder") carries the date of the telling, not of
    the deed."""
    return (published is not None and r.date_start is not None
            and 0 <= (published - r.date_start).days <= 1)


# --- places ---


def distance_km(a: EventView, b: EventView) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def other_countries(a: EventView, b: EventView) -> bool:
    return bool(a.country_code and b.country_code and a.country_code != b.country_code)


def other_districts(a: EventView, b: EventView) -> bool:
    """Two named quarters or landmarks: placed at one town's centre ("Sakhanka, near Donetsk"
    and "Donetsk Airport") they lie zero km apart on the map, not on the ground."""
    return bool(a.district and b.district and a.district != b.district)


def other_towns(a: EventView, b: EventView) -> bool:
    """Both placed at a town (not only its region), and the towns are named differently."""
    below = (a.geo_precision or 1) < REGION_PRECISION and (b.geo_precision or 1) < REGION_PRECISION
    return below and a.town != b.town


def other_regions(a: EventView, b: EventView) -> bool:
    """Two different provinces (admin1), both known."""
    return bool(a.admin1 and b.admin1 and a.admin1 != b.admin1)


def places_compatible(a: EventView, b: EventView, max_km: float) -> bool:
    """Within ``max_km`` of each other, or the same town; never two different districts.

    A place known only to the region (precision 3) says nothing about the town: it never
    matches by distance (two country centroids coincide), see ``region_compatible``.
    """
    if other_countries(a, b):
        return False
    if REGION_PRECISION in (a.geo_precision, b.geo_precision):
        return False
    if other_villages(a, b) or other_districts(a, b):
        return False
    km = distance_km(a, b)
    if km is not None and km <= max_km:
        return True
    return bool(a.town and a.town == b.town)


def other_villages(a: EventView, b: EventView) -> bool:
    """Two places named differently, one of them only placed near a town or at its
    province's centre (a village the gazetteer lacks: "Elenovka" and "Sosnovskoye", both put
    at Donetsk): their coordinates are not their own, their names tell them apart."""
    if a.region_only or b.region_only or not (a.town and b.town) or a.town == b.town:
        return False
    return _displaced(a) or _displaced(b)


def _displaced(r: EventView) -> bool:
    """Placed at coordinates not its own: a village put at its district's or province's
    centre, or a place only "near" a town. A quarter of a known city ("Colegio, Rio de
    Janeiro") keeps its city's coordinates, which are close enough."""
    return (r.geo_precision or 1) > 1 and not r.district


def region_compatible(a: EventView, b: EventView, max_days: int) -> bool:
    """A region-level report matches one in the same country when all else agrees closely.

    Same country (both known) and no two different regions (admin1), the same event type,
    both dated to a single day at most ``max_days`` apart, and the same kind of perpetrator
    or of victim on both sides.
    """
    if REGION_PRECISION not in (a.geo_precision, b.geo_precision) or other_villages(a, b):
        return False
    if not (a.country_code and a.country_code == b.country_code):
        return False
    if other_regions(a, b):
        return False
    if a.span != 0 or b.span != 0 or not agree_closely(a, b):
        return False
    return abs((a.date_start - b.date_start).days) <= max_days  # type: ignore[operator]


# --- actors ---


def agree_closely(a: EventView, b: EventView) -> bool:
    """The same event type and the same kind of perpetrator (actor1) or of victim (actor2)."""
    if not (a.event_type and a.event_type == b.event_type):
        return False
    return bool((a.kind1 and a.kind1 == b.kind1) or (a.kind2 and a.kind2 == b.kind2))


def sides_share_a_kind(a: EventView, b: EventView) -> bool:
    """The two reports' actors share a kind, unless one names no kinds at all (a clash may
    be told from either side, so which side is actor1 does not matter)."""
    return not a.kinds or not b.kinds or bool(a.kinds & b.kinds)


def kinds_compatible(a: EventView, b: EventView) -> bool:
    """The victims' kinds agree and the sides share a kind (``sides_share_a_kind``)."""
    if a.kind2 and b.kind2 and a.kind2 != b.kind2:
        # sources disagree on who did it far more than on who was hit: other victims, other
        # event, unless one source tells the clash from the other side (a bomb each way is
        # two bombs)
        return (a.kind1 == b.kind2 and a.kind2 == b.kind1
                and a.event_type == b.event_type == "Battles")
    return sides_share_a_kind(a, b)
