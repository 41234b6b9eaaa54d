"""ACLED's "X (district, province)": the qualified name is the event's place."""

from __future__ import annotations

from geo_helpers import locate_in


def test_qualified_town_beats_an_earlier_unqualified_one(geocoder, nlp):
    text = (
        "On 2 May 2021, traders protested in Landi Kotal area of Peshawar city "
        "(Peshawar, Khyber Pakhtunkhwa) against the closure of markets."
    )
    _, loc = locate_in(geocoder, nlp, text)
    assert loc is not None and loc.text == "Peshawar" and loc.place.feature == "city"


def test_place_noun_before_bracket_still_makes_a_qualifier(geocoder, nlp):
    text = "On 3 May 2021, a man was shot in Kasur town (Kasur, Punjab)."
    mentions, loc = locate_in(geocoder, nlp, text)
    assert [m.text for m in mentions if m.hint] == ["Kasur", "Punjab"]
    assert loc.text == "Kasur" and loc.place.country_code == "PK"


def test_comma_qualifier_before_bracket_keeps_the_bracket(geocoder, nlp):
    text = "On 4 May 2021, nurses protested in Kasur, Lahore (Punjab) over unpaid wages."
    mentions, loc = locate_in(geocoder, nlp, text)
    assert {m.text for m in mentions if m.hint} == {"Lahore", "Punjab"}
    assert loc.text == "Kasur"


def test_big_foreign_namesake_yields_to_the_named_district(geocoder, nlp):
    text = (
        "On 3 May 2021, Indian police said a mob attacked a shop in Korla town (Pune, Maharashtra)."
    )
    _, loc = locate_in(geocoder, nlp, text)
    assert loc is not None and loc.text == "Korla"
    assert loc.place.country_code == "IN" and loc.place.precision == 2
