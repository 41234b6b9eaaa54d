"""Gazetteer figures: index build time, cold open + first lookup, lookups/second, peak memory.

    python bench/bench_gazetteer.py [--no-build] [--acled EXPORT.csv]

With ``--acled`` it also times adding an ACLED export's places to the (freshly built) index,
e.g. the one ``python scripts/acled_places.py`` writes.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from sitrep.geo.index import Gazetteer, build_index, default_index_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-build", action="store_true", help="time the existing index only")
    parser.add_argument("--acled", type=Path, help="an ACLED export to time adding")
    args = parser.parse_args()
    if args.acled and args.no_build:
        parser.error("--acled adds to a fresh index: leave out --no-build")
    if args.no_build:
        path = default_index_path()
    else:
        path = Path(tempfile.mkdtemp(prefix="sitrep-bench-")) / "gazetteer.sqlite3"
        started = time.perf_counter()
        build_index(path)
        print(f"build: {time.perf_counter() - started:.1f} s, "
              f"{path.stat().st_size / 1e6:.0f} MB on disk")
        if args.acled:
            from sitrep.geo.acled_places import load_acled

            started = time.perf_counter()
            added, known = load_acled(args.acled, index=path)
            print(f"add ACLED places: {time.perf_counter() - started:.1f} s "
                  f"({added} new places, {known} known towns counted)")
    started = time.perf_counter()
    gaz = Gazetteer.open(path, build=False)
    gaz.lookup("Aleppo")
    print(f"cold open + first lookup: {(time.perf_counter() - started) * 1000:.0f} ms")
    query = "SELECT key FROM names ORDER BY random() LIMIT 20000"
    keys = [row[0] for row in gaz.conn.execute(query)]
    keys += [f"zz{random.random()}" for _ in range(5000)]  # misses cost too
    gaz._cache.clear()
    started = time.perf_counter()
    for key in keys:
        gaz.candidates(key)
    elapsed = time.perf_counter() - started
    print(f"lookups: {len(keys) / elapsed:,.0f}/s uncached ({len(keys)} keys)")
    started = time.perf_counter()
    for key in keys:
        gaz.has_key(key)
    print(f"has_key (matcher probe, cached): {len(keys) / (time.perf_counter() - started):,.0f}/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS, build included): {peak:.0f} MB")


if __name__ == "__main__":
    main()
