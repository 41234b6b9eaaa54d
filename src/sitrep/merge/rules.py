"""When two reports from different stories can describe the same real event.

The questions any two reports are asked (types, date windows, places, actor kinds) are those
of ``sitrep.same_event``, shared with the in-story dedupe. What is asked here is what only
comes up across stories: two documents (one story never merges with itself), outlets that
file twice a day, stories that give no date, crowds named for who they are, tolls told by
different sources, and a later story that retells an incident by its victims.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitrep.same_event import (
    REGION_PRECISION,
    EventView,
    agree_closely,
    dated_by_its_telling,
    dates_compatible,
    distance_km,
    kinds_compatible,
    other_regions,
    places_compatible,
    region_compatible,
    types_compatible,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report(EventView):
    """What merging needs to know about one extracted event: the shared view of it, and
    where it was told (its document, outlet and day) and in which words."""

    id: str
    document_id: str
    marks: frozenset[str] = frozenset()  # distinctive words of the victims' labels
    published: date | None = None  # the reporting document's date
    undated: bool = False  # the story gives no date: the window is the report's week
    crowd: frozenset[str] = frozenset()  # who marched or rioted, by their own name
    outlet: str = ""  # folded, like ``town``
    trigger_at: int = -1  # where in its document the report's trigger word stands
    deaths: int | None = None  # a toll the source states exactly


def crowds_compatible(a: Report, b: Report) -> bool:
    """Two crowds named for who they are ("teachers", "journalists") are two crowds. Only
    across stories: in one story a crowd is named once and then referred back to."""
    return not (a.crowd and b.crowd and not a.crowd & b.crowd)


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
        and crowds_compatible(a, b)
        and kinds_compatible(a, b)
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
        return dated_by_its_telling(later, later.published)
    return True


def other_provinces(a: Report, b: Report) -> bool:
    """Both placed in a town (or near one), in two different provinces."""
    towns = (a.geo_precision or REGION_PRECISION) < REGION_PRECISION and (
        b.geo_precision or REGION_PRECISION) < REGION_PRECISION
    return towns and other_regions(a, b)


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
