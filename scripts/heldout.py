"""Write the held-out fifth of a dev set (the documents training never saw) to a JSONL file.

python scripts/heldout.py ../shared/dev/acled-2020-dev.jsonl /tmp/acled-heldout.jsonl
sitrep eval /tmp/acled-heldout.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sitrep.extract.classifier import is_held_out


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    kept = 0
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            if is_held_out(json.loads(line)["document"]["id"]):
                out.write(line)
                kept += 1
    print(f"{kept} held-out documents written to {target}")


if __name__ == "__main__":
    main()
