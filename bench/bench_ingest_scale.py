"""Ingest throughput: one process against ``--workers 2`` and ``--dask local:2`` (issue 12).

    python bench/bench_ingest_scale.py [--docs 2000] [--modes single,workers,dask]

Writes N short news stories of its own, then runs ``sitrep ingest --jsonl ... --no-merge``
once per mode into a fresh SQLite file and prints wall time (model loading included, as a
user waits for it), documents per second, the speed-up over one process, and the peak memory
of each process of the run: RSS, and PSS, which shares out the pages that forked workers
hold in common with their parent. Every mode must store the same events (checked).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

SITREP = str(Path(sys.executable).with_name("sitrep"))
MODES = {"single": [], "workers": ["--workers", "2"], "dask": ["--dask", "local:2"]}
TOWNS = ["Kunduz", "Lashkar Gah", "Aleppo", "Idlib", "Mosul", "Kirkuk", "Goma", "Beni",
         "Maiduguri", "Gao", "Mopti", "Kharkiv", "Donetsk", "Ayacucho", "San Miguel"]
ACTS = [("gunmen killed {n} villagers", "police said"),
        ("a roadside bomb killed {n} soldiers", "the army said"),
        ("an air strike killed {n} civilians", "local officials said"),
        ("{n} protesters were wounded when police fired tear gas", "witnesses said"),
        ("rebels attacked an army post, killing {n} troops", "a military spokesman said")]


def stories(n: int) -> list[dict[str, str]]:
    """``n`` different one-paragraph stories over 15 towns and 60 days."""
    out = []
    for i in range(n):
        town, (act, source) = TOWNS[i % len(TOWNS)], ACTS[(i // len(TOWNS)) % len(ACTS)]
        day = 1 + i % 28
        month = ["March", "April"][(i // 28) % 2]
        text = (f"{town.upper()}, {day} {month} 2021 -- {act.format(n=2 + i % 9).capitalize()} "
                f"near {town} on {day} {month}, {source}. Residents said the area had been "
                f"calm for weeks before the attack. Report number {i}.")
        out.append({"id": f"bench-{i}", "text": text, "published": f"2021-0{3 + (i // 28) % 2}"
                    f"-{day:02d}", "outlet": ["Wire A", "Radio B", "Paper C"][i % 3]})
    return out


def watch(root: psutil.Process, peaks: dict[int, tuple[str, int, int]],
          stop: threading.Event) -> None:
    """Record each process's peak RSS and PSS until ``stop``."""
    while not stop.is_set():
        try:
            family = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:  # the run (or a child being listed) just ended
            family = []
        for proc in family:
            try:
                mem = proc.memory_full_info()
                name = " ".join(proc.cmdline()[1:4])[:60]
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            old = peaks.get(proc.pid, (name, 0, 0))
            peaks[proc.pid] = (name, max(old[1], mem.rss), max(old[2], mem.pss))
        time.sleep(0.5)


def run(mode: str, source: Path, folder: Path) -> tuple[float, dict[int, tuple[str, int, int]],
                                                        str]:
    db = folder / f"{mode}.db"
    started = time.perf_counter()
    proc = psutil.Popen([SITREP, "ingest", "--jsonl", str(source), "--db", str(db),
                         "--no-merge", *MODES[mode]],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, tuple[str, int, int]] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(proc, peaks, stop), daemon=True)
    watcher.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - started
    stop.set()
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed: {err.decode()[-1000:]}")
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, document_id, record FROM events ORDER BY id").fetchall()
    return elapsed, peaks, hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--modes", default="single,workers,dask")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sitrep-scale."))
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in stories(args.docs)), "utf-8")
    print(f"{args.docs} documents, {psutil.cpu_count()} CPUs, in {folder}")
    base, digests = None, set()
    for mode in args.modes.split(","):
        elapsed, peaks, digest = run(mode, source, folder)
        digests.add(digest)
        base = base or elapsed
        print(f"{mode:8} {elapsed:7.1f} s  {args.docs / elapsed:6.1f} docs/s  "
              f"x{base / elapsed:.2f}")
        for name, rss, pss in sorted(peaks.values(), key=lambda p: -p[1]):
            if rss > 100 * 2**20:  # the processes that hold models, not helpers
                print(f"           {name:60} RSS {rss / 2**20:6.0f} MiB  PSS "
                      f"{pss / 2**20:6.0f} MiB")
    print("same events in every mode" if len(digests) == 1 else "EVENTS DIFFER between modes")


if __name__ == "__main__":
    main()
