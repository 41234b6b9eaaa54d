"""Time ``GET /events`` on a SQLite store of 100,000 synthetic merged events.

    python bench/bench_api.py [--events 100000] [--db /tmp/sitrep-bench.db] [--rounds 20]

Builds the store once (reused when the file already holds enough events), then calls the
ASGI app in-process through fastapi's TestClient and prints median and p95 per filter set
and overall. Target: median under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store.synthetic import random_results

QUERIES: list[dict[str, str]] = [
    {},
    {"start": "2015-01-01", "end": "2015-12-31"},
    {"country": "SV", "start": "2012-01-01", "end": "2013-12-31"},
    {"event_type": "Battles", "sort": "-fatalities"},
    {"event_type": "Protests", "country": "PE", "limit": "200"},
    {"bbox": "-90,13,-88,14.5", "start": "2016-01-01", "end": "2016-06-30"},
    {"actor": "fmln", "start": "2018-01-01", "end": "2018-12-31"},
    {"q": "lima", "sort": "date"},
    {"party_to_conflict": "true", "country": "CO", "start": "2019-01-01", "end": "2019-03-31"},
    {"offset": "5000", "sort": "date"},
]


def build(db: str, n: int) -> float:
    """Fill the store with ``n`` one-event documents and merge; return seconds spent."""
    started = time.perf_counter()
    with Store(db) as store:
        have = store.counts()["events"]
        if have >= n:
            return 0.0
        chunk = 5000
        for first in range(have, n, chunk):
            results = random_results(min(chunk, n - first), seed=first, years=30, jitter=2.0)
            for k, result in enumerate(results):  # unique ids/texts per chunk
                result["document"]["id"] = f"bench{first + k}"
                result["document"]["text"] = f"Bench story {first + k}."
                result["events"][0]["event_id"] = f"bench{first + k}-1"
            with store.db.transaction():
                for result in results:
                    store.add_extracted(result)
        stored = time.perf_counter()
        merged = merge_store(store)
        print(f"stored {n - have} documents in {stored - started:.1f} s; merge "
              f"{merged.reports} -> {merged.clusters} in {time.perf_counter() - stored:.1f} s")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/sitrep-bench.db")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    spent = build(args.db, args.events)
    if spent:
        print(f"built store with {args.events} events in {spent:.1f} s")
    client = TestClient(create_app(args.db, write_token=""))
    with Store(args.db) as store:
        print(f"store: {store.counts()}")
    every: list[float] = []
    print(f"{'query':70} {'total':>7} {'median':>8} {'p95':>8}")
    for params in QUERIES:
        client.get("/events", params=params)  # warm the page cache
        times = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            answer = client.get("/events", params=params)
            times.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
        times.sort()
        every += times
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        label = "&".join(f"{k}={v}" for k, v in params.items()) or "(no filter)"
        print(f"{label:70} {answer.json()['total']:>7} {statistics.median(times):>7.1f}ms "
              f"{p95:>7.1f}ms")
    every.sort()
    print(f"overall: median {statistics.median(every):.1f} ms, "
          f"p95 {every[int(0.95 * len(every))]:.1f} ms over {len(every)} requests")


if __name__ == "__main__":
    main()
