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


def test_a_town_qualified_by_its_own_name_takes_the_big_namesake(geocoder, nlp):
    # the qualifier repeats the town's name: it says nothing about which namesake it is
    text = "On 9 June 2021, dock workers marched in Baku (Baku, Azerbaijan) over unpaid bonuses."
    _, loc = locate_in(geocoder, nlp, text)
    assert loc.place.name == "Baku" and loc.place.country_code == "AZ"


def test_a_province_named_by_its_noun_after_a_comma_qualifies_the_town(geocoder, nlp):
    text = "On 9 June 2021, in Cartagena, Bolivar department, taxi drivers blocked a bridge."
    mentions, loc = locate_in(geocoder, nlp, text)
    assert [m.text for m in mentions if m.hint] == ["Bolivar"]
    assert loc.place.name == "Cartagena" and loc.place.country_code == "CO"


def test_an_alternate_spelling_of_a_big_city_yields_to_a_town_of_that_name(geocoder, nlp):
    # "Puno" is also a spelling of Pune (India) in the gazetteer, but Puno is a Peruvian city
    text = "On 9 June 2021, in Puno city, bus drivers held a sit-in outside the terminal."
    _, loc = locate_in(geocoder, nlp, text)
    assert loc.place.name == "Puno" and loc.place.country_code == "PE"


def test_a_state_by_its_own_name_beats_a_town_that_bears_it_as_an_alias(geocoder, nlp):
    text = "On 9 June 2021, teachers in Chiapas blocked the highway to demand back pay."
    _, loc = locate_in(geocoder, nlp, text)
    assert loc.place.feature == "admin1" and loc.place.admin1 == "Chiapas"


def test_a_town_known_by_an_alias_stays_a_town_beside_its_district(geocoder, nlp):
    # "Apodaca" is the municipality's own name and the city's alias: the city is meant
    text = "On 9 June 2021, gunmen killed a shopkeeper in Apodaca, Nuevo Leon."
    _, loc = locate_in(geocoder, nlp, text)
    assert loc.place.feature == "city" and loc.place.country_code == "MX"


def test_a_big_city_by_its_old_name_beats_a_small_town_of_that_name(geocoder, nlp):
    # Allahabad (now Prayagraj, a million people) against a Pakistani town of 80,000
    text = "On 9 June 2021, shopkeepers staged a sit-in in Allahabad against a new market tax."
    _, loc = locate_in(geocoder, nlp, text)
    assert loc.place.country_code == "IN"


def test_a_province_after_a_municipality_noun_still_qualifies_the_town(geocoder, nlp):
    text = "On 9 June 2021, gunmen shot a trader in Fresnillo municipality, Zacatecas."
    mentions, loc = locate_in(geocoder, nlp, text)
    assert [m.text for m in mentions if m.hint] == ["Zacatecas"]
    assert loc.text == "Fresnillo" and loc.place.country_code == "MX"


def test_an_estate_the_gazetteer_lacks_is_placed_in_its_named_city(geocoder, nlp):
    # Eastleigh is a Nairobi estate the gazetteer lacks; an English town bears the name
    text = "On 9 June 2021, hawkers protested in Eastleigh (Kamukunji, Nairobi) over market fees."
    _, loc = locate_in(geocoder, nlp, text)
    assert loc.text == "Eastleigh" and loc.place.country_code == "KE"
    assert (loc.place.name, loc.place.district, loc.place.precision) == (
        "Nairobi", "Eastleigh", 2)


def test_a_named_neighbourhood_is_a_district_of_the_storys_city_not_a_town_inside_its_name(
        geocoder, nlp):
    _, loc = locate_in(geocoder, nlp, "On 4 May 2020, in Leon de los Aldama, Guanajuato, "
                       "armed men shot two women in Colonia Jacinto Lopez.")
    assert (loc.place.name, loc.place.district) == ("Leon de los Aldama", "Colonia Jacinto Lopez")
    _, loc = locate_in(geocoder, nlp, "On 6 May 2020, in Iguatu, Ceara, a man was killed in "
                       "a drive-by shooting in Jardim Oasis neighborhood.")
    assert (loc.place.name, loc.place.district) == ("Iguatu", "Jardim Oasis")
