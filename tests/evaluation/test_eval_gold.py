"""Loading gold sets (hand-made files, then the real ../shared ones) and name folding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_builders import make_event

from sitrep.errors import BadDataError, BadInputError
from sitrep.evaluation import fold_name, gold_event_as_record, load_gold, score
from sitrep.evaluation.fold import district_matches


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("al-Fardous", "Al Ferdous"),
        ("AL-FERDOUS", "al Fardous"),
        ("Mbuji-Mayi", "Mbuji Mayi"),
        ("Raqqa", "Raqa"),
        ("Ḥamāh", "Hama"),
        ("Idlib", "Edleb"),
        ("Sana'a", "Sanaa"),
        ("ad-Dana", "Dana"),
    ],
)
def test_fold_name_treats_spellings_of_one_name_alike(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize(("a", "b"), [("Aleppo", "Hama"), ("Homs", "Hama"), ("Idlib", "Dana")])
def test_fold_name_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold_name(a) != fold_name(b)


def test_district_containment_reads_system_words_around_gold_words() -> None:
    assert district_matches("Binyamin quarter", "Binyamin")
    assert district_matches("East Aleppo", "eastern Aleppo")
    assert district_matches("Hay Shayban Pasha", ["Tirabl al-Haleq", "Hay Shayban-Pasha"])
    assert not district_matches("Aleppo", "eastern Aleppo")
    assert not district_matches(None, "Binyamin")


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_json_gold_reads_text_from_file_under_shared_root(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "story.txt").write_text("Planes struck Idlib.", encoding="utf-8")
    write_json(
        tmp_path / "gold" / "story-gold.json",
        {
            "document": {"file": "corpus/story.txt", "published": "2020-05-02"},
            "claims_for_all_events": {"claimant": "Rami Abdulrahman", "claimant_org": "SOHR"},
            "events": [make_event(claims=[]), make_event(id="e2", claims=[{"quote": "q"}])],
        },
    )
    (doc,) = load_gold(tmp_path / "gold")
    assert doc.id == "story-gold"
    assert doc.document["text"] == "Planes struck Idlib."
    assert doc.dataset == "gold"
    assert [e["claims"][0]["claimant_org"] for e in doc.events] == ["SOHR", "SOHR"]
    assert doc.events[1]["claims"][0]["quote"] == "q"
    assert "events" not in doc.input_record() and doc.input_record()["id"] == "story-gold"


def test_jsonl_gold_with_limit_dataset_and_recall_only(tmp_path: Path) -> None:
    lines = [
        {"dataset": "a", "document": {"id": "a1", "text": "x"}, "events": [make_event()]},
        {"dataset": "b", "document": {"id": "b1", "text": "y"}, "events": []},
        {"dataset": "b", "document": {"id": "b2", "text": "z"}, "events": [], "recall_only": True},
        {"dataset": "a", "document": {"id": "a2", "text": "w"}, "events": [make_event()]},
    ]
    lines[3]["events"][0]["recall_only"] = True
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    assert [d.id for d in load_gold(path)] == ["a1", "b1", "b2", "a2"]
    assert [d.id for d in load_gold(path, limit=2)] == ["a1", "b1"]
    assert [d.id for d in load_gold(path, dataset="a")] == ["a1", "a2"]
    assert [d.recall_only for d in load_gold(path)] == [False, False, True, True]


def test_malformed_and_missing_gold_raise_user_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"document": {"id": "x", "text": "t"}, "events": []}\n{oops\n', "utf-8")
    with pytest.raises(BadDataError, match="bad.jsonl:2"):
        load_gold(bad)
    no_text = write_json(tmp_path / "g" / "t.json", {"document": {"id": "t"}, "events": []})
    with pytest.raises(BadDataError, match="neither"):
        load_gold(no_text)
    with pytest.raises(BadInputError):
        load_gold(tmp_path / "absent.json")


def self_score(path: Path, limit: int | None = None) -> dict:
    docs = load_gold(path, limit=limit)
    system = {d.id: [gold_event_as_record(e) for e in d.events] for d in docs}
    return score(docs, system, seconds=1.0)


def assert_all_one(report: dict) -> None:
    for block in (report["overall"], *report["datasets"].values()):
        assert block["events"]["f1"] == 1.0
        for key in ("fields", "fields_on_pairs"):
            scored = {n: f["share"] for n, f in block[key].items() if f["total"]}
            assert scored and set(scored.values()) == {1.0}, scored


def test_shared_tass_gold_loads_with_its_text_and_scores_one_against_itself(
    shared_root: Path,
) -> None:
    path = shared_root / "gold" / "tass-2016-11-16-aleppo.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    (doc,) = load_gold(path)
    assert doc.document["text"].strip()
    assert doc.id == "tass-2016-11-16-aleppo"
    assert all(e["claims"][0]["claimant_org"] for e in doc.events)
    report = self_score(path)
    assert_all_one(report)
    assert report["overall"]["events"]["gold"] == sum(not e.get("optional") for e in doc.events)


@pytest.mark.parametrize("name", ["muc4-dev.jsonl", "acled-2020-dev.jsonl"])
def test_shared_dev_sets_score_one_against_themselves(shared_root: Path, name: str) -> None:
    path = shared_root / "dev" / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    report = self_score(path, limit=300)
    assert_all_one(report)
    assert report["overall"]["documents"] == 200 if name.startswith("muc4") else 300
