"""Words that look like places but are none, and places the story's country votes must not
drown: a town in a place's slot abroad, a country someone came from, a fragment of a longer
unlisted name, a word inside a person's name, a currency."""

from __future__ import annotations

from sitrep.types import Document


def _locate(geocoder, nlp, text: str):
    doc = nlp(text)
    document = Document(id="t", text=text)
    mentions = geocoder.find_places(document, doc)
    return mentions, geocoder.locate_event(mentions, 0, len(text), document, doc)


def test_small_town_in_a_place_slot_beats_the_country_the_story_is_about(geocoder, nlp):
    text = "Several hundred residents gathered in Kitzingen to protest against the war in Ukraine."
    _, loc = _locate(geocoder, nlp, text)
    assert loc is not None and loc.text == "Kitzingen"
    assert loc.place.country_code == "DE"


def test_country_people_came_from_is_not_where_they_arrived(geocoder, nlp):
    text = "On Monday some 3,000 refugees from Ukraine were registered in Slovakia."
    mentions, loc = _locate(geocoder, nlp, text)
    assert {m.place.country_code for m in mentions} >= {"UA", "SK"}
    assert loc is not None and loc.place.country_code == "SK"


def test_fragment_of_an_unlisted_village_is_not_a_namesake_abroad(geocoder, nlp):
    text = "Troops of the Myanmar army torched houses in Man Qwyxaung village, Sagaing region."
    mentions, loc = _locate(geocoder, nlp, text)
    assert all(m.place.country_code == "MM" for m in mentions)
    assert loc is not None and loc.place.country_code == "MM"


def test_word_of_a_persons_name_is_no_place_abroad(geocoder, nlp):
    text = ("In Somalia, militiamen loyal to Hassan Abdi Warsame attacked a camp near Baidoa, "
            "killing two herders.")
    mentions, loc = _locate(geocoder, nlp, text)
    assert "IN" not in {m.place.country_code for m in mentions}
    assert loc is not None and loc.place.country_code == "SO"


def test_currency_is_no_place(geocoder, nlp):
    text = "In Mali, kidnappers near Timbuktu demanded a ransom of 20,000 US dollars for a driver."
    mentions, loc = _locate(geocoder, nlp, text)
    assert "US" not in {m.place.country_code for m in mentions}
    assert loc is not None and loc.place.country_code == "ML"


def test_ordinary_word_is_no_town_abroad(geocoder, nlp):
    text = ("In Kenya, officers of the Rural Police Unit dispersed traders who blocked the road "
            "in Garissa.")
    mentions, loc = _locate(geocoder, nlp, text)
    assert all(m.place.country_code == "KE" for m in mentions)
    assert loc is not None and loc.text == "Garissa"


def test_world_city_beats_a_small_town_known_by_its_name_as_an_alias(geocoder, nlp):
    text = "A suicide bomber struck the crowds outside Kabul airport, killing 13 U.S. troops."
    _, loc = _locate(geocoder, nlp, text)
    assert loc is not None and loc.place.country_code == "AF"
