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

import numpy as np
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
        """Probability of each label for one text (a copy: callers may change it)."""
        return dict(self._scores(text))

    def _scores(self, text: str) -> dict[str, float]:
        """TF-IDF and the linear model computed directly on the few n-grams of one text.

        sklearn's own transform + predict_proba spend milliseconds validating a single
        row; this gives the same numbers (a test pins that) at a fraction of the cost.
        """
        cache = self.__dict__.setdefault("_cache", {})
        if text in cache:
            return cache[text]
        tfidf, model = self.pipeline.named_steps["tfidf"], self.pipeline.named_steps["model"]
        fast = self.__dict__.get("_fast")
        if fast is None:
            fast = (tfidf.build_analyzer(), tfidf.vocabulary_, tfidf.idf_, model.coef_.T)
            self.__dict__["_fast"] = fast
        analyzer, vocabulary, idf, weights = fast
        counts: dict[int, int] = {}
        for gram in analyzer(text):
            index = vocabulary.get(gram)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        logits = model.intercept_.copy()
        if counts:
            indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
            values = (1.0 + np.log(np.fromiter(counts.values(), dtype=float))) * idf[indices]
            values /= np.sqrt((values * values).sum())
            logits = logits + values @ weights[indices]
        logits -= logits.max()
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum()
        result = {str(c): float(p) for c, p in zip(model.classes_, probabilities, strict=True)}
        if len(cache) > 10_000:
            cache.clear()
        cache[text] = result
        return result


@lru_cache(maxsize=4)
def load_classifier(name: str) -> TextClassifier | None:
    """The trained model ``name`` from the package data, or None when it was never trained."""
    path = MODEL_DIR / f"{name}.pkl"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return pickle.load(handle)
