"""Train sitrep's small text classifiers from the ACLED development set, reproducibly.

    python scripts/train_models.py [--dev ../shared/dev/acled-2020-dev.jsonl]

Two models, both TF-IDF n-grams + logistic regression (scikit-learn):
- the ACLED sub-event type of a sentence that reports an event (the event type follows from it);
- the actor kind of who acts in it, and of who it is done to ('none' when nobody).
Documents whose id hashes into the held-out fifth are never trained on; the script prints the
held-out accuracy. The models are written to src/sitrep/data/models/.
"""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

from sklearn.metrics import accuracy_score

from sitrep.extract.classifier import TextClassifier, is_held_out

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEV = ROOT.parent / "shared" / "dev" / "acled-2020-dev.jsonl"
MODEL_DIR = ROOT / "src" / "sitrep" / "data" / "models"


def load(path: Path) -> list[tuple[str, str, str]]:
    """(doc id, text, label line) triples; one gold event per ACLED line."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            event = record["events"][0]
            rows.append((record["document"]["id"], record["document"]["text"], event))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = parser.parse_args()
    if not args.dev.exists():
        raise SystemExit(f"training data not found: {args.dev} (the shared dev set)")
    rows = load(args.dev)
    train = [r for r in rows if not is_held_out(r[0])]
    test = [r for r in rows if is_held_out(r[0])]
    print(f"{len(train)} training and {len(test)} held-out documents")
    targets = {
        "sub_event_type": lambda e: e["sub_event_type"],
        "actor1_kind": lambda e: e["actor1"]["kind"],
        "actor2_kind": lambda e: (e.get("actor2") or {}).get("kind") or "none",
    }
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    for name, label_of in targets.items():
        model = TextClassifier.train([r[1] for r in train], [label_of(r[2]) for r in train])
        predicted = model.predict([r[1] for r in test])
        accuracy = accuracy_score([label_of(r[2]) for r in test], predicted)
        print(f"{name}: held-out accuracy {accuracy:.3f}")
        with (MODEL_DIR / f"{name}.pkl").open("wb") as handle:
            pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    main()
