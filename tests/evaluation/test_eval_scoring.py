"""The figures of scoring.md on hand-made gold/system pairs."""

from __future__ import annotations

from eval_builders import make_doc, make_event

from sitrep.evaluation import score
from sitrep.evaluation.fields import FIELDS


def shares(report: dict, key: str = "fields") -> dict[str, float | None]:
    return {name: figure["share"] for name, figure in report["overall"][key].items()}


def totals(report: dict, key: str = "fields") -> dict[str, int]:
    return {name: figure["total"] for name, figure in report["overall"][key].items()}


def two_event_gold() -> list[dict]:
    second = make_event(
        id="e2",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1={"kind": "rebels"},
        actor2={"kind": "state_forces"},
        location={"name": "Saraqib", "country_code": "SY", "lat": 35.8623, "lon": 36.8006},
    )
    return [make_event(), second]


def test_perfect_system_scores_one_everywhere() -> None:
    gold = two_event_gold()
    report = score([make_doc(gold)], {"d1": [make_event(**e) for e in gold]}, seconds=2.0)
    events = report["overall"]["events"]
    assert (events["precision"], events["recall"], events["f1"]) == (1.0, 1.0, 1.0)
    scored = {name: share for name, share in shares(report).items() if share is not None}
    assert set(scored) == {n for n in FIELDS if n not in ("injuries", "crowd_size")}
    assert set(scored.values()) == {1.0}
    assert set(v for v in shares(report, "fields_on_pairs").values() if v is not None) == {1.0}
    assert report["docs_per_second"] == 0.5


def test_dropped_event_lowers_recall_and_counts_its_fields_wrong() -> None:
    gold = two_event_gold()
    report = score([make_doc(gold)], {"d1": [make_event(**gold[0])]})
    events = report["overall"]["events"]
    assert events["precision"] == 1.0
    assert events["recall"] == 0.5
    assert events["fn"] == 1
    assert shares(report)["event_type"] == 0.5
    assert shares(report)["location"] == 0.5
    # on pairs only the found event counts
    assert totals(report, "fields_on_pairs")["event_type"] == 1


def test_wrong_sub_type_lowers_that_field_only() -> None:
    system = make_event(sub_event_type="Shelling/artillery/missile attack")
    report = score([make_doc([make_event()])], {"d1": [system]})
    wrong = {name for name, share in shares(report).items() if share == 0.0}
    assert wrong == {"sub_event_type"}
    assert report["overall"]["events"]["f1"] == 1.0


def test_alt_event_type_pair_and_alt_sub_type_count_as_correct() -> None:
    gold = make_event(
        event_type="Protests",
        sub_event_type="Excessive force against protesters",
        alt_event_type=[["Violence against civilians", "Attack"]],
        alt_sub_event_type=["Protest with intervention"],
    )
    via_pair = make_event(event_type="Violence against civilians", sub_event_type="Attack")
    via_sub = make_event(event_type="Protests", sub_event_type="Protest with intervention")
    other = make_event(event_type="Riots", sub_event_type="Mob violence")
    for system, expected in ((via_pair, 1.0), (via_sub, 1.0), (other, 0.0)):
        report = score([make_doc([gold])], {"d1": [system]})
        assert shares(report)["event_type"] == expected
        assert shares(report)["sub_event_type"] == expected


def test_gold_actor_kind_list_accepts_any_of_them() -> None:
    gold = make_event(actor1={"kind": ["rioters", "protesters"]})
    right = score([make_doc([gold])], {"d1": [make_event(actor1={"kind": "protesters"})]})
    wrong = score([make_doc([gold])], {"d1": [make_event(actor1={"kind": "rebels"})]})
    assert shares(right)["actor1.kind"] == 1.0
    assert shares(wrong)["actor1.kind"] == 0.0


def test_null_gold_actor2_wants_no_actor2() -> None:
    gold = make_event(actor2=None)
    none = score([make_doc([gold])], {"d1": [make_event(actor2=None)]})
    some = score([make_doc([gold])], {"d1": [make_event()]})
    assert shares(none)["actor2.kind"] == 1.0
    assert shares(some)["actor2.kind"] == 0.0


