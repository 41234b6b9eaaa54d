"""Truecasing all-caps wire copy: casing learned from data, offsets kept, twins read alike."""

from __future__ import annotations

from datetime import date

import pytest
from stories import events_of

from sitrep.extract.pipeline import analysis_text
from sitrep.extract.truecase import (
    CasingDataError,
    casing_table,
    is_all_caps,
    parse_casing,
    truecase,
)

WIRE = (
    "KAMPALA, 3 MAY 22 (WIRE) -- POLICE FIRED TEAR GAS AT SUPPORTERS OF OPPOSITION LEADER "
    "KIZZA BESIGYE WHO MARCHED THROUGH THE CAPITAL ON MONDAY. THE FDC SAID 40 WERE HELD."
)


def test_shipped_casing_table_loads_names_acronyms_and_lower_words() -> None:
    table = casing_table()
    assert len(table) > 1000
    assert table["january"] == "January"  # a month: capitalised in mixed-case news
    shapes = {form.isupper() for form in table.values() if len(form) > 1}
    assert shapes == {True, False}  # acronyms kept in capitals, other words not
    assert all(key == form.lower() for key, form in table.items())


def test_a_malformed_casing_line_is_a_clear_error() -> None:
    assert parse_casing(["# comment", "", "Kabul\t3\t4"]) == {"kabul": "Kabul"}
    with pytest.raises(CasingDataError, match="line 2"):
        parse_casing(["Kabul\t3\t4", "Kabul three"])


def test_truecasing_keeps_every_offset() -> None:
    cased = truecase(WIRE)
    assert len(cased) == len(WIRE)
    assert cased.lower() == WIRE.lower()
    assert cased != WIRE and cased != WIRE.lower()
    # a word with a letter that has no capital ("ß") or changes length when lower-cased
    # (dotted "İ") stays as written
    odd = WIRE + " STRAßE İSTANBUL"
    assert len(truecase(odd)) == len(odd)
    assert truecase(odd).endswith(" STRAßE İSTANBUL")


def test_wire_copy_gets_names_capitalised_and_words_lower_cased() -> None:
    cased = truecase(WIRE)
    assert cased.startswith("Kampala, 3 May")
    assert "Kizza Besigye" in cased  # never seen in the data: a name
    assert "tear gas" in cased and "supporters" in cased  # ordinary words
    assert "The FDC said" in cased  # a sentence start, and an acronym kept in capitals
    assert "on Monday" in cased


def test_initials_stay_capitals_and_end_no_sentence() -> None:
    cased = truecase("THE U.S. ENVOY MET J. OKELLO AND THE CHURCHES' LEADERS.")
    assert cased == "The U.S. envoy met J. Okello and the churches' leaders."


def test_mixed_case_text_is_read_as_written() -> None:
    text = "Police in KAMPALA fired tear gas at supporters of Kizza Besigye on Monday."
    assert not is_all_caps(text)
    assert truecase(text) is text
    assert analysis_text(text) == text
    assert analysis_text(WIRE) == truecase(WIRE)


def test_the_parser_sees_the_places_and_organisations_of_wire_copy() -> None:
    from sitrep.nlp import load_nlp

    entities = {(e.text, e.label_) for e in load_nlp()(analysis_text(WIRE)).ents}
    assert {("Kampala", "GPE"), ("Kizza Besigye", "PERSON"), ("FDC", "ORG")} <= entities


def _fields(event: dict) -> tuple:
    location = event.get("location") or {}
    claims = event.get("claims") or [{}]
    return (
        (claims[0].get("claimant") or "").lower(),
        event["event_type"],
        (event.get("actor1") or {}).get("name"),
        (event.get("actor2") or {}).get("name"),
        event["date"]["start"],
        (location.get("name") or "").lower(),
        location.get("admin1"),
        location.get("country_code"),
    )


@pytest.mark.parametrize(
    "story",
    [
        "Police fired tear gas at supporters of opposition leader Kizza Besigye who marched "
        "through Kampala on 2 May 2022, police spokesman Patrick Onyango said.",
        pytest.param(
            "Rebels of the Karen National Union attacked a military camp near Hpapun in Kayin "
            "State on 4 May 2022, killing two soldiers.",
            # the town of all-caps copy is still found by the geocoder's own all-caps rules
            # (spans, countries, resolve), whose features lead the place chooser trained on
            # truecased MUC-4 to the state here: a known gap, pinned until it closes
            marks=pytest.mark.xfail(strict=True, reason="all-caps town goes to its state"),
        ),
        "Soldiers of the Mexican army clashed with members of the Jalisco New Generation "
        "Cartel in Aguililla, Michoacan, on Monday 2 May; three gunmen died.",
    ],
)
def test_an_all_caps_story_reads_like_its_mixed_case_twin(story: str) -> None:
    mixed = [_fields(e) for e in events_of(story, date(2022, 5, 6))]
    shouted = [_fields(e) for e in events_of(story.upper(), date(2022, 5, 6))]
    assert mixed and all(f[2] and f[4] and f[5] for f in mixed)  # actor, date, place found
    assert shouted == mixed


def test_the_wire_twin_names_the_same_spokesman() -> None:
    story = ("Police fired tear gas at supporters of opposition leader Kizza Besigye who "
             "marched through Kampala on 2 May 2022, police spokesman Patrick Onyango said.")
    (event,) = events_of(story.upper(), date(2022, 5, 6))
    assert event["claims"][0]["claimant"] == "PATRICK ONYANGO"  # quoted as written
