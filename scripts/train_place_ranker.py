"""Train the place ranker (sitrep.geo.ranker) from the gold places of the shared dev sets.

    python scripts/train_place_ranker.py [--train FILE ...] [--out DIR]
        [--leave-out-region R] [--rows CACHE.jsonl]

Every mention the resolver weighs gives one row per gazetteer candidate, with the features the
hand weights use. A candidate is right when it lies within 25 km of a gold location of the
story (or, where gold has no coordinates as in MUC-4, bears the gold name in the gold country).
A mention with no right candidate teaches "no place" only through its candidates abroad (not in
a gold country): a second town of the gold country may be a real place other than the event's,
so those rows are left out. Two logistic regressions (scikit-learn, here only), folded back
into plain weights: stage one, pairwise, which candidate of a mention is right; stage two,
whether the best candidate is a place at all (right) or no place (a wrong country), from the
mention's own evidence only. The "no place" threshold keeps the most right choices minus half
the wrong-country ones on the fixed held-out fifth (by id hash). Writes ``place_ranker.json``
(weights + model card) and MODEL_CARDS.md; the same data give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from sitrep.evaluation import load_gold
from sitrep.evaluation.fold import as_list
from sitrep.extract.classifier import PACKAGED_MODELS, is_held_out
from sitrep.extract.training import environment, sha256_of, write_model_cards
from sitrep.geo import fold_name
from sitrep.geo.distance import haversine_km
from sitrep.geo.ranker import FEATURES, MODEL_NAME, PlaceRanker, collecting

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
DEFAULT_TRAIN = [DEV / "acled-2020-dev.jsonl", DEV / "acled-2022-dev.jsonl",
                 DEV / "muc4-train.jsonl"]
KM = 25.0
# whether a name is a place at all is the mention's own matter: stage two never sees how
# well the candidate agrees with the story's countries (a rally in Dortmund about Ukraine),
# nor stage one's score that weighs it; it learns from wrong-country choices what no place
# looks like (a fragment of a longer name, an ordinary word, an alias of a small town)
STORY_FEATURES = frozenset({"country_share", "in_story_country", "top_country",
                            "no_country_votes", "abroad", "abroad_log_population"})
PAIRS_PER_MENTION = 3  # right candidates paired with each wrong one, per mention
HYPER_PARAMETERS = {"model": "LogisticRegression", "C": 1.0, "solver": "lbfgs",
                    "max_iter": 2000, "stage_one": "pairwise",
                    "pairs_per_mention": PAIRS_PER_MENTION, "class_weight": None,
                    "standardised": True, "abroad_cost": 0.5,
                    "no_place_ignores": [*sorted(STORY_FEATURES), "rank_logit"],
                    "threshold_grid": [0.0, 0.6, 0.01]}
Row = dict[str, Any]


def _golds(doc: Any) -> list[dict[str, Any]]:
    return [e["location"] for e in doc.events if isinstance(e.get("location"), dict)]


def _right(entry: Any, golds: list[dict[str, Any]]) -> bool:
    """Within 25 km of a gold point; without coordinates, the gold name in the gold country."""
    for gold in golds:
        if gold.get("lat") is not None and gold.get("lon") is not None:
            if entry.lat is not None and \
                    haversine_km(entry.lat, entry.lon, gold["lat"], gold["lon"]) <= KM:
                return True
            continue
        codes = {str(c).upper() for c in as_list(gold.get("country_code"))}
        if codes and entry.country_code not in codes:
            continue
        names = {fold_name(n) for n in as_list(gold.get("name")) if n}
        if entry.kind == "admin1":
            names |= {fold_name(n) for n in as_list(gold.get("admin1")) if n}
        if fold_name(entry.name) in names or not names and entry.kind == "country":
            return True
    return False


def build_rows(docs: list[Any], geocoder: Any, nlp: Any) -> list[Row]:
    """One row per (mention, candidate) the resolver weighs in the gold documents."""
    from sitrep.evaluation.groups import grouping
    from sitrep.extract.pipeline import analysis_text
    from sitrep.ingest import document_from_record

    documents = [document_from_record(doc.input_record()) for doc in docs]
    rows: list[Row] = []
    parsed = nlp.pipe(analysis_text(d.text) for d in documents)
    for doc, document, sdoc in zip(docs, documents, parsed, strict=True):
        golds = _golds(doc)
        countries = {str(c).upper() for g in golds for c in as_list(g.get("country_code"))}
        if not golds or not countries:
            continue
        with collecting() as seen:
            geocoder.find_places(document, sdoc)
        region = grouping("region")(doc)
        for mention, (span, cands, vectors) in enumerate(seen):
            labels = [_right(e, golds) for e in cands]
            for entry, label, vector in zip(cands, labels, vectors, strict=True):
                abroad = entry.country_code not in countries
                if not any(labels) and not abroad:
                    continue  # maybe a real place other than the event's: no label
                rows.append({"doc": doc.id, "region": region, "mention": mention, "key": span.key,
                             "label": int(label), "abroad": abroad, "x": vector})
    return rows


def fit(x: list[list[float]], y: list[int], pairs: bool = False) -> tuple[list[float], float]:
    """Logistic regression on standardised features, returned as raw-feature weights; on
    ``pairs`` (differences of two candidates' vectors) without centring or intercept."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    xs, ys = np.array(x, dtype=float), np.array(y)
    scaler = StandardScaler(with_mean=not pairs).fit(xs)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    mean = np.zeros(xs.shape[1]) if pairs else scaler.mean_
    model = LogisticRegression(C=HYPER_PARAMETERS["C"], solver="lbfgs",
                               max_iter=HYPER_PARAMETERS["max_iter"], fit_intercept=not pairs)
    model.fit((xs - mean) / scale, ys)
    weights = model.coef_[0] / scale
    intercept = float(model.intercept_[0] - np.sum(model.coef_[0] * mean / scale))
    return [float(w) for w in weights], intercept


def _groups(rows: list[Row]) -> list[list[Row]]:
    groups: dict[tuple[str, int], list[Row]] = {}
    for row in rows:
        groups.setdefault((row["doc"], row["mention"]), []).append(row)
    return list(groups.values())


def fit_ranker(rows: list[Row]) -> PlaceRanker:
    """Stage one on pairs of a right and a wrong candidate of one mention: which candidate
    (pairwise, so that a kind with many namesakes is not blamed for their number). Stage two
    on each mention's best candidate: a place (right) or no place (a wrong country)."""
    x: list[list[float]] = []
    y: list[int] = []
    for group in _groups(rows):
        right = [r["x"] for r in group if r["label"]][:PAIRS_PER_MENTION]
        for wrong in (r["x"] for r in group if not r["label"]):
            for good in right:  # each pair both ways: the model has no side to favour
                x += [[a - b for a, b in zip(good, wrong, strict=True)],
                      [b - a for a, b in zip(good, wrong, strict=True)]]
                y += [1, 0]
    weights, intercept = fit(x, y, pairs=True)
    first = PlaceRanker(FEATURES, tuple(weights), intercept, (0.0,) * (len(FEATURES) + 1),
                        0.0, 0.0)
    x, y = [], []
    for group in _groups(rows):
        best = max(group, key=lambda r: first.logit(r["x"]))
        if best["label"] or best["abroad"]:
            x.append([0.0 if name in STORY_FEATURES else v
                      for name, v in zip(FEATURES, best["x"], strict=True)] + [0.0])
            y.append(int(best["label"]))
    no_place, no_place_intercept = fit(x, y)
    return PlaceRanker(FEATURES, tuple(weights), intercept, tuple(no_place),
                       no_place_intercept, 0.0)


def mentions(rows: list[Row], ranker: PlaceRanker) -> list[tuple[float, str, bool]]:
    """Per mention: the best candidate's place probability, what choosing it is (right,
    abroad: a wrong country, or other), and whether any candidate is right."""
    out = []
    for group in _groups(rows):
        best = max(group, key=lambda r: ranker.logit(r["x"]))
        kind = "right" if best["label"] else "abroad" if best["abroad"] else "other"
        out.append((ranker.place_probability(best["x"]), kind,
                    any(r["label"] for r in group)))
    return out


def choose_threshold(scored: list[tuple[float, str, bool]]) -> float:
    """The threshold keeping the most right choices minus wrong-country ones."""
    low, high, step = HYPER_PARAMETERS["threshold_grid"]
    cost = HYPER_PARAMETERS["abroad_cost"]
    best, best_gain = 0.0, -math.inf
    for i in range(round((high - low) / step) + 1):
        t = round(low + i * step, 4)
        gain = sum((k == "right") - cost * (k == "abroad") for p, k, _ in scored if p >= t)
        if gain > best_gain:
            best, best_gain = t, gain
    return best


def figures(scored: list[tuple[float, str, bool]], threshold: float) -> dict[str, Any]:
    """Held-out mentions: right choices kept, and wrong-country placements kept or dropped."""
    kept = Counter(kind for p, kind, _ in scored if p >= threshold)
    placeable = sum(1 for *_, has in scored if has)
    abroad_only = len(scored) - placeable
    return {"mentions": len(scored), "mentions_with_right_candidate": placeable,
            "right_kept": kept["right"], "abroad_kept": kept["abroad"],
            "accuracy": round(kept["right"] / max(1, placeable), 4),
            "abroad_only_mentions_unplaced": round(
                1 - kept["abroad"] / max(1, abroad_only), 4) if abroad_only else None}


def train(rows: list[Row], sources: list[str], leave_out_region: str | None = None) -> PlaceRanker:
    """Fit on the training four-fifths, pick the threshold and figures on the held-out fifth."""
    train_rows = [r for r in rows if not is_held_out(r["doc"])]
    test_rows = [r for r in rows if is_held_out(r["doc"])]
    fitted = fit_ranker(train_rows)
    scored = mentions(test_rows or train_rows, fitted)
    threshold = choose_threshold(scored)
    held = figures(scored, threshold)
    held.update(documents=len({r["doc"] for r in test_rows}),
                note="accuracy: share of held-out mentions with a right candidate where the "
                     "best candidate is right and above the no-place threshold")
    labels = Counter("right" if r["label"] else "wrong" for r in train_rows)
    card = {
        "model": MODEL_NAME,
        "training_data": [{"file": Path(s).name, "sha256": sha256_of(s)} for s in sources],
        "training_documents": len({r["doc"] for r in train_rows}),
        "training_rows": len(train_rows),
        "left_out_region": leave_out_region,
        "labels": dict(sorted(labels.items())),
        "hyper_parameters": HYPER_PARAMETERS,
        "environment": environment(),
        "held_out": held,
    }
    return replace(fitted, threshold=threshold, card=card)


def main(argv: list[str] | None = None, geocoder: Any = None, nlp: Any = None) -> PlaceRanker:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, nargs="+", default=DEFAULT_TRAIN)
    parser.add_argument("--out", type=Path, default=PACKAGED_MODELS)
    parser.add_argument("--leave-out-region", help="train without this ACLED region")
    parser.add_argument("--rows", type=Path, help="cache of extracted rows (JSONL)")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.train if not p.exists()]
    if missing:
        raise SystemExit(f"training data not found: {', '.join(missing)} (the shared dev sets)")
    docs = load_gold(args.train)
    if args.rows is not None and args.rows.exists():
        rows = [json.loads(line) for line in args.rows.read_text("utf-8").splitlines()]
        ids = {doc.id for doc in docs}
        rows = [r for r in rows if r["doc"] in ids]
    else:
        if geocoder is None:
            from sitrep.geo import Geocoder

            geocoder = Geocoder.default()
        if nlp is None:
            from sitrep.nlp import load_nlp

            nlp = load_nlp()
        rows = build_rows(docs, geocoder, nlp)
        if args.rows is not None:
            args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    if args.leave_out_region:
        rows = [r for r in rows if r["region"] != args.leave_out_region]
    sources = sorted({str(p) for p in args.train})
    ranker = train(rows, sources, args.leave_out_region)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{MODEL_NAME}.json").write_text(ranker.to_json(), encoding="utf-8")
    write_model_cards(args.out)
    print(json.dumps({"rows": len(rows), **ranker.card["held_out"],
                      "threshold": ranker.threshold}, indent=1))
    return ranker


if __name__ == "__main__":
    main()
