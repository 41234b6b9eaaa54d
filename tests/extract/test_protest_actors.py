"""A peaceful protest has the demonstrators alone as actors (ACLED's convention), also when a
later sentence of the report, merged into it, names people the crowd speaks about."""

from __future__ import annotations

from datetime import date

from stories import events_of


def run(text: str, published: date = date(2021, 6, 3)) -> list[dict]:
    return events_of(text, published)


def test_people_named_in_the_demands_are_no_second_actor():
    events = run(
        "On 2 June 2021, in Arequipa, a group of bus drivers staged a demonstration in front of "
        "the regional government building. They also complained about colleagues fired by the "
        "transport company during the lockdown."
    )
    assert [e["sub_event_type"] for e in events] == ["Peaceful protest"]
    assert events[0]["actor1"]["kind"] == "protesters"
    assert events[0]["actor2"] is None


def test_the_force_that_fired_the_tear_gas_is_the_one_that_intervened():
    events = run(
        "DHAKA, June 3 - More than 500 people took to the streets of Gazipur on Wednesday "
        "to demand the freedom of relatives detained by the security forces. Police fired tear "
        "gas to break up the march near the town hall, witnesses said."
    )
    protest = next(e for e in events if e["event_type"] == "Protests")
    assert protest["sub_event_type"] == "Protest with intervention"
    assert protest["actor2"]["name"].startswith("Police Forces of")


def test_a_death_the_crowd_protests_about_is_not_the_protests_toll():
    events = run(
        "On 2 June 2021, about 300 nurses rallied outside the health ministry in Kumasi to "
        "protest the death of a colleague who died of the virus and to demand masks."
    )
    protest = next(e for e in events if e["event_type"] == "Protests")
    assert protest["sub_event_type"] == "Peaceful protest"
    assert protest["fatalities"] is None
