"""The merge asks the shared questions of ``sitrep.same_event`` about a stored record
(``merge.storage.report_of``)."""

from __future__ import annotations

from datetime import date

from sitrep.merge.storage import report_of
from sitrep.same_event import EventView, places_compatible


def record(name: str, *, precision: int = 1, lat: float = 9.06, lon: float = 7.49) -> dict:
    return {
        "event_type": "Protests", "sub_event_type": "Peaceful protest",
        "date": {"start": "2025-02-03", "end": "2025-02-03", "precision": "day", "text": "Monday"},
        "location": {"name": name, "admin1": "Federal Capital Territory", "country": "Nigeria",
                     "country_code": "NG", "lat": lat, "lon": lon, "precision": precision},
        "actor1": {"kind": "protesters", "source_label": "nurses"},
        "actor2": None,
    }


def test_a_stored_record_is_seen_through_the_shared_view_with_folded_names() -> None:
    report = report_of("e1", "d1", record("Abuja (FCT)"), "2025-02-04", "The Daily")
    assert isinstance(report, EventView)
    assert (report.town, report.admin1, report.country_code) == (
        "abuja fct", "federal capital territory", "NG")
    assert (report.event_type, report.sub_event_type) == ("Protests", "Peaceful protest")
    assert (report.date_start, report.date_end, report.span) == (
        date(2025, 2, 3), date(2025, 2, 3), 0)
    assert report.kinds == {"protesters"} and report.kind2 is None
    assert report.published == date(2025, 2, 4) and report.outlet == "the daily"


def test_a_record_placed_at_its_province_is_region_only_and_never_near_by_coordinates() -> None:
    town = report_of("e1", "d1", record("Abuja"))
    province = report_of("e2", "d2", record("Federal Capital Territory", precision=3))
    assert province.region_only and not town.region_only
    assert not places_compatible(town, province, max_km=50)
