"""When two reports can describe the same real event: type, date, place and actors agree.

Each rule is deliberately lenient where sources differ in wording (a killing reported as an
attack on civilians by one outlet and as a clash by another) and strict where they contradict
(different towns, days apart, disjoint actor kinds). A vague report gives weak evidence, so it
must be contained in the other's window, and a place known only to the region (precision 3)
must agree on everything else.
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

# A date window longer than this ("a week ago", "since 11 November", "for the past several
# weeks") cannot tie two reports together: such a sentence sums up a period that holds many
# incidents. Reports dated only to a week are widened to seven days (ACLED's convention), so
# they too tie nothing by date; a retelling tie (rules.retelling) may still join them.
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


@dataclass
class Report:
    """What merging needs to know about one extracted event."""

    id: str
    document_id: str
    event_type: str | None
    date_start: date | None
    date_end: date | None
    town: str
    district: str
    country_code: str | None
    lat: float | None
    lon: float | None
    kinds: frozenset[str]
    kind1: str | None = None  # actor1's kind (who acts)
    kind2: str | None = None  # actor2's kind (whom it is done to)
    geo_precision: int | None = None
    admin1: str = ""  # folded, like ``town``
    region_only: bool = False  # the place is a province or country, no town of its own
    marks: frozenset[str] = frozenset()  # distinctive words of the victims' labels
    published: date | None = None  # the reporting document's date
    undated: bool = False  # the story gives no date: the window is the report's week
    crowd: frozenset[str] = frozenset()  # who marched or rioted, by their own name
    outlet: str = ""  # folded, like ``town``
    trigger_at: int = -1  # where in its document the report's trigger word stands
    deaths: int | None = None  # a toll the source states exactly

    @property
    def span(self) -> int | None:
        """Days between the first and last possible day of the report's date window."""
        if not (self.date_start and self.date_end):
            return None
        return (self.date_end - self.date_start).days




def types_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a == b or frozenset({a, b}) in COMPATIBLE_TYPES


def dates_compatible(a: Report, b: Report, max_days: int) -> bool:
    """One report's date window lies inside the other's, once that is widened by ``max_days``.

    For two single days this is "at most ``max_days`` apart"; a day and a window agree when the
    day falls in the window; two windows (two vague reports) only when one contains the other,
    not when they merely touch. Windows longer than ``MAX_WINDOW_DAYS`` never agree.
    """
    if a.span is None or b.span is None or a.span < 0 or b.span < 0:
        return False
    if max(a.span, b.span) > MAX_WINDOW_DAYS:
        return False

    def inside(x: Report, y: Report) -> bool:
        return ((y.date_start - x.date_start).days <= max_days  # type: ignore[operator]
                and (x.date_end - y.date_end).days <= max_days)  # type: ignore[operator]

    return inside(a, b) or inside(b, a)


def distance_km(a: Report, b: Report) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def places_compatible(a: Report, b: Report, max_km: float) -> bool:
    """Within ``max_km`` of each other, or the same town; never two different districts.

    A place known only to the region (precision 3) says nothing about the town: it never
    matches by distance (two country centroids coincide), see ``region_compatible``.
    """
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if REGION_PRECISION in (a.geo_precision, b.geo_precision):
        return False
    if other_villages(a, b):
        return False
    if a.district and b.district and a.district != b.district:
        # two named quarters or villages placed at one town's centre ("Sakhanka, near
        # Donetsk" and "Donetsk Airport") lie zero km apart on the map, not on the ground
        return False
    km = distance_km(a, b)
    if km is not None and km <= max_km:
        return True
    return bool(a.town and a.town == b.town)


def other_villages(a: Report, b: Report) -> bool:
    """Two places named differently, one of them only placed near a town or at its
    province's centre (a village the gazetteer lacks: "Elenovka" and "Sosnovskoye", both put
    at Donetsk): their coordinates are not their own, their names tell them apart."""
    if a.region_only or b.region_only or not (a.town and b.town) or a.town == b.town:
        return False
    return _displaced(a) or _displaced(b)


def _displaced(r: Report) -> bool:
    """Placed at coordinates not its own: a village put at its district's or province's
    centre, or a place only "near" a town. A quarter of a known city ("Colegio, Rio de
    Janeiro") keeps its city's coordinates, which are close enough."""
    return (r.geo_precision or 1) > 1 and not r.district


def region_compatible(a: Report, b: Report, max_days: int) -> bool:
    """A region-level report matches one in the same country when all else agrees closely.

    Same country (both known) and no two different regions (admin1), the same event type,
    both dated to a single day at most ``max_days`` apart, and the same kind of perpetrator
    or of victim on both sides.
    """
    if REGION_PRECISION not in (a.geo_precision, b.geo_precision) or other_villages(a, b):
        return False
    if not (a.country_code and a.country_code == b.country_code):
        return False
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False
    if a.span != 0 or b.span != 0 or not agree_closely(a, b):
        return False
    return abs((a.date_start - b.date_start).days) <= max_days  # type: ignore[operator]


def agree_closely(a: Report, b: Report) -> bool:
    """The same event type and the same kind of perpetrator (actor1) or of victim (actor2)."""
    if not (a.event_type and a.event_type == b.event_type):
        return False
    return bool((a.kind1 and a.kind1 == b.kind1) or (a.kind2 and a.kind2 == b.kind2))


