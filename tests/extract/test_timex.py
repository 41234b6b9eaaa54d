"""Time expressions resolved against the publication date (event-record.md time rules)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.extract.timex import event_date, find_times

WED = date(2016, 11, 16)  # a Wednesday
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
TASS = SHARED / "corpus" / "tass-2016-11-16-aleppo.txt"


def _one(text: str, published: date | None) -> tuple[date, date, str]:
    found = find_times(text, published)
    assert len(found) == 1, found
    return found[0].date_start, found[0].date_end, found[0].precision


def test_weekday_is_the_past_one_not_after_publication() -> None:
    assert _one("Militants fired on a rally on Tuesday.", WED) == (
        date(2016, 11, 15),
        date(2016, 11, 15),
        "day",
    )
    assert _one("He spoke on Wednesday.", WED)[0] == WED
    assert _one("It began last Wednesday.", WED)[0] == date(2016, 11, 9)


def test_past_n_days_are_the_days_before_publication() -> None:
    assert _one("Over the past four days crowds gathered.", WED) == (
        date(2016, 11, 12),
        date(2016, 11, 15),
        "week",
    )


def test_past_few_days_end_on_publication_with_week_precision() -> None:
    assert _one("Troops have over the past few days advanced.", WED) == (
        date(2016, 11, 12),
        WED,
        "week",
    )
    assert _one("In recent days they advanced.", WED)[1] == WED


def test_since_beginning_of_last_week_starts_previous_iso_week() -> None:
    assert _one("Since the beginning of last week, eleven protests were held.", WED) == (
        date(2016, 11, 7),
        WED,
        "week",
    )


def test_tass_story_mentions_resolve_as_gold() -> None:
    if not TASS.exists():
        pytest.skip(f"shared corpus not found at {TASS}")
    found = {t.text.lower(): (t.date_start, t.date_end) for t in find_times(TASS.read_text(), WED)}
    assert found["tuesday"] == (date(2016, 11, 15), date(2016, 11, 15))
    assert found["over the past four days"] == (date(2016, 11, 12), date(2016, 11, 15))
    assert found["yesterday"] == (date(2016, 11, 15), date(2016, 11, 15))
    assert "1070" not in " ".join(found) and "eleven" not in " ".join(found)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("On 9 May 2020, police fired.", date(2020, 5, 11), (date(2020, 5, 9),) * 2),
        ("On May 9, 2020 police fired.", date(2020, 5, 11), (date(2020, 5, 9),) * 2),
        ("Dated 2020-05-09 in the log.", date(2020, 5, 11), (date(2020, 5, 9),) * 2),
        ("GUATEMALA CITY, 4 FEB 90 (ACAN-EFE)", None, (date(1990, 2, 4),) * 2),
        ("THE ATTACK ON 02 FEB 90 FAILED", None, (date(1990, 2, 2),) * 2),
        ("THE BOMB EXPLODED ON NOVEMBER 16", date(1989, 11, 20), (date(1989, 11, 16),) * 2),
        (
            "fighting between 27 and 29 April",
            date(2020, 5, 4),
            (date(2020, 4, 27), date(2020, 4, 29)),
        ),
        ("on the night of 3-4 May", date(2020, 5, 9), (date(2020, 5, 3), date(2020, 5, 4))),
        ("clashes in early May", date(2020, 5, 20), (date(2020, 5, 1), date(2020, 5, 10))),
        ("founded in 1989 by", date(2020, 5, 20), (date(1989, 1, 1), date(1989, 12, 31))),
        ("killed 3 days ago", date(2020, 5, 20), (date(2020, 5, 17),) * 2),
        ("clashes last week", WED, (date(2016, 11, 7), date(2016, 11, 13))),
        ("earlier this month", WED, (date(2016, 11, 1), WED)),
        ("attacks last month", WED, (date(2016, 10, 1), date(2016, 10, 31))),
        ("RAIDED LAST NIGHT", WED, (date(2016, 11, 15),) * 2),
    ],
)
def test_absolute_and_relative_forms_resolve(
    text: str, published: date | None, expected: tuple[date, date]
) -> None:
    start, end, _ = _one(text, published)
    assert (start, end) == expected


def test_date_without_year_never_lands_weeks_after_publication() -> None:
    assert _one("The raid on 28 December killed two.", date(2020, 1, 5))[0] == date(2019, 12, 28)


def test_bare_numbers_and_modal_may_are_not_dates() -> None:
    assert find_times("quarter 1070 and eleven protests; they may 10 times", WED) == []


def test_event_date_takes_first_mention_in_span_then_paragraph_then_report_date() -> None:
    text = "On 9 May 2020, gunmen attacked. On 10 May 2020 they left.\n\nTroops moved in."
    pub = date(2020, 5, 11)
    times = find_times(text, pub)
    assert event_date(times, 0, 30, text, pub).date_start == date(2020, 5, 9)
    assert event_date(times, 40, 58, text, pub).date_start == date(2020, 5, 9)
    later = event_date(times, text.index("Troops"), len(text), text, pub)
    assert (later.text, later.date_start, later.date_end, later.precision) == (
        "",
        pub,
        pub,
        "week",
    )
    assert event_date([], 0, 5, "Troops", None) is None


def test_since_a_day_dates_the_period_up_to_the_report() -> None:
    start, end, precision = _one("Fighting has gone on since 8 November in the north.", WED)
    assert (start, end) == (date(2016, 11, 8), WED) and precision == "week"


def test_dates_resolve_for_a_story_published_on_the_last_day_of_the_calendar() -> None:
    """9999-12-31 plus any slack is past date.max: relative dates must clamp, not overflow."""
    last = date(9999, 12, 31)
    text = ("Gunmen attacked a post this week. On December 30 and from 30 December to "
            "31 December, clashes went on; 0 weeks ago and yesterday a bomb exploded.")
    found = {t.text: (t.date_start, t.date_end) for t in find_times(text, last)}
    assert found["this week"] == (date(9999, 12, 27), last)
    assert found["December 30"] == (date(9999, 12, 30), date(9999, 12, 30))
    assert found["30 December to 31 December"] == (date(9999, 12, 30), last)
    assert found["0 weeks ago"][1] == last
    assert found["yesterday"] == (date(9999, 12, 30), date(9999, 12, 30))


def test_a_relative_date_before_the_first_day_of_the_calendar_is_dropped_not_raised() -> None:
    assert [t.text for t in find_times("A bomb exploded yesterday.", date(1, 1, 1))] == []
