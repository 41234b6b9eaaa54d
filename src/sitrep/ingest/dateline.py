"""Wire-style datelines: ``MOSCOW, November 16. /TASS/.``, ``BEIRUT (Reuters) -`` and kin.

The dateline tells us where the story was filed, by which agency and often on what day; it is
the fallback publication date and the default location. Its forms are conventional enough for
one regular expression, and so are the date words inside it: a month name, a day and perhaps a
weekday or a year, read here without a date library (dateparser costs a cold start 0.3 s or more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?i:day)?\.?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_WEEKDAY},?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?"  # November 16 / Nov. 15, 2016
    rf"|\d{{1,2}}{_ORD}\s+{_MONTH}(?:,?\s+(?:\d{{4}}|\d{{2}})(?!\d))?"  # 4 FEB 90 / 3 March 2020
    r"|\d{4}-\d{2}-\d{2}"
    r"|(?i:no\s+date))"
)
# a place word: GUATEMALA, Gaza, AL-BAB, St. ; lower-case particles inside names are allowed
_WORD = r"[A-Z][A-Za-z'’.\-]*"
_PARTICLE = r"(?:de|del|la|es|el|al|of|the|da|do|dos|las|los)"
_PLACE = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{0,3}}"
_OUTLET = r"[A-Za-z][A-Za-z0-9 .&'’\-/]{0,39}"
_MARK = r"(?:--|—|–|-|:)"
_GAP = r"[ \t]*(?:\n[ \t]*)?"  # wire copy sometimes wraps before the marker
# words that start sentences, not datelines ("Yesterday, Nov. 15 -")
_NOT_PLACES = {
    "on", "in", "at", "by", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "updated", "posted", "published", "last",
}

_DATELINE_RE = re.compile(
    rf"""
    ^[ \t]*(?P<place>{_PLACE})
    (?:[ \t]*\((?P<country>[A-Z][A-Za-z .\-]{{1,40}})\))?       # TOKYO (JAPAN)
    (?:,[ \t]*(?!{_DATE})(?P<region>{_PLACE}))?                  # KABUL, Afghanistan
    (?:
        ,[ \t]*(?P<date1>{_DATE})[ \t]*(?:\((?P<outlet1>{_OUTLET})\))?{_GAP}{_MARK}
      | ,[ \t]*(?P<date2>{_DATE})\.?[ \t]*/(?P<outlet2>{_OUTLET})/\.?
      | [ \t]*\((?P<outlet3>{_OUTLET})\){_GAP}{_MARK}
      | [ \t]*\.?[ \t]*/(?P<outlet4>{_OUTLET})/\.?
    )
    (?P<tags>(?:\s*\[[^\[\]]{{1,300}}\]){{0,5}})                 # MUC: -- [TEXT]
    [ \t]*
    """,
    re.MULTILINE | re.VERBOSE,
)

# how many non-empty lines from the top may precede the dateline (title, standfirst, byline)
MAX_LINES_BEFORE = 6

_KNOWN_OUTLETS = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "tass": "TASS",
    "itar-tass": "TASS",
    "xinhua": "Xinhua",
    "upi": "UPI",
    "dpa": "DPA",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "interfax": "Interfax",
    "ria novosti": "RIA Novosti",
    "anadolu": "Anadolu",
    "bbc": "BBC",
    "cnn": "CNN",
}
_FUNCTION_WORDS = {"de", "del", "la", "el", "y", "of", "the", "and", "es", "da", "do", "des"}
# short words of outlet names that are not acronyms (EL DIARIO DE HOY, O GLOBO)
_SHORT_WORDS = _FUNCTION_WORDS | {"el", "los", "las", "hoy", "san", "sur", "en", "o", "e", "new"}
# dataset conventions for "the place is not known"
_NO_PLACE = {"no city", "no place", "clandestine", "unknown", "n/a"}


@dataclass
class Dateline:
    """A dateline found in the text; ``start``/``end`` index into the text searched."""

    start: int  # where the place name begins
    end: int  # just after the marker (and any bracketed header tags): the story proper
    place: str | None
    outlet: str | None
    date_text: str | None
    month: int | None = None
    day: int | None = None
    year: int | None = None  # None when the dateline gives no year


def find_dateline(text: str, max_lines_before: int = MAX_LINES_BEFORE) -> Dateline | None:
    """The first dateline at the start of one of the first lines of ``text``, if any."""
    pos = 0
    seen = 0
    while pos < len(text) and seen <= max_lines_before:
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if text[pos:line_end].strip():
            found = _match_at(text, pos)
            if found is not None:
                return found
            seen += 1
        pos = line_end + 1
    return None


def _match_at(text: str, pos: int) -> Dateline | None:
    m = _DATELINE_RE.match(text, pos)
    if m is None:
        return None
    place_raw = m.group("place")
    if place_raw.split()[0].lower().rstrip(".") in _NOT_PLACES:
        return None
    date_text = m.group("date1") or m.group("date2")
    outlet = next((m.group(g) for g in ("outlet1", "outlet2", "outlet3", "outlet4") if m.group(g)),
                  None)
    dl = Dateline(
        start=m.start("place"),
        end=m.end(),
        place=normalize_place(place_raw),
        outlet=normalize_outlet(outlet) if outlet else None,
        date_text=date_text,
    )
    if date_text:
        parsed = parse_dateline_date(date_text)
        if parsed is not None:
            dl.month, dl.day, dl.year = parsed
    return dl


def parse_dateline_date(text: str, today: date | None = None) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) from dateline date words; 2-digit years pivot on today."""
    words = " ".join(text.split())
    if re.fullmatch(r"(?i:no\s+date)", words):
        return None
    year: int | None = None
    m = re.search(rf"\d{_ORD}\s+{_MONTH},?\s+(\d{{4}}|\d{{2}})$", words) or re.search(
        rf"{_MONTH}\s+\d{{1,2}}{_ORD},?\s+(\d{{4}})$", words
    )
    if m:
        digits = m.group(1)
        year = int(digits) if len(digits) == 4 else _pivot_two_digit(int(digits), today)
        words = words[: m.start(1)].rstrip(" ,")
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", words)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        calendar_year = year
    else:
        words = _LEADING_WEEKDAY.sub("", words, count=1)
        found = _MONTH_DAY.fullmatch(words) or _DAY_MONTH.fullmatch(words)
        if found is None:
            return None
        month = _MONTHS[found.group("month").lower().rstrip(".")]
        day = int(found.group("day"))
        calendar_year = 2000  # a leap year, so that "29 Feb" is a day whatever the real year
    try:
        date(calendar_year, month, day)
    except ValueError:
        return None
    return month, day, year


