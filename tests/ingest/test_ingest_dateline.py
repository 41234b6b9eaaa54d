"""Datelines in their common wire forms -> place, date, outlet and where the story begins."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.ingest import read_text
from sitrep.ingest.dateline import find_dateline, normalize_outlet, parse_dateline_date

BODY = "Government forces shelled the northern district overnight, killing four people."


@pytest.mark.parametrize(
    ("line", "place", "outlet", "month_day", "year"),
    [
        ("MOSCOW, November 16. /TASS/. ", "Moscow", "TASS", (11, 16), None),
        ("BEIRUT (Reuters) - ", "Beirut", "Reuters", None, None),
        ("DAMASCUS, Nov 15 (AP) -- ", "Damascus", "AP", (11, 15), None),
        ("   GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- [TEXT] ", "Guatemala City", "ACAN-EFE",
         (2, 4), 1990),
        ("KABUL, Afghanistan (AP) — ", "Kabul", "AP", None, None),
        ("LONDON, 3 March 2020 (AFP) - ", "London", "AFP", (3, 3), 2020),
        ("Aleppo, 15 November 2016 - ", "Aleppo", None, (11, 15), 2016),
        ("SAN SALVADOR, 23 NOV 89 (ACAN - EFE) -- [TEXT] ", "San Salvador", "ACAN-EFE",
         (11, 23), 1989),
        ("TOKYO (JAPAN), 8 DEC 89 (KYODO) -- [TEXT] ", "Tokyo", "Kyodo", (12, 8), 1989),
        ("BEIJING, Wednesday, Nov. 16 (Xinhua) -- ", "Beijing", "Xinhua", (11, 16), None),
    ],
)
def test_dateline_form_gives_place_outlet_date_and_body_start(
    line: str, place: str, outlet: str | None, month_day: tuple[int, int] | None,
    year: int | None,
) -> None:
    text = line + BODY
    dl = find_dateline(text)
    assert dl is not None
    assert dl.place == place
    assert dl.outlet == outlet
    assert (dl.month, dl.day) == (month_day or (None, None))
    assert dl.year == year
    assert text[dl.end:] == BODY


def test_marker_wrapped_onto_the_next_line_still_ends_the_dateline() -> None:
    text = "   CARACAS (VENEZUELA), 18 MAY 90 (RADIO CARACAS)\n-- [TEXT] " + BODY
    dl = find_dateline(text)
    assert dl is not None and dl.place == "Caracas" and dl.year == 1990
    assert text[dl.end:] == BODY


@pytest.mark.parametrize(
    "text",
    [
        "However, the army said - nothing happened.",
        "On 9 May 2020, 4 journalists were beaten by police.",
        "Yesterday, Nov. 15 - the talks collapsed.",
        BODY,
    ],
)
def test_ordinary_sentences_are_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_is_only_looked_for_near_the_top() -> None:
    paragraphs = "\n\n".join(f"Paragraph {i} of the story goes on here." for i in range(10))
    assert find_dateline(paragraphs + "\n\nBEIRUT (Reuters) - " + BODY) is None


def test_two_digit_year_pivots_to_the_last_century_when_it_would_be_future() -> None:
    assert parse_dateline_date("4 FEB 90", today=date(2024, 1, 1)) == (2, 4, 1990)
    assert parse_dateline_date("4 FEB 20", today=date(2024, 1, 1)) == (2, 4, 2020)
    assert parse_dateline_date("NO DATE") is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Tues., Sept. 3rd", (9, 3, None)),
        ("21st june", (6, 21, None)),
        ("29 Feb", (2, 29, None)),  # a day in some year: the story's year decides later
        ("2016-11-15", (11, 15, 2016)),
        ("Nov. 15, 2016", (11, 15, 2016)),
    ],
)
def test_dateline_date_words_give_month_day_and_any_year(words, expected) -> None:
    assert parse_dateline_date(words) == expected


@pytest.mark.parametrize("words", ["31 April", "Feb 30", "0 March", "2015-02-29", "2020-13-01"])
def test_a_day_no_calendar_has_is_no_date(words) -> None:
    assert parse_dateline_date(words) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("REUTERS", "Reuters"), ("Associated Press", "AP"), ("ACAN - EFE", "ACAN-EFE"),
     ("EL DIARIO DE HOY", "El Diario de Hoy"), ("RADIO CADENA YSU", "Radio Cadena YSU")],
)
def test_outlet_names_are_normalized(raw: str, expected: str) -> None:
    assert normalize_outlet(raw) == expected


def test_dateline_stays_in_text_and_body_start_points_after_it() -> None:
    doc = read_text("DAMASCUS, Nov 15 (AP) -- " + BODY, "d1", published=date(2012, 11, 15))
    assert doc.text.startswith("DAMASCUS, Nov 15 (AP) --")
    assert doc.text[doc.body_start:] == BODY
    assert doc.dateline_place == "Damascus" and doc.outlet == "AP"
    assert doc.published == date(2012, 11, 15) and doc.published_source == "given"
    assert doc.warnings == []


def test_dateline_date_fills_in_when_nothing_else_gives_one() -> None:
    doc = read_text("LONDON, 3 March 2020 (AFP) - " + BODY, "d2")
    assert doc.published == date(2020, 3, 3)
    assert doc.published_source == "dateline"


def test_yearless_dateline_takes_the_year_of_the_given_date() -> None:
    doc = read_text("DAMASCUS, Dec 31 (AP) -- " + BODY, "d3", published=date(2013, 1, 1))
    # 31 December before a 1 January publication belongs to the previous year
    assert doc.published == date(2013, 1, 1)
    assert any("2012-12-31" in w for w in doc.warnings)


def test_given_date_that_disagrees_with_dateline_is_kept_with_a_warning() -> None:
    doc = read_text("LONDON, 3 March 2020 (AFP) - " + BODY, "d4", published=date(2020, 3, 9))
    assert doc.published == date(2020, 3, 9) and doc.published_source == "given"
    assert any("disagrees" in w and "2020-03-03" in w for w in doc.warnings)


def test_yearless_dateline_without_any_date_infers_the_year_and_warns() -> None:
    doc = read_text("DAMASCUS, Nov 15 (AP) -- " + BODY, "d5")
    assert doc.published_source == "inferred"
    assert doc.published is not None and (doc.published.month, doc.published.day) == (11, 15)
    assert doc.published <= date.today()
    assert any(w.startswith("year inferred") for w in doc.warnings)


def test_story_without_dateline_warns_and_keeps_all_text() -> None:
    doc = read_text(BODY, "d6", published=date(2020, 5, 1))
    assert doc.text == BODY and doc.body_start == 0
    assert "no dateline found" in doc.warnings
    assert doc.dateline_place is None


def test_no_date_at_all_leaves_published_empty_with_a_warning() -> None:
    doc = read_text(BODY, "d7")
    assert doc.published is None and doc.published_source is None
    assert "no publication date: relative dates cannot be resolved" in doc.warnings


def test_yearless_dateline_on_a_story_given_the_last_day_of_the_calendar() -> None:
    """The dateline's year search adds a day of slack to the given date: it must not overflow."""
    doc = read_text(f"DAMASCUS, Dec 31 (AP) -- {BODY}", published=date(9999, 12, 31))
    assert doc.published == date(9999, 12, 31)
