"""Cold start of `sitrep extract` on one short story: a new process each time, start to exit.

    python bench/bench_cold_start.py [--runs N] [--story FILE] [--top N] [--against SRC]

Writes a one-sentence wire story to a temporary folder (or reads ``--story``), runs
``python -m sitrep extract STORY --published DATE`` ``--runs`` times and prints each wall time,
the median and the best, with the machine's load average (a shared machine makes whole runs
vary by 10% and more). With ``--against SRC`` (the ``src`` folder of another checkout, say the
commit before a change) each run alternates with one of that code, so that both medians see
the same load. Then one more run under ``python -X importtime`` prints the modules whose import
(with what they import) took longest, and the total import time, so that a module imported but
not needed shows up by name.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# short enough that the cheap function-word test cannot call it English on its own
STORY = (
    "KANO, May 2 (Reuters) - Gunmen abducted eleven travellers near Zaria on Sunday, "
    "police said.\n"
)
PUBLISHED = "2022-05-02"
_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)")


def command(story: Path) -> list[str]:
    return [sys.executable, "-m", "sitrep", "extract", str(story), "--published", PUBLISHED]


def wall_time(story: Path, src: Path | None = None) -> float:
    """Seconds for one new `sitrep extract` process on ``story`` (the code of ``src``, if
    given, else whatever this interpreter imports)."""
    env = dict(os.environ, PYTHONPATH=str(src)) if src else None
    start = time.perf_counter()
    subprocess.run(command(story), capture_output=True, text=True, check=True, env=env)
    return time.perf_counter() - start


def import_times(story: Path) -> list[tuple[float, int, str]]:
    """(cumulative seconds, nesting depth, module) of every import of one run."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", *command(story)[1:]],
        capture_output=True, text=True, check=True,
    )
    rows = []
    for line in run.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            rows.append((int(m.group(2)) / 1e6, len(m.group(3)) // 2, m.group(4)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--story", type=Path, help="a story file instead of the built-in one")
    parser.add_argument("--top", type=int, default=15, help="slowest imports shown")
    parser.add_argument("--against", type=Path, help="another checkout's src, run in turn")
    args = parser.parse_args()
    sides: list[Path | None] = [None] if args.against is None else [None, args.against]
    times: dict[Path | None, list[float]] = {side: [] for side in sides}
    with tempfile.TemporaryDirectory() as folder:
        story = args.story
        if story is None:
            story = Path(folder) / "story.txt"
            story.write_text(STORY, encoding="utf-8")
        for side in sides:
            wall_time(story, side)  # the first run after an edit writes .pyc files: not counted
        for _, side in itertools.product(range(args.runs), sides):
            times[side].append(wall_time(story, side))
        rows = import_times(story)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"sitrep extract, one short story, {args.runs} new processes (load average {load}):")
    for side, runs in times.items():
        print(f"  {side or 'this code'}: " + " ".join(f"{t:.2f}" for t in runs) + " s; "
              f"median {statistics.median(runs):.2f} s, best {min(runs):.2f} s")
    top_level = sum(seconds for seconds, depth, _ in rows if depth == 0)
    print(f"imports (one more run of this code, -X importtime): {top_level:.2f} s in all; "
          "slowest:")
    for seconds, depth, name in sorted(rows, reverse=True)[: args.top]:
        print(f"  {seconds:6.3f} s  {'  ' * depth}{name}")


if __name__ == "__main__":
    main()
