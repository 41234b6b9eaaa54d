"""Hand-built event records shaped as event-record.md, for tests and the API benchmark.

Keeping one builder means tests, benchmark and docs agree on the record shape without running
the extraction pipeline.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

PLACES = [  # name, country, code, admin1, lat, lon
    ("San Salvador", "El Salvador", "SV", "San Salvador", 13.6929, -89.2182),
    ("Soyapango", "El Salvador", "SV", "San Salvador", 13.7347, -89.1514),
    ("San Miguel", "El Salvador", "SV", "San Miguel", 13.4833, -88.1833),
    ("Guatemala City", "Guatemala", "GT", "Guatemala", 14.6349, -90.5069),
    ("Lima", "Peru", "PE", "Lima", -12.0464, -77.0428),
    ("Ayacucho", "Peru", "PE", "Ayacucho", -13.1631, -74.2236),
    ("Bogota", "Colombia", "CO", "Bogota D.C.", 4.7110, -74.0721),
    ("Medellin", "Colombia", "CO", "Antioquia", 6.2442, -75.5812),
    ("Aleppo", "Syria", "SY", "Aleppo", 36.2021, 37.1343),
    ("Kabul", "Afghanistan", "AF", "Kabul", 34.5553, 69.2075),
]
TYPES = [
    ("Battles", "Armed clash", "state_forces", "rebels"),
    ("Violence against civilians", "Attack", "rebels", "civilians"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "rebels", "civilians"),
    ("Protests", "Peaceful protest", "protesters", None),
    ("Strategic developments", "Arrests", "state_forces", "civilians"),
]
ACTOR_NAMES = {"state_forces": "Military Forces", "rebels": "FMLN", "civilians": "Civilians",
               "protesters": "Protesters"}


def quantity(low: int | None, high: int | None, text: str = "") -> dict[str, Any]:
    return {"min": low, "max": high, "text": text or str(low)}


def actor(kind: str, name: str | None = None, label: str | None = None,
          country: str | None = None, inferred: bool = False) -> dict[str, Any]:
    name = name or ACTOR_NAMES.get(kind, kind)
    return {"name": name, "source_label": label or name.lower(), "kind": kind, "country": country,
            "inferred": inferred}


def event(event_id: str, *, event_type: str = "Violence against civilians",
          sub_event_type: str = "Attack", day: str = "1989-11-16", end: str | None = None,
          precision: str = "day", place: str = "San Salvador", district: str | None = None,
          lat: float | None = None, lon: float | None = None,
          actor1: dict[str, Any] | None = None, actor2: dict[str, Any] | None = None,
          fatalities: dict[str, Any] | None = None, injuries: dict[str, Any] | None = None,
          crowd_size: dict[str, Any] | None = None, outlet: str = "Test Wire",
          claimant: str | None = None, party: bool | None = None,
          summary: str | None = None) -> dict[str, Any]:
    """One event record; the place's country and coordinates come from ``PLACES``."""
    name, country, code, admin1, plat, plon = next(
        (p for p in PLACES if p[0] == place), (place, None, None, None, None, None))
    a1 = actor1 if actor1 is not None else actor("state_forces")
    return {
        "event_id": event_id,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "date": {"start": day, "end": end or day, "precision": precision, "text": day},
        "actor1": a1,
        "actor2": actor2,
        "location": {"name": name, "district": district, "admin1": admin1, "country": country,
                     "country_code": code, "lat": plat if lat is None else lat,
                     "lon": plon if lon is None else lon, "geonameid": None, "precision": 1,
                     "text": name},
        "fatalities": fatalities,
        "injuries": injuries,
        "crowd_size": crowd_size,
        "claims": [{"outlet": outlet, "claimant": claimant, "claimant_role": None,
                    "claimant_org": None, "party_to_conflict": party, "quote": None,
                    "evidence": [{"start": 0, "end": 4, "text": "Test", "field": "claimant"}]}],
        "summary": summary or f"On {day}, {a1['name']} attacked in {name}.",
        "evidence": [{"start": 0, "end": 4, "text": "Test", "field": "trigger"}],
    }


def result(doc_id: str, events: list[dict[str, Any]], *, text: str | None = None,
           outlet: str | None = None, published: str = "1989-11-17",
           title: str | None = None) -> dict[str, Any]:
    """A ``{"document", "events"}`` result as the extractor yields it; each document comes
    from an outlet of its own unless ``outlet`` says otherwise."""
    return {
        "document": {
            "id": doc_id, "title": title or f"Story {doc_id}",
            "outlet": outlet or f"Wire {doc_id}",
            "dateline_place": None, "published": published, "published_source": "given",
            "language": "en", "url": f"https://example.org/{doc_id}",
            "text": text or f"Test story {doc_id}. Something happened.", "warnings": [],
        },
        "events": events,
    }


def random_results(n: int, seed: int = 7, per_doc: int = 1, years: int = 10,
                   jitter: float = 0.5) -> list[dict[str, Any]]:
    """``n`` documents with random events from 2000 on, ``jitter`` degrees around towns."""
    rng = random.Random(seed)
    base = date(2000, 1, 1)
    out = []
    for i in range(n):
        events = []
        for k in range(per_doc):
            etype, sub, k1, k2 = rng.choice(TYPES)
            place = rng.choice(PLACES)
            day = (base + timedelta(days=rng.randrange(365 * years))).isoformat()
            deaths = rng.choice([None, 0, 1, 2, 5, 12, 40])
            events.append(event(
                f"syn{i}-{k}", event_type=etype, sub_event_type=sub, day=day, place=place[0],
                lat=place[4] + rng.uniform(-jitter, jitter),
                lon=place[5] + rng.uniform(-jitter, jitter),
                actor1=actor(k1), actor2=actor(k2) if k2 else None,
                fatalities=None if deaths is None else quantity(deaths, deaths),
                outlet=rng.choice(["Wire A", "Wire B", "Radio C"]),
                claimant=rng.choice([None, "army spokesman", "rebel radio"]),
                party=rng.choice([None, True, False])))
        out.append(result(f"syn{i}", events, text=f"Synthetic story number {i}."))
    return out
