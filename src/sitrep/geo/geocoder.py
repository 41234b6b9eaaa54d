"""The pipeline's entry point for places: mentions in a story, and where each event happened."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from sitrep.geo.fold import fold_name, strip_accents
from sitrep.geo.index import KIND_RANK, Entry, Gazetteer
from sitrep.geo.ranker import mark_fragments
from sitrep.geo.resolve import Context, choose, story_context
from sitrep.geo.spans import (
    DIRECTION_CITY,
    NEAR,
    PART_OF,
    THE_CITY,
    common_words,
    doc_is_upper,
    english_words,
    gazetteer_spans,
    pattern_spans,
)
from sitrep.geo.unlisted import unlisted_before
from sitrep.types import Document, Place, PlaceMention

_PARAGRAPH = re.compile(r"\n\s*\n")
_NOT_NAME = {"VERB", "AUX", "ADP", "DET", "ADJ", "PRON", "NUM", "ADV", "SCONJ", "CCONJ", "PART"}


@dataclass
class GeoMention(PlaceMention):
    """A PlaceMention plus what locate_event needs: how specific and how place-like it is."""

    rank: int = 0
    locative: bool = False
    hint: bool = False  # a bracketed qualifier such as "(Mbuji-Mayi, Kasai-Oriental)"
    qualified: bool = False  # followed by such a qualifier: ACLED's "X (district, province)"


def _place(entry: Entry, district: str | None = None, precision: int = 1,
           parent: Entry | None = None) -> Place:
    feature = {"admin1": "admin1", "admin2": "admin2", "country": "country"}.get(entry.kind, "city")
    if district:
        feature = "district"
    if entry.kind in ("admin1", "country"):
        precision = 3
    elif entry.kind == "admin2":
        precision = max(precision, 2)
    name = strip_accents(entry.name)
    if parent is not None:
        district, name, feature = district or entry.name, strip_accents(parent.name), "district"
    admin1 = strip_accents(entry.admin1) if entry.admin1 else None
    admin2 = strip_accents(entry.admin2) if entry.admin2 and entry.kind != "admin1" else None
    admin3 = strip_accents(entry.admin3) if entry.admin3 and admin2 else None
    return Place(
        name=name, country=entry.country, country_code=entry.country_code, admin1=admin1,
        district=district, lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid,
        precision=precision, feature=feature, admin2=admin2, admin3=admin3,
    )


class Geocoder:
    """Finds place mentions and picks each event's place; one per process via ``default``."""

    _default: Geocoder | None = None
    _lock = threading.Lock()

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._common = common_words()

    @classmethod
    def default(cls) -> Geocoder:
        with cls._lock:
            if cls._default is None:
                cls._default = cls(Gazetteer.open())
            return cls._default

    @classmethod
    def from_path(cls, path: Path) -> Geocoder:
        return cls(Gazetteer.open(path))

    def lookup(self, name: str, country_code: str | None = None) -> list[Place]:
        found = self.gazetteer.lookup(name, country_code)
        found.sort(key=lambda e: (e.kind == "country", e.main, e.population), reverse=True)
        return [self._place(e) for e in found]

    def _place(self, entry: Entry, district: str | None = None, precision: int = 1) -> Place:
        parent = None
        if entry.kind in ("district", "landmark") and entry.parent_id is not None:
            parent = self.gazetteer.get(entry.parent_id)
        return _place(entry, district, precision, parent)

    # -- mentions ---------------------------------------------------------------------------

    def find_places(self, document: Document, spacy_doc) -> list[PlaceMention]:
        """Every place the story names, resolved, in text order (districts included)."""
        text = document.text
        upper = doc_is_upper(text)
        gaz = self.gazetteer
        raw = gazetteer_spans(spacy_doc, gaz.has_key, self._common, upper, gaz.starts_key,
                              english_words() if upper else frozenset())
        mark_fragments(text, raw, upper)
        ctx = story_context(text, raw, gaz, upper)
        if upper and document.dateline_place:
            _dateline_vote(document.dateline_place, gaz, ctx)
        chosen = choose(raw, gaz, ctx, upper)
        mentions: list[GeoMention] = []
        # a name in brackets is itself a qualifier, never the place qualified; all-caps wire
        # copy qualifies every town it names, the event's or not
        qualified = set() if upper else {s.hint_for for s in raw if s.hint_for is not None
                     and not text[:raw[s.hint_for].start].rstrip().endswith("(")}
        for idx, (span, entry) in enumerate(zip(raw, chosen, strict=True)):
            if entry is None:
                continue
            if entry.kind == "country" and _modifies_noun(span, spacy_doc):
                continue  # "TWO U.S. CITIZENS", "the U.S. embassy": whose, not where
            start, district, precision = span.start, None, 1
            before = text[max(0, start - 40):start]
            if entry.kind == "city":
                if m := DIRECTION_CITY.search(before):
                    start = start - len(before) + m.start(1)
                    district, precision = text[start:span.end], 2
                elif m := PART_OF.search(before):
                    start, precision = start - len(before) + m.start(0) + 1, 2
                    start = start + text[start:span.end].find("the") if "the" in text[
                        start:span.end] else start
            if NEAR.search(before):
                precision = max(precision, 2)
            place = self._place(entry, district, precision)
            rank = KIND_RANK.get(entry.kind, 0)
            if span.extra.get("fallback") and entry.kind == "city":
                # a part of the named city the gazetteer lacks: the city, with that district
                place.district, place.precision = text[span.start:span.end], 2
                rank = KIND_RANK["district"]
            elif span.extra.get("fallback"):
                # a village the gazetteer lacks, placed at its named district / province
                place.name, place.district = text[span.start:span.end], None
                rank = KIND_RANK["city"]
                place.precision = 2 if entry.kind == "admin2" else 3
            mentions.append(GeoMention(
                start, span.end, text[start:span.end], place, rank=rank,
                locative=span.locative and not span.extra.get("origin"),
                hint=span.hint_for is not None,
                qualified=idx in qualified))
            if entry.kind == "admin2" and span.place_noun in ("district", "county", "lga"):
                mentions[-1].rank = 4
        mentions = self._unlisted(text, upper, mentions)
        mentions.extend(self._city_parts(text, upper, mentions, spacy_doc))
        mentions.sort(key=lambda m: (m.start, -m.end))
        return _drop_overlaps(mentions)

    def _unlisted(self, text: str, upper: bool, found: list[GeoMention]) -> list[GeoMention]:
        """Add the unknown hamlet named before each subdivision ("AT EL ROBLE CANTON, MORAZAN
        DEPARTMENT"); a same-named town of another country there gives way to it."""
        out: list[GeoMention] = []
        for m in found:
            if m.place.feature not in ("admin1", "admin2"):
                out.append(m)
                continue
            prev = out[-1] if out else None
            replace = prev is not None and prev.place.feature == "city" and (
                prev.place.country_code != m.place.country_code
                or m.place.feature == "admin1" and prev.place.admin1 != m.place.admin1)
            # a replaceable town is the name itself: look past it to its preposition
            if prev is None:
                floor = 0
            elif replace:
                floor = out[-2].end if len(out) > 1 else 0
            else:
                floor = prev.end
            span = unlisted_before(text, m.start, upper, self._common, floor)
            if span is not None and upper and text[span[0]:span[1]].lower() in english_words():
                span = None  # all-caps "WANT PEACE IN COLOMBIA": one English word, no hamlet
            if span is not None and replace:
                if span == (prev.start, prev.end):
                    out.pop()
                elif span[0] < prev.end:
                    span = None
            if span is not None:
                words = text[span[0]:span[1]]
                place = Place(**{**m.place.__dict__, "name": " ".join(words.split()),
                                 "district": None,
                                 "precision": 2 if m.place.feature == "admin2" else 3})
                out.append(GeoMention(span[0], span[1], words, place, rank=KIND_RANK["city"],
                                      locative=True))
            out.append(m)
        return out

    def _city_parts(self, text: str, upper: bool, found: list[GeoMention],
                    spacy_doc=None) -> list[GeoMention]:
        """Districts and "the city" references, attached to the city the passage is about."""
        cities = [m for m in found if m.place.feature in ("city", "district") and not m.hint]
        extra: list[GeoMention] = []
        taken = [(m.start, m.end) for m in found]
        focus = _focus(cities)
        for kind, start, end, words in pattern_spans(text, upper):
            if kind == "quarter":
                start, words = self._quarter_name(spacy_doc, start, end - len(
                    text[start:end].rsplit(" ", 1)[-1]) - 1)
                known = any(m.start < start + len(words) and m.end > start for m in cities)
                city = _context_city(cities, start, text) or focus
                if words and not known and city is not None:
                    place = Place(**{**city.place.__dict__, "district": words, "precision": 2,
                                     "feature": "district"})
                    extra.append(GeoMention(start, end, text[start:end], place, rank=5,
                                            locative=True))
                continue
            if any(s <= start < e or s < end <= e for s, e in taken):
                inside = [m for m in cities if start <= m.start and m.end <= end]
                if not inside or end - start <= inside[0].end - inside[0].start:
                    continue
                city = inside[0]
                near = _context_city(cities, start, text) or focus
                if kind == "neighbourhood":
                    city = focus or near  # "Colonia Jacinto Lopez" of Leon: not of Lopez
                elif near is not None and near.place.country_code != city.place.country_code:
                    city = near
            elif kind == "neighbourhood":
                city = focus or _context_city(cities, start, text)  # the story's city
            else:
                city = _context_city(cities, start, text) or focus
            if city is None or words.lower() in self._common:
                continue
            place = Place(**{**city.place.__dict__, "district": words, "precision": 2,
                             "feature": "district"})
            extra.append(GeoMention(start, end, words, place, rank=5, locative=True))
            taken.append((start, end))
        for match in THE_CITY.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            city = _context_city(cities, match.start(), text, same_paragraph=False) or focus
            if city is None:
                continue
            precision = 2 if PART_OF.search(text[max(0, match.start() - 40):match.start()]) else 1
            place = Place(**{**city.place.__dict__, "district": None, "precision": precision,
                             "feature": "city"})
            extra.append(GeoMention(match.start(), match.end(), match.group(0), place, rank=4))
        return extra

    @staticmethod
    def _quarter_name(spacy_doc, start: int, end: int) -> tuple[int, str]:
        """The name part of an all-caps quarter match: its trailing run of name-like tokens
        ("DESTROYED EL ROBLE", "ENTER THE EL ROBLE", "LIMA RESIDENTIAL")."""
        span = spacy_doc.char_span(start, end, alignment_mode="expand") if spacy_doc else None
        if span is None:
            return start, ""
        kept = []
        for tok in reversed(span):
            if tok.is_stop or tok.pos_ in _NOT_NAME or not tok.text[:1].isalpha():
                break
            kept.insert(0, tok)
        if not kept:
            return start, ""
        first = kept[0].idx
        return first, spacy_doc.text[first:kept[-1].idx + len(kept[-1].text)].upper()

    # -- events -----------------------------------------------------------------------------

    def locate_event(self, mentions: list[PlaceMention], start: int, end: int,
                     document: Document, spacy_doc=None,
                     focus_country: str | None = None) -> PlaceMention | None:
        """The place of an event spanning text[start:end]: its own words, then its paragraph,
        then the story's focus city, then a place in the country the story is about. The
        dateline city counts only if the story is about it."""
        body = [m for m in mentions if m.start >= document.body_start
                and not getattr(m, "hint", False)]
        inside = [m for m in body if start <= m.start and m.end <= end]
        best = _best(inside)
        if best is not None and getattr(best, "rank", 4) >= 3:
            return best
        para_start, para_end = _paragraph(document.text, start, end)
        para = [m for m in body if para_start <= m.start < para_end]
        # the story's city is one of the country it is about: a court in Atlanta that a story
        # of Colombian extraditions names once is not where its Colombian killings happened
        focus = _focus([m for m in body if getattr(m, "rank", 4) >= 4 and (
            focus_country is None or m.place.country_code == focus_country)])
        for pool in (para, [focus] if focus else []):
            candidate = _best([m for m in pool if best is None or _within(m, best)])
            if candidate is not None and getattr(candidate, "rank", 4) >= 3:
                return candidate
        if best is not None:
            return best
        # a story of El Salvador that names Panama once in passing happened in El Salvador
        home = [m for m in body if m.place.country_code == focus_country]
        filed = [m for m in mentions if m.start < document.body_start
                 and m.place.country_code == focus_country]
        return _best(home) or (filed[0] if filed else None) or _best(body) or (
            mentions[0] if mentions else None)


