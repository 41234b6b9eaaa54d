"""Counts in wire copy: who is counted in a toll, what is a crowd, and two sides' tolls.

Wire stories end sentences with an attribution ("..., a spokesman said"), tell tolls and crowds
in one breath, and quote both sides of a fight; the counts must read the words for who is
harmed, who protests and who claims each number (event-record.md: counts are ranges).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from stories import events_of


def run(text: str, published: date = date(2022, 10, 12)) -> list[dict]:
    return events_of(text, published)


def _only(events: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(events) == 1, events
    return events[0]


def _range(figure: dict[str, Any] | None) -> tuple[int | None, int | None] | None:
    return None if figure is None else (figure["min"], figure["max"])


def test_the_article_of_a_trailing_attribution_is_no_victim() -> None:
    # "a local official" tells the toll; only the four traders died
    event = _only(
        run(
            "Militiamen raided a cattle market near Kalemie on Tuesday, killing four traders, "
            "a local official said."
        )
    )
    assert _range(event["fatalities"]) == (4, 4)
    # the article still counts when its noun is the one killed
    event = _only(run("Gunmen shot dead a nurse in Bunia on Tuesday, a hospital worker said."))
    assert _range(event["fatalities"]) == (1, 1)


def test_a_death_toll_at_a_protest_is_no_crowd_size() -> None:
    event = _only(
        run("Soldiers shot dead nine people during a march in Bamako on Friday, residents said.")
    )
    assert _range(event["fatalities"]) == (9, 9)
    assert event["crowd_size"] is None


def test_the_crowd_size_is_the_crowd_not_the_dead_counted_before_it() -> None:
    event = _only(
        run(
            "Troops killed three students in Kassala on Sunday when about 4,000 demonstrators "
            "marched on the governor's office, medics said."
        )
    )
    assert _range(event["fatalities"]) == (3, 3)
    assert _range(event["crowd_size"]) == (4000, 4000)


def test_people_who_flee_are_no_crowd() -> None:
    events = run(
        "Hundreds of residents fled Kasai villages on Sunday after a mob torched houses "
        "belonging to a rival clan."
    )
    assert events and all(e["crowd_size"] is None for e in events)


def test_people_arrested_at_a_rally_are_no_crowd() -> None:
    event = _only(run("Police arrested 35 people during an opposition rally in Lome on Saturday."))
    assert event["crowd_size"] is None


def test_activists_arrested_are_no_crowd_but_a_crowd_dispersed_is() -> None:
    arrested = run("Police arrested four student activists at a march in Harare on Monday.")
    assert arrested and all(e["crowd_size"] is None for e in arrested)
    dispersed = _only(run("Police dispersed 400 protesters at a march in Harare on Monday."))
    assert _range(dispersed["crowd_size"]) == (400, 400)


def test_two_sides_tolls_of_one_attack_are_a_range() -> None:
    event = _only(
        run(
            "Insurgents overran an army outpost in Kidal region on Saturday. The army said three "
            "soldiers were killed, while a spokesman for the insurgents said 15 troops died in "
            "the assault."
        )
    )
    assert _range(event["fatalities"]) == (3, 15)


def test_a_hospital_and_the_police_counting_the_same_dead_give_a_range() -> None:
    event = _only(
        run(
            "Two people were shot dead in clashes in Kisii on Monday, police said, while a "
            "doctor at the county hospital said five people died of gunshot wounds."
        )
    )
    assert _range(event["fatalities"]) == (2, 5)