_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}
_LEADING_WEEKDAY = re.compile(rf"{_WEEKDAY},?\s+")
_MONTH_WORD = rf"(?P<month>{_MONTH})"
_MONTH_DAY = re.compile(rf"{_MONTH_WORD}\s+(?P<day>\d{{1,2}}){_ORD}", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"(?P<day>\d{{1,2}}){_ORD}\s+{_MONTH_WORD}", re.IGNORECASE)


def _pivot_two_digit(yy: int, today: date | None) -> int:
    """'90' -> 1990, '20' -> 2020: a two-digit year is never more than a year ahead of today."""
    now = (today or date.today()).year
    year = 2000 + yy
    return year if year <= now + 1 else 1900 + yy


def normalize_place(raw: str | None) -> str | None:
    """'GUATEMALA CITY' -> 'Guatemala City'; 'MANAGUA (NICARAGUA)' -> 'Managua'."""
    if not raw:
        return None
    name = re.sub(r"\s*\(.*?\)\s*", " ", raw)
    name = " ".join(name.split()).strip(" ,.-")
    if not name or name.lower() in _NO_PLACE:
        return None
    if name != name.upper():  # already mixed case: the source knows best
        return name
    return _title(name)


def normalize_outlet(raw: str | None) -> str | None:
    """'ACAN - EFE' -> 'ACAN-EFE', 'REUTERS' -> 'Reuters', 'Associated Press' -> 'AP'."""
    if not raw:
        return None
    name = " ".join(raw.split())
    name = re.sub(r"\s*-\s*", "-", name).strip(" .")
    known = _KNOWN_OUTLETS.get(name.lower())
    if known:
        return known
    if name != name.upper():
        return name
    if " " not in name and len(name) <= 8:  # an acronym such as ACAN-EFE or SANA
        return name
    words = name.split()
    return " ".join(
        w.lower() if i and w.lower() in _FUNCTION_WORDS
        else w if len(w) <= 3 and w.lower() not in _SHORT_WORDS
        else _title(w)
        for i, w in enumerate(words)
    )


def _title(text: str) -> str:
    words = []
    for i, word in enumerate(text.split()):
        low = word.lower()
        if i and low in _FUNCTION_WORDS:
            words.append(low)
        else:
            words.append("-".join(p[:1].upper() + p[1:] for p in low.split("-")))
    return " ".join(words)
