"""Hand-written extraction results for the web page test.

Each record is shaped as `sitrep.extract.extract_documents` yields it: `{"document", "events"}`.
Evidence offsets are computed from the text with `_span` so they cannot drift from it.
"""

from __future__ import annotations


def _span(text: str, phrase: str, field: str, nth: int = 0) -> dict:
    """The evidence span of the nth occurrence of `phrase` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return {"start": start, "end": start + len(phrase), "text": phrase, "field": field}


def _figure(lo: int | None, hi: int | None, text: str) -> dict:
    return {"min": lo, "max": hi, "text": text}


def _actor(name: str, label: str, kind: str, country: str | None) -> dict:
    return {"name": name, "source_label": label, "kind": kind, "country": country}


def _location(name, admin1, country, code, lat, lon, text) -> dict:
    return {
        "name": name, "district": None, "admin1": admin1, "country": country,
        "country_code": code, "lat": lat, "lon": lon, "geonameid": None, "precision": 1,
        "text": text,
    }


def _date(day: str, text: str) -> dict:
    return {"start": day, "end": day, "precision": "day", "text": text}


AIRSTRIKE_TEXT = (
    "Airstrikes hit the market town of Maarat al-Numan on Tuesday, killing at least 12 "
    "civilians, the Syrian Observatory for Human Rights said. \"The planes came twice and the "
    "second strike hit the people who ran to help,\" said Rami Abdulrahman, the head of the "
    "monitoring group. A local civil defence worker put the toll at 15 dead."
)
AIRSTRIKE_TEXT_2 = (
    "State media said army aircraft struck militant positions near Maarat al-Numan on Tuesday "
    "and denied that any civilians were hurt. Opposition activists reported 9 people killed in "
    "the raid."
)
PROTEST_TEXT = (
    "More than 2,000 people marched through central Nairobi on Monday to protest against a "
    "new finance bill. Police fired tear gas at the crowd near parliament and 4 protesters "
    "were injured, a Red Cross spokesperson said."
)
CLASH_TEXT = (
    "Fighters of the Islamic State clashed with Iraqi army troops near Tal Afar on Sunday. "
    "Six soldiers were killed in the fighting, an army officer told reporters."
)


def _airstrike_records() -> list[dict]:
    t1, t2 = AIRSTRIKE_TEXT, AIRSTRIKE_TEXT_2
    base = {
        "event_id": "evt-airstrike-maarat",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "date": _date("2019-05-14", "on Tuesday"),
        "actor1": _actor("Military Forces of Syria", "Airstrikes", "state_forces", "SY"),
        "actor2": _actor("Civilians (Syria)", "civilians", "civilians", "SY"),
        "location": _location("Maarat al-Numan", "Idlib", "Syria", "SY", 35.64, 36.67,
                              "Maarat al-Numan"),
        "injuries": None,
        "crowd_size": None,
        "summary": "On 14 May 2019, Syrian military aircraft struck the market in Maarat "
                   "al-Numan (Idlib); between 9 and 15 people were reported killed.",
    }
    claim1 = {
        "outlet": "Example Wire", "claimant": "Rami Abdulrahman",
        "claimant_role": "head", "claimant_org": "Syrian Observatory for Human Rights",
        "party_to_conflict": False,
        "quote": "The planes came twice and the second strike hit the people who ran to help,",
        "evidence": [_span(t1, "Rami Abdulrahman", "claimant"),
                     _span(t1, "The planes came twice and the second strike hit the people "
                               "who ran to help,", "quote")],
    }
    claim2 = {
        "outlet": "Example Wire", "claimant": None, "claimant_role": "civil defence worker",
        "claimant_org": None, "party_to_conflict": False, "quote": None,
        "evidence": [_span(t1, "A local civil defence worker", "claimant")],
    }
    claim3 = {
        "outlet": "Daily Example", "claimant": None, "claimant_role": None,
        "claimant_org": "State media", "party_to_conflict": True, "quote": None,
        "evidence": [_span(t2, "State media", "claimant")],
    }
    ev1 = dict(base, fatalities=_figure(12, 15, "at least 12 civilians"), claims=[claim1, claim2],
               evidence=[_span(t1, "Airstrikes hit", "trigger"), _span(t1, "Airstrikes", "actor1"),
                         _span(t1, "Maarat al-Numan", "location"),
                         _span(t1, "on Tuesday", "date"),
                         _span(t1, "killing at least 12 civilians", "fatalities"),
                         _span(t1, "15 dead", "fatalities")])
    ev2 = dict(base, fatalities=_figure(9, 9, "9 people killed"), claims=[claim3],
               evidence=[_span(t2, "army aircraft struck", "trigger"),
                         _span(t2, "army aircraft", "actor1"),
                         _span(t2, "Maarat al-Numan", "location"),
                         _span(t2, "on Tuesday", "date"),
                         _span(t2, "9 people killed", "fatalities")])
    return [
        {"document": {"id": "doc-wire-1", "title": "Airstrikes kill civilians in Idlib market",
                      "outlet": "Example Wire", "published": "2019-05-15",
                      "url": "https://example.org/wire/1", "language": "en", "text": t1,
                      "warnings": []},
         "events": [ev1]},
        {"document": {"id": "doc-daily-2", "title": "Army says strikes hit militants",
                      "outlet": "Daily Example", "published": "2019-05-15",
                      "url": "https://example.org/daily/2", "language": "en", "text": t2,
                      "warnings": ["year inferred"]},
         "events": [ev2]},
    ]


def _protest_record() -> dict:
    t = PROTEST_TEXT
    event = {
        "event_id": "evt-protest-nairobi",
        "event_type": "Protests",
        "sub_event_type": "Protest with intervention",
        "date": _date("2024-06-17", "on Monday"),
        "actor1": _actor("Protesters (Kenya)", "people", "protesters", "KE"),
        "actor2": _actor("Police Forces of Kenya", "Police", "state_forces", "KE"),
        "location": _location("Nairobi", "Nairobi", "Kenya", "KE", -1.29, 36.82, "Nairobi"),
        "fatalities": None,
        "injuries": _figure(4, 4, "4 protesters were injured"),
        "crowd_size": _figure(2001, None, "More than 2,000 people"),
        "claims": [{"outlet": "Example Wire", "claimant": None,
                    "claimant_role": "spokesperson", "claimant_org": "Red Cross",
                    "party_to_conflict": False, "quote": None,
                    "evidence": [_span(t, "a Red Cross spokesperson", "claimant")]}],
        "summary": "On 17 June 2024, more than 2,000 people protested in Nairobi against a "
                   "finance bill; police fired tear gas and 4 protesters were injured.",
        "evidence": [_span(t, "marched", "trigger"),
                     _span(t, "More than 2,000 people", "crowd_size"),
                     _span(t, "Nairobi", "location"), _span(t, "on Monday", "date"),
                     _span(t, "Police", "actor2"),
                     _span(t, "4 protesters were injured", "injuries")],
    }
    return {"document": {"id": "doc-wire-3", "title": "Thousands protest finance bill",
                         "outlet": "Example Wire", "published": "2024-06-17",
                         "url": "https://example.org/wire/3", "language": "en", "text": t,
                         "warnings": []},
            "events": [event]}


def _clash_record() -> dict:
    t = CLASH_TEXT
    event = {
        "event_id": "evt-clash-talafar",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "date": _date("2016-11-13", "on Sunday"),
        "actor1": _actor("Islamic State", "Fighters of the Islamic State", "rebels", None),
        "actor2": _actor("Military Forces of Iraq", "Iraqi army troops", "state_forces", "IQ"),
        "location": _location("Tal Afar", "Nineveh", "Iraq", "IQ", 36.38, 42.45, "Tal Afar"),
        "fatalities": _figure(6, 6, "Six soldiers were killed"),
        "injuries": None,
        "crowd_size": None,
        "claims": [{"outlet": "Example Wire", "claimant": None, "claimant_role": "army officer",
                    "claimant_org": "Iraqi army", "party_to_conflict": True, "quote": None,
                    "evidence": [_span(t, "an army officer", "claimant")]}],
        "summary": "On 13 November 2016, Islamic State fighters clashed with the Iraqi army "
                   "near Tal Afar (Nineveh); 6 soldiers were killed.",
        "evidence": [_span(t, "clashed", "trigger"),
                     _span(t, "Fighters of the Islamic State", "actor1"),
                     _span(t, "Iraqi army troops", "actor2"), _span(t, "Tal Afar", "location"),
                     _span(t, "on Sunday", "date"),
                     _span(t, "Six soldiers were killed", "fatalities")],
    }
    return {"document": {"id": "doc-wire-4", "title": "IS fighters clash with army near Tal Afar",
                         "outlet": "Example Wire", "published": "2016-11-14",
                         "url": "https://example.org/wire/4", "language": "en", "text": t,
                         "warnings": []},
            "events": [event]}


def sample_records() -> list[dict]:
    """Four documents, three distinct events (the airstrike is reported twice)."""
    return [*_airstrike_records(), _protest_record(), _clash_record()]


TOLL_TEXT = (
    "Shelling struck a bus depot in Kramatorsk on Friday and 7 people were killed, "
    "regional officials said."
)
TOLL_TEXT_2 = (
    "Seven people died when shells landed on the Kramatorsk bus depot on Friday, a hospital "
    "doctor said."
)


def agreeing_records() -> list[dict]:
    """Two outlets report one shelling with the same toll, so the sources agree."""
    reports = []
    for doc_id, outlet, text, toll in (("doc-agree-1", "Example Wire", TOLL_TEXT,
                                        "7 people were killed"),
                                       ("doc-agree-2", "Daily Example", TOLL_TEXT_2,
                                        "Seven people died")):
        event = {
            "event_id": "evt-shelling-kramatorsk",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "date": _date("2023-03-10", "on Friday"),
            "actor1": None, "actor2": None,
            "location": _location("Kramatorsk", "Donetsk", "Ukraine", "UA", 48.72, 37.56,
                                  "Kramatorsk"),
            "fatalities": _figure(7, 7, toll), "injuries": None, "crowd_size": None,
            "claims": [],
            "summary": "On 10 March 2023, shelling hit a bus depot in Kramatorsk; 7 killed.",
            "evidence": [_span(text, "Kramatorsk", "location"), _span(text, toll, "fatalities")],
        }
        reports.append({"document": {"id": doc_id, "title": "Shelling hits Kramatorsk depot",
                                     "outlet": outlet, "published": "2023-03-10",
                                     "url": None, "language": "en", "text": text,
                                     "warnings": []},
                        "events": [event]})
    return reports


def dated_records(days: list[str]) -> list[dict]:
    """One short protest story per day, each in its own town (so none merge)."""
    records = []
    for n, day in enumerate(days):
        town = f"Town {n}"
        text = f"About 300 people protested in {town} over water prices."
        event = {
            "event_id": f"evt-day-{n}", "event_type": "Protests",
            "sub_event_type": "Peaceful protest", "date": _date(day, None),
            "actor1": _actor("Protesters", "people", "protesters", None), "actor2": None,
            # a grid of points a few degrees apart
            "location": _location(town, None, "Chile", "CL", -30.0 - 2 * (n % 5),
                                  -71.0 + 2 * (n // 5), town),
            "fatalities": None, "injuries": None,
            "crowd_size": _figure(300, 300, "About 300 people"), "claims": [],
            "summary": f"On {day}, about 300 people protested in {town} over water prices.",
            "evidence": [_span(text, "protested", "trigger"), _span(text, town, "location")],
        }
        records.append({"document": {"id": f"doc-day-{n}", "title": f"Protest in {town}",
                                     "outlet": "Example Wire", "published": day, "url": None,
                                     "language": "en", "text": text, "warnings": []},
                        "events": [event]})
    return records


def record_at(name: str, country: str, code: str, lat: float, lon: float) -> dict:
    """The Tal Afar clash story moved to another place (for views of the map there)."""
    record = _clash_record()
    event = record["events"][0]
    event["location"] = _location(name, None, country, code, lat, lon, "Tal Afar")
    return record
