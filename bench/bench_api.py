"""Time ``GET /events`` on a SQLite store of 100,000 synthetic merged events.

    python bench/bench_api.py [--events 100000] [--db /tmp/sitrep-bench.db] [--rounds 20]
    python bench/bench_api.py --concurrency 20 [--requests 2000] [--unique] [--workers 2]
    python bench/bench_api.py --big-post 200

Builds the store once (reused when the file already holds enough events). Without
``--concurrency`` it calls the ASGI app in-process through fastapi's TestClient and prints
median and p95 per filter set. With ``--concurrency N`` it starts a real uvicorn server on
127.0.0.1 and N client threads send ``--requests`` requests round-robin over the filter sets
(every filter of /events), printing median, p95, errors and requests per second, overall and
per filter set. Targets (issue 13): p95 < 150 ms, median < 40 ms, 0 errors. The server keeps
answers until the store changes (api/read_cache.py), so repeated filter sets are mostly served
kept; ``--unique`` adds a distinct unused parameter to every request (a cache buster), so every
answer is computed afresh: the cost of a store that changes between any two reads.
``--big-post MB`` sends an unauthenticated POST of that many MB to the real server and prints
how long the answer took and how much the server's peak memory grew (targets: < 1 s, < 20 MB).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store.synthetic import random_results

QUERIES: list[dict[str, str]] = [
    {},
    {"start": "2015-01-01", "end": "2015-12-31"},
    {"country": "SV", "start": "2012-01-01", "end": "2013-12-31"},
    {"event_type": "Battles", "sort": "-fatalities"},
    {"event_type": "Protests", "country": "PE", "limit": "200"},
    {"sub_event_type": "Armed clash", "sort": "fatalities"},
    {"bbox": "-90,13,-88,14.5", "start": "2016-01-01", "end": "2016-06-30"},
    {"bbox": "-80,-15,-70,-10"},
    {"actor": "fmln", "start": "2018-01-01", "end": "2018-12-31"},
    {"actor": "protesters"},
    {"q": "lima", "sort": "date"},
    {"q": "no such words anywhere"},
    {"claimant": "rebel radio"},
    {"claimant": "army", "country": "SV"},
    {"party_to_conflict": "true"},
    {"party_to_conflict": "false", "event_type": "Battles"},
    {"party_to_conflict": "true", "country": "CO", "start": "2019-01-01", "end": "2019-03-31"},
    {"offset": "5000", "sort": "date"},
    {"start": "2021-06-01"},
    {"end": "2001-01-31", "sort": "-fatalities"},
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


def label_of(params: dict[str, str]) -> str:
    return "&".join(f"{k}={v}" for k, v in params.items()) or "(no filter)"


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def sequential(db: str, rounds: int) -> None:
    """Each filter set ``rounds`` times, one after the other, in-process."""
    from fastapi.testclient import TestClient

    from sitrep.api.app import create_app

    client = TestClient(create_app(db, write_token=""))
    every: list[float] = []
    print(f"{'query':70} {'total':>7} {'median':>8} {'p95':>8}")
    for params in QUERIES:
        client.get("/events", params=params)  # warm the page cache
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            answer = client.get("/events", params=params)
            times.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
        every += times
        print(f"{label_of(params):70} {answer.json()['total']:>7} "
              f"{statistics.median(times):>7.1f}ms {percentile(times, 0.95):>7.1f}ms")
    print(f"overall: median {statistics.median(every):.1f} ms, "
          f"p95 {percentile(every, 0.95):.1f} ms over {len(every)} requests")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``sitrep serve`` as its own process on 127.0.0.1, as a user runs it."""

    def __init__(self, db: str, write_token: str = "", workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sitrep", "serve", "--db", db, "--port", str(self.port),
             "--workers", str(workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "SITREP_WRITE_TOKEN": write_token})
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/stats?start=2100-01-01", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("the server did not start within 120 s")

    def memory_kb(self, field: str) -> int:
        """VmRSS (now) or VmHWM (peak so far) of the server process, in kB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise RuntimeError(f"no {field} in /proc/{self.proc.pid}/status")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def concurrent(db: str, concurrency: int, requests: int, timeout: float,
               unique: bool = False, workers: int = 1) -> None:
    """``requests`` GETs from ``concurrency`` threads against a real server."""
    server = Server(db, workers=workers)
    try:
        with httpx.Client(base_url=server.url) as warm:
            for params in QUERIES:
                warm.get("/events", params=params, timeout=timeout)
        lock = threading.Lock()
        next_index = iter(range(requests))
        results: list[tuple[int, float, bool]] = []  # query index, ms, ok

        def client() -> None:
            with httpx.Client(base_url=server.url, timeout=timeout) as http:
                while True:
                    with lock:
                        i = next(next_index, None)
                    if i is None:
                        return
                    q = i % len(QUERIES)
                    params = {**QUERIES[q], "_": str(i)} if unique else QUERIES[q]
                    started = time.perf_counter()
                    try:
                        ok = http.get("/events", params=params).status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    ms = (time.perf_counter() - started) * 1000
                    with lock:
                        results.append((q, ms, ok))

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.stop()
    print(f"{'query':70} {'median':>8} {'p95':>8} {'errors':>6}")
    for q, params in enumerate(QUERIES):
        times = [ms for k, ms, _ in results if k == q]
        errors = sum(1 for k, _, ok in results if k == q and not ok)
        print(f"{label_of(params):70} {statistics.median(times):>7.1f}ms "
              f"{percentile(times, 0.95):>7.1f}ms {errors:>6}")
    every = [ms for _, ms, _ in results]
    errors = sum(1 for *_, ok in results if not ok)
    print(f"concurrency {concurrency}, {workers} server process(es)"
          f"{' (every answer computed afresh)' if unique else ''}: "
          f"{len(results)} requests in {wall:.1f} s "
          f"({len(results) / wall:.0f} req/s), median {statistics.median(every):.1f} ms, "
          f"p95 {percentile(every, 0.95):.1f} ms, errors {errors}")


def big_post(db: str, megabytes: int) -> None:
    """An unauthenticated POST of ``megabytes`` MB to a server that takes writes (a token is
    set): how fast it is refused, what it costs the server."""
    server = Server(db, write_token="bench-token-not-sent")
    chunk = b"x" * (1 << 20)

    def body() -> Iterator[bytes]:
        for _ in range(megabytes):
            yield chunk

    try:
        before = server.memory_kb("VmHWM")
        started = time.perf_counter()
        try:
            answer = httpx.post(f"{server.url}/documents", content=body(), timeout=60,
                                headers={"Content-Type": "application/json",
                                         "Content-Length": str(megabytes << 20)})
            status = str(answer.status_code)
        except httpx.HTTPError as error:  # the server may close before the upload ends
            status = f"connection closed ({type(error).__name__})"
        seconds = time.perf_counter() - started
        time.sleep(0.5)
        grown = (server.memory_kb("VmHWM") - before) / 1024
    finally:
        server.stop()
    print(f"unauthenticated POST of {megabytes} MB: answer {status} in {seconds:.3f} s; "
          f"server peak memory grew {grown:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/sitrep-bench.db")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=0,
                        help="client threads against a real server (0: sequential, in-process)")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--unique", action="store_true",
                        help="a distinct unused parameter per request: no answer is kept")
    parser.add_argument("--workers", type=int, default=1, help="sitrep serve --workers")
    parser.add_argument("--big-post", type=int, default=0, metavar="MB")
    args = parser.parse_args()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    spent = build(args.db, args.events)
    if spent:
        print(f"built store with {args.events} events in {spent:.1f} s")
    with Store(args.db) as store:
        print(f"store: {store.counts()}")
    if args.big_post:
        big_post(args.db, args.big_post)
    elif args.concurrency:
        concurrent(args.db, args.concurrency, args.requests, args.timeout, args.unique,
                   args.workers)
    else:
        sequential(args.db, args.rounds)


if __name__ == "__main__":
    main()
