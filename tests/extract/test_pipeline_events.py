"""The extraction pipeline end to end, on stories written for these tests and on the shared one."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract import extract, extract_documents
from sitrep.ingest import read_text
from sitrep.types import Document


def run(text: str, published: date = date(2021, 3, 3)) -> list[dict]:
    document = read_text(text, doc_id="t", published=published)
    return next(extract([document]))["events"]


def the_killing(events: list[dict]) -> dict:
    """The story's (first) attack on civilians."""
    return next(e for e in events if e["event_type"] == "Violence against civilians")


def test_each_event_of_a_wire_story_gets_type_place_date_toll_and_claimant():
    events = run(
        "KABUL, March 3 (Reuters) - Taliban militants attacked two army checkpoints near Kunduz "
        "city on Monday, sparking a gunbattle in which six soldiers were killed, Defence "
        "Ministry spokesman Ahmad Rahimi said.\n\n"
        "In a separate incident, a roadside bomb struck a minibus in Helmand province on "
        "Sunday, killing four civilians, police said."
    )
    by_type = {e["sub_event_type"]: e for e in events}
    clash = by_type["Armed clash"]
    assert clash["actor1"]["kind"] == "rebels"
    assert clash["date"]["start"] == "2021-03-01"
    assert clash["location"]["country_code"] == "AF"
    assert clash["fatalities"]["min"] == 6
    assert clash["claims"][0]["claimant"] == "Ahmad Rahimi"
    assert clash["claims"][0]["party_to_conflict"] is True
    bomb = by_type["Remote explosive/landmine/IED"]
    assert bomb["date"]["start"] == "2021-02-28"
    assert bomb["fatalities"] == {"min": 4, "max": 4, "text": bomb["fatalities"]["text"]}
    assert bomb["actor2"]["kind"] == "civilians"


def test_place_and_date_of_the_telling_are_not_those_of_the_event():
    events = run(
        "Rebels shelled the town of Kunduz on Sunday, killing three civilians, the governor "
        "told reporters in Kabul on Tuesday."
    )
    assert len(events) == 1
    assert events[0]["location"]["name"] != "Kabul"
    assert events[0]["date"]["start"] == "2021-02-28"


def test_denied_or_threatened_violence_is_no_event():
    assert run("The rebels threatened to attack the town of Kunduz next week.") == []
    assert run("Police said no one was killed in Kunduz on Monday.") == []


def test_a_protest_over_a_killing_stays_peaceful():
    events = run(
        "On 2 March 2021, hundreds of residents protested in Kunduz demanding justice for a "
        "shopkeeper killed by unknown gunmen last week."
    )
    protests = [e for e in events if e["event_type"] == "Protests"]
    assert protests and protests[0]["sub_event_type"] == "Peaceful protest"
    assert protests[0]["actor1"]["kind"] == "protesters"
    assert protests[0]["crowd_size"]["min"] == 200


def test_a_protest_dispersed_with_tear_gas_is_one_event_with_intervention():
    events = run(
        "More than 300 people took to the streets of Kabul on Tuesday to demand jobs. "
        "Police fired tear gas to disperse the crowd."
    )
    assert len(events) == 1
    assert events[0]["sub_event_type"] == "Protest with intervention"
    assert events[0]["crowd_size"]["min"] == 301


def test_same_input_gives_the_same_event_ids():
    text = "On 2 March 2021, gunmen killed two farmers in Kunduz."
    assert [e["event_id"] for e in run(text)] == [e["event_id"] for e in run(text)]


def test_every_evidence_span_indexes_the_document_text():
    document = read_text(
        "On 2 March 2021, Taliban fighters ambushed a police patrol in Kunduz, killing "
        "three policemen, a spokesman said.",
        doc_id="spans",
    )
    result = next(extract([document]))
    assert result["events"]
    for event in result["events"]:
        for span in event["evidence"]:
            assert document.text[span["start"] : span["end"]] == span["text"]
            assert span["field"]


def test_batch_keeps_input_order_and_reports_unreadable_records():
    records = [
        {"id": "a", "text": "On 2 March 2021, gunmen killed two farmers in Kunduz."},
        {"id": "b", "text": ""},
        {"id": "c", "text": "On 3 March 2021, protesters marched in Kabul."},
    ]
    results = list(extract_documents(records))
    assert [r["document"]["id"] for r in results] == ["a", "b", "c"]
    assert results[1]["events"] == [] and results[1]["document"]["error"]
    assert results[0]["events"] and results[2]["events"]


