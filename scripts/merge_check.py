"""Print merged groups of a store for a hand check, and count those that join distinct events.

    python scripts/merge_check.py --db /tmp/muc.db                      # every group
    python scripts/merge_check.py --db /tmp/acled.db --sample 15 --seed 1 \
        --distinct ../shared/dev/acled-2020-dev.jsonl

Each member is shown with its document, type, date, place, actors and the sentence around
its trigger, so a reader can judge whether all members tell one real incident.

``--distinct FILE`` is for a set such as ACLED's, where every document is one event of its
own: a group holding two reports that each match their own document's gold event (same day
and type) joins two distinct events, so it is wrong whatever the hand check says.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

from sitrep.merge.texts import sentence_around


def groups_of(db: sqlite3.Connection) -> dict[str, list[tuple]]:
    rows = db.execute(
        "SELECT e.cluster_id, e.document_id, e.event_type, e.date_start, e.date_end,"
        " e.location_name, e.district, e.actor1_label, e.actor2_label, e.record, d.text"
        " FROM events e JOIN clusters c ON c.id = e.cluster_id"
        " JOIN documents d ON d.id = e.document_id WHERE c.n_reports > 1"
        " ORDER BY e.cluster_id, e.document_id").fetchall()
    groups: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        groups[row[0]].append(row)
    return dict(groups)


def distinct_gold_events(groups: dict[str, list[tuple]], gold_file: Path) -> list[str]:
    """Groups holding two reports that each match their own document's (single) gold event."""
    gold = {}
    with gold_file.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("events"):
                gold[record["document"]["id"]] = record["events"][0]
    wrong = []
    for cid, members in groups.items():
        main = {m[1] for m in members if m[1] in gold
                and m[3] == (gold[m[1]].get("date") or {}).get("start")
                and m[2] == gold[m[1]].get("event_type")}
        if len(main) >= 2:
            wrong.append(cid)
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a SQLite store written by sitrep ingest")
    parser.add_argument("--sample", type=int, default=0, help="show this many groups at random")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--distinct", type=Path, help="gold JSONL: one event per document")
    args = parser.parse_args()
    db = sqlite3.connect(args.db)
    groups = groups_of(db)
    reports = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    events = db.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
    print(f"{reports} reports -> {events} events; {len(groups)} groups of 2+ reports holding "
          f"{sum(len(m) for m in groups.values())} reports")
    if args.distinct:
        wrong = distinct_gold_events(groups, args.distinct)
        print(f"{len(wrong)} of {len(groups)} groups join two distinct gold events")
    chosen = sorted(groups)
    if args.sample:
        chosen = sorted(random.Random(args.seed).sample(chosen, min(args.sample, len(chosen))))
    for number, cid in enumerate(chosen, 1):
        print(f"\n#{number} {cid}")
        for m in groups[cid]:
            record = json.loads(m[9])
            trigger = next((e for e in record.get("evidence", []) if e["field"] == "trigger"),
                           {"start": 0, "end": 0})
            place = m[5] + (f" ({m[6]})" if m[6] else "")
            when = m[3] if m[3] == m[4] else f"{m[3]}..{m[4]}"
            print(f"  {m[1]} | {m[2]} | {when} | {place} | {m[7]} -> {m[8]}")
            sentence = re.sub(r"\s+", " ", sentence_around(m[10], trigger["start"])).strip()
            print(f"      {sentence[:400]}")


if __name__ == "__main__":
    main()
