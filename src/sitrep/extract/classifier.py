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
from sklearn.pipeline import FeatureUnion, Pipeline

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
        # words and word pieces: the pieces carry spelling variants and unseen names
        # ("Taliban-planted", "shelled") that whole words miss
        features = FeatureUnion(
            [
                (
                    "words",
                    TfidfVectorizer(
                        preprocessor=normalize, ngram_range=(1, 2), min_df=2, sublinear_tf=True
                    ),
                ),
                (
                    "chars",
                    TfidfVectorizer(
                        preprocessor=normalize,
                        analyzer="char_wb",
                        ngram_range=(3, 5),
                        min_df=3,
                        sublinear_tf=True,
                    ),
                ),
            ]
        )
        pipeline = Pipeline(
            [("tfidf", features), ("model", LogisticRegression(C=25.0, max_iter=3000))]
        )
        pipeline.fit(texts, labels)
        return cls(pipeline)

    def predict(self, texts: list[str]) -> list[str]:
        return list(self.pipeline.predict(texts))

    def scores(self, text: str) -> dict[str, float]:
        """Probability of each label for one text (a copy: callers may change it)."""
        return dict(self._scores(text))

    def _parts(self) -> list[tuple]:
        """Per vectorizer: analyzer, vocabulary, idf, its block of the model's weights, and
        a key that says how it reads text (models that read alike share n-grams)."""
        parts = self.__dict__.get("_fast")
        if parts is None:
            features = self.pipeline.named_steps["tfidf"]
            weights = self.pipeline.named_steps["model"].coef_.T
            vectorizers = (
                [v for _, v in features.transformer_list]
                if isinstance(features, FeatureUnion)
                else [features]
            )
            parts, offset = [], 0
            for vectorizer in vectorizers:
                size = len(vectorizer.vocabulary_)
                block = weights[offset : offset + size]
                reads = f"{vectorizer.analyzer}|{vectorizer.ngram_range}|{vectorizer.lowercase}"
                parts.append(
                    (
                        vectorizer.build_analyzer(),
                        vectorizer.vocabulary_,
                        vectorizer.idf_,
                        block,
                        reads,
                    )
                )
                offset += size
            self.__dict__["_fast"] = parts
        return parts

    def _scores(self, text: str) -> dict[str, float]:
        """TF-IDF and the linear model computed directly on the few n-grams of one text.

        sklearn's own transform + predict_proba spend milliseconds validating a single
        row; this gives the same numbers (a test pins that) at a fraction of the cost.
        """
        cache = self.__dict__.setdefault("_cache", {})
        if text in cache:
            return cache[text]
        model = self.pipeline.named_steps["model"]
        logits = model.intercept_.copy()
        for analyzer, vocabulary, idf, weights, reads in self._parts():
            counts: dict[int, int] = {}
            for gram in _grams(analyzer, reads, text):
                index = vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
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


_GRAMS: dict[tuple[str, str], list[str]] = {}
_WORD = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


def _grams(analyzer, reads: str, text: str) -> list[str]:
    """The n-grams of a text, shared by every model whose vectorizer reads text alike.

    Word and char_wb n-grams are made here as sklearn makes them (the classifier tests pin
    the equality), from one normalized copy of the text; other analyzers run as they are.
    """
    key = (reads, text)
    grams = _GRAMS.get(key)
    if grams is None:
        if len(_GRAMS) > 20_000:
            _GRAMS.clear()
        kind, low, high = _reading(reads)
        if kind == "word":
            grams = _word_grams(_normalized(text), low, high)
        elif kind == "char_wb":
            grams = _char_wb_grams(_normalized(text), low, high)
        else:
            grams = list(analyzer(text))
        _GRAMS[key] = grams
    return grams


@lru_cache(maxsize=16)
def _reading(reads: str) -> tuple[str, int, int]:
    kind, ngram_range, _ = reads.split("|")
    low, high = (int(n) for n in ngram_range.strip("()").split(","))
    return kind, low, high


@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    return normalize(text)


def _word_grams(text: str, low: int, high: int) -> list[str]:
    tokens = _WORD.findall(text)
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def _char_wb_grams(text: str, low: int, high: int) -> list[str]:
    grams: list[str] = []
    for word in _SPACES.sub(" ", text).split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            offset = 0
            grams.append(padded[offset : offset + n])
            while offset + n < length:
                offset += 1
                grams.append(padded[offset : offset + n])
            if offset == 0:  # the word is shorter than n: sklearn stops growing n here
                break
    return grams


@lru_cache(maxsize=4)
def load_classifier(name: str) -> TextClassifier | None:
    """The trained model ``name`` from the package data, or None when it was never trained."""
    path = MODEL_DIR / f"{name}.pkl"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return pickle.load(handle)
