"""Merging reports of one event across documents, on SQLite and PostgreSQL."""

from __future__ import annotations

from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store import synthetic as s
from sitrep.store.query import get_event


def _clusters(store: Store) -> list[list[str]]:
    rows = store.db.query("SELECT cluster_id, id FROM events ORDER BY cluster_id, id")
    groups: dict[str, list[str]] = {}
    for cid, eid in rows:
        groups.setdefault(cid, []).append(eid)
    return sorted(groups.values())


def test_two_documents_reporting_one_killing_become_one_event(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("wire", [s.event(
            "wire-1", fatalities=s.quantity(8, None, "at least eight"),
            actor2=s.actor("civilians"), outlet="Wire")], outlet="Wire"))
        store.add_extracted(s.result("radio", [s.event(
            "radio-1", event_type="Battles", sub_event_type="Armed clash", day="1989-11-16",
            fatalities=s.quantity(6, 6, "six"), actor2=s.actor("civilians"), outlet="Radio")],
            outlet="Radio"))
        result = merge_store(store)
        assert (result.reports, result.clusters, result.merged_reports) == (2, 1, 2)
        event = get_event(store, "radio-1")
        assert event["n_reports"] == 2
        assert event["fatalities"] == {"min": 6, "max": 6, "text": "six"}  # the lowest
        assert event["ranges"] == {"fatalities": {"min": 6, "max": 8}}
        per_source = {r["outlet"]: r["fatalities"]["text"] for r in event["reports"]}
        assert per_source == {"Wire": "at least eight", "Radio": "six"}
        assert {c["outlet"] for c in event["claims"]} == {"Wire", "Radio"}


