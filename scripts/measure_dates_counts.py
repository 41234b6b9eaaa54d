"""Measure sitrep's date and casualty extraction on the shared dev sets.

ACLED: each summary is one event; the whole summary is the event span. Date is right per
../shared/docs/scoring.md (a `day` gold date exactly; a range overlaps with both ends within
its precision); fatalities are right when `min` agrees (gold 0 == None), skipping lines with
`fatalities_scored: false`.
MUC-4 (rough proxy): a gold event's date is found when any time mention of the story matches
it; its toll is found when the casualty counts of the first sentence that mentions its place
(else of the whole story) give the same `min`.

Usage: python scripts/measure_dates_counts.py [--limit N] [--misses K]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitrep.extract.counts import find_casualties
from sitrep.extract.timex import event_date, find_times
from sitrep.types import TimeMention

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "dev"
TOLERANCE = {"day": 0, "week": 7, "month": 31, "year": 366}


def date_matches(found: TimeMention | None, gold: dict[str, Any]) -> bool:
    """scoring.md's date rule."""
    if found is None:
        return False
    g0, g1 = date.fromisoformat(gold["start"]), date.fromisoformat(gold["end"])
    if gold.get("precision", "day") == "day":
        return found.date_start == g0 and found.date_end == g1
    slack = timedelta(days=TOLERANCE.get(gold["precision"], 7))
    overlap = found.date_start <= g1 and g0 <= found.date_end
    return overlap and abs(found.date_start - g0) <= slack and abs(found.date_end - g1) <= slack


def gold_min(value: dict[str, Any] | None) -> int | None:
    return value["min"] if value and value.get("min") else None


def found_min(quantity: Any) -> int | None:
    return quantity.min if quantity is not None and quantity.min else None


def read(name: str, limit: int | None) -> list[dict[str, Any]]:
    path = DEV / name
    if not path.exists():
        raise SystemExit(f"missing {path}: the shared dev sets are needed")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


def measure_acled(limit: int | None, misses: int) -> dict[str, Any]:
    rows = read("acled-2020-dev.jsonl", limit)
    date_ok = fat_ok = fat_n = inj_ok = inj_n = 0
    bad_dates: list[str] = []
    bad_fat: list[str] = []
    t0 = time.perf_counter()
    for row in rows:
        doc, gold = row["document"], row["events"][0]
        text = doc["text"]
        published = date.fromisoformat(doc["published"]) if doc.get("published") else None
        when = event_date(find_times(text, published), 0, len(text), text, published)
        if date_matches(when, gold["date"]):
            date_ok += 1
        elif len(bad_dates) < misses:
            bad_dates.append(
                f"{gold['date']} got {when and (when.date_start, when.date_end)} | {text[:160]}"
            )
        cas = find_casualties(text, 0, len(text))
        if gold.get("fatalities_scored", True) is not False:
            fat_n += 1
            if found_min(cas["fatalities"]) == gold_min(gold.get("fatalities")):
                fat_ok += 1
            elif len(bad_fat) < misses:
                bad_fat.append(
                    f"gold {gold_min(gold.get('fatalities'))} got "
                    f"{found_min(cas['fatalities'])} | {text[:300]}"
                )
        if "injuries" in gold:
            inj_n += 1
            inj_ok += found_min(cas["injuries"]) == gold_min(gold.get("injuries"))
    elapsed = time.perf_counter() - t0
    return {
        "docs": len(rows),
        "date": round(date_ok / len(rows), 4),
        "fatalities": round(fat_ok / max(fat_n, 1), 4),
        "fatalities_scored": fat_n,
        "injuries": round(inj_ok / inj_n, 4) if inj_n else None,
        "ms_per_doc": round(1000 * elapsed / max(len(rows), 1), 3),
        "date_misses": bad_dates,
        "fatality_misses": bad_fat,
    }


def _place_sentence(text: str, place: str | list[str] | None) -> tuple[int, int]:
    """The first sentence naming the event's place (case-folded), else the whole story."""
    if isinstance(place, list):
        place = place[0] if place else None
    if place:
        hit = re.search(re.escape(place), text, re.I)
        if hit:
            start = max(text.rfind(". ", 0, hit.start()) + 2, 0)
            end = text.find(". ", hit.end())
            return start, len(text) if end < 0 else end + 1
    return 0, len(text)


def measure_muc(limit: int | None) -> dict[str, Any]:
    rows = read("muc4-dev.jsonl", limit)
    date_n = date_ok = fat_n = fat_ok = 0
    for row in rows:
        doc = row["document"]
        text = doc["text"]
        published = date.fromisoformat(doc["published"]) if doc.get("published") else None
        times = find_times(text, published)
        for gold in row["events"]:
            if gold.get("date"):
                date_n += 1
                date_ok += any(date_matches(t, gold["date"]) for t in times)
            if gold.get("fatalities_scored", True) is False:
                continue
            start, end = _place_sentence(text, (gold.get("location") or {}).get("name"))
            fat_n += 1
            got = found_min(find_casualties(text, start, end)["fatalities"])
            fat_ok += got == gold_min(gold.get("fatalities"))
    return {
        "docs": len(rows),
        "events_with_date": date_n,
        "date_any_mention": round(date_ok / max(date_n, 1), 4),
        "fatalities_sentence_proxy": round(fat_ok / max(fat_n, 1), 4),
        "fatality_events": fat_n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    args = parser.parse_args()
    acled = measure_acled(args.limit, args.misses)
    for key in ("date_misses", "fatality_misses"):
        for line in acled.pop(key):
            print(key[:-7], "|", line)
    print(json.dumps({"acled": acled, "muc4": measure_muc(args.limit)}, indent=2))


if __name__ == "__main__":
    main()