def test_optional_gold_counts_neither_for_recall_nor_against_precision() -> None:
    required = make_event()
    optional = make_event(
        id="agg", optional=True, location={"name": "Saraqib", "country_code": "SY"}
    )
    found_both = score(
        [make_doc([required, optional])],
        {"d1": [make_event(), make_event(location={"name": "Saraqib", "country_code": "SY"})]},
    )
    events = found_both["overall"]["events"]
    assert (events["tp"], events["fp"], events["fn"], events["optional_paired"]) == (1, 0, 0, 1)
    assert events["precision"] == 1.0
    missed_optional = score([make_doc([required, optional])], {"d1": [make_event()]})
    assert missed_optional["overall"]["events"]["recall"] == 1.0
    assert found_both["overall"]["fields"]["event_type"]["total"] == 1


def test_recall_only_document_does_not_count_extra_system_events() -> None:
    extra = make_event(date={"start": "2020-03-01", "end": "2020-03-01", "precision": "day"})
    system = {"d1": [make_event(), extra]}
    plain = score([make_doc([make_event()])], system)
    lenient = score([make_doc([make_event()], recall_only=True)], system)
    assert plain["overall"]["events"]["fp"] == 1
    assert plain["overall"]["events"]["precision"] == 0.5
    assert lenient["overall"]["events"]["fp"] == 0
    assert lenient["overall"]["events"]["not_counted"] == 1
    assert lenient["overall"]["events"]["precision"] == 1.0


def test_zero_toll_counts_as_null() -> None:
    gold = make_event(fatalities={"min": 0, "max": 0})
    null_system = score([make_doc([gold])], {"d1": [make_event(fatalities=None)]})
    wrong_system = score([make_doc([gold])], {"d1": [make_event()]})
    assert shares(null_system)["fatalities"] == 1.0
    assert shares(wrong_system)["fatalities"] == 0.0


def test_fatalities_scored_false_leaves_fatalities_out() -> None:
    gold = make_event(fatalities={"min": 4, "max": 4}, fatalities_scored=False)
    report = score([make_doc([gold])], {"d1": [make_event(fatalities=None)]})
    assert totals(report)["fatalities"] == 0
    assert shares(report)["fatalities"] is None
    assert shares(report)["event_type"] == 1.0


def test_fields_absent_from_gold_are_not_counted() -> None:
    gold = make_event(crowd_size={"min": 1501, "max": None})
    del gold["claims"]
    report = score([make_doc([gold])], {"d1": [make_event(crowd_size={"min": 1501})]})
    assert totals(report)["crowd_size"] == 1
    assert totals(report)["injuries"] == 0
    assert totals(report)["claimant"] == 0


def test_day_date_must_match_exactly_and_week_range_within_a_week() -> None:
    day_off = make_event(date={"start": "2020-05-02", "end": "2020-05-02", "precision": "day"})
    assert shares(score([make_doc([make_event()])], {"d1": [day_off]}))["date"] == 0.0
    week = make_event(date={"start": "2020-05-01", "end": "2020-05-07", "precision": "week"})
    close = make_event(date={"start": "2020-04-28", "end": "2020-05-06", "precision": "week"})
    far = make_event(date={"start": "2020-04-10", "end": "2020-05-06", "precision": "month"})
    assert shares(score([make_doc([week])], {"d1": [close]}))["date"] == 1.0
    assert shares(score([make_doc([week])], {"d1": [far]}))["date"] == 0.0


def test_wrong_place_does_not_hide_right_type_in_field_figures() -> None:
    # 120 km away: no detection pair, but the field pairing still finds it
    faraway = make_event(
        location={"name": "Hama", "country_code": "SY", "lat": 35.13, "lon": 36.75}
    )
    report = score([make_doc([make_event()])], {"d1": [faraway]})
    assert report["overall"]["events"]["tp"] == 0
    assert shares(report)["event_type"] == 1.0
    assert shares(report)["location"] == 0.0
    assert totals(report, "fields_on_pairs")["event_type"] == 0


def test_location_within_25_km_and_district_named() -> None:
    near = {"name": "Idlib", "district": "Al Qusur quarter", "lat": 36.0, "lon": 36.7}
    no_district = {"name": "Idlib", "lat": 35.9306, "lon": 36.6339}
    names_only = {"name": "IDLEB", "district": "Qusour", "country": "Syria"}
    for location, expected in ((near, 1.0), (no_district, 0.0), (names_only, 1.0)):
        report = score([make_doc([make_event()])], {"d1": [make_event(location=location)]})
        assert shares(report)["location"] == expected, location