def _dateline_vote(dateline: str, gaz: Gazetteer, ctx: Context) -> None:
    """Wire copy ("SAN SALVADOR, 16 NOV 89 (DPA) --") files from the country it reports on;
    the dateline's country outweighs a stray foreign name. The bracketed country of
    "MANAGUA (NICARAGUA)" is in the dateline words too, so each name is looked up."""
    for part in re.split(r"[(),]", dateline):
        cands = [e for e in gaz.candidates(fold_name(part)) if e.kind in ("city", "country")]
        if cands:
            best = max(cands, key=lambda e: (e.kind == "country", e.main, e.population))
            ctx.countries[best.country_code] += 6
            return


def _modifies_noun(span, spacy_doc) -> bool:
    """A country name that premodifies a noun ("U.S. citizens", "Israel Defense Forces")
    says whose the thing is, not where anything happened; "in the U.S. capital" still places."""
    if span.locative or spacy_doc is None:
        return False
    words = spacy_doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    last = words[-1]
    return (last.dep_ in ("compound", "nmod", "amod") and last.head.i > last.i
            and last.head.pos_ in ("NOUN", "PROPN") and last.head.i - last.i <= 3)


def _within(mention: PlaceMention, region: PlaceMention) -> bool:
    """True when ``mention`` lies in the country/admin1 that ``region`` names."""
    if mention.place.country_code != region.place.country_code:
        return False
    if region.place.feature == "admin1":
        return mention.place.admin1 == region.place.admin1
    return True


