"""Training the text classifiers (scikit-learn), and turning them into safe run-time models.

Only scripts/train_models.py and the leave-out evaluation import this module: extraction reads
the numbers it writes (``sitrep.extract.classifier``) and never needs scikit-learn.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from sitrep.extract.classifier import Reader, TextClassifier, normalize

# Hyper-parameters, written into each model card. Word pieces carry spelling variants and
# unseen names ("Taliban-planted", "shelled") that whole words miss.
HYPER_PARAMETERS: dict[str, Any] = {
    "words": {"ngram_range": [1, 2], "min_df": 2, "sublinear_tf": True},
    "chars": {"analyzer": "char_wb", "ngram_range": [3, 5], "min_df": 3, "sublinear_tf": True},
    "logistic_regression": {
        "solver": "sgd",
        "alpha": 5e-6,
        "epochs": 20,
        "random_state": 0,
    },
}


def make_features() -> FeatureUnion:
    """Word and char_wb TF-IDF blocks, read as ``sitrep.extract.classifier`` reads them."""
    words, chars = HYPER_PARAMETERS["words"], HYPER_PARAMETERS["chars"]
    return FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    preprocessor=normalize,
                    ngram_range=tuple(words["ngram_range"]),
                    min_df=words["min_df"],
                    sublinear_tf=words["sublinear_tf"],
                    dtype=np.float64,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    preprocessor=normalize,
                    analyzer=chars["analyzer"],
                    ngram_range=tuple(chars["ngram_range"]),
                    min_df=chars["min_df"],
                    sublinear_tf=chars["sublinear_tf"],
                    dtype=np.float64,
                ),
            ),
        ]
    )


def fit_on_features(features: FeatureUnion, matrix: Any, labels: list[str]) -> Pipeline:
    """Logistic regression (by SGD: seconds, where lbfgs took minutes for the same held-out
    accuracy) on rows already vectorized by the fitted ``features``."""
    settings = HYPER_PARAMETERS["logistic_regression"]
    model = SGDClassifier(
        loss="log_loss",
        alpha=settings["alpha"],
        max_iter=settings["epochs"],
        tol=None,
        random_state=settings["random_state"],
    )
    model.fit(matrix, labels)
    return Pipeline([("tfidf", features), ("model", model)])


def fit_pipeline(texts: list[str], labels: list[str]) -> Pipeline:
    """Features and model fitted on the same texts."""
    features = make_features()
    return fit_on_features(features, features.fit_transform(texts), labels)


def to_classifier(pipeline: Pipeline, card: dict[str, Any] | None = None) -> TextClassifier:
    """The run-time model of a fitted pipeline: vocabularies, idf and weights as arrays."""
    model = pipeline.named_steps["model"]
    readers = []
    for _, vectorizer in pipeline.named_steps["tfidf"].transformer_list:
        readers.append(
            Reader(
                analyzer=str(vectorizer.analyzer),
                ngram_range=tuple(int(n) for n in vectorizer.ngram_range),
                vocabulary={str(k): int(v) for k, v in vectorizer.vocabulary_.items()},
                idf=np.asarray(vectorizer.idf_, dtype=float),
            )
        )
    classes = [str(c) for c in model.classes_]
    coef = np.asarray(model.coef_, dtype=float)
    intercept = np.asarray(model.intercept_, dtype=float)
    link = "ovr"  # SGD's multi-class model: one sigmoid per class, normalized
    if len(classes) == 2:  # a binary model has one row: class 1 against class 0
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        link = "softmax"
    return TextClassifier(classes, readers, coef.T.copy(), intercept, card or {}, link=link)


def train_classifier(
    texts: list[str], labels: list[str], card: dict[str, Any] | None = None
) -> TextClassifier:
    return to_classifier(fit_pipeline(texts, labels), card)


def environment() -> dict[str, str]:
    """Library versions for a model card."""
    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
    }


# What each model learns: the label of a gold event (None: the event does not teach it).
def _sub_event_type(event: dict[str, Any]) -> str | None:
    return event.get("sub_event_type") or None


def _single_kind(actor: Any, empty: str | None) -> str | None:
    """An actor's kind when gold gives exactly one (a list of accepted kinds teaches nothing)."""
    if not isinstance(actor, dict):
        return empty
    kind = actor.get("kind")
    if isinstance(kind, list):
        kind = kind[0] if len(kind) == 1 else None
    return kind or None


TARGETS = {
    "sub_event_type": _sub_event_type,
    "actor1_kind": lambda event: _single_kind(event.get("actor1"), None),
    "actor2_kind": lambda event: _single_kind(event.get("actor2"), "none"),
}


