"""The text classifiers: safe files, sklearn's own probabilities, rebuilds, a quality floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract.classifier import (
    PACKAGED_MODELS,
    TextClassifier,
    char_wb_grams,
    is_held_out,
    load_classifier,
    normalize,
    word_grams,
)
from sitrep.extract.training import fit_pipeline, to_classifier, train_classifier

# A small fixture in our own words: enough for every n-gram block to have a vocabulary.
FIXTURE = [
    ("Police fired tear gas at protesters who marched on the ministry.", "intervention"),
    ("Riot police dispersed a crowd of marchers with tear gas and batons.", "intervention"),
    ("Officers used water cannon to break up the sit-in outside parliament.", "intervention"),
    ("Hundreds of teachers marched peacefully to demand unpaid wages.", "peaceful"),
    ("Farmers held a peaceful rally in the square over fuel prices.", "peaceful"),
    ("Students gathered peacefully outside the university to demand reform.", "peaceful"),
    ("Militants shelled army positions near the border overnight.", "shelling"),
    ("Artillery shells fired by the army hit a village near the front.", "shelling"),
    ("Rebels shelled the outskirts of the town with mortars.", "shelling"),
]
TEXTS = [
    "On 3 May 2021, police fired tear gas at protesters in the capital.",
    "Militants shelled army positions near the border, killing two soldiers.",
    "",
    "zzzz qqqq",
]


@pytest.fixture(scope="module")
def fitted():
    texts, labels = zip(*FIXTURE, strict=True)
    return fit_pipeline(list(texts), list(labels))


def test_run_time_scores_equal_sklearn_predict_proba(fitted) -> None:
    model = to_classifier(fitted)
    for text in TEXTS + [t for t, _ in FIXTURE]:
        fast = model.scores(text)
        slow = dict(zip(fitted.classes_, fitted.predict_proba([text])[0], strict=True))
        assert fast.keys() == slow.keys()
        for label, probability in slow.items():
            assert fast[label] == pytest.approx(probability, abs=1e-9)


def test_saved_model_loads_without_pickle_and_scores_the_same(fitted, tmp_path: Path) -> None:
    model = to_classifier(fitted, {"model": "fixture"})
    model.save(tmp_path, "fixture")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixture.json", "fixture.npz"]
    loaded = TextClassifier.load(tmp_path, "fixture")
    assert loaded.card == {"model": "fixture"}
    for text in TEXTS:
        for label, probability in model.scores(text).items():
            # weights are stored as float32: the same figures, not the same last digits
            assert loaded.scores(text)[label] == pytest.approx(probability, abs=1e-5)


def test_training_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    texts, labels = zip(*FIXTURE, strict=True)
    for folder in ("a", "b"):
        train_classifier(list(texts), list(labels), {"run": 1}).save(tmp_path / folder, "m")
    for suffix in (".json", ".npz"):
        first = (tmp_path / "a" / f"m{suffix}").read_bytes()
        assert first == (tmp_path / "b" / f"m{suffix}").read_bytes()


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a sitrep"):
        TextClassifier.load(tmp_path, "m")


def test_packaged_models_are_safe_files_with_model_cards() -> None:
    assert not list(PACKAGED_MODELS.glob("*.pkl")), "no pickle ships with the package"
    for name in ("sub_event_type", "actor1_kind", "actor2_kind"):
        model = load_classifier(name)
        assert model is not None, f"model {name} missing: run scripts/train_models.py"
        card = model.card
        assert card["training_data"] and all(len(d["sha256"]) == 64 for d in card["training_data"])
        assert card["hyper_parameters"] and card["environment"]["scikit-learn"]
        assert card["held_out"]["accuracy"] > 0.8


def test_packaged_sub_type_model_reads_plain_reports() -> None:
    """A quality floor on reports written for this test, not exact scores."""
    model = load_classifier("sub_event_type")
    reports = {
        "Police used tear gas and rubber bullets to disperse hundreds of demonstrators.": (
            "Excessive force against protesters",
            "Protest with intervention",
        ),
        "Residents staged a peaceful sit-in outside the governor's office over water cuts.": (
            "Peaceful protest",
        ),
        "A fighter jet bombed a market in the town, killing five people.": ("Air/drone strike",),
        "Gunmen abducted a village chief from his home at night.": (
            "Abduction/forced disappearance",
        ),
        "Troops and insurgents exchanged fire for two hours near the checkpoint.": ("Armed clash",),
        "A roadside bomb exploded under a police truck on the highway.": (
            "Remote explosive/landmine/IED",
        ),
        "Soldiers fired mortar rounds at rebel positions across the river.": (
            "Shelling/artillery/missile attack",
        ),
        "The army arrested twelve opposition activists in a dawn raid.": ("Arrests",),
    }
    right = sum(model.predict([text])[0] in accepted for text, accepted in reports.items())
    assert right >= 6, f"{right} of {len(reports)}"


def test_held_out_split_is_a_stable_fifth() -> None:
    ids = [f"doc-{i}" for i in range(5000)]
    share = sum(is_held_out(i) for i in ids) / len(ids)
    assert 0.17 < share < 0.23
    assert [is_held_out(i) for i in ids[:50]] == [is_held_out(i) for i in ids[:50]]


def test_own_ngrams_equal_sklearn_analyzers(fitted) -> None:
    words, chars = (v for _, v in fitted.named_steps["tfidf"].transformer_list)
    for text in TEXTS + ["A  b\tcc   ddd, on 3 May 2021: 1,500 x-y z'z.", "I"]:
        assert word_grams(normalize(text), 1, 2) == list(words.build_analyzer()(text))
        assert char_wb_grams(normalize(text), 3, 5) == list(chars.build_analyzer()(text))