def _best(pool: list[PlaceMention]) -> PlaceMention | None:
    if not pool:
        return None
    # same rank: the place the text qualifies ("X (district, province)") is the one it
    # locates; an unqualified same-named town ("Y area of X city (X, Z)") is a part of it
    return max(pool, key=lambda m: (getattr(m, "rank", 4), getattr(m, "qualified", False),
                                    getattr(m, "locative", False), -m.start))


def _focus(cities: list[PlaceMention]) -> PlaceMention | None:
    """The city the story names most (first named on ties)."""
    if not cities:
        return None
    counts: dict[tuple, int] = {}
    for m in cities:
        key = (m.place.name, m.place.country_code)
        counts[key] = counts.get(key, 0) + 1
    top = max(counts.values())
    for m in cities:
        if counts[(m.place.name, m.place.country_code)] == top:
            return m
    return None


def _context_city(cities: list[PlaceMention], pos: int, text: str,
                  same_paragraph: bool = True) -> PlaceMention | None:
    before = [m for m in cities if m.end <= pos]
    if same_paragraph:
        para_start, _ = _paragraph(text, pos, pos)
        before = [m for m in before if m.start >= para_start]
    return before[-1] if before else None


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    para_start = 0
    for match in _PARAGRAPH.finditer(text):
        if match.end() <= start:
            para_start = match.end()
        elif match.start() >= end:
            return para_start, match.start()
    return para_start, len(text)


def _drop_overlaps(mentions: list[GeoMention]) -> list[PlaceMention]:
    kept: list[GeoMention] = []
    for m in mentions:
        if kept and m.start < kept[-1].end:
            if (m.end - m.start, m.rank) > (kept[-1].end - kept[-1].start, kept[-1].rank):
                kept[-1] = m
            continue
        kept.append(m)
    return list(kept)
