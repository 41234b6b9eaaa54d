"""Wire-copy actors: nationalities of several words, and states named by their weapons.

"South Sudanese" is read whole (not "South", a province of Cameroon, and Sudan's people);
"Turkish drones" and "Iran fired missiles" name that state's forces as who fired, external
forces when they fire into another country.
"""

from __future__ import annotations

from datetime import date

from stories import events_of


def run(text: str, published: date = date(2022, 10, 12)) -> list[dict]:
    return events_of(text, published)


def only(text: str) -> dict:
    events = run(text)
    assert len(events) == 1, events
    return events[0]


# -- demonyms of several words --------------------------------------------------------------


def test_south_sudanese_troops_are_south_sudans_not_sudans() -> None:
    event = only("YAMBIO - South Sudanese troops fought rebels near Tambura on Friday, killing 6.")
    assert event["actor1"]["name"] == "Military Forces of South Sudan"
    assert event["actor1"]["kind"] == "state_forces"
    assert event["actor2"]["kind"] == "rebels"


def test_troops_of_a_two_word_country() -> None:
    event = only("Troops of South Sudan clashed with SPLA-IO fighters near Yei on Saturday.")
    assert event["actor1"]["name"] == "Military Forces of South Sudan"
    assert event["actor1"]["kind"] == "state_forces"


def test_north_korean_soldiers_and_no_cameroon_from_a_stray_south() -> None:
    event = only(
        "North Korean soldiers fired shots across the border at South Korean guard posts "
        "near Cheorwon on Sunday."
    )
    assert event["actor1"]["name"] == "Military Forces of North Korea"
    assert event["actor2"]["name"] == "Military Forces of South Korea"
    assert event["actor2"]["kind"] == "state_forces"  # at home, not external
    assert event["location"]["country_code"] == "KR"
    assert "Cameroon" not in str(event)


def test_congolese_in_brazzaville_are_the_republic_of_congos() -> None:
    event = only(
        "BRAZZAVILLE - Congolese soldiers clashed with Ninja rebels in the Pool region on "
        "Monday, killing three."
    )
    assert event["actor1"]["name"] == "Military Forces of Republic of the Congo"
    assert event["actor1"]["kind"] == "state_forces"


# -- a state named by its weapons, or as the subject of an attack ---------------------------


def test_nationality_on_drones_names_that_states_forces_abroad() -> None:
    event = only(
        "Turkish drones struck a convoy of Kurdish fighters near Qamishli in Syria on Sunday, "
        "killing four."
    )
    assert event["actor1"]["name"] == "Military Forces of Turkey"
    assert event["actor1"]["kind"] == "external_forces"
    assert event["location"]["country_code"] == "SY"


def test_american_drones_are_the_united_states_forces() -> None:
    event = only("American drones killed five militants near Kismayo in Somalia on Monday.")
    assert event["actor1"]["name"] == "Military Forces of United States"
    assert event["actor1"]["kind"] == "external_forces"
    assert event["actor2"]["kind"] == "rebels"


def test_country_as_subject_of_fire_names_its_forces() -> None:
    event = only(
        "Iran fired missiles at Kurdish militant bases near Erbil in Iraq on Wednesday, "
        "killing one person."
    )
    assert event["actor1"]["name"] == "Military Forces of Iran"
    assert event["actor1"]["kind"] == "external_forces"


def test_two_word_country_as_subject_of_launch() -> None:
    event = only(
        "The United States launched airstrikes against Islamic State fighters near Raqqa in "
        "Syria on Sunday, killing 12."
    )
    assert event["actor1"]["name"] == "Military Forces of United States"
    assert event["actor1"]["kind"] == "external_forces"
    assert event["actor2"]["kind"] == "rebels"


def test_nationality_on_positions_names_the_forces_hit() -> None:
    event = only(
        "Azerbaijan shelled Armenian positions near the village of Sotk on Tuesday, "
        "killing two soldiers."
    )
    assert event["actor1"]["name"] == "Military Forces of Azerbaijan"
    assert event["actor2"]["name"] == "Military Forces of Armenia"
    assert event["actor2"]["kind"] == "state_forces"


def test_forces_whose_convoy_ran_into_a_bomb_were_hit() -> None:
    event = only(
        "A Turkish convoy hit a roadside bomb near Idlib in Syria on Monday, killing two "
        "soldiers."
    )
    assert event["actor1"]["kind"] == "political_militia"  # whoever planted it
    assert event["actor2"]["name"] == "Military Forces of Turkey"
    assert event["actor2"]["kind"] == "external_forces"


def test_people_who_fled_the_fighting_are_neither_side_of_it():
    events = run(
        "BENI, Oct 12 - Some 3,000 villagers fled their homes near Oicha after fighting "
        "between the army and ADF rebels on Sunday."
    )
    assert [e["sub_event_type"] for e in events] == ["Armed clash"]
    kinds = {events[0]["actor1"]["kind"], events[0]["actor2"]["kind"]}
    assert "civilians" not in kinds and "rioters" not in kinds
    assert events[0]["crowd_size"] is None