def actors_compatible(a: Report, b: Report) -> bool:
    """Kinds must share something unless one side names no kinds at all; the victims' kinds
    must agree; and two crowds named for who they are ("teachers", "journalists") are two
    crowds."""
    if a.crowd and b.crowd and not a.crowd & b.crowd:
        return False
    if a.kind2 and b.kind2 and a.kind2 != b.kind2:
        # sources disagree on who did it far more than on who was hit: other victims, other
        # event, unless one source tells the clash from the other side (a bomb each way is
        # two bombs)
        return (a.kind1 == b.kind2 and a.kind2 == b.kind1
                and a.event_type == b.event_type == "Battles")
    return not a.kinds or not b.kinds or bool(a.kinds & b.kinds)


# two stated tolls this far apart (1 and 1,000) count different things: a campaign, an incident
MAX_TOLL_RATIO = 5


def tolls_compatible(a: Report, b: Report) -> bool:
    """Sources disagree on figures, and each keeps its own; but not by orders of magnitude."""
    if a.deaths is None or b.deaths is None:
        return True
    low, high = sorted((a.deaths, b.deaths))
    return high <= MAX_TOLL_RATIO * max(low, 1)


def compatible(a: Report, b: Report, max_km: float, max_days: int) -> bool:
    """Two reports from different documents that may describe one event.

    A report dated only to a window (no single day) is weak evidence: it merges only when
    the two also ``agree_closely``. A story that gives no date at all (its event carries the
    report's week, ACLED's convention) says nothing about when: it joins only as a retelling.
    """
    return (
        a.document_id != b.document_id
        and not (a.undated or b.undated)
        and types_compatible(a.event_type, b.event_type)
        and dates_compatible(a, b, max_days)
        and (places_compatible(a, b, max_km) or region_compatible(a, b, max_days))
        and actors_compatible(a, b)
        and tolls_compatible(a, b)
        and (a.span == 0 and b.span == 0 or agree_closely(a, b))
    )


def one_desk(a: Report, b: Report) -> bool:
    """Two stories an outlet filed on one day: a desk that files twice about one town on one
    day mostly reports two incidents there (a monitor's daily list of ceasefire violations,
    a paper's two protests), unless the stories name the same victims (an agency's three
    stories on one massacre; see ``cluster.cluster_reports``)."""
    return bool(a.outlet and a.outlet == b.outlet and a.published
                and a.published == b.published)


# how long after an incident a story may still tell it without a date of its own
RETELLING_DAYS = 366


def retelling(a: Report, b: Report, shared: frozenset[str]) -> bool:
    """One report tells again an incident the other reported: the same distinctive actor words
    (``shared``, already freed of words common in the store), the same country, compatible
    types, and the later report at most a year after the first, vague about the day or dated
    by its telling. An undated report (no publication date) may be either."""
    if not (a.marks & b.marks & shared):
        return False
    return could_retell(a, b)


def could_retell(a: Report, b: Report) -> bool:
    """Everything ``retelling`` asks but the shared victims' words: other documents, one
    country, compatible types and a later date that is vague or that of its telling."""
    if a.document_id == b.document_id:
        return False
    if a.undated and b.undated:
        return False  # neither says when: nothing anchors the incident
    if not types_compatible(a.event_type, b.event_type):
        return False
    if other_provinces(a, b) and not (a.undated or b.undated):
        return False  # (a story that says not when says little of where: its own town)
    if not (a.date_start and b.date_start and a.date_end and b.date_end):
        return _same_country(a, b, None)
    first, later = (a, b) if a.date_start <= b.date_start else (b, a)
    if not _same_country(first, later, later):
        return False
    if (later.date_start - first.date_end).days > RETELLING_DAYS:  # type: ignore[operator]
        return False
    # two reports that each state their own day, days apart, tell two incidents; a retelling
    # is vague about when, or dated by its own telling (the report's day or the day before)
    if first.span == 0 and later.span == 0 and (later.date_start - first.date_start).days > 1:
        told = later.published is not None and 0 <= (
            later.published - later.date_start).days <= 1  # type: ignore[operator]
        return told
    return True


def other_provinces(a: Report, b: Report) -> bool:
    """Both placed in a town (or near one), in two different provinces."""
    towns = (a.geo_precision or REGION_PRECISION) < REGION_PRECISION and (
        b.geo_precision or REGION_PRECISION) < REGION_PRECISION
    return towns and bool(a.admin1 and b.admin1 and a.admin1 != b.admin1)


def _same_country(a: Report, b: Report, teller: Report | None) -> bool:
    """Both in one country; or the later report (``teller``) is placed only at country level,
    which for a retelling is where it was told ("Spain suspends aid over the killing of the
    Spanish Jesuits"), not where the deed was done."""
    if a.country_code and a.country_code == b.country_code:
        return True
    return teller is not None and teller.geo_precision == REGION_PRECISION and bool(
        a.country_code and b.country_code)


def consistent(a: Report, b: Report) -> bool:
    """Nothing rules out one event: compatible types, no two towns in different countries or
    provinces (a report placed only at country level may be the telling's country, and one
    that gives no date places itself where it was told as often as where it happened)."""
    if a.document_id == b.document_id or not types_compatible(a.event_type, b.event_type):
        return False
    if other_provinces(a, b) and not (a.undated or b.undated):
        return False
    if REGION_PRECISION in (a.geo_precision, b.geo_precision):
        return True
    return not (a.country_code and b.country_code and a.country_code != b.country_code)


def closeness(a: Report, b: Report) -> tuple[float, ...]:
    """Sort key for candidate pairs: precise dates first, then nearest in time, then those
    that agree on type and actor kinds, then nearest in space."""
    vague = float(max(a.span or 0, b.span or 0))
    days = abs((a.date_start - b.date_start).days) if a.date_start and b.date_start else 99
    other_type = float(a.event_type != b.event_type)
    unshared = float(len(a.kinds ^ b.kinds))
    km = distance_km(a, b)
    return (vague, float(days), other_type, unshared, km if km is not None else 0.0)
