"""Time expressions in news text, resolved against the publication date.

Rules, not a date library, find the expressions: dateparser has no ranges ("over the past four
days") and false-hits bare numbers ("block 17", "eleven"), and recognizers-text is too slow
for the pipeline (0.5 s an article). Each rule captures day, month and year as groups, so
turning a match into a date needs no further parsing. Word lists live in data/time_words.json.
Matching ignores case because MUC-4 stories are upper case.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from sitrep.types import TimeMention

# A date without a year that would land this far after publication belongs to the year before.
FUTURE_SLACK_DAYS = 30


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    raw = resources.files("sitrep.data").joinpath("time_words.json").read_text("utf-8")
    return json.loads(raw)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    raw = resources.files("sitrep.data").joinpath("numbers.json").read_text("utf-8")
    units = json.loads(raw)["units"]
    return {w: n for w, n in units.items() if 0 < n <= 90 and w not in ("no", "both", "dozen")}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


Resolver = Callable[[re.Match[str], date | None], tuple[date, date, str] | None]


@lru_cache(maxsize=1)
def _rules() -> list[tuple[re.Pattern[str], Resolver]]:
    w = _words()
    full = {n: max((k for k, v in w["months"].items() if v == n), key=len) for n in range(1, 13)}
    abbrevs = [k for k in w["months"] if k not in full.values()]
    dot = "|".join(f"(?<={a})" for a in abbrevs)  # "Feb." keeps its dot, "February." not
    mon = rf"(?P<m>{_alt(list(w['months']))})\b(?:(?:{dot})\.)?"
    wd = _alt(list(w["weekdays"]))
    wdpre = rf"(?:(?:{wd}),?\s+(?:the\s+)?)?"
    day = r"(?P<d>[0-3]?\d)(?!\d)(?:st|nd|rd|th)?"
    day2 = r"(?:\s*(?:-|–|to|and|&)\s*(?P<d2>[0-3]?\d)(?!\d)(?:st|nd|rd|th)?)?"
    year = r"(?P<y>(?:1[89]|20)\d\d|'?\d\d)(?![\d:])"
    num = rf"(?P<n>\d{{1,3}}|{_alt(list(_number_words()))})"
    part = r"(?:(?P<part>early|mid|late|end of|the end of|beginning of|the beginning of)[\s-]+)"
    return [
        (
            re.compile(
                r"\b(?P<core>(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d))"
                r"(?![\d-])",
                re.I,
            ),
            _iso,
        ),
        (
            re.compile(rf"\b(?P<core>{wdpre}{day}{day2}\s+(?:of\s+)?{mon}(?:,?\s*{year})?)", re.I),
            _day_month,
        ),
        (
            re.compile(
                rf"\b(?P<core>{wdpre}{mon}\s+{day}(?:\s*(?:-|–)\s*(?P<d2>[0-3]?\d)(?!\d))?"
                r"(?:,?\s+(?P<y>(?:19|20)\d\d)(?!\d))?)",
                re.I,
            ),
            _day_month,
        ),
        (re.compile(rf"\b(?P<core>{part}?{mon},?\s+(?P<y>(?:19|20)\d\d)(?!\d))", re.I), _month),
        (
            re.compile(
                rf"\b(?:(?:in|during|since|until|throughout)\s+)(?P<core>{part}?{mon})"
                r"(?!\s*\d)",
                re.I,
            ),
            _month,
        ),
        (re.compile(rf"\b(?P<core>{part}{mon})(?!\s*\d)", re.I), _month),
        (
            re.compile(
                r"\b(?:in|during|since|throughout)\s+(?P<core>(?P<y>(?:19|20)\d\d))(?![\d-])", re.I
            ),
            _year,
        ),
        (
            re.compile(
                rf"\b(?P<core>(?:(?P<rel>last|this past|past|previous)\s+)?(?P<wd>{wd})"
                r"(?:\s+(?:morning|afternoon|evening|night))?)\b",
                re.I,
            ),
            _weekday,
        ),
        (
            re.compile(
                r"\b(?P<core>the day before yesterday|yesterday|last night|last evening|"
                r"overnight|tonight|today|this (?:morning|afternoon|evening)|earlier today)\b",
                re.I,
            ),
            _relday,
        ),
        (
            re.compile(rf"\b(?P<core>{num}\s+(?P<u>days?|weeks?|months?|years?)\s+ago)\b", re.I),
            _ago,
        ),
        (
            re.compile(
                r"\b(?P<core>(?:(?:over|in|during|within|for|throughout)\s+)?(?:the\s+)?"
                r"(?:past|last|previous)\s+(?:(?P<n>\d{1,3}|[a-z]+(?: of)?)\s+)?"
                r"(?P<u>days|weeks|months|years|day|week|month|year|24 hours|48 hours))\b",
                re.I,
            ),
            _past,
        ),
        (re.compile(r"\b(?P<core>(?:in\s+)?recent\s+(?P<u>days|weeks|months))\b", re.I), _recent),
        (
            re.compile(
                r"\b(?P<core>since\s+the\s+(?:beginning|start)\s+of\s+(?:the\s+)?"
                r"(?P<rel>last|this|past|previous|current)?\s*(?P<u>week|month|year))\b",
                re.I,
            ),
            _since_start,
        ),
        (
            re.compile(
                r"\b(?P<core>(?P<rel>last|this|earlier this|later this|previous)\s+"
                r"(?P<u>week|month|year|weekend))\b",
                re.I,
            ),
            _calendar_unit,
        ),
    ]


def _number(token: str | None) -> int | None:
    if token is None:
        return None
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _number_words().get(token)


def _year_of(raw: str | None, published: date | None) -> int | None:
    if not raw:
        return None
    raw = raw.lstrip("'")
    if len(raw) == 4:
        return int(raw)
    yy = int(raw)
    century = (published.year // 100 * 100) if published else 1900
    guess = century + yy
    if published and guess > published.year + 1:
        guess -= 100
    return guess


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _days_after(later: date, earlier: date) -> int:
    """Days from ``earlier`` to ``later``; subtracting, unlike adding, cannot overflow."""
    return (later - earlier).days


def _add_days(day: date, days: int) -> date:
    """``day`` plus ``days``, held at date.max so a story dated 9999-12-31 still resolves."""
    return day + timedelta(days=days) if (date.max - day).days >= days else date.max


def _place_year(m: int, d: int, published: date | None) -> date | None:
    """Dates without a year take the publication year, or the year before if that is future."""
    if published is None:
        return None
    found = _safe(published.year, m, d)
    if found and _days_after(found, published) > FUTURE_SLACK_DAYS:
        found = _safe(published.year - 1, m, d)
    return found


def _month_no(match: re.Match[str]) -> int:
    return _words()["months"][match.group("m").lower().rstrip(".")]


def _iso(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    found = _safe(int(match["y"]), int(match["mo"]), int(match["d"]))
    return (found, found, "day") if found else None


def _day_month(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    m = _month_no(match)
    d, d2 = int(match["d"]), match.group("d2")
    y = _year_of(match.group("y"), published)
    if (
        y is not None
        and published
        and _safe(y, m, d)
        and _days_after(_safe(y, m, d), published) > FUTURE_SLACK_DAYS
    ):
        y = None  # a two-digit "year" that is really a count: "on 3 May 20 people died"
    start = _safe(y, m, d) if y is not None else _place_year(m, d, published)
    if start is None:
        return None
    end = _safe(start.year, m, int(d2)) if d2 else start
    if end is None or end < start:
        return None
    return start, end, "day" if end == start else "week"


def _month_span(y: int, m: int, part: str | None) -> tuple[date, date]:
    last = calendar.monthrange(y, m)[1]
    part = (part or "").lower()
    if part == "early" or "beginning" in part:
        return date(y, m, 1), date(y, m, 10)
    if part == "mid":
        return date(y, m, 11), date(y, m, 20)
    if part == "late" or "end" in part:
        return date(y, m, 21), date(y, m, last)
    return date(y, m, 1), date(y, m, last)


def _month(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    m = _month_no(match)
    raw_y = match.groupdict().get("y")
    if raw_y:
        y = int(raw_y)
    elif published:
        first = _place_year(m, 1, published)
        y = first.year if first else published.year
    else:
        return None
    start, end = _month_span(y, m, match.group("part"))
    return start, end, "month"


def _year(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    y = int(match["y"])
    return date(y, 1, 1), date(y, 12, 31), "year"


def _weekday(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    if published is None:
        return None
    target = _words()["weekdays"][match["wd"].lower()]
    back = (published.weekday() - target) % 7
    if back == 0 and match.group("rel"):
        back = 7  # "last Wednesday" in a Wednesday story is a week ago
    found = published - timedelta(days=back)
    return found, found, "day"


def _relday(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    if published is None:
        return None
    phrase = match["core"].lower()
    back = 2 if "before" in phrase else 1 if phrase.startswith(("yesterday", "last", "over")) else 0
    found = published - timedelta(days=back)
    return found, found, "day"


def _precision(start: date, end: date) -> str:
    days = (end - start).days
    return "day" if days == 0 else "week" if days <= 14 else "month" if days <= 62 else "year"


def _ago(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    n = _number(match["n"])
    if published is None or n is None:
        return None
    unit = match["u"].lower().rstrip("s")
    if unit == "day":
        found = published - timedelta(days=n)
        return found, found, "day"
    if unit == "week":
        mid = published - timedelta(days=7 * n)
        return mid - timedelta(days=3), min(_add_days(mid, 3), published), "week"
    if unit == "month":
        y, m = divmod(published.year * 12 + published.month - 1 - n, 12)
        return (*_month_span(y, m + 1, None), "month")
    return date(published.year - n, 1, 1), date(published.year - n, 12, 31), "year"


def _past(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    if published is None:
        return None
    core = match["core"].lower()
    anchored = re.match(r"(?:over|in|during|within|for|throughout|the|past)\b", core)
    if not anchored:
        return None  # "last week" without "the" is the calendar week: _calendar_unit
    unit = match["u"].lower()
    if unit.endswith("hours"):
        return published - timedelta(days=1), published, "day"
    raw = (match.group("n") or "").lower()
    vague = raw.startswith(("few", "several", "couple", "recent"))
    n = 1 if not raw else None if vague else _number(raw)
    if n is None and not vague:
        return None
    days_per = _words()["units"][unit]
    if vague:
        span = _words()["few_days"] * days_per
        return published - timedelta(days=span), published, "week" if span <= 14 else "month"
    if days_per == 1:
        start, end = published - timedelta(days=n), published - timedelta(days=1)
    else:
        start, end = published - timedelta(days=n * days_per), published
    return start, end, "week" if (end - start).days <= 14 else _precision(start, end)


def _recent(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    if published is None:
        return None
    span = _words()["few_days"] * _words()["units"][match["u"].lower()]
    start = published - timedelta(days=span)
    return start, published, "week" if span <= 14 else _precision(start, published)


def _unit_start(unit: str, rel: str, published: date) -> tuple[date, date]:
    """The calendar unit ("week", "month", "year") named by rel, as (first day, last day)."""
    back = rel in ("last", "previous", "past")
    if unit == "week":
        monday = published - timedelta(days=published.weekday() + (7 if back else 0))
        return monday, _add_days(monday, 6)
    if unit == "month":
        y, m = published.year, published.month
        if back:
            y, m = (y - 1, 12) if m == 1 else (y, m - 1)
        return _month_span(y, m, None)
    y = published.year - (1 if back else 0)
    return date(y, 1, 1), date(y, 12, 31)


def _since_start(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    if published is None:
        return None
    unit = match["u"].lower()
    start, _ = _unit_start(unit, (match.group("rel") or "this").lower(), published)
    return start, published, unit


def _calendar_unit(match: re.Match[str], published: date | None) -> tuple[date, date, str] | None:
    if published is None:
        return None
    unit, rel = match["u"].lower(), match["rel"].lower()
    if unit == "weekend":
        if rel != "last":
            return None
        sunday = published - timedelta(days=(published.weekday() + 1) % 7 or 7)
        return sunday - timedelta(days=1), sunday, "week"
    start, end = _unit_start(unit, rel, published)
    return start, min(end, published), unit


_CAPITALIZED = re.compile(r"^[A-Z]")


def _month_ok(match: re.Match[str], text_is_upper: bool) -> bool:
    """In mixed-case text a month or weekday must be capitalized: "they may 10" is no date."""
    if text_is_upper:
        return True
    for group in ("m", "wd"):
        if match.groupdict().get(group) and not _CAPITALIZED.match(match.group(group)):
            return False
    return True


_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s*$", re.I)


def _merge_ranges(text: str, found: list[TimeMention]) -> list[TimeMention]:
    """Join "from 27 April to 2 May" / "30 April - 2 May" into one range mention."""
    out: list[TimeMention] = []
    for tm in found:
        prev = out[-1] if out else None
        if (
            prev
            and prev.precision == tm.precision == "day"
            and _RANGE_JOIN.match(text[prev.end : tm.start])
            and (
                text[prev.end : tm.start].strip() not in ("and", "AND")
                or _RANGE_OPEN.search(text[max(0, prev.start - 12) : prev.start])
            )
            and 0 < _days_after(tm.date_start, prev.date_start) <= 62
        ):
            out[-1] = TimeMention(
                prev.start,
                tm.end,
                text[prev.start : tm.end],
                prev.date_start,
                tm.date_end,
                _precision(prev.date_start, tm.date_end),
            )
            continue
        out.append(tm)
    return out


def find_times(text: str, published: date | None, spacy_doc: Any = None) -> list[TimeMention]:
    """All time expressions in ``text`` in reading order, resolved against ``published``.

    Relative expressions and dates without a year need ``published``; without it only dates
    that carry their year are returned. ``spacy_doc`` is accepted for the pipeline's calling
    convention but unused: the small model's DATE spans add nothing the rules miss.
    """
    del spacy_doc
    upper = text.isupper()
    candidates: list[tuple[int, int, tuple[date, date, str]]] = []
    for pattern, resolve in _rules():
        for match in pattern.finditer(text):
            if not _month_ok(match, upper):
                continue
            try:
                resolved = resolve(match, published)
            except OverflowError:
                continue  # a day past the calendar's end (9999-12-31): drop it, keep the rest
            if resolved is not None:
                candidates.append((match.start("core"), match.end("core"), resolved))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[TimeMention] = []
    taken_to = -1
    for start, end, (d0, d1, precision) in candidates:
        if start < taken_to:
            continue
        kept.append(TimeMention(start, end, text[start:end], d0, d1, precision))
        taken_to = end
    return [_since(text, tm, published) for tm in _merge_ranges(text, kept)]


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


def _since(text: str, tm: TimeMention, published: date | None) -> TimeMention:
    """ "clashes that have taken place since 11 November": from that day to the report's,
    not the day itself (which would date a whole campaign to its first day)."""
    if tm.precision != "day" or published is None or not tm.date_end < published:
        return tm
    window = max(0, tm.start - 12)
    since = _SINCE.search(text[window : tm.start])
    if since is None:
        return tm
    start = window + since.start()
    return TimeMention(
        start,
        tm.end,
        text[start : tm.end],
        tm.date_start,
        published,
        _precision(tm.date_start, published),
    )


def _paragraph_start(text: str, pos: int) -> int:
    cut = text.rfind("\n\n", 0, pos)
    return 0 if cut < 0 else cut + 2


def event_date(
    times: list[TimeMention], start: int, end: int, text: str, published: date | None
) -> TimeMention | None:
    """The date of the event told by ``text[start:end]``.

    Order of evidence: the first time mention inside the span (ACLED's "On 9 May 2020, ..."
    and "Reported on 28 April 2020" open the summary), else the nearest mention before the
    span in its paragraph, else ACLED's convention for an undated report: the report's date
    with precision "week" (the event happened in the days up to it). That fallback has text
    "" so that nobody takes it for a date the story gave. Without a publication date and
    without a mention, there is no date: None.
    """
    inside = [t for t in times if start <= t.start < end]
    if inside:
        return min(inside, key=lambda t: t.start)
    para = _paragraph_start(text, start)
    before = [t for t in times if para <= t.start and t.end <= start]
    if before:
        return max(before, key=lambda t: t.start)
    return report_week(start, published)


def report_week(start: int, published: date | None) -> TimeMention | None:
    """ACLED's date for an undated report: the week up to the report's day, told by no words
    (text ""), at ``start``; None without a publication date."""
    if published is None:
        return None
    return TimeMention(start, start, "", published, published, "week")
