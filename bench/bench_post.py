"""Time ``POST /documents`` on a SQLite store of 100,000 synthetic reports (issue 12).

    python bench/bench_post.py [--events 100000] [--db /tmp/sitrep-bench-post.db] [--posts 50]
                               [--text]

Builds the store once with bench_api's builder (reused when the file holds enough events),
then posts new documents one by one through the ASGI app (fastapi's TestClient) and prints
the median and p95 latency. Each post stores the document and merges it incrementally
(``merge.incremental``); the documents are drawn like the stored ones, so many of them join
an event. By default a post is a ready ``{"document", "events"}`` result, which times storing
and merging; ``--text`` posts story text, which adds the extraction pipeline (loaded before
timing starts).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from bench_api import build
from fastapi.testclient import TestClient
from wordfreq import zipf_frequency

from sitrep.api.app import create_app
from sitrep.merge import merge_store
from sitrep.merge.incremental import merge_pending
from sitrep.store import Store
from sitrep.store.synthetic import random_results

TOKEN = "bench-token"
TOWNS = ["San Salvador", "Lima", "Bogota", "Kabul", "Aleppo"]


def bodies(n: int, text: bool, retold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``n`` new documents (ids and texts of their own); every other one tells a stored
    event again (``retold``), from another outlet, so it joins that event."""
    out = []
    for k, result in enumerate(random_results(n, seed=990_001, years=30, jitter=2.0)):
        if k % 2 and retold:
            result["events"][0] = dict(retold[k % len(retold)])
        if text:
            out.append({"id": f"post{k}", "published": "2014-03-02", "outlet": "Bench Wire",
                        "text": f"{TOWNS[k % 5].upper()}, 2 March 2014 -- Gunmen killed "
                                f"{k % 7 + 2} villagers near {TOWNS[k % 5]} on Sunday, "
                                f"police said. Bench post {k}."})
            continue
        result["document"]["id"] = f"post{k}"
        result["document"]["text"] = f"Bench post {k}."
        result["events"][0]["event_id"] = f"post{k}-1"
        out.append(result)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/sitrep-bench-post.db")
    parser.add_argument("--posts", type=int, default=50)
    parser.add_argument("--text", action="store_true", help="post story text (extraction)")
    args = parser.parse_args()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    build(args.db, args.events)
    with Store(args.db) as store:
        started = time.perf_counter()
        if store.db.scalar("SELECT COUNT(*) FROM documents WHERE id LIKE 'post%'"):
            store.db.execute("DELETE FROM documents WHERE id LIKE 'post%'")  # an earlier run's
            merge_store(store)
        merge_pending(store)  # a full merge, if the store has none yet
        print(f"store ready in {time.perf_counter() - started:.1f} s: {store.counts()}")
        total = store.counts()["events"]
        retold = [json.loads(r[0]) for r in store.db.query(
            "SELECT record FROM events WHERE id IN (" + ",".join("?" * 50) + ")",
            [f"bench{total * k // 50}-1" for k in range(50)])]
    client = TestClient(create_app(args.db, write_token=TOKEN))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    zipf_frequency("sitrep", "en")  # the word list merging reads, loaded once per process
    if args.text:  # load the pipeline before timing
        client.post("/documents", json={"id": "warm", "text": "Warm-up."}, headers=headers)
    times, joined = [], 0
    for body in bodies(args.posts, args.text, retold):
        started = time.perf_counter()
        answer = client.post("/documents", json=body, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
        ids = answer.json()["event_ids"]
        joined += any(not i.startswith("post") for i in ids)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"POST /documents ({'text' if args.text else 'ready results'}) x {len(times)}: "
          f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms;"
          f" {joined} joined an existing event")


if __name__ == "__main__":
    main()
