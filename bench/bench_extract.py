"""Throughput of `sitrep extract --jsonl` against the bare spaCy parse of the same texts.

    python bench/bench_extract.py [--limit N] [--workers N] [FILE.jsonl ...]

For each dev set it prints documents and words per second of the whole pipeline (ingest,
parse, gazetteer, rules, classifiers, records) and of spaCy's parse alone, and their ratio.
The parse is the floor we pay anyway; the target is a ratio of at least 0.6 on one core.
Models and the gazetteer are loaded before timing starts, as a long-running
`sitrep extract --jsonl` would. With ``--workers N`` (default 2) it also times the same
documents over N processes (``sitrep extract --workers N``; target speed-up >= 1.6x on two
cores), checks that they give the same records, and prints each side's peak memory. Last, the
cold start of `sitrep extract` on one short story, as a new process.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from sitrep.extract import extract_documents
from sitrep.extract.parallel import extract_parallel
from sitrep.extract.pipeline import analysis_text
from sitrep.ingest import document_from_record
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


def measure_workers(path: Path, limit: int | None, workers: int) -> dict[str, float]:
    """One process against ``workers`` processes on the same documents, each timed once
    from a cold pool (the workers load their models inside the timing, as a batch run does)."""
    documents = [document_from_record(r) for r in load(path, limit)]
    start = time.perf_counter()
    alone = list(extract_parallel(documents, 1))
    one = time.perf_counter() - start
    start = time.perf_counter()
    together = list(extract_parallel(documents, workers))
    many = time.perf_counter() - start
    return {
        "one_s": one,
        "many_s": many,
        "speed_up": one / many,
        "same": alone == together,
        "peak_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def cold_start() -> float:
    """Seconds for a new `sitrep extract` process on one short story, start to exit."""
    story = "KANO, May 2 - Gunmen abducted eleven travellers near Zaria on Sunday, police said."
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sitrep", "extract", "-", "--published", "2022-05-02"],
        input=story, capture_output=True, text=True, check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_SETS)
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each set")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side; the best counts")
    parser.add_argument("--workers", type=int, default=2, help="processes to compare with one")
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
            f" | ratio {r['ratio']:.2f} (target >= 0.6)"
        )
        if args.workers > 1:
            w = measure_workers(path, args.limit, args.workers)
            print(
                f"  --workers {args.workers}: {w['many_s']:.1f} s against {w['one_s']:.1f} s "
                f"alone, speed-up {w['speed_up']:.2f}x (target >= 1.6x), same records: "
                f"{w['same']} | peak memory: main {w['peak_main_mb']:.0f} MB, "
                f"largest worker {w['peak_worker_mb']:.0f} MB"
            )
    print(f"cold start of `sitrep extract` on one short story: {cold_start():.2f} s")


if __name__ == "__main__":
    main()
