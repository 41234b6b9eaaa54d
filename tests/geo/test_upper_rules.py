"""All-caps wire rules (MUC-4): unlisted hamlets, named units, modifiers, quarters."""

from __future__ import annotations

from sitrep.geo.unlisted import unlisted_before
from sitrep.types import Document


def _locate(geocoder, nlp, text: str):
    doc = nlp(text.lower())  # the pipeline parses all-caps copy lower-cased
    document = Document(id="t", text=text)
    mentions = geocoder.find_places(document, doc)
    return mentions, geocoder.locate_event(mentions, 0, len(text), document, doc)


def test_unlisted_name_needs_a_place_slot():
    common = frozenset({"the", "capital", "troops"})
    text = "CAPTURED BY TROOPS AT EL QQZRWAB CANTON, MORAZAN DEPARTMENT."
    start, end = unlisted_before(text, text.index("MORAZAN"), True, common)
    assert text[start:end] == "EL QQZRWAB"
    text = "THE FIGHTING IN THE CAPITAL, SAN SALVADOR DEPARTMENT."
    assert unlisted_before(text, text.index("SAN SALVADOR"), True, common) is None
    text = "Soldiers killed Qqzrwab, Junin region."  # no preposition, no hamlet noun
    assert unlisted_before(text, text.index("Junin"), False, common) is None


def test_unlisted_hamlet_takes_its_department(geocoder, nlp):
    text = ("SALVADORAN GUERRILLAS REPORTED THAT TROOPS CAPTURED THREE PEASANTS AT EL QQZRWAB "
            "CANTON, MORAZAN DEPARTMENT, IN EL SALVADOR.")
    _, loc = _locate(geocoder, nlp, text)
    assert loc is not None and loc.place.name == "EL QQZRWAB"
    assert loc.place.country_code == "SV" and loc.place.precision == 3


def test_foreign_namesake_gives_way_to_the_named_department(geocoder, nlp):
    text = ("THE GUERRILLAS SAID HONDURAN TROOPS ATTACKED IN THE HAMLET OF SAN ANDRES, SAN "
            "MIGUEL DEPARTMENT, IN NORTHERN EL SALVADOR.")
    _, loc = _locate(geocoder, nlp, text)
    assert loc is not None and loc.place.country_code == "SV"
    assert loc.place.name == "SAN ANDRES"


def test_named_unit_and_modifier_are_no_places(geocoder, nlp):
    mentions, _ = _locate(geocoder, nlp, "AN FMLN UNIT ATTACKED THE CONCHAGUA BATTALION IN "
                                         "EL SALVADOR.")
    assert "CONCHAGUA" not in [m.text for m in mentions]
    _, loc = _locate(geocoder, nlp, "A BOMB EXPLODED IN DOWNTOWN VINA DEL MAR, CHILE.")
    assert loc is not None and loc.place.name == "Vina del Mar"


def test_quarter_of_the_story_city(geocoder, nlp):
    text = ("HEAVY FIGHTING WAS REPORTED IN SAN SALVADOR. THE BOMBINGS HAVE DESTROYED THE "
            "ZACAMIL NEIGHBORHOOD.")
    mentions, _ = _locate(geocoder, nlp, text)
    quarter = [m for m in mentions if m.place.district == "ZACAMIL"]
    assert quarter and quarter[0].place.name == "San Salvador"


def test_english_word_is_no_foreign_town(geocoder, nlp):
    text = ("SAN SALVADOR, 3 JAN 90 -- SALVADORAN GUERRILLAS SAID THEY WANT PEACE AND VICTORY "
            "AND WILL CARRY ON THE FIGHT IN MORAZAN DEPARTMENT.")
    mentions, _ = _locate(geocoder, nlp, text)
    names = {m.text for m in mentions}
    assert not names & {"PEACE", "VICTORY", "CARRY"}


def test_words_of_an_organization_name_are_no_place(geocoder, nlp):
    text = ("SALVADORAN TROOPS ATTACKED THE OFFICES OF THE QQZRW REPUBLICAN ALLIANCE AND THE "
            "CENTRAL AMERICAN UNIVERSITY IN SAN SALVADOR.")
    mentions, loc = _locate(geocoder, nlp, text)
    assert not {m.text for m in mentions} & {"ALLIANCE", "CENTRAL", "UNIVERSITY"}
    assert loc is not None and loc.place.country_code == "SV"


def test_english_word_after_an_article_is_no_town(geocoder, nlp):
    text = ("SAN SALVADOR, 3 JAN 90 -- THE MINISTER [AS HEARD] SAID THAT AN ARENA DEPUTY AND "
            "THE ARMY WILL CARRY OUT AN INQUIRY INTO THE KILLINGS IN SAN SALVADOR, THE U.S. "
            "AMBASSADOR IN WASHINGTON SAID.")
    mentions, loc = _locate(geocoder, nlp, text)
    assert not {m.text for m in mentions} & {"AN ARENA", "AS HEARD", "CARRY"}
    assert loc is not None and loc.place.name == "San Salvador"


def test_lone_foreign_name_without_a_place_slot_is_a_person(geocoder, nlp):
    text = ("SAN SALVADOR, 3 JAN 90 -- SALVADORAN SOLDIERS KILLED TWO PEASANTS IN CHALATENANGO "
            "DEPARTMENT, PRESIDENT JOSE NAPOLEON DUARTE AND COL ORLANDO CEPEDA SAID IN THE U.S.")
    mentions, _ = _locate(geocoder, nlp, text)
    assert not {m.text for m in mentions} & {"DUARTE", "ORLANDO"}


def test_country_that_premodifies_a_noun_places_nothing(geocoder, nlp):
    text = ("SAN SALVADOR, 13 NOV 89 -- TWO U.S. CITIZENS HAVE BEEN KILLED IN THE FIGHTING IN "
            "THE SALVADORAN CAPITAL.")
    mentions, loc = _locate(geocoder, nlp, text)
    assert "U.S" not in {m.text.rstrip(".") for m in mentions}
    text = "MADRID, 3 JAN 90 -- THE BODIES WILL BE SENT TO THE UNITED STATES."
    mentions, _ = _locate(geocoder, nlp, text)
    assert any(m.place.country_code == "US" for m in mentions)


def test_article_the_text_wrote_picks_el_salvador_over_a_village_salvador(geocoder, nlp):
    text = ("MADRID (SPAIN), 19 NOV 89 -- THE SPANISH GOVERNMENT SAID THE SPANISH PRIESTS "
            "KILLED IN EL SALVADOR WILL BE BURIED IN SPAIN.")
    mentions, _ = _locate(geocoder, nlp, text)
    salvador = [m for m in mentions if m.text == "EL SALVADOR"]
    assert salvador and salvador[0].place.country_code == "SV"


def test_world_region_is_no_town(geocoder, nlp):
    text = ("MANAGUA, 3 JAN 90 -- THE CRISIS IN CENTRAL AMERICA AND THE MIDDLE EAST WORSENED, "
            "THE NICARAGUAN GOVERNMENT SAID.")
    mentions, _ = _locate(geocoder, nlp, text)
    assert not {m.text for m in mentions} & {"CENTRAL", "MIDDLE", "MIDDLE EAST"}


def test_english_word_that_qualifies_a_noun_is_no_town(geocoder, nlp):
    text = ("GUATEMALA CITY, 3 JAN 90 -- A STUDENT LEADER WAS KILLED AT POINT-BLANK RANGE BY "
            "THE U.S.-TRAINED SOLDIERS.")
    mentions, _ = _locate(geocoder, nlp, text)
    assert [m.text for m in mentions] == ["GUATEMALA CITY"]
