"""Small text classifiers (TF-IDF + logistic regression) trained by scripts/train_models.py.

They learn from ACLED's own event summaries how analysts type events and actors; the rules in
the trigger and actor lexicons decide where the data are too thin (rare sub-types).
"""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
_NUMBER = re.compile(r"\d[\d,.]*")
_DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b",
    re.IGNORECASE,
)


def is_held_out(doc_id: str) -> bool:
    """A fixed fifth of documents, by id hash, that training never sees."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def normalize(text: str) -> str:
    """Lower-case and blank out dates and numbers, which say nothing about the type."""
    text = _DATE.sub(" DATE ", text)
    return _NUMBER.sub(" NUM ", text.lower())


@dataclass
class TextClassifier:
    pipeline: Pipeline

    @classmethod
    def train(cls, texts: list[str], labels: list[str]) -> TextClassifier:
        pipeline = Pipeline(
            [
                (
                    "tfidf",
                    TfidfVectorizer(
                        preprocessor=normalize, ngram_range=(1, 2), min_df=2, sublinear_tf=True
                    ),
                ),
                ("model", LogisticRegression(C=8.0, max_iter=2000, class_weight=None)),
            ]
        )
        pipeline.fit(texts, labels)
        return cls(pipeline)

    def predict(self, texts: list[str]) -> list[str]:
        return list(self.pipeline.predict(texts))

    def scores(self, text: str) -> dict[str, float]:
        """Probability of each label for one text."""
        probabilities = self.pipeline.predict_proba([text])[0]
        return dict(zip(self.pipeline.classes_, probabilities, strict=True))


@lru_cache(maxsize=4)
def load_classifier(name: str) -> TextClassifier | None:
    """The trained model ``name`` from the package data, or None when it was never trained."""
    path = MODEL_DIR / f"{name}.pkl"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return pickle.load(handle)
