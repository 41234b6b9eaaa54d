"""One incident told twice in a story, and "the murder of X": X is the victim."""

from __future__ import annotations

from datetime import date

from sitrep.extract import extract
from sitrep.extract.marks import common_marks, marks_of
from sitrep.ingest import read_text


def run(text: str, published: date) -> list[dict]:
    document = read_text(text, doc_id="t", published=published)
    return next(extract([document]))["events"]


def test_the_object_of_a_killing_noun_is_its_victim_not_its_author():
    events = run("MANAGUA, 20 NOV 89 (DPA) -- THE MURDER OF FOUR NUNS IN LEON ON 16 NOVEMBER "
                 "SHOCKED THE COUNTRY.", date(1989, 11, 20))
    assert len(events) == 1
    assert events[0]["actor2"]["source_label"] == "NUNS"
    assert events[0]["actor2"]["kind"] == "civilians"
    assert (events[0]["actor1"] or {}).get("source_label") != "NUNS"


def test_the_offensive_of_an_army_is_the_armys():
    events = run("Residents said the offensive of the Syrian army in Idlib killed six civilians "
                 "on Monday.", date(2021, 3, 3))
    assert events and events[0]["actor1"]["kind"] == "state_forces"


def test_a_story_telling_one_killing_again_on_the_report_day_has_one_event_on_its_day():
    text = ("MANAGUA, 20 NOV 89 (DPA) -- FOUR NUNS WERE SHOT DEAD IN LEON ON 16 NOVEMBER BY "
            "UNIDENTIFIED GUNMEN, WITNESSES SAID.\n\n"
            "IN A STATEMENT RELEASED TODAY, THE BISHOPS DEPLORED THE COLD-BLOODED MURDER OF "
            "THE NUNS IN LEON.")
    events = run(text, date(1989, 11, 20))
    assert len(events) == 1
    assert events[0]["date"]["start"] == "1989-11-16"


def test_two_attacks_on_reporters_dated_apart_stay_two():
    text = ("Gunmen shot dead a reporter in Kabul on Monday, police said.\n\n"
            "On Friday, a reporter was killed in a bomb blast in Kabul.")
    events = run(text, date(2021, 3, 3))
    assert len(events) == 2


def test_marks_keep_the_victims_identity_and_drop_anybody_words():
    assert marks_of(["the six Jesuit priests"]) == {"jesuit"}
    assert marks_of(["Yazidi women", "the murdered Letelier"]) == {"yazidi", "letelier"}
    # every war has judges, reporters and candidates killed; killers' names recur
    assert marks_of(["civilians", "Syrian soldiers", "Boko Haram", "his wife", "judges",
                     "a reporter", "presidential candidate"]) == frozenset()


def test_marks_that_many_documents_use_identify_nothing():
    docs = [(f"d{i}", frozenset({"student"})) for i in range(20)]
    docs += [("d1", frozenset({"jesuit"})), ("d2", frozenset({"jesuit"}))]
    assert common_marks(docs) == {"student"}


def test_the_month_of_an_all_caps_date_is_no_march():
    events = run("SAN SALVADOR, 20 MAR 89 (DPA) -- THE ELECTIONS OF 19 MARCH WERE CALM, THE "
                 "ELECTORAL COUNCIL SAID.", date(1989, 3, 20))
    assert events == []


def test_the_owner_of_a_killing_noun_is_its_victim():
    events = run("MANAGUA, 20 NOV 89 (DPA) -- THE JOURNALISTS DENOUNCED THE NUNS' MURDER IN LEON "
                 "ON 16 NOVEMBER.", date(1989, 11, 20))
    assert events and events[0]["actor2"]["source_label"] == "NUNS"


def test_two_deeds_named_as_coordinated_nouns_are_two_events():
    events = run("SAN SALVADOR, 20 NOV 89 (DPA) -- THE FMLN DEMANDED THE DISMISSAL OF COLONEL "
                 "PONCE FOR DECISIONS TO CARRY OUT INDISCRIMINATE BOMBINGS AGAINST THE CIVILIAN "
                 "POPULATION AND THE ASSASSINATION OF THE SIX JESUIT PRIESTS.", date(1989, 11, 20))
    victims = {(e["actor2"] or {}).get("source_label") for e in events}
    assert len(events) == 2 and "JESUIT PRIESTS" in victims
    one = run("Troops attacked the village and killed five civilians in Kunduz on Monday.",
              date(2021, 3, 3))
    assert len(one) == 1