def test_two_events_of_one_document_are_never_joined(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1"), s.event("A-2")]))
        store.add_extracted(s.result("B", [s.event("B-1")]))
        merge_store(store)
        groups = _clusters(store)
        assert len(groups) == 2
        assert all(not {"A-1", "A-2"} <= set(g) for g in groups)


def test_remerge_with_a_tighter_distance_splits_the_event(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", place="San Salvador")]))
        # Soyapango is about 8 km from San Salvador's centre
        store.add_extracted(s.result("B", [s.event("B-1", place="Soyapango")]))
        assert merge_store(store, max_km=10).clusters == 1
        assert merge_store(store, max_km=2).clusters == 2
        assert store.counts()["clusters"] == 2
        assert merge_store(store, max_km=10).clusters == 1  # and back: nothing is lost


def test_reports_that_contradict_stay_apart(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1")]))
        store.add_extracted(s.result("B", [s.event("B-1", day="1989-11-20")]))  # days later
        store.add_extracted(s.result("C", [s.event(  # a protest is not a killing
            "C-1", event_type="Protests", sub_event_type="Peaceful protest",
            actor1=s.actor("protesters"))]))
        store.add_extracted(s.result("D", [s.event(  # disjoint actor kinds
            "D-1", actor1=s.actor("rioters"), actor2=s.actor("external_forces"))]))
        assert merge_store(store).clusters == 4


def test_same_town_name_merges_without_coordinates(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", place="Zacamil")]))
        store.add_extracted(s.result("B", [s.event("B-1", place="ZACAMIL")]))
        assert merge_store(store).clusters == 1


def _region(record: dict, name: str = "El Salvador", admin1: str | None = None) -> dict:
    """The record with its place known only to the region or country (precision 3)."""
    record["location"].update(name=name, admin1=admin1, precision=3, lat=13.79, lon=-88.90)
    return record


def test_region_level_report_joins_when_day_type_and_actors_agree(db_url: str) -> None:
    men = s.actor("political_militia", "Unidentified Armed Group")
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", actor1=men)]))  # San Salvador
        store.add_extracted(s.result("B", [_region(s.event("B-1", day="1989-11-15",
                                                           actor1=men))]))
        store.add_extracted(s.result("C", [_region(s.event(  # another type that day
            "C-1", event_type="Battles", sub_event_type="Armed clash", actor1=men))]))
        store.add_extracted(s.result("D", [_region(s.event(  # the militia as the victim
            "D-1", actor1=s.actor("state_forces"), actor2=men))]))
        store.add_extracted(s.result("E", [_region(s.event(  # another region than A's
            "E-1", day="1989-11-17", actor1=men), name="San Miguel", admin1="San Miguel")]))
        merge_store(store, max_days=1)
        # B and D are both "El Salvador" and share a kind, yet a region-level place is not
        # "0 km" from another: they would need the same perpetrator or victim kind
        assert _clusters(store) == [["A-1", "B-1"], ["C-1"], ["D-1"], ["E-1"]]


def test_a_country_level_report_that_could_be_any_of_several_towns_joins_none(
        db_url: str) -> None:
    men = s.actor("political_militia", "Unidentified Armed Group")
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", actor1=men)]))  # San Salvador
        store.add_extracted(s.result("B", [s.event("B-1", actor1=men, place="San Miguel")]))
        store.add_extracted(s.result("C", [_region(s.event("C-1", actor1=men))]))
        merge_store(store)
        assert _clusters(store) == [["A-1"], ["B-1"], ["C-1"]]


def test_a_report_dated_only_to_a_week_or_longer_ties_nothing_by_date(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", day="1989-11-14")]))
        store.add_extracted(s.result("B", [s.event(  # "a week ago": a period, not a day
            "B-1", day="1989-11-13", end="1989-11-15", precision="week")]))
        store.add_extracted(s.result("C", [s.event(  # "over the past ten years"
            "C-1", day="1979-11-20", end="1989-11-20", precision="year")]))
        store.add_extracted(s.result("D", [s.event("D-1", day="1989-11-15")]))
        merge_store(store)
        assert _clusters(store) == [["A-1"], ["B-1"], ["C-1"], ["D-1"]]
        merge_store(store, max_days=1)  # slack joins single days, never a period
        assert _clusters(store) == [["A-1", "D-1"], ["B-1"], ["C-1"]]


def test_precise_reports_pair_up_before_vague_ones(db_url: str) -> None:
    civilians = s.actor("civilians")
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", day="1989-11-15", actor2=civilians)]))
        store.add_extracted(s.result("B", [s.event(  # a week from the 15th, other perpetrator
            "B-1", day="1989-11-15", end="1989-11-21", precision="week",
            actor1=s.actor("rebels"), actor2=civilians)]))
        store.add_extracted(s.result("C", [s.event("C-1", day="1989-11-16")]))
        merge_store(store, max_days=1)
        # A fits C (a day apart, same perpetrator); B, dated only to a week, ties nothing
        # by date whatever its victims.
        assert _clusters(store) == [["A-1", "C-1"], ["B-1"]]


def test_the_range_reaches_the_highest_upper_bound_any_source_gives(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("daily", [s.event(
            "daily-1", fatalities=s.quantity(9, 9, "nine"), actor2=s.actor("civilians"),
            outlet="Daily")], outlet="Daily"))
        store.add_extracted(s.result("wire", [s.event(
            "wire-1", fatalities=s.quantity(12, 15, "12 to 15"), actor2=s.actor("civilians"),
            outlet="Wire")], outlet="Wire"))
        merge_store(store)
        event = get_event(store, "wire-1")
        assert event["n_reports"] == 2
        assert event["fatalities"]["min"] == 9
        assert event["ranges"] == {"fatalities": {"min": 9, "max": 15}}


def test_later_stories_that_retell_a_killing_join_it(db_url: str) -> None:
    """Follow-up stories name the victims as the first reports did, not the day or street."""
    jesuits = s.actor("civilians", label="six Jesuit priests")
    with Store(db_url) as store:
        store.add_extracted(s.result("first", [s.event(
            "first-1", actor2=jesuits, fatalities=s.quantity(8, 8, "eight"))]))
        store.add_extracted(s.result("second", [s.event(
            "second-1", day="1989-11-17", actor2=s.actor("civilians", label="the Jesuits"),
            fatalities=s.quantity(6, 6, "six"))]))
        # two months later, placed in a nearby town, told by what was done to whom
        # (dated by its telling: the day before it was published)
        store.add_extracted(s.result("trial", [s.event(
            "trial-1", day="1990-01-21", place="Soyapango",
            actor2=s.actor("civilians", label="the murdered Jesuits"),
            fatalities=s.quantity(1, None, "killing"))], published="1990-01-22"))
        # a later killing of other, undistinguished victims stays its own event
        store.add_extracted(s.result("other", [s.event(
            "other-1", day="1990-01-27", place="Soyapango",
            actor2=s.actor("civilians", label="peasants"))]))
        merge_store(store)
        groups = _clusters(store)
        assert ["first-1", "second-1", "trial-1"] in groups
        assert ["other-1"] in groups
        event = get_event(store, "trial-1")
        assert event["date"]["start"] == "1989-11-16"  # the day the first reports give
        assert event["fatalities"]["min"] == 6  # the retelling's bare "killing" yields
        assert event["summary"].startswith("On 16 November 1989,")
        assert event["summary"].endswith("(6 killed).")  # told from the merged fields


def test_reports_that_each_state_their_own_day_or_lie_abroad_are_no_retelling(
        db_url: str) -> None:
    nuns = s.actor("civilians", label="the nuns")
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", actor2=nuns)], published="1989-11-20"))
        store.add_extracted(s.result("B", [s.event("B-1", day="1989-10-01", actor2=nuns)]))
        store.add_extracted(s.result("C", [s.event("C-1", day="1989-12-01", place="Lima",
                                                   actor2=nuns)]))
        store.add_extracted(s.result("D", [s.event("D-1", day="1990-01-21", place="San Miguel",
                                                   actor2=nuns)], published="1990-01-22"))
        merge_store(store)
        # B states its own day weeks before; C is abroad; D is in another province
        assert _clusters(store) == [["A-1"], ["B-1"], ["C-1"], ["D-1"]]


def test_a_retelling_placed_only_in_the_country_of_its_telling_joins(db_url: str) -> None:
    """"Spain suspends aid until the killings of the Spanish nuns are resolved": a Madrid
    story, placed at country level in Spain, retells the killing in San Salvador."""
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", actor2=s.actor("civilians",
                                                                          label="the nuns"))]))
        spain = s.event("B-1", day="1989-11-20", place="Spain",
                        actor2=s.actor("civilians", label="the Spanish nuns"))
        spain["location"].update(country="Spain", country_code="ES", precision=3,
                                 lat=40.4, lon=-3.7)
        store.add_extracted(s.result("B", [spain], published="1989-11-20"))
        town = s.event("C-1", day="1989-11-20", place="Lima",
                       actor2=s.actor("civilians", label="the nuns"))
        store.add_extracted(s.result("C", [town], published="1989-11-20"))
        merge_store(store)
        assert _clusters(store) == [["A-1", "B-1"], ["C-1"]]


