"""Who says it and who claims it, in wire-copy forms, on stories written for these tests."""

from __future__ import annotations

from datetime import date

from stories import events_of


def run(text: str, published: date = date(2022, 10, 12)) -> list[dict]:
    return events_of(text, published)


def claim_of(text: str) -> dict:
    events = run(text)
    assert events, text
    return events[0]["claims"][0]


def test_a_title_before_the_name_gives_the_whole_name_and_the_role():
    claim = claim_of(
        "Shelling killed two civilians in Vuhledar on Sunday, regional governor Oleksandr "
        "Starukh said."
    )
    assert claim["claimant"] == "Oleksandr Starukh"
    assert claim["claimant_role"] in ("regional governor", "governor")
    assert claim["claimant_org"] is None  # "regional" is no organization


def test_a_police_title_names_a_spokeswoman_the_tagger_does_not_take_for_a_person():
    claim = claim_of(
        "Gunmen killed three traders in Wajir on Sunday, police spokeswoman Bruhilda Nyaboke said."
    )
    assert claim["claimant"] == "Bruhilda Nyaboke"
    assert claim["claimant_role"] in ("spokeswoman", "police spokeswoman")
    assert claim["claimant_org"] == "police"
    assert claim["party_to_conflict"] is True


def test_a_title_in_apposition_after_the_name():
    before_verb = claim_of(
        "Gunmen killed three traders in Wajir on Sunday, Bruhilda Nyaboke, a police "
        "spokeswoman, said."
    )
    assert (before_verb["claimant"], before_verb["claimant_org"]) == (
        "Bruhilda Nyaboke",
        "police",
    )
    assert before_verb["claimant_role"] in ("spokeswoman", "police spokeswoman")
    after_verb = claim_of(
        "Gunmen killed three traders in Wajir on Sunday, said Bruhilda Nyaboke, the army's "
        "spokeswoman."
    )
    assert after_verb["claimant"] == "Bruhilda Nyaboke"
    assert (after_verb["claimant_role"], after_verb["claimant_org"]) == ("spokeswoman", "army")


def test_the_group_that_claims_responsibility_is_actor1_and_its_claim_is_kept():
    events = run(
        "A bomb hidden in a cart went off at a cattle market in Gwoza on Friday, killing "
        "seven traders. Boko Haram claimed responsibility for the explosion."
    )
    assert len(events) == 1
    bombing = events[0]
    assert bombing["actor1"]["name"] == "Boko Haram"
    assert bombing["actor1"]["kind"] == "rebels"
    assert bombing["actor2"]["kind"] == "civilians"
    assert bombing["claims"][0]["claimant"] == "Boko Haram"
    assert bombing["claims"][0]["party_to_conflict"] is True


def test_a_group_saying_it_carried_out_the_attack_is_actor1_and_a_denial_credits_nobody():
    claimed = run(
        "A roadside bomb tore through a minibus near Ghazni on Monday, killing four "
        "passengers. The Taliban said they carried out the attack."
    )
    assert [e["actor1"]["name"] for e in claimed] == ["Taliban"]
    denied = run(
        "A roadside bomb tore through a minibus near Ghazni on Monday, killing four "
        "passengers. The Taliban denied they carried out the attack, and no other group "
        "has claimed responsibility for it."
    )
    assert [e["actor1"]["kind"] for e in denied] == ["political_militia"]
    assert "Taliban" not in denied[0]["actor1"]["name"]


def test_a_bombing_nobody_claimed_is_an_unidentified_groups_not_the_storys_usual_suspect():
    events = run(
        "KANDAHAR, Oct 12 - Taliban fighters stormed a police post in Arghandab district on "
        "Monday, killing three officers, the governor's office said.\n\n"
        "In another attack, a bomb hidden in a cart exploded at a bus stop in Spin Boldak on "
        "Sunday, killing two civilians, police said.\n\n"
        "No group has claimed responsibility for the explosion."
    )
    bomb = next(e for e in events if e["event_type"] == "Explosions/Remote violence")
    assert bomb["actor1"]["kind"] == "political_militia"
    assert bomb["actor1"]["name"].startswith("Unidentified Armed Group")
    attack = next(e for e in events if e is not bomb)
    assert attack["actor1"]["name"] == "Taliban"


def test_each_sides_toll_of_its_own_dead_adds_up_instead_of_making_a_range():
    events = run(
        "Gunmen killed nine farmers in a village near Diffa on Tuesday, police said. "
        "The military said soldiers killed 14 of the gunmen."
    )
    assert len(events) == 1
    toll = events[0]["fatalities"]
    assert (toll["min"], toll["max"]) == (23, 23)


def test_two_sides_tolls_of_one_attack_are_one_event_with_two_claims_and_a_range():
    events = run(
        "MOGADISHU, Oct 12 - Al Shabaab fighters stormed an army base near Balcad on Monday. "
        "Army spokesman Abdullahi Nur said three soldiers were killed in the assault. "
        "Al Shabaab spokesman Ali Dhere said 11 soldiers died."
    )
    assert len(events) == 1
    claimants = [c["claimant"] for c in events[0]["claims"]]
    assert claimants == ["Abdullahi Nur", "Ali Dhere"]
    assert (events[0]["fatalities"]["min"], events[0]["fatalities"]["max"]) == (3, 11)


def test_a_dateline_is_no_part_of_the_first_sentences_subject():
    events = run(
        "GWOZA, Nigeria, March 4 (Reuters) - Boko Haram claimed responsibility for a bomb "
        "blast at a cattle market in Gwoza that killed seven traders."
    )
    assert len(events) == 1
    assert events[0]["actor1"]["name"] == "Boko Haram"
    for claim in events[0]["claims"]:
        for value in (claim.get("claimant"), claim.get("claimant_org")):
            assert not value or "GWOZA" not in value and "Reuters" not in value, claim


def test_the_dateline_and_the_story_proper_are_parsed_apart_offsets_kept():
    from sitrep.extract.pipeline import Pipeline
    from sitrep.ingest import read_text

    text = "TUNIS, May 2 (AP) - Police dispersed a march of teachers in the capital."
    document = read_text(text, doc_id="t", published=date(2022, 5, 2))
    ctx = next(Pipeline.from_config().analyze([document]))
    assert document.body_start == text.index("Police")
    assert ctx.doc.text == text
    assert document.body_start in [sentence.start_char for sentence in ctx.doc.sents]
    police = next(token for token in ctx.doc if token.text == "Police")
    assert police.idx == document.body_start and police.dep_ == "nsubj"
