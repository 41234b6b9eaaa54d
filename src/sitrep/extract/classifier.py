"""Small text classifiers (TF-IDF n-grams + logistic regression) read from safe files.

They learn from event reports how analysts type events and actors; the rules in the trigger
and actor lexicons decide where the data are too thin (rare sub-types). Training lives in
``sitrep.extract.training`` (scikit-learn, used by scripts/train_models.py only); at run time a
model is plain numbers: ``NAME.json`` (classes, vocabularies, settings, its model card) and
``NAME.npz`` (idf vectors, weights), loaded with ``allow_pickle=False``. No pickle is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

PACKAGED_MODELS = Path(__file__).resolve().parent.parent / "data" / "models"
MODEL_DIR_VARIABLE = "SITREP_MODEL_DIR"
FORMAT = "sitrep-tfidf-logreg/1"
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
class Reader:
    """One block of features: how text is cut into n-grams, their vocabulary and idf."""

    analyzer: str  # "word" or "char_wb", made as scikit-learn makes them
    ngram_range: tuple[int, int]
    vocabulary: dict[str, int]
    idf: np.ndarray


@dataclass
class TextClassifier:
    """A linear model over the concatenated TF-IDF blocks of its readers."""

    classes: list[str]
    readers: list[Reader]
    weights: np.ndarray  # (features, classes)
    intercept: np.ndarray  # (classes,)
    card: dict[str, Any] = field(default_factory=dict)
    link: str = "softmax"  # how logits become probabilities: "softmax" or "ovr" sigmoids
    _cache: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)

    def predict(self, texts: list[str]) -> list[str]:
        return [max(scores, key=scores.get) for scores in map(self._scores, texts)]

    def scores(self, text: str) -> dict[str, float]:
        """Probability of each label for one text (a copy: callers may change it)."""
        return dict(self._scores(text))

    def _scores(self, text: str) -> dict[str, float]:
        """TF-IDF (sublinear tf, l2 norm per block) and softmax of the linear model."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        logits = self.intercept.copy()
        offset = 0
        for reader in self.readers:
            counts: dict[int, int] = {}
            for gram in _grams(reader.analyzer, reader.ngram_range, text):
                index = reader.vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if counts:
                indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
                values = (1.0 + np.log(np.fromiter(counts.values(), dtype=float))) * reader.idf[
                    indices
                ]
                values /= np.sqrt((values * values).sum())
                logits = logits + values @ self.weights[offset + indices]
            offset += len(reader.vocabulary)
        if self.link == "ovr":
            probabilities = 1.0 / (1.0 + np.exp(-np.clip(logits, -500, 500)))
        else:
            probabilities = np.exp(logits - logits.max())
        total = probabilities.sum()
        probabilities = (
            probabilities / total if total > 0 else np.full_like(logits, 1 / len(logits))
        )
        result = {c: float(p) for c, p in zip(self.classes, probabilities, strict=True)}
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[text] = result
        return result

    def save(self, folder: Path, name: str) -> None:
        """Write NAME.json and NAME.npz; the same model always gives the same bytes."""
        folder.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT,
            "classes": self.classes,
            "link": self.link,
            "readers": [
                {
                    "analyzer": r.analyzer,
                    "ngram_range": list(r.ngram_range),
                    # terms in index order: the position is the feature's column
                    "vocabulary": sorted(r.vocabulary, key=r.vocabulary.__getitem__),
                }
                for r in self.readers
            ],
            "card": self.card,
        }
        text = json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True)
        (folder / f"{name}.json").write_text(text + "\n", encoding="utf-8")
        arrays = {f"idf_{i}": r.idf for i, r in enumerate(self.readers)}
        arrays.update(weights=self.weights.astype(np.float32), intercept=self.intercept)
        _write_npz(folder / f"{name}.npz", arrays)

    @classmethod
    def load(cls, folder: Path, name: str) -> TextClassifier:
        meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{folder / name}: not a {FORMAT} model")
        with np.load(folder / f"{name}.npz", allow_pickle=False) as arrays:
            readers = [
                Reader(
                    analyzer=spec["analyzer"],
                    ngram_range=(int(spec["ngram_range"][0]), int(spec["ngram_range"][1])),
                    vocabulary={term: i for i, term in enumerate(spec["vocabulary"])},
                    idf=arrays[f"idf_{i}"].astype(float),
                )
                for i, spec in enumerate(meta["readers"])
            ]
            weights = arrays["weights"].astype(float)
            intercept = arrays["intercept"].astype(float)
        return cls(
            list(meta["classes"]),
            readers,
            weights,
            intercept,
            meta.get("card") or {},
            link=str(meta.get("link", "softmax")),
        )


# deflate shrinks float weights by a sixth and costs every cold start a tenth of a second or
# more to undo: they are stored as they are; the idf vectors (a tenth the size deflated) are not
_STORED = frozenset({"weights"})


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An .npz with fixed zip timestamps and order, so that rebuilds compare byte for byte."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if key in _STORED else zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


_GRAMS: dict[tuple[str, tuple[int, int], str], list[str]] = {}
_WORD = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


def _grams(analyzer: str, ngram_range: tuple[int, int], text: str) -> list[str]:
    """The n-grams of a text, shared by every model whose readers cut text alike.

    Word and char_wb n-grams are made as scikit-learn makes them with ``normalize`` as the
    preprocessor (the classifier tests pin the equality).
    """
    key = (analyzer, ngram_range, text)
    grams = _GRAMS.get(key)
    if grams is None:
        if len(_GRAMS) > 20_000:
            _GRAMS.clear()
        low, high = ngram_range
        if analyzer == "word":
            grams = word_grams(_normalized(text), low, high)
        elif analyzer == "char_wb":
            grams = char_wb_grams(_normalized(text), low, high)
        else:
            raise ValueError(f"unknown analyzer {analyzer}")
        _GRAMS[key] = grams
    return grams


@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    return normalize(text)


def word_grams(text: str, low: int, high: int) -> list[str]:
    tokens = _WORD.findall(text)
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def char_wb_grams(text: str, low: int, high: int) -> list[str]:
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


def model_dir() -> Path:
    """Where models are read: ``$SITREP_MODEL_DIR`` (a leave-out fold's models) or the package."""
    override = os.environ.get(MODEL_DIR_VARIABLE)
    return Path(override) if override else PACKAGED_MODELS


def load_classifier(name: str) -> TextClassifier | None:
    """The trained model ``name``, or None when it was never trained."""
    return _load(model_dir(), name)


@lru_cache(maxsize=16)
def _load(folder: Path, name: str) -> TextClassifier | None:
    if not (folder / f"{name}.json").exists():
        return None
    return TextClassifier.load(folder, name)