def test_tolls_orders_of_magnitude_apart_are_two_events(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", fatalities=s.quantity(1, 1, "one"))]))
        store.add_extracted(s.result("B", [s.event(  # the whole offensive's toll that day
            "B-1", fatalities=s.quantity(1000, 1000, "about 1,000"))]))
        store.add_extracted(s.result("C", [s.event("C-1", fatalities=s.quantity(3, 3, "three"))]))
        merge_store(store)
        assert _clusters(store) == [["A-1", "C-1"], ["B-1"]]


def test_an_undated_retelling_placed_in_another_province_joins(db_url: str) -> None:
    """A story that gives no date ("the colonel denied any role in the death of the nuns")
    is placed where it is told as often as where the deed was done."""
    nuns = s.actor("civilians", label="the nuns")
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", actor2=nuns)]))
        undated = s.event("B-1", day="1990-02-07", place="San Miguel", actor2=nuns,
                          precision="week")
        undated["date"]["text"] = None
        store.add_extracted(s.result("B", [undated], published="1990-02-07"))
        merge_store(store)
        assert _clusters(store) == [["A-1", "B-1"]]


def test_the_merged_perpetrator_is_the_one_reports_name_not_one_they_inferred(
        db_url: str) -> None:
    """Stories that blame the group they keep naming, for a killing their sentence leaves
    unsigned, do not outvote the one story whose sentence names the killers."""
    assumed = s.actor("rebels", inferred=True)
    with Store(db_url) as store:
        for doc in ("A", "B"):
            store.add_extracted(s.result(doc, [s.event(
                f"{doc}-1", actor1=assumed, actor2=s.actor("civilians"))]))
        store.add_extracted(s.result("C", [s.event(
            "C-1", actor1=s.actor("state_forces", label="soldiers"),
            actor2=s.actor("civilians"))]))
        merge_store(store)
        event = get_event(store, "A-1")
        assert event["n_reports"] == 3
        assert event["actor1"]["kind"] == "state_forces"
        assert event["actor1"]["source_label"] == "soldiers"


def test_a_lone_retelling_joins_an_event_whose_stories_use_its_word_for_the_victims(
        db_url: str) -> None:
    """"The killing of the six Ateneo priests", weeks later, joins the killing of "the
    nuns" when two of that event's stories say where they lived: "at the Ateneo"."""
    nuns = s.actor("civilians", label="the nuns")
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event("A-1", actor2=nuns)],
                                     text="Gunmen killed the nuns at the Ateneo by Zelaya fort."))
        store.add_extracted(s.result("B", [s.event("B-1", actor2=nuns)],
                                     text="The nuns of the Ateneo were shot near Zelaya fort."))
        store.add_extracted(s.result("C", [s.event("C-1", actor2=nuns)],
                                     text="The nuns were killed near the Carmelite chapel."))
        store.add_extracted(s.result("D", [s.event(  # dated by its telling, weeks on
            "D-1", day="1990-01-07", actor2=s.actor("civilians", label="six Ateneo priests"))],
            published="1990-01-08"))
        # a unit named by the same word is no victim that identifies the event
        store.add_extracted(s.result("E", [s.event(
            "E-1", day="1990-01-03", event_type="Battles", sub_event_type="Armed clash",
            actor2=s.actor("state_forces", label="the Zelaya garrison"))],
            published="1990-01-04"))
        # nor does a word that only one of the event's stories uses
        store.add_extracted(s.result("F", [s.event(
            "F-1", day="1990-01-05", actor2=s.actor("civilians", label="the Carmelite choir"))],
            published="1990-01-06"))
        merge_store(store)
        assert _clusters(store) == [["A-1", "B-1", "C-1", "D-1"], ["E-1"], ["F-1"]]