def test_a_failing_component_costs_one_document_not_the_batch(monkeypatch):
    from sitrep.extract.pipeline import STRICT_VARIABLE, Pipeline
    from sitrep.extract.registry import component

    @component("test-broken-on-purpose")
    def broken(ctx):
        if "boom" in ctx.document.text:
            raise RuntimeError("boom")

    monkeypatch.delenv(STRICT_VARIABLE)
    pipeline = Pipeline(["sentences", "test-broken-on-purpose"])
    docs = [Document(id="1", text="All quiet."), Document(id="2", text="boom")]
    results = list(pipeline.extract(docs))
    assert results[0]["document"]["warnings"] == []
    assert "internal error" in results[1]["document"]["warnings"][0]


def test_unknown_component_names_are_refused():
    from sitrep.errors import ConfigError
    from sitrep.extract.pipeline import Pipeline

    with pytest.raises(ConfigError, match="unknown pipeline component"):
        Pipeline(["sentences", "no-such-component"])


def test_shared_story_yields_its_events(shared_dir):
    from sitrep.evaluation import evaluate

    report = evaluate(shared_dir / "gold", lambda docs: extract_documents(docs))
    events = report["overall"]["events"]
    assert events["f1"] >= 0.9
    fields = report["overall"]["fields"]
    for name, field in fields.items():
        if field["total"]:  # the seed story's eight events keep every scored field right
            assert field["share"] >= 0.95, name


def test_shared_story_shooting_details(shared_dir):
    text = (shared_dir / "corpus" / "tass-2016-11-16-aleppo.txt").read_text(encoding="utf-8")
    document = read_text(text, doc_id="tass", published=date(2016, 11, 16))
    events = next(extract([document]))["events"]
    shooting = [e for e in events if (e["fatalities"] or {}).get("min") == 27]
    assert len(shooting) == 1
    event = shooting[0]
    assert event["date"]["start"] == event["date"]["end"] == "2016-11-15"
    assert event["injuries"]["min"] == 200 and event["injuries"]["max"] is None
    assert event["actor1"]["kind"] == "rebels"
    assert event["actor1"]["source_label"].lower() in ("terrorists", "militants")
    assert event["claims"][0]["outlet"] == "TASS"
    assert event["claims"][0]["party_to_conflict"] is True


def test_a_date_attached_to_a_nominal_event_beats_the_date_of_the_telling():
    events = run(
        "Today the bishop condemned the 16 February killing of six priests in Kunduz.",
        published=date(2021, 2, 18),
    )
    killings = [e for e in events if e["event_type"] == "Violence against civilians"]
    assert killings and killings[0]["date"]["start"] == "2021-02-16"


def test_a_later_attribution_in_the_paragraph_beats_the_speaker_before_it():
    events = run(
        "KABUL, March 3 (Reuters) - Gunmen killed two farmers in Kunduz on Monday, police "
        "spokesman Ahmad Rahimi said.\n\n"
        "More than 300 people took to the streets of Kabul on Tuesday. Police fired tear gas "
        "to disperse the crowd, witnesses said."
    )
    protest = next(e for e in events if e["event_type"] == "Protests")
    assert protest["claims"][0]["claimant"] is None
    assert protest["claims"][0]["claimant_role"] == "witness"
    killing = next(e for e in events if e["event_type"] != "Protests")
    assert killing["claims"][0]["claimant"] == "Ahmad Rahimi"


def test_seizing_property_is_looting_and_seizing_a_town_is_territory():
    goods = run("On 2 March 2021, gunmen seized two trucks of a company near Kunduz.")
    assert [e["sub_event_type"] for e in goods] == ["Looting/property destruction"]
    town = run("On 2 March 2021, Taliban fighters seized the town of Kunduz from the army.")
    assert town and town[0]["sub_event_type"] == "Non-state actor overtakes territory"


def test_a_leftover_mine_is_no_attack():
    events = run(
        "On 2 March 2021, a farmer was injured after he stepped on a landmine left over from "
        "the war near Kunduz."
    )
    assert [e["event_type"] for e in events] == ["Strategic developments"]


def test_a_killing_told_without_its_killers_takes_the_group_the_story_names():
    events = run(
        "KABUL, March 3 (Reuters) - Taliban fighters attacked a police post in Kunduz on "
        "Monday, a spokesman said.\n\n"
        "On Sunday, two teachers were shot dead near the market of Kunduz."
    )
    killing = next(e for e in events if e["date"]["start"] == "2021-02-28")
    assert killing["event_type"] == "Violence against civilians"
    assert killing["actor1"]["kind"] == "rebels"
    assert killing["actor1"]["name"] == "Taliban"
    assert killing["actor1"]["inferred"] is True  # its own sentence names no killer
    attack = next(e for e in events if e is not killing)
    assert attack["actor1"]["inferred"] is False


