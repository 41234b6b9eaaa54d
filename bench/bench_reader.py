"""Peak memory of the JSONL reader on a large batch: it must stream, not load the file.

    python bench/bench_reader.py [--mb 2048] [--path /tmp/sitrep-bench.jsonl] [--bad-every 50]

Writes (once; reused when big enough) a JSONL of about ``--mb`` megabytes of 3 kB stories
with a bad line every ``--bad-every`` lines, reads it through ``sitrep.ingest.read_records``
(the reader of ``extract --jsonl`` and ``ingest``) and then through ``read_jsonl`` (records to
Documents) over its first 20,000 lines, and prints lines, seconds and peak RSS of each.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from itertools import islice
from pathlib import Path

from sitrep.ingest import BadLineError, read_jsonl, read_records

PARAGRAPH = ("Fighting between two armed groups near the northern town went on for a third day "
             "on Tuesday, local officials said, and hundreds of families left their homes. ")


def write_batch(path: Path, megabytes: int, bad_every: int) -> None:
    if path.exists() and path.stat().st_size >= megabytes * 1_000_000:
        return
    text = PARAGRAPH * (3000 // len(PARAGRAPH))
    with path.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < megabytes * 1_000_000:
            n += 1
            if n % bad_every == 0:
                out.write('{"id": "broken", "text": "cut short\n')
            else:
                out.write(json.dumps({"id": f"d{n}", "text": text, "published": "2023-05-02"})
                          + "\n")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=2048)
    parser.add_argument("--path", type=Path, default=Path("/tmp/sitrep-bench.jsonl"))
    parser.add_argument("--bad-every", type=int, default=50)
    args = parser.parse_args()
    write_batch(args.path, args.mb, args.bad_every)
    size = args.path.stat().st_size / 1_000_000
    before = peak_mb()
    started = time.perf_counter()
    lines = bad = 0
    for _, item in read_records(args.path):
        lines += 1
        bad += isinstance(item, BadLineError)
    seconds = time.perf_counter() - started
    print(f"read_records: {size:,.0f} MB, {lines:,} lines ({bad:,} bad) in {seconds:.1f} s; "
          f"peak RSS {before:.0f} MB before, {peak_mb():.0f} MB after")
    started = time.perf_counter()
    documents = sum(1 for _ in islice(read_jsonl(str(args.path)), 20_000))
    print(f"read_jsonl: first {documents:,} lines to Documents in "
          f"{time.perf_counter() - started:.1f} s; peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