def examples(docs: list[Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(document id, text, gold event) of every document that reports exactly one event.

    An ACLED row is one event; a MUC-4 story with one required event teaches its type from real
    news copy. Stories with several events are left out: which words tell which is not marked.
    """
    rows = []
    for doc in docs:
        required = [e for e in doc.events if not e.get("optional")]
        text = doc.document.get("text")
        if len(required) == 1 and isinstance(text, str) and text.strip():
            rows.append((doc.id, text, required[0]))
    return rows


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_card(name: str, data: list[dict[str, str]], labels: list[str]) -> dict[str, Any]:
    """What a model learned from and how: written into its JSON and MODEL_CARDS.md."""
    return {
        "model": name,
        "training_data": data,
        "training_documents": len(labels),
        "labels": dict(sorted(Counter(labels).items())),
        "hyper_parameters": HYPER_PARAMETERS,
        "environment": environment(),
    }


def score_held_out(model: TextClassifier, tests: list[tuple[str, str]]) -> None:
    """The held-out accuracy of ``model`` on (text, label) pairs, into its card."""
    if tests:
        predicted = model.predict([text for text, _ in tests])
        right = sum(p == label for p, (_, label) in zip(predicted, tests, strict=True))
        model.card["held_out"] = {
            "documents": len(tests),
            "accuracy": round(right / len(tests), 4),
        }


def train_models(
    docs: list[Any], folder: Path, held_out: list[Any] | None = None,
    place_chooser: bool = True, date_chooser: bool = True,
) -> dict[str, Any]:
    """Train every model of TARGETS on ``docs`` into ``folder``; each gets its model card.

    ``held_out`` documents (never trained on) give the card's held-out accuracy.
    ``place_chooser``, ``date_chooser``: also the event-place and event-date choosers, each of
    which runs the rule pipeline over every document (an evaluation whose config does not use
    one skips it).
    """
    rows = examples(docs)
    test_rows = examples(held_out or [])
    sources = sorted({doc.source for doc in docs if doc.source})
    data = [
        {"file": Path(source).name, "sha256": sha256_of(source)}
        for source in sources
        if Path(source).is_file()
    ]
    summary: dict[str, Any] = {}
    features = make_features()
    matrix = features.fit_transform([text for _, text, _ in rows])  # once for every model
    for name, label_of in TARGETS.items():
        pairs = [(i, text, label_of(event)) for i, (_, text, event) in enumerate(rows)]
        pairs = [(i, text, label) for i, text, label in pairs if label]
        labels = [label for _, _, label in pairs]
        card = model_card(name, data, labels)
        fitted = fit_on_features(features, matrix[[i for i, _, _ in pairs]], labels)
        model = to_classifier(fitted, card)
        tests = [(text, label_of(event)) for _, text, event in test_rows]
        score_held_out(model, [(text, label) for text, label in tests if label])
        model.save(folder, name)
        summary[name] = {
            "documents": len(pairs),
            **({"held_out": card["held_out"]} if "held_out" in card else {}),
        }
    from sitrep.extract.detector_training import NAME, train_event_detector

    detector = train_event_detector(docs, folder, data, held_out=held_out)
    if detector is not None:
        summary[NAME] = detector
    if place_chooser:
        from sitrep.extract.place_choice import MODEL_NAME as PLACE_MODEL
        from sitrep.extract.place_choice_training import train_place_chooser

        chooser = train_place_chooser(docs, folder, data, held_out=held_out)
        if chooser is not None:
            summary[PLACE_MODEL] = chooser
    if date_chooser:
        from sitrep.extract.date_choice import MODEL_NAME as DATE_MODEL
        from sitrep.extract.date_choice_training import train_date_chooser

        dates = train_date_chooser(docs, folder, data, held_out=held_out)
        if dates is not None:
            summary[DATE_MODEL] = dates
    return summary


def write_model_cards(folder: Path) -> Path:
    """MODEL_CARDS.md beside the models: each card (also inside NAME.json) for people to read."""
    lines = [
        "# Model cards",
        "",
        "Written by scripts/train_models.py from the card inside each NAME.json; do not edit.",
        "",
    ]
    for meta_path in sorted(folder.glob("*.json")):
        card = json.loads(meta_path.read_text(encoding="utf-8")).get("card") or {}
        held = card.get("held_out") or {}
        lines += [f"## {card.get('model', meta_path.stem)}", ""]
        lines.append(f"- training documents: {card.get('training_documents')}")
        for data in card.get("training_data", []):
            lines.append(f"- data: `{data['file']}` sha256 `{data['sha256']}`")
        if held:
            lines.append(
                f"- held-out accuracy (fixed fifth by id hash, in-domain): {held['accuracy']} "
                f"on {held['documents']} documents"
            )
        lines.append(f"- hyper-parameters: `{json.dumps(card.get('hyper_parameters'))}`")
        lines.append(f"- environment: `{json.dumps(card.get('environment'))}`")
        lines.append(f"- labels: `{json.dumps(card.get('labels'))}`")
        lines.append("")
    path = folder / "MODEL_CARDS.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