def test_gold_district_list_accepts_any() -> None:
    gold_location = {
        "name": "Aleppo",
        "district": ["al-Amriya", "al-Fardous"],
        "country_code": "SY",
    }
    gold = make_event(location=gold_location)
    system = make_event(location={"name": "Aleppo", "district": "Al Ferdous", "country_code": "SY"})
    assert shares(score([make_doc([gold])], {"d1": [system]}))["location"] == 1.0


def test_detection_pairing_maximizes_total_agreement() -> None:
    clash = make_event(
        id="clash",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1={"kind": "rebels"},
        actor2={"kind": "state_forces"},
    )
    strike = make_event(id="strike")
    # same date and place: only agreement decides; a greedy first-come pairing would swap them
    report = score([make_doc([clash, strike])], {"d1": [make_event(), make_event(**clash)]})
    assert shares(report, "fields_on_pairs")["event_type"] == 1.0
    assert shares(report, "fields_on_pairs")["actor1.kind"] == 1.0


def test_only_type_scores_the_best_typed_system_event_on_types_alone() -> None:
    gold = make_event(only_type=True, location={"name": "Nowhere", "country_code": "ZZ"})
    system = [make_event(event_type="Riots", sub_event_type="Mob violence"), make_event()]
    report = score([make_doc([gold])], {"d1": system})
    counted = {name for name, total in totals(report).items() if total}
    assert counted == {"event_type", "sub_event_type"}
    assert shares(report)["event_type"] == 1.0


def test_claim_fields_compare_folded_names_of_first_claim() -> None:
    claim = {"claimant": "ABDULRAHMAN, Rami", "claimant_org": "sohr", "party_to_conflict": False}
    report = score([make_doc([make_event()])], {"d1": [make_event(claims=[claim])]})
    assert shares(report)["claimant"] == 1.0
    assert shares(report)["claimant_org"] == 1.0
    assert shares(report)["party_to_conflict"] == 1.0
    wrong = {"claimant": "Igor Konashenkov", "claimant_org": "SOHR", "party_to_conflict": True}
    report = score([make_doc([make_event()])], {"d1": [make_event(claims=[wrong])]})
    assert shares(report)["claimant"] == 0.0
    assert shares(report)["party_to_conflict"] == 0.0


def test_figures_are_given_per_dataset_and_overall() -> None:
    docs = [make_doc([make_event()], "a", "set-a"), make_doc([make_event()], "b", "set-b")]
    report = score(docs, {"a": [make_event()]})
    assert report["datasets"]["set-a"]["events"]["recall"] == 1.0
    assert report["datasets"]["set-b"]["events"]["recall"] == 0.0
    assert report["overall"]["events"]["recall"] == 0.5
    assert report["overall"]["documents"] == 2


def test_details_name_the_wrong_fields_of_each_gold_event() -> None:
    system = make_event(sub_event_type="Shelling/artillery/missile attack", fatalities=None)
    report = score([make_doc([make_event()])], {"d1": [system]}, details=True)
    (detail,) = report["details"]
    assert detail["events"][0]["wrong"] == ["sub_event_type", "fatalities"]
    assert detail["events"][0]["detected"] is True


def test_gold_actor_without_kind_is_scored_and_wants_no_kind() -> None:
    gold = make_event(actor1={"name": "unknown gunmen", "kind": None})
    none = score([make_doc([gold])], {"d1": [make_event(actor1=None)]})
    some = score([make_doc([gold])], {"d1": [make_event()]})
    assert totals(none)["actor1.kind"] == 1
    assert shares(none)["actor1.kind"] == 1.0
    assert shares(some)["actor1.kind"] == 0.0


def test_gold_country_only_agrees_with_any_place_of_that_country() -> None:
    country = {"country": "El Salvador", "country_code": "SV"}
    gold = make_event(location=country)
    town = score(
        [make_doc([gold])],
        {"d1": [make_event(location={**country, "name": "San Miguel"})]},
    )
    abroad = score(
        [make_doc([gold])],
        {"d1": [make_event(location={"name": "Tegucigalpa", "country_code": "HN"})]},
    )
    assert shares(town)["location"] == 1.0
    assert shares(abroad)["location"] == 0.0


def test_a_system_district_named_like_the_gold_town_is_not_the_town() -> None:
    gold = make_event(location={"name": "Soyapango", "country_code": "SV"})
    system = make_event(
        location={"name": "San Salvador", "district": "Soyapango", "country_code": "SV"}
    )
    assert shares(score([make_doc([gold])], {"d1": [system]}))["location"] == 0.0
