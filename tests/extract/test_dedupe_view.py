"""The in-story dedupe asks the shared questions of ``sitrep.same_event`` about a draft's own
words only (``dedupe.view_of``)."""

from __future__ import annotations

from datetime import date

from sitrep.extract.components.dedupe import told_twice, view_of
from sitrep.extract.context import EventDraft
from sitrep.types import ActorMention, Place, PlaceMention, Span, TimeMention


def draft(sentence: int, *, town: str = "Bunia", district: str | None = None,
          own_place: bool = True, stated: str = "on Sunday", doer: str = "rebels",
          parsed_doer: bool = True) -> EventDraft:
    place = Place(name=town, country_code="CD", admin1="Ituri", district=district,
                  lat=1.56, lon=30.25)
    return EventDraft(
        start=sentence * 100, end=sentence * 100 + 90, trigger=Span(sentence * 100, 5, "raid"),
        event_type="Violence against civilians", sub_event_type="Attack",
        sentence_index=sentence,
        place=PlaceMention(sentence * 100 + 20, sentence * 100 + 25, town, place),
        place_is_own=own_place,
        time=TimeMention(0, len(stated), stated, date(2025, 6, 1), date(2025, 6, 1), "day"),
        actor1=ActorMention(sentence * 100, sentence * 100 + 6, doer, doer, doer),
        actor1_from_syntax=parsed_doer,
    )


def test_a_draft_is_seen_with_its_own_place_and_date_folded_for_comparison() -> None:
    view = view_of(draft(0, town="Béni", district="Old Market"))
    assert (view.town, view.district, view.admin1, view.country_code) == (
        "beni", "old market", "ituri", "CD")
    assert (view.date_start, view.date_end) == (date(2025, 6, 1), date(2025, 6, 1))
    assert view.kinds == {"rebels"} and view.kind1 == "rebels"


def test_a_place_or_date_the_story_lends_every_draft_is_not_the_drafts_evidence() -> None:
    lent = view_of(draft(0, own_place=False, stated=""))
    assert lent.geo_precision is None and lent.town == ""
    assert lent.date_start is None


def test_a_part_of_town_is_no_quarter_and_a_guessed_doer_names_no_kind() -> None:
    view = view_of(draft(0, district="eastern outskirts", parsed_doer=False))
    assert view.district == ""
    assert view.kind1 is None


def test_two_sentences_in_two_towns_or_two_quarters_tell_two_raids() -> None:
    assert told_twice(draft(0), draft(1))
    assert not told_twice(draft(0), draft(0))  # one sentence's two deeds are two events
    assert not told_twice(draft(0), draft(1, town="Mahagi"))
    assert not told_twice(draft(0, district="Old Market"), draft(1, district="Lumumba Camp"))
    # a part of town is no quarter, and a place the story lent says nothing
    assert told_twice(draft(0, district="Old Market"), draft(1, district="eastern outskirts"))
    assert told_twice(draft(0), draft(1, town="Mahagi", own_place=False))


def test_in_one_story_another_kind_of_doer_is_another_deed_unless_both_are_crowds() -> None:
    assert not told_twice(draft(0), draft(1, doer="state_forces"))
    assert told_twice(draft(0, doer="civilians"), draft(1, doer="rioters"))
    assert told_twice(draft(0), draft(1, doer="state_forces", parsed_doer=False))