def test_villages_placed_at_one_towns_centre_are_told_apart_by_their_names(
        db_url: str) -> None:
    """Two villages the gazetteer lacks, both put at Donetsk: zero km apart on the map."""
    def village(event_id: str, name: str) -> dict:
        record = s.event(event_id, event_type="Battles", sub_event_type="Armed clash",
                         place="Aleppo", actor2=s.actor("rebels"))
        record["location"].update(name=name, precision=2)
        return record

    with Store(db_url) as store:
        store.add_extracted(s.result("A", [village("A-1", "Kafr Hamra")]))
        store.add_extracted(s.result("B", [village("B-1", "Hayyan")]))
        store.add_extracted(s.result("C", [village("C-1", "Kafr Hamra")]))
        merge_store(store)
        assert _clusters(store) == [["A-1", "C-1"], ["B-1"]]


def test_two_crowds_named_for_who_they_are_are_two_protests(db_url: str) -> None:
    def protest(doc: str, crowd: str, text: str) -> dict:
        return s.result(doc, [s.event(
            f"{doc}-1", event_type="Protests", sub_event_type="Peaceful protest",
            actor1=s.actor("protesters", label=crowd))], text=text)

    with Store(db_url) as store:
        store.add_extracted(protest("A", "teachers", "Teachers marched to the ministry to "
                                                     "demand their unpaid salaries."))
        store.add_extracted(protest("B", "health workers", "Health workers protested over "
                                                           "the lack of masks."))
        # a crowd named by no one in particular joins the protest whose cause its story tells
        store.add_extracted(protest("C", "about 300 protesters", "About 300 protesters "
                                    "marched to the ministry over unpaid salaries."))
        # ... and one whose cause is another is another protest of that day
        store.add_extracted(protest("D", "people", "Dozens of people protested over the "
                                                   "closure of the fish market."))
        merge_store(store)
        assert _clusters(store) == [["A-1", "C-1"], ["B-1"], ["D-1"]]


