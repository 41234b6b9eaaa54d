"""Throughput of `sitrep extract --jsonl` against the bare spaCy parse of the same texts.

    python bench/bench_extract.py [--limit N] [FILE.jsonl ...]

For each dev set it prints documents and words per second of the whole pipeline (ingest,
parse, gazetteer, rules, classifiers, records) and of spaCy's parse alone, and their ratio.
The parse is the floor we pay anyway; the target is a ratio of at least 0.75. Models and the
gazetteer are loaded before timing starts, as a long-running `sitrep extract --jsonl` would.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitrep.extract import extract_documents
from sitrep.extract.pipeline import analysis_text
from sitrep.nlp import load_nlp

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "dev"
DEFAULT_SETS = [SHARED / "acled-2020-dev.jsonl", SHARED / "muc4-dev.jsonl"]


def load(path: Path, limit: int | None) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records.append(record.get("document", record))
            if limit and len(records) >= limit:
                break
    return records


def measure(path: Path, limit: int | None, repeat: int) -> dict[str, float]:
    """Best of ``repeat`` alternating runs for each side, as timeit does: the least
    disturbed run is the closest to the code's own cost on a shared machine."""
    records = load(path, limit)
    words = sum(len(r["text"].split()) for r in records)
    nlp = load_nlp()
    bare = full = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in nlp.pipe(analysis_text(r["text"]) for r in records):
            pass
        bare = min(bare, time.perf_counter() - start)
        start = time.perf_counter()
        for _ in extract_documents(records):
            pass
        full = min(full, time.perf_counter() - start)
    return {
        "documents": len(records),
        "words": words,
        "bare_docs_per_s": len(records) / bare,
        "bare_words_per_s": words / bare,
        "full_docs_per_s": len(records) / full,
        "full_words_per_s": words / full,
        "ratio": bare / full,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_SETS)
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each set")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side; the best counts")
    args = parser.parse_args()
    list(extract_documents([{"id": "warm-up", "text": "Police clashed with protesters."}]))
    for path in args.files:
        if not path.exists():
            print(f"{path}: not found, skipped (the shared dev sets live in ../shared/dev)")
            continue
        r = measure(path, args.limit, args.repeat)
        print(
            f"{path.name}: {r['documents']} docs, {r['words']} words | "
            f"spaCy parse {r['bare_docs_per_s']:.1f} docs/s {r['bare_words_per_s']:.0f} words/s | "
            f"sitrep extract {r['full_docs_per_s']:.1f} docs/s {r['full_words_per_s']:.0f} words/s"
            f" | ratio {r['ratio']:.2f} (target >= 0.75)"
        )


if __name__ == "__main__":
    main()