def test_a_crowd_that_beats_or_lynches_someone_is_mob_violence():
    events = run("On 3 May 2021, about 200 residents of a suburb of Puebla, Mexico, beat up and "
                 "tried to lynch a man they accused of theft.")
    assert [(e["event_type"], e["sub_event_type"]) for e in events] == [("Riots", "Mob violence")]
    shot = run("On 3 May 2021, gunmen shot dead three villagers in Zamfara, Nigeria.")
    assert shot[0]["event_type"] == "Violence against civilians"


def test_a_campaign_named_in_passing_is_no_event_but_an_offensive_on_a_place_is():
    background = run("The ministry praised the failure of the offensive that the rebels "
                     "launched on 1 March. It said the general offensive was over.")
    assert background == []
    toll = run("On Monday the rebels released the proposal in the framework of an offensive "
               "which began 12 days ago and has left 1,000 people dead.")
    assert toll == []  # the campaign's toll is no incident either
    incident = run("On Monday, government troops pushed ahead with an offensive in the south "
                   "of Idlib, the ministry said.")
    assert [e["event_type"] for e in incident] == ["Battles"]


def test_a_states_forces_abroad_are_external_forces_and_at_home_state_forces():
    abroad = run("On Monday, Armenian troops shelled Azerbaijani army positions near the town "
                 "of Tartar, Azerbaijan.")
    assert abroad[0]["location"]["country_code"] == "AZ"
    assert abroad[0]["actor1"]["kind"] == "external_forces"
    at_home = run("On Monday, Azerbaijani troops shelled Armenian army positions near the town "
                  "of Tartar, Azerbaijan.")
    assert at_home[0]["actor1"]["kind"] == "state_forces"


def test_capitalized_forces_act_and_the_weapons_they_fire_are_no_target():
    events = run("On Friday, the Georgian Forces fired mortars and artillery at the positions "
                 "of a separatist militia near the village of Zemo Nikozi.")
    assert events[0]["actor1"]["kind"] == "state_forces"
    assert events[0]["actor1"]["source_label"] == "Georgian Forces"
    assert events[0]["actor2"]["kind"] != "state_forces"  # not the "artillery"


def test_the_army_that_an_airstrike_belongs_to_is_its_agent():
    events = run("On Friday, four militants were killed by an Iraqi military airstrike near "
                 "Mosul.")
    assert events[0]["actor1"]["kind"] == "state_forces"
    assert events[0]["actor2"]["kind"] == "rebels"


def test_who_attacked_is_actor1_when_the_other_side_repulsed_it():
    events = run("On Friday, Malian soldiers repulsed a jihadist attack on their camp near "
                 "the town of Sevare.")
    assert events[0]["actor1"]["kind"] == "rebels"
    assert events[0]["actor2"]["kind"] == "state_forces"


def test_those_who_suffered_casualties_are_the_target():
    events = run("On Friday, Somali soldiers suffered casualties after their convoy was hit "
                 "by an al-Shabaab roadside bomb near Afgooye.")
    assert events[0]["actor2"]["kind"] == "state_forces"


def test_the_forces_whose_positions_were_shelled_are_the_target():
    events = run("On Friday, Armenian forces fired mortars at the positions of the "
                 "Azerbaijani forces near the village of Talish.")
    assert events[0]["actor1"]["country"] == "AM"
    assert events[0]["actor2"]["kind"] in ("state_forces", "external_forces")
    assert events[0]["actor2"]["country"] == "AZ"


def test_a_hedged_ethnic_militia_stays_an_identity_militia():
    events = run("On Friday, suspected Fulani militiamen raided a farming hamlet near Bankass "
                 "and stole cattle.")
    assert events[0]["actor1"]["kind"] == "identity_militia"
    clash = run("On Friday, gunmen clashed with communal militiamen near Jos.")
    assert "identity_militia" in {clash[0]["actor1"]["kind"], clash[0]["actor2"]["kind"]}


