"""The learned place ranker: its JSON loads, it keeps fragments of unlisted names at home,
and its training script rebuilds the same bytes from the same data."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from geo_helpers import locate_in

from sitrep.extract.classifier import PACKAGED_MODELS
from sitrep.geo.ranker import FEATURES, MODEL_NAME, PlaceRanker, load_ranker

ROOT = Path(__file__).resolve().parents[2]
# the ranker trained on every dev set, not yet the package default (see its MODEL_CARDS.md)
TRIAL = PACKAGED_MODELS / "trial"


def _script():
    spec = importlib.util.spec_from_file_location(
        "train_place_ranker", ROOT / "scripts" / "train_place_ranker.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_loader_reads_json_from_model_dir(tmp_path, monkeypatch) -> None:
    n = len(FEATURES)
    ranker = PlaceRanker(FEATURES, tuple(0.1 * i for i in range(n)), -1.5,
                         (0.2,) * (n + 1), 0.5, 0.3, {"model": MODEL_NAME})
    (tmp_path / f"{MODEL_NAME}.json").write_text(ranker.to_json(), encoding="utf-8")
    monkeypatch.setenv("SITREP_MODEL_DIR", str(tmp_path))
    loaded = load_ranker()
    assert loaded is not None
    assert loaded.features == FEATURES and loaded.threshold == 0.3
    assert loaded.weights[3] == pytest.approx(0.3) and loaded.intercept == pytest.approx(-1.5)
    assert PlaceRanker.from_json(loaded.to_json()) == loaded
    # the best candidate by the first model; none where the second calls it no place
    assert loaded.best([[0.0] * 3 + [1.0] + [0.0] * (n - 4), [0.0] * n]) == 0
    assert loaded.best([[-100.0] * n]) is None


def test_no_model_file_means_hand_weights(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SITREP_MODEL_DIR", str(tmp_path))
    assert load_ranker() is None


def test_model_of_other_features_is_refused(tmp_path) -> None:
    n = len(FEATURES)
    meta = json.loads(PlaceRanker(FEATURES, (0.0,) * n, 0.0, (0.0,) * (n + 1), 0.0, 0.5).to_json())
    meta["features"] = meta["features"][:-1]
    with pytest.raises(ValueError):
        PlaceRanker.from_json(json.dumps(meta))


def test_trained_ranker_has_a_model_card(monkeypatch) -> None:
    monkeypatch.setenv("SITREP_MODEL_DIR", str(TRIAL))
    ranker = load_ranker()
    assert ranker is not None, "run scripts/train_place_ranker.py"
    card = ranker.card
    assert card["training_data"] and all(len(d["sha256"]) == 64 for d in card["training_data"])
    assert card["hyper_parameters"] and card["environment"]["scikit-learn"]
    assert 0.0 <= ranker.threshold < 1.0


STORY = ("Gunmen opened fire on a bus near Bir Tallawi Hamdan, a hamlet west of Aleppo in "
         "Syria, on Sunday. Two passengers were killed, local medics said, and the road to "
         "Aleppo was closed until the evening.")


def test_fragment_of_unlisted_name_is_not_placed_abroad(geocoder, nlp, monkeypatch) -> None:
    """A quality floor on a story written for this test: every place stays in Syria, and the
    known city is still found (the hand weights put "Hamdan" in Yemen)."""
    monkeypatch.setenv("SITREP_MODEL_DIR", str(TRIAL))
    assert load_ranker() is not None
    mentions, event = locate_in(geocoder, nlp, STORY)
    assert all(m.place.country_code == "SY" for m in mentions), [
        (m.text, m.place.name, m.place.country_code) for m in mentions]
    assert any(m.text == "Aleppo" for m in mentions)
    assert event is not None and event.place.country_code == "SY"


def _fixture(path: Path) -> Path:
    """Six one-event stories in this test's own words, with gold points."""
    stories = [
        ("fx-1", "Soldiers clashed with fighters in Aleppo, Syria.", 36.20, 37.13, "SY"),
        ("fx-2", "Protesters gathered in Lagos, Nigeria, over fuel prices.", 6.45, 3.39, "NG"),
        ("fx-3", "A drone struck a depot in Kharkiv, Ukraine, at night.", 49.99, 36.23, "UA"),
        ("fx-4", "Police dispersed a march in Nairobi, Kenya, near Paris Street.",
         -1.29, 36.82, "KE"),
        ("fx-5", "Shelling hit homes in Donetsk, Ukraine, as talks in Berlin stalled.",
         48.00, 37.80, "UA"),
        ("fx-6", "Farmers blocked a road in Kano, Nigeria, after a dispute in Dakar.",
         12.00, 8.52, "NG"),
    ]
    lines = [json.dumps({
        "dataset": "fixture",
        "document": {"id": doc_id, "text": text, "published": "2024-01-02"},
        "events": [{"event_type": "Battles", "location": {
            "name": text.split(" in ")[1].split(",")[0], "country_code": cc,
            "lat": lat, "lon": lon}}],
    }) for doc_id, text, lat, lon, cc in stories]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_training_script_is_deterministic(tmp_path, geocoder, nlp) -> None:
    script = _script()
    data = _fixture(tmp_path / "fixture.jsonl")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        script.main(["--train", str(data), "--out", str(out)], geocoder=geocoder, nlp=nlp)
        outputs.append((out / f"{MODEL_NAME}.json").read_bytes())
    assert outputs[0] == outputs[1]
    ranker = PlaceRanker.from_json(outputs[0].decode("utf-8"))
    assert ranker.card["training_data"][0]["file"] == "fixture.jsonl"
    assert ranker.card["training_rows"] > 0
