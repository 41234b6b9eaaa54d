"""The out-of-domain protocol: `--by` groups, and classifiers trained without the group scored.

Gold rows are written here in our own words, in two countries of two ACLED regions.
"""

from __future__ import annotations

import json
from pathlib import Path

from eval_builders import make_doc, make_event

from sitrep.evaluation import load_gold, score
from sitrep.evaluation.groups import grouping
from sitrep.evaluation.leave_out import leave_one_out, summarize, trained_on
from sitrep.extract import extract_documents
from sitrep.extract.classifier import load_classifier
from sitrep.extract.training import train_models

KENYA = {"name": "Nairobi", "country": "Kenya", "country_code": "KE", "lat": -1.28, "lon": 36.82}
PERU = {"name": "Lima", "country": "Peru", "country_code": "PE", "lat": -12.05, "lon": -77.04}
PROTEST = {
    "event_type": "Protests",
    "sub_event_type": "Peaceful protest",
    "actor1": {"name": "Protesters", "kind": "protesters"},
    "actor2": None,
    "fatalities": None,
}
CLASH = {
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": {"name": "Military Forces", "kind": "state_forces"},
    "actor2": {"name": "Rebels", "kind": "rebels"},
    "fatalities": {"min": 2, "max": 2},
}
TEXTS = {
    "protest": [
        "On 4 May 2020, hundreds of traders marched peacefully through {town} over new taxes.",
        "On 5 May 2020, nurses held a peaceful rally in {town} to demand unpaid wages.",
        "On 6 May 2020, students gathered peacefully in central {town} against fee increases.",
    ],
    "clash": [
        "On 4 May 2020, soldiers clashed with rebels near {town}, killing 2 rebels.",
        "On 5 May 2020, troops exchanged fire with rebel fighters outside {town}; 2 died.",
        "On 6 May 2020, the army fought rebels on the edge of {town}, leaving 2 dead.",
    ],
}


def write_gold(path: Path) -> Path:
    lines = []
    for place in (KENYA, PERU):
        for kind, texts in TEXTS.items():
            for number, text in enumerate(texts):
                day = f"2020-05-0{4 + number}"
                event = {
                    **(PROTEST if kind == "protest" else CLASH),
                    "id": f"{place['country_code']}-{kind}-{number}",
                    "date": {"start": day, "end": day, "precision": "day"},
                    "location": place,
                }
                document = {
                    "id": event["id"],
                    "text": text.format(town=place["name"]),
                    "published": "2020-05-08",
                }
                lines.append({"dataset": "hand", "document": document, "events": [event]})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_region_and_country_group_documents_by_their_gold_place() -> None:
    kenya = make_doc([make_event(location=KENYA)], doc_id="k")
    nowhere = make_doc([make_event(location=None)], doc_id="n")
    assert grouping("region")(kenya) == "Eastern Africa"
    assert grouping("country")(kenya) == "KE"
    assert grouping("region")(nowhere) == "unknown"


def test_score_by_region_gives_each_region_its_figures() -> None:
    gold = [
        make_doc([make_event(location=KENYA)], doc_id="k"),
        make_doc([make_event(location=PERU)], doc_id="p"),
    ]
    system = {"k": [make_event(location=KENYA)], "p": []}
    report = score(gold, system, by="region")
    groups = report["groups"]
    assert set(groups) == {"Eastern Africa", "South America"}
    assert groups["Eastern Africa"]["events"]["recall"] == 1.0
    assert groups["South America"]["events"]["recall"] == 0.0


def test_a_fold_extracts_with_models_trained_without_the_scored_documents(tmp_path: Path) -> None:
    docs = load_gold(write_gold(tmp_path / "gold.jsonl"))
    kenya = [doc for doc in docs if doc.id.startswith("KE")]
    seen: list[int] = []

    def extract(records):
        seen.append(load_classifier("sub_event_type").card["training_documents"])
        return extract_documents(records)

    # the pool holds every document: the scored ones must be dropped from training
    report = trained_on(docs, kenya, extract, train_models)
    assert report["training"]["documents"] == len(docs) - len(kenya)
    assert seen == [len(docs) - len(kenya)]
    assert report["overall"]["events"]["gold"] == len(kenya)


def test_leave_one_region_out_scores_each_region_and_its_worst(tmp_path: Path) -> None:
    docs = load_gold(write_gold(tmp_path / "gold.jsonl"))
    report = leave_one_out(docs, "region", extract_documents, train_models)
    assert set(report["folds"]) == {"Eastern Africa", "South America"}
    for fold in report["folds"].values():
        assert fold["training"]["documents"] == 6
        assert fold["overall"]["events"]["gold"] == 6
    f1 = report["summary"]["event_f1"]
    assert f1["folds"] == 2 and f1["worst"] <= f1["mean"]
    assert f1["worst_group"] in report["folds"]


def test_summary_mean_weighs_each_group_the_same() -> None:
    def fold(f1: float, share: float) -> dict:
        fields = {"event_type": {"share": share}}
        fields.update({name: {"share": None} for name in ("sub_event_type", "actor1.kind")})
        fields.update({name: {"share": None} for name in ("date", "location", "fatalities")})
        return {"overall": {"events": {"f1": f1}, "fields": fields}}

    summary = summarize({"a": fold(1.0, 0.9), "b": fold(0.5, 0.7)})
    assert summary["event_f1"]["mean"] == 0.75
    assert summary["event_f1"]["worst_group"] == "b"
    assert abs(summary["event_type"]["gap"] - 0.1) < 1e-9
    assert "sub_event_type" not in summary


def test_train_models_rebuilds_the_same_files_with_cards(tmp_path: Path) -> None:
    docs = load_gold(write_gold(tmp_path / "gold.jsonl"))
    for folder in ("a", "b"):
        train_models(docs, tmp_path / folder, held_out=docs[:2])
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert "sub_event_type.npz" in names and not any(n.endswith(".pkl") for n in names)
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    card = load_classifier_from(tmp_path / "a").card
    assert card["training_documents"] == len(docs)
    assert card["training_data"][0]["file"] == "gold.jsonl"
    assert card["held_out"]["documents"] == 2


def load_classifier_from(folder: Path):
    from sitrep.extract.classifier import TextClassifier

    return TextClassifier.load(folder, "sub_event_type")


def test_leave_out_writes_the_diagnostics_of_every_fold(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitrep.cli import app

    gold = write_gold(tmp_path / "gold.jsonl")
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(
        app, ["eval", str(gold), "--leave-out", "region", "--json", "--errors", str(errors)]
    )
    assert result.exit_code == 0, result.output
    assert errors.exists()
    ids = {json.loads(line)["id"] for line in errors.read_text().splitlines()}
    # each line is a scored document of some fold, and the printed report holds no details
    assert ids <= {line["document"]["id"] for line in map(json.loads, gold.open())}
    assert "details" not in json.loads(result.stdout[result.stdout.index("{"):])
