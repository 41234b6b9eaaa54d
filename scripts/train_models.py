"""Train sitrep's text classifiers from the shared dev sets, reproducibly.

    python scripts/train_models.py [--train FILE ...] [--out DIR]

Three models, TF-IDF n-grams + logistic regression (sitrep.extract.training): the ACLED
sub-event type of an event report, the actor kind of who acts in it and of who it is done to
('none' when nobody). They learn from every document of the training files that reports exactly
one event (ACLED rows of 2020 and 2022, MUC-4 training stories with one event), except the fixed
held-out fifth (by id hash), which gives the held-out accuracy written into each model card.
The models are written as JSON + .npz (no pickle) to src/sitrep/data/models/; the same data and
library versions give the same bytes.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sitrep.evaluation import load_gold
from sitrep.extract.classifier import PACKAGED_MODELS, is_held_out
from sitrep.extract.training import train_models, write_model_cards

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
DEFAULT_TRAIN = [
    DEV / "acled-2020-dev.jsonl",
    DEV / "acled-2022-dev.jsonl",
    DEV / "muc4-train.jsonl",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, nargs="+", default=DEFAULT_TRAIN)
    parser.add_argument("--out", type=Path, default=PACKAGED_MODELS)
    args = parser.parse_args()
    missing = [str(path) for path in args.train if not path.exists()]
    if missing:
        raise SystemExit(f"training data not found: {', '.join(missing)} (the shared dev sets)")
    docs = load_gold(args.train)
    train = [doc for doc in docs if not is_held_out(doc.id)]
    held_out = [doc for doc in docs if is_held_out(doc.id)]
    print(f"{len(train)} training and {len(held_out)} held-out documents")
    summary = train_models(train, args.out, held_out=held_out)
    print(json.dumps(summary, indent=1))
    print(f"model cards: {write_model_cards(args.out)}")


if __name__ == "__main__":
    main()
