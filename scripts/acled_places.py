"""Write the gold places of a dev set's training part as an ACLED-style CSV, to measure
`sitrep gazetteer add --acled` on the held-out part (which the CSV never includes).

python scripts/acled_places.py ../shared/dev/acled-2020-dev.jsonl /tmp/acled-train-places.csv
SITREP_DATA_DIR=/tmp/gaz-acled sitrep gazetteer add --acled /tmp/acled-train-places.csv
SITREP_DATA_DIR=/tmp/gaz-acled sitrep eval /tmp/acled-heldout.jsonl
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pycountry

from sitrep.extract.classifier import is_held_out

COLUMNS = ["event_id_cnty", "country", "iso", "admin1", "admin2", "location", "latitude",
           "longitude", "geo_precision"]


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    written = 0
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8",
                                                             newline="") as out:
        writer = csv.DictWriter(out, COLUMNS)
        writer.writeheader()
        for line in lines:
            record = json.loads(line)
            if is_held_out(record["document"]["id"]):
                continue
            for event in record["events"]:
                loc = event.get("location") or {}
                if loc.get("lat") is None or not loc.get("name"):
                    continue
                country = pycountry.countries.get(alpha_2=loc.get("country_code") or "")
                writer.writerow({
                    "event_id_cnty": record["document"]["id"], "country": loc.get("country"),
                    "iso": int(country.numeric) if country else "",
                    "admin1": loc.get("admin1") or "", "admin2": loc.get("admin2") or "",
                    "location": loc["name"], "latitude": loc["lat"], "longitude": loc["lon"],
                    "geo_precision": loc.get("precision") or 1,
                })
                written += 1
    print(f"{written} event places of the training part written to {target}")


if __name__ == "__main__":
    main()
