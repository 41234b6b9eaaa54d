"""Sentences that mention a deed without telling it as fact report no event: denials, refusals
to comment or confirm, conditions. Stories written for these tests."""

from __future__ import annotations

from datetime import date

from stories import events_of


def run(text: str, published: date = date(2023, 5, 4)) -> list[dict]:
    return events_of(text, published)


def test_declining_to_comment_on_a_reported_strike_is_no_event():
    assert run(
        "NIAMEY, May 4 - An air force spokesman declined to comment on reports of a drone "
        "strike near Tillaberi."
    ) == []


def test_a_rejected_or_unconfirmed_claim_is_no_event():
    assert run(
        "KHARTOUM, May 4 - The army rejected claims that its helicopters had bombed a market "
        "in El Obeid."
    ) == []
    assert run(
        "KHARTOUM, May 4 - The interior ministry refused to confirm that riot police had shot "
        "students in Omdurman."
    ) == []


def test_a_deed_under_if_or_unless_has_not_happened():
    assert run(
        "KHARTOUM, May 4 - The rebels said they would not withdraw unless the army shelled "
        "their positions near Kadugli again."
    ) == []


def test_a_deed_told_beside_a_denial_stays_an_event():
    events = run(
        "DHAKA, May 4 - Police arrested 14 opposition activists in Sylhet on Tuesday, but "
        "denied beating them."
    )
    assert [e["sub_event_type"] for e in events] == ["Arrests"]


def test_a_deed_in_a_relative_clause_under_a_denial_is_still_told_as_fact():
    # the denial governs the backing; "who stormed the town" tells the storming as fact
    events = run(
        "KINSHASA, May 4 - The neighbouring state denies arming the rebels who stormed the "
        "town of Walikale on Monday, killing four soldiers."
    )
    assert events and events[0]["event_type"] == "Battles"
