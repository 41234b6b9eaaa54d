"""The shared answer to "are these two reports one event?" (sitrep.same_event), asked alike by
the in-story dedupe and the cross-story merge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.ontology import SUB_TYPES
from sitrep.same_event import (
    SPECIFICITY,
    EventView,
    dated_by_its_telling,
    dates_compatible,
    kinds_compatible,
    kinds_of,
    one_reading,
    other_towns,
    places_compatible,
    region_compatible,
    types_compatible,
    windows_nest,
)

DAY = date(2024, 3, 5)


def report(event_type: str = "Battles", *, start: date = DAY, end: date | None = None,
           town: str = "lysychansk", lat: float | None = 48.904, lon: float | None = 38.442,
           kind1: str | None = "state_forces", kind2: str | None = "rebels", **rest) -> EventView:
    return EventView(event_type=event_type, date_start=start, date_end=end or start, town=town,
                     admin1="luhansk", country_code="UA", lat=lat, lon=lon, geo_precision=1,
                     kind1=kind1, kind2=kind2, kinds=kinds_of(kind1, kind2), **rest)


def test_a_shelling_and_a_clash_in_one_town_on_one_day_agree_on_every_question() -> None:
    clash = report("Battles")
    shelling = report("Explosions/Remote violence", kind2=None)
    assert types_compatible(clash.event_type, shelling.event_type)
    assert dates_compatible(clash, shelling, max_days=0)
    assert places_compatible(clash, shelling, max_km=10)
    assert kinds_compatible(clash, shelling)


def test_violence_and_a_demonstration_are_never_one_event_but_a_protest_and_a_riot_may_be() -> None:
    assert not types_compatible("Protests", "Violence against civilians")
    assert not types_compatible("Battles", "Strategic developments")
    assert types_compatible("Protests", "Riots")
    assert not types_compatible(None, "Riots")


def test_two_protests_five_days_apart_are_not_one_event_within_two_days_of_slack() -> None:
    first = report("Protests", kind1="protesters", kind2=None)
    later = replace(first, date_start=date(2024, 3, 10), date_end=date(2024, 3, 10))
    assert not dates_compatible(first, later, max_days=2)
    assert dates_compatible(first, later, max_days=5)


def test_a_day_inside_a_two_day_window_agrees_but_a_week_long_window_ties_nothing() -> None:
    day = report(start=date(2024, 3, 6))
    two_days = report(start=DAY, end=date(2024, 3, 6))
    week = report(start=DAY, end=date(2024, 3, 11))
    assert dates_compatible(day, two_days, max_days=0)
    assert windows_nest(day, week)  # the day lies in the week ...
    assert not dates_compatible(day, week, max_days=0)  # ... but a week sums up a period


def test_two_windows_that_only_touch_do_not_nest() -> None:
    early = report(start=DAY, end=date(2024, 3, 6))
    late = report(start=date(2024, 3, 6), end=date(2024, 3, 7))
    assert not windows_nest(early, late)
    assert windows_nest(early, late, slack_days=1)
    assert not windows_nest(report(), replace(report(), date_start=None, date_end=None))


def test_towns_are_one_place_within_the_distance_and_two_beyond_it() -> None:
    here = report()
    near = replace(here, town="novodruzhesk", lat=48.958, lon=38.347)  # about 9 km away
    far = replace(here, town="sievierodonetsk", lat=48.948, lon=38.490)  # about 6 km away
    assert places_compatible(here, near, max_km=10)
    assert not places_compatible(here, near, max_km=5)
    assert places_compatible(here, far, max_km=10)
    assert not places_compatible(here, replace(here, country_code="RU"), max_km=10)


def test_one_town_named_by_both_agrees_however_far_apart_its_coordinates() -> None:
    here = report()
    assert places_compatible(here, replace(here, lat=48.0, lon=37.0), max_km=10)
    assert places_compatible(here, replace(here, lat=None, lon=None), max_km=10)


def test_two_quarters_of_one_city_are_two_places_though_their_coordinates_coincide() -> None:
    market = report(district="central market")
    station = report(district="railway station")
    assert not places_compatible(market, station, max_km=10)
    assert places_compatible(market, report(), max_km=10)


def test_a_village_placed_at_its_provinces_centre_is_told_apart_by_its_name() -> None:
    centre = report(town="luhansk", lat=48.574, lon=39.308)
    village = replace(centre, town="khryashchuvate", geo_precision=2)
    assert not places_compatible(centre, village, max_km=10)


def test_two_differently_named_towns_are_two_places_unless_one_is_known_only_by_region() -> None:
    here = report()
    assert other_towns(here, replace(here, town="rubizhne"))
    assert not other_towns(here, replace(here, town="luhansk oblast", geo_precision=3))
    assert not other_towns(here, replace(here))


def test_a_region_level_report_joins_only_when_everything_else_agrees() -> None:
    town = report("Violence against civilians", kind1="rebels", kind2="civilians")
    region = replace(town, town="luhansk", geo_precision=3, region_only=True,
                     lat=48.5, lon=39.3)
    assert not places_compatible(town, region, max_km=500)  # never by distance
    assert region_compatible(town, region, max_days=0)
    assert not region_compatible(town, replace(region, admin1="donetsk"), max_days=0)
    assert not region_compatible(town, replace(region, event_type="Battles"), max_days=0)
    assert not region_compatible(
        town, replace(region, kind1="state_forces", kind2="rioters",
                      kinds=kinds_of("state_forces", "rioters")), max_days=0)
    two_days = replace(region, date_end=date(2024, 3, 6))
    assert not region_compatible(town, two_days, max_days=2)  # a window is not a day
    later = replace(region, date_start=date(2024, 3, 7), date_end=date(2024, 3, 7))
    assert not region_compatible(town, later, max_days=1)
    assert region_compatible(town, later, max_days=2)


def test_a_clash_told_from_the_other_side_is_one_event_and_other_victims_another() -> None:
    ours = report(kind1="state_forces", kind2="rebels")
    theirs = report(kind1="rebels", kind2="state_forces")
    assert kinds_compatible(ours, theirs)
    bombing = report("Explosions/Remote violence", kind1="state_forces", kind2="rebels")
    counter = report("Explosions/Remote violence", kind1="rebels", kind2="state_forces")
    assert not kinds_compatible(bombing, counter)  # a bomb each way is two bombs
    killing = report("Violence against civilians", kind1="rebels", kind2="civilians")
    assert not kinds_compatible(killing, report("Violence against civilians", kind1="rebels",
                                                kind2="protesters"))
    assert kinds_compatible(killing, report("Violence against civilians", kind1=None,
                                            kind2=None))


def test_a_protest_and_the_force_used_on_it_are_one_reading_two_kinds_of_attack_are_not() -> None:
    peaceful = report("Protests", sub_event_type="Peaceful protest")
    tear_gas = report("Protests", sub_event_type="Protest with intervention")
    assert one_reading(peaceful, tear_gas)
    attack = report("Violence against civilians", sub_event_type="Attack")
    abduction = report("Violence against civilians",
                       sub_event_type="Abduction/forced disappearance")
    assert not one_reading(attack, abduction)
    assert not one_reading(peaceful, report("Riots", sub_event_type="Violent demonstration"))


def test_each_grading_of_sub_types_names_sub_types_of_its_own_type() -> None:
    for event_type, order in SPECIFICITY.items():
        assert set(order) <= set(SUB_TYPES[event_type]), event_type


def test_a_report_dated_on_its_publication_day_or_the_day_before_is_dated_by_its_telling() -> None:
    assert dated_by_its_telling(report(), published=DAY)
    assert dated_by_its_telling(report(), published=date(2024, 3, 6))
    assert not dated_by_its_telling(report(), published=date(2024, 3, 7))
    assert not dated_by_its_telling(report(), published=date(2024, 3, 4))  # told before it
    assert not dated_by_its_telling(report(), published=None)
