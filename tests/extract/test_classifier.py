"""The trained classifiers: the fast scoring path gives sklearn's own probabilities."""

from __future__ import annotations

import pytest

from sitrep.extract.classifier import is_held_out, load_classifier

TEXTS = [
    "On 3 May 2021, police fired tear gas at protesters in the capital.",
    "Militants shelled army positions near the border, killing two soldiers.",
    "",
    "zzzz qqqq",
]


@pytest.mark.parametrize("name", ["sub_event_type", "actor1_kind", "actor2_kind"])
def test_fast_scores_equal_sklearn_predict_proba(name):
    model = load_classifier(name)
    assert model is not None, f"model {name} missing: run scripts/train_models.py"
    for text in TEXTS:
        fast = model.scores(text)
        probabilities = model.pipeline.predict_proba([text])[0]
        slow = dict(zip(model.pipeline.classes_, probabilities, strict=True))
        assert fast.keys() == slow.keys()
        for label, probability in slow.items():
            assert fast[label] == pytest.approx(probability, abs=1e-9)


def test_held_out_split_is_a_stable_fifth():
    ids = [f"doc-{i}" for i in range(5000)]
    share = sum(is_held_out(i) for i in ids) / len(ids)
    assert 0.17 < share < 0.23
    assert [is_held_out(i) for i in ids[:50]] == [is_held_out(i) for i in ids[:50]]


def test_own_ngrams_equal_sklearn_analyzers():
    from sitrep.extract.classifier import _char_wb_grams, _word_grams, normalize

    model = load_classifier("sub_event_type")
    words, chars = (v for _, v in model.pipeline.named_steps["tfidf"].transformer_list)
    for text in TEXTS + ["A  b\tcc   ddd, on 3 May 2021: 1,500 x-y z'z.", "I"]:
        assert _word_grams(normalize(text), 1, 2) == list(words.build_analyzer()(text))
        assert _char_wb_grams(normalize(text), 3, 5) == list(chars.build_analyzer()(text))