def test_one_outlets_two_stories_of_a_day_are_two_events_unless_they_name_the_same_victims(
        db_url: str) -> None:
    with Store(db_url) as store:
        # a monitor's two reports of one day on shelling near one town: two incidents
        for doc in ("A", "B"):
            store.add_extracted(s.result(doc, [s.event(f"{doc}-1")], outlet="Monitor",
                                         text=f"Report {doc}: shelling near the town."))
        # an agency's two stories of one day on the murder of the nuns: one incident, the
        # second naming them only in its text ("the community" in its label)
        store.add_extracted(s.result("C", [s.event(
            "C-1", place="Lima", actor2=s.actor("civilians", label="the Ursuline nuns"))],
            outlet="Agency", text="Gunmen killed the Ursuline nuns."))
        store.add_extracted(s.result("D", [s.event(
            "D-1", place="Lima", actor2=s.actor("civilians", label="the community"))],
            outlet="Agency", text="Mourners buried the Ursuline community."))
        merge_store(store)
        assert _clusters(store) == [["A-1"], ["B-1"], ["C-1", "D-1"]]


def test_reports_that_disagree_on_who_was_hit_are_two_events(db_url: str) -> None:
    gunmen = s.actor("political_militia", "Unidentified Armed Group")
    with Store(db_url) as store:
        store.add_extracted(s.result("A", [s.event(  # gunmen kill a trader
            "A-1", actor1=gunmen, actor2=s.actor("civilians"))]))
        store.add_extracted(s.result("B", [s.event(  # soldiers chase the gunmen
            "B-1", event_type="Battles", sub_event_type="Armed clash",
            actor1=s.actor("state_forces"), actor2=gunmen)]))
        store.add_extracted(s.result("C", [s.event(  # the chase, told from the other side
            "C-1", event_type="Battles", sub_event_type="Armed clash",
            actor1=gunmen, actor2=s.actor("state_forces"))]))
        merge_store(store)
        assert _clusters(store) == [["A-1"], ["B-1", "C-1"]]


def test_a_bomb_each_way_is_two_bombs(db_url: str) -> None:
    def strike(event_id: str, by: str, on: str) -> dict:
        return s.event(event_id, event_type="Explosions/Remote violence",
                       sub_event_type="Air/drone strike", actor1=s.actor(by), actor2=s.actor(on))

    with Store(db_url) as store:
        store.add_extracted(s.result("A", [strike("A-1", "rebels", "state_forces")]))
        store.add_extracted(s.result("B", [strike("B-1", "state_forces", "rebels")]))
        merge_store(store)
        assert _clusters(store) == [["A-1"], ["B-1"]]


def test_an_armed_groups_name_ties_no_retelling(db_url: str) -> None:
    """"The Zelaya Battalion" is hit in many clashes; only civilians' names mark one."""
    battalion = s.actor("state_forces", label="the Zelaya Battalion")
    with Store(db_url) as store:
        for doc, day, place in (("A", "1989-11-16", "San Salvador"),
                                ("B", "1989-11-17", "Soyapango")):
            store.add_extracted(s.result(doc, [s.event(
                f"{doc}-1", day=day, place=place, event_type="Battles",
                sub_event_type="Armed clash", actor1=s.actor("rebels"), actor2=battalion)]))
        merge_store(store)
        assert _clusters(store) == [["A-1"], ["B-1"]]
