"""Who acts, read from the parse: the doers a trigger names; not who condemns the deed, nor the
sides of a later deed that the event only dates.

Stories written for these tests, in wire style and in the all-caps style of older news copy.
"""

from __future__ import annotations

from datetime import date

from stories import events_of


def only(text: str) -> dict:
    events = events_of(text, date(1989, 5, 3))
    assert len(events) == 1, events
    return events[0]


def test_kidnappers_named_by_the_trigger_are_the_actor_not_who_hunts_them() -> None:
    event = only(
        "LIMA, 3 MAY 89 -- THE POLICE ARE SEARCHING FOR THE KIDNAPPERS OF A BANKER IN LIMA."
    )
    assert event["actor1"]["source_label"] == "KIDNAPPERS"
    assert event["actor1"]["kind"] != "state_forces"


def test_police_who_made_arrests_after_a_kidnapping_did_not_kidnap() -> None:
    events = events_of(
        "SAN SALVADOR, 3 MAY 89 -- THE POLICE ARRESTED TWO MEN SHORTLY AFTER THE KIDNAPPING "
        "OF A BANKER IN SAN MIGUEL.",
        date(1989, 5, 3),
    )
    kidnapping = [e for e in events if e["sub_event_type"] == "Abduction/forced disappearance"]
    assert kidnapping, events
    assert kidnapping[0]["actor1"]["kind"] != "state_forces"
    assert kidnapping[0]["actor1"]["source_label"] is None  # nobody is named as the kidnapper


def test_a_gerund_after_a_verb_shares_its_subject() -> None:
    event = only("Rebels withdrew to the hills near Beni after attacking an army base on Sunday.")
    assert event["actor1"]["kind"] == "rebels"
    assert event["actor2"]["kind"] == "state_forces"


def test_a_tank_in_the_event_is_whoever_drives_it_not_the_actor() -> None:
    event = only(
        "GUATEMALA CITY, 3 MAY 89 -- GUERRILLAS KILLED A PEASANT NEAR FLORES AND BURNED "
        "A TANK TRUCK."
    )
    assert event["actor1"]["kind"] == "rebels"


def test_a_government_that_condemns_a_murder_did_not_commit_it() -> None:
    event = only(
        "GUATEMALA CITY, 3 MAY 89 -- THE GOVERNMENT OF GUATEMALA YESTERDAY STRONGLY CONDEMNED "
        "THE MURDER OF A DIPLOMAT IN GUATEMALA CITY."
    )
    assert event["actor1"]["kind"] != "state_forces"


def test_gunmen_named_beside_soldiers_leave_the_verb_to_say_who_fired() -> None:
    event = only(
        "About 40 soldiers and gunmen in plain clothes opened fire on villagers near Kani on "
        "Sunday, wounding a farmer."
    )
    assert event["actor1"]["kind"] == "state_forces"
    assert event["actor2"]["kind"] == "civilians"