def test_an_event_with_no_place_of_its_own_is_placed_in_the_country_the_story_is_about():
    events = run(
        "DAKAR, March 3 (Reuters) - The arrest of two officers for killing four aid workers on "
        "Monday is a first step, a lawyer said.\n\n"
        "Malian officials said Mali's government would act before the elections. Malian "
        "lawyers agreed.\n\n"
        "Critics compared the case with the crisis in Chad."
    )
    # not Chad, named in passing; and the dateline only says where the story was filed
    assert [e["location"]["country_code"] for e in events] == ["ML"]


def test_a_story_that_names_no_place_at_home_places_its_events_where_it_was_filed():
    # the court abroad is no scene; nor is "US" in "LET US" the United States
    events = run(
        "LIMA, 3 MAR 90 (EFE) -- [TEXT] THE PERUVIAN GOVERNMENT HAS EXTRADITED TWO PERUVIAN "
        "BANKERS TO THE UNITED STATES.  LET US SEE WHAT COMES OF IT.\n\n"
        "   ON 6 FEBRUARY, PRESIDENT ALAN GARCIA EXTRADITED A PILOT TO A COURT IN ATLANTA, "
        "GEORGIA.  THE U.S. AUTHORITIES CHARGED HIM WITH FRAUD.\n\n"
        "   THE GOVERNMENT DECIDED ON THE EXTRADITIONS ON 1 FEBRUARY, FOLLOWING THE "
        "ASSASSINATION OF A PERUVIAN JUDGE.",
        published=date(1990, 3, 3),
    )
    killing = the_killing(events)
    assert (killing["location"]["name"], killing["location"]["country_code"]) == ("Lima", "PE")


def test_a_nationality_stands_for_its_country_when_the_story_names_no_place_in_it():
    events = run(
        "The Peruvian government has extradited two Peruvian bankers to a court in Houston, "
        "Texas.\n\nPeruvian officials said the decision followed the assassination of a "
        "Peruvian judge on Monday."
    )
    killing = the_killing(events)
    location = killing["location"]
    assert (location["country_code"], location["precision"]) == ("PE", 3)
    span = next(s for s in killing["evidence"] if s["field"] == "location")
    assert span["text"] == "Peruvian"


def test_a_body_that_names_the_dateline_city_again_is_about_it():
    events = run(
        "KABUL, 3 MAR 90 (AFP) -- [TEXT] THE AMBASSADOR LEFT FOR PAKISTAN TODAY WITH TWO "
        "PAKISTANI DIPLOMATS.\n\n   THE AMBASSADOR HAD LIVED IN KABUL SINCE 1985.  THE "
        "AIRPORT LIES 10 KM EAST OF KABUL.\n\n   HIS DEPARTURE FOLLOWED THE ASSASSINATION "
        "OF THREE JUDGES ON 1 MARCH.",
        published=date(1990, 3, 3),
    )
    killing = the_killing(events)
    assert killing["location"]["country_code"] == "AF"


def test_the_protest_named_again_with_the_article_is_the_same_protest():
    events = run(
        "On 5 May 2020, residents banged pots at their windows in Novi Sad, Serbia, to oppose "
        "the government. The protest was called by a union of local students.",
        published=date(2020, 5, 6),
    )
    assert [(e["event_type"], e["location"]["name"]) for e in events] == [
        ("Protests", "Novi Sad")]


def test_a_deed_that_names_its_victims_inside_a_sentence_about_another_is_its_own_event():
    events = run(
        "WE CALL FOR THE OUSTER OF GENERAL LOPEZ, THE ARMY CHIEF, FOR HIS SHARE IN THE HIGH "
        "COMMAND'S DECISIONS TO LAUNCH BLIND BOMBINGS AGAINST THE CIVILIAN POPULATION AND THE "
        "ASSASSINATION OF THE SIX JESUIT PRIESTS; AND OF THE AIR FORCE LEADERS FOR THE BOMBINGS."
    )
    killing = [e for e in events if e["event_type"] == "Violence against civilians"]
    assert [e["actor2"]["source_label"] for e in killing] == ["JESUIT PRIESTS"]
    assert any(e["event_type"] == "Explosions/Remote violence" for e in events)


def test_story_published_on_the_last_day_of_the_calendar_still_gets_its_events():
    """Date arithmetic past 9999-12-31 once crashed the times component (strict mode raises)."""
    events = run(
        "KABUL, Dec 31 (Reuters) - Taliban militants attacked an army checkpoint near Kunduz "
        "this week, killing six soldiers, Defence Ministry spokesman Ahmad Rahimi said.",
        published=date(9999, 12, 31),
    )
    assert events and events[0]["date"]["end"] == "9999-12-31"
