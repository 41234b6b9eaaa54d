"""A learned place ranker: one linear score per (mention, gazetteer entry), plus "no place".

The resolver's evidence (population, the story's country votes, provinces named, place nouns,
main or alternate name, ...) is turned into a feature vector per candidate; a logistic model
trained on gold places (scripts/train_place_ranker.py) weighs it instead of hand-set weights.
Where even the best candidate scores below the model's threshold, the mention is no place at
all (a fragment of an unlisted Arabic name, "US dollar"), better unplaced than placed abroad.
At run time the model is plain JSON (``place_ranker.json`` beside the other models, or in
``$SITREP_MODEL_DIR``); nothing is unpickled and scikit-learn is not imported.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.extract.classifier import model_dir

if TYPE_CHECKING:
    from sitrep.geo.index import Entry
    from sitrep.geo.spans import RawSpan

FORMAT = "sitrep-place-ranker/2"
MODEL_NAME = "place_ranker"
# inhabitants one event recorded at a place (``sitrep gazetteer add --acled``) is worth
EVENT_WEIGHT = 1000
ADMIN1_NOUNS = {"province", "governorate", "region", "state", "department", "oblast",
                "prefecture", "division", "intendancy"}
ADMIN2_NOUNS = {"district", "county", "lga", "municipality", "raion", "tehsil", "subdistrict"}
TOWN_NOUNS = {"village", "town", "city", "locality", "settlement", "camp", "commune"}
# words that continue a place's own name ("Kabul Province", "Aleppo City", "North Kivu")
_NAME_NOUNS = ADMIN1_NOUNS | ADMIN2_NOUNS | TOWN_NOUNS | {
    "area", "countryside", "governorate", "neighbourhood", "neighborhood", "quarter", "camp",
    "sector", "valley", "north", "south", "east", "west", "central", "northern", "southern",
    "eastern", "western", "upper", "lower", "greater", "new", "old", "and", "or", "the"}
# link words inside a name: Arabic articles and kinship, Romance "de", Russian "imeni"
# ("named after": "Shakhta imeni Gagarina")
_LINK = (r"(?:(?:al|el|ad|as|an|ar|ash|at|az|ed|en|es|ez|ibn|bin|bint|abu|um|umm|de|del|"
         r"da|do|di|du|la|le|imeni)[-\s])?")
_AFTER = re.compile(r"^[-\s]" + _LINK + r"([A-Z][\w'\u2019]*)")
_BEFORE = re.compile(r"([A-Z][\w'\u2019]*)[-\s]" + _LINK + r"$")

FEATURES: tuple[str, ...] = (
    "log_population", "log_events", "log_population_gap", "most_populous", "country_share",
    "in_story_country", "top_country", "no_country_votes", "abroad", "abroad_log_population",
    "admin_named", "hint_admin2", "hint_admin1", "kind_country", "kind_admin1", "kind_admin2",
    "kind_city", "kind_other", "main", "article_miss", "alias", "noun_admin1_fits",
    "noun_admin2_fits", "noun_town_fits", "noun_town_on_admin", "place_noun", "locative",
    "strong_locative", "qualifier", "single_word", "english_word", "common_word", "acronym",
    "person", "upper_case", "fragment_after", "fragment_before", "short_name",
    "log_candidates", "log_candidate_countries",
)


@dataclass(frozen=True)
class PlaceRanker:
    """Two logistic models over FEATURES: which candidate of a mention is right (``weights``),
    and whether that best candidate is a place at all (``no_place_weights``, which also weigh
    the first model's logit), with the probability below which the mention stays unplaced."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    no_place_weights: tuple[float, ...]
    no_place_intercept: float
    threshold: float
    card: dict[str, Any] = field(default_factory=dict)

    def logit(self, vector: list[float]) -> float:
        return self.intercept + sum(w * x for w, x in zip(self.weights, vector, strict=True))

    def place_probability(self, vector: list[float]) -> float:
        """How likely the best candidate (its vector) is the right place, not no place."""
        z = self.no_place_intercept + sum(
            w * x for w, x in zip(self.no_place_weights, [*vector, self.logit(vector)],
                                  strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def best(self, vectors: list[list[float]]) -> int | None:
        """The index of the best candidate, or None where it is no place."""
        top = max(range(len(vectors)), key=lambda i: self.logit(vectors[i]))
        return top if self.place_probability(vectors[top]) >= self.threshold else None

    def to_json(self) -> str:
        """Stable text: the same model always gives the same bytes."""
        meta = {"format": FORMAT, "features": list(self.features),
                "coefficients": [round(w, 8) for w in self.weights],
                "intercept": round(self.intercept, 8),
                "no_place": {"features": [*self.features, "rank_logit"],
                             "coefficients": [round(w, 8) for w in self.no_place_weights],
                             "intercept": round(self.no_place_intercept, 8)},
                "no_place_threshold": self.threshold, "card": self.card}
        return json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> PlaceRanker:
        meta = json.loads(text)
        if meta.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model")
        names = tuple(meta["features"])
        if names != FEATURES or len(meta["no_place"]["coefficients"]) != len(names) + 1:
            # a model from another feature set would weigh the wrong columns
            raise ValueError("place ranker features differ from this version's")
        return cls(names, tuple(float(w) for w in meta["coefficients"]),
                   float(meta["intercept"]),
                   tuple(float(w) for w in meta["no_place"]["coefficients"]),
                   float(meta["no_place"]["intercept"]), float(meta["no_place_threshold"]),
                   meta.get("card") or {})


def load_ranker() -> PlaceRanker | None:
    """The trained ranker of the model folder, or None (hand weights) when there is none or
    while training rows are being collected."""
    if _COLLECTING is not None:
        return None
    return _load(model_dir() / f"{MODEL_NAME}.json")


@lru_cache(maxsize=8)
def _load(path: Path) -> PlaceRanker | None:
    if not path.is_file():
        return None
    return PlaceRanker.from_json(path.read_text(encoding="utf-8"))


def mark_fragments(text: str, spans: list[RawSpan], upper: bool) -> None:
    """Flag a mention glued to a capitalised word the gazetteer did not take with it ("Bir"
    of an unlisted "Bir al-Qasab"): the longest listed name won, so the whole is unlisted."""
    for span in spans:
        after = before = False
        if not upper:
            if m := _AFTER.match(text[span.end:span.end + 40]):
                after = m.group(1).lower() not in _NAME_NOUNS
            if m := _BEFORE.search(text[max(0, span.start - 40):span.start]):
                head = text[:span.start - len(m.group(0))].rstrip()
                # a capital after a full stop (or at the start) starts a sentence
                before = m.group(1).lower() not in _NAME_NOUNS and bool(head) and (
                    head[-1] not in ".!?:\"'(")
        span.extra["fragment_after"], span.extra["fragment_before"] = after, before


def weight(entry: Entry) -> int:
    """Inhabitants, and a thousand for each event an added ACLED export records there: the
    scene of recorded events is the likelier namesake in a conflict story."""
    return entry.population + EVENT_WEIGHT * entry.events


def candidate_set(cands: list[Entry]) -> tuple[int, int, int]:
    """What the features compare a candidate with: the largest weight among the mention's
    candidates, their number and the number of their countries (once a mention)."""
    return (max(weight(e) for e in cands), len(cands), len({e.country_code for e in cands}))


def candidate_features(entry: Entry, span: RawSpan, cands: tuple[int, int, int],
                       countries: dict, top: str | None, admin_named: bool,
                       hint_codes: set[str], flags: tuple[bool, bool],
                       upper: bool) -> list[float]:
    """The vector of FEATURES for one candidate; ``cands`` is ``candidate_set``'s summary,
    ``flags`` = (article miss, alias)."""
    def logpop(population: int) -> float:
        return math.log10(population + 10)

    biggest, n_cands, n_countries = cands
    total = sum(countries.values())
    cc = entry.country_code
    in_story = bool(total) and cc in countries
    kind = entry.kind if entry.kind in ("country", "admin1", "admin2", "city") else "other"
    noun = span.place_noun
    admin = kind in ("admin1", "admin2")
    log_pop = logpop(weight(entry))
    extra = span.extra
    values = {
        "log_population": log_pop,
        "log_events": math.log10(1 + entry.events),
        "log_population_gap": logpop(biggest) - log_pop,
        "most_populous": float(weight(entry) >= biggest),
        "country_share": countries.get(cc, 0) / total if total else 0.0,
        "in_story_country": float(in_story),
        "top_country": float(cc is not None and cc == top),
        "no_country_votes": float(not total),
        "abroad": float(bool(total) and not in_story),
        "abroad_log_population": log_pop if total and not in_story else 0.0,
        "admin_named": float(admin_named),
        "hint_admin2": float(bool(entry.admin2_code) and entry.admin2_code in hint_codes),
        "hint_admin1": float(entry.admin1_code in hint_codes),
        "kind_country": float(kind == "country"), "kind_admin1": float(kind == "admin1"),
        "kind_admin2": float(kind == "admin2"), "kind_city": float(kind == "city"),
        "kind_other": float(kind == "other"),
        "main": float(entry.main), "article_miss": float(flags[0]), "alias": float(flags[1]),
        "noun_admin1_fits": float(kind == "admin1" and noun in ADMIN1_NOUNS),
        "noun_admin2_fits": float(kind == "admin2" and noun in ADMIN2_NOUNS),
        "noun_town_fits": float(kind in ("city", "other") and noun in TOWN_NOUNS),
        "noun_town_on_admin": float(admin and noun in TOWN_NOUNS),
        "place_noun": float(noun is not None),
        "locative": float(span.locative), "strong_locative": float(bool(extra.get("strong"))),
        "qualifier": float(span.hint_for is not None),
        "single_word": float(bool(extra.get("single"))),
        "english_word": float(bool(extra.get("english"))),
        "common_word": float(bool(extra.get("common"))),
        "acronym": float(bool(extra.get("acronym"))), "person": float(span.person),
        "upper_case": float(upper),
        "fragment_after": float(bool(extra.get("fragment_after"))),
        "fragment_before": float(bool(extra.get("fragment_before"))),
        "short_name": float(len(span.key.replace(" ", "")) <= 4),
        "log_candidates": math.log10(n_cands),
        "log_candidate_countries": math.log10(n_countries),
    }
    return [values[name] for name in FEATURES]


# -- collecting training rows (scripts/train_place_ranker.py) ------------------------------

_COLLECTING: list[tuple[RawSpan, list[Entry], list[list[float]]]] | None = None


@contextmanager
def collecting() -> Iterator[list[tuple[RawSpan, list[Entry], list[list[float]]]]]:
    """Record every (mention, candidates, vectors) the resolver weighs, hand weights on."""
    global _COLLECTING
    rows: list[tuple[RawSpan, list[Entry], list[list[float]]]] = []
    _COLLECTING = rows
    try:
        yield rows
    finally:
        _COLLECTING = None


def record(span: RawSpan, cands: list[Entry], vectors: list[list[float]]) -> None:
    if _COLLECTING is not None:
        _COLLECTING.append((span, cands, vectors))


def is_collecting() -> bool:
    return _COLLECTING is not None
