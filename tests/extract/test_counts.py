"""Counts as ranges and casualty / crowd figures (event-record.md ranges)."""

from __future__ import annotations

import pytest

from sitrep.extract.counts import find_casualties, find_crowd_size, parse_count


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("27", (27, 27)),
        ("dozens", (24, None)),
        ("hundreds", (200, None)),
        ("at least 10", (10, None)),
        ("more than 1,500", (1501, None)),
        ("up to 30", (0, 30)),
        ("a", (1, 1)),
        ("two", (2, 2)),
        ("1-2", (1, 2)),
        ("scores", (40, None)),
        ("several", (3, None)),
        ("a dozen", (12, 12)),
        ("twenty-seven", (27, 27)),
        ("two hundred", (200, 200)),
        ("between 18 to 20", (18, 20)),
    ],
)
def test_parse_count_gives_the_documented_range(phrase: str, expected: tuple) -> None:
    assert parse_count(phrase) == expected


def test_parse_count_rejects_words_that_are_not_numbers() -> None:
    assert parse_count("militants") is None


@pytest.mark.parametrize("phrase", ["9999999999999999999999999", "9" * 400, "5000 million",
                                    "1,000,000,000,001"])
def test_a_number_past_a_billion_is_no_count(phrase: str) -> None:
    """An ID or a typo, not a toll: it would overflow the store's 64-bit integers (found by
    the ingest fuzz test) or a float (400 digits)."""
    assert parse_count(phrase) is None
    killed, _ = _tolls(f"Gunmen killed {phrase} people in the town.")
    assert killed is None or all(v is None or v <= 10**9 for v in killed)


def _tolls(text: str) -> tuple:
    cas = find_casualties(text, 0, len(text))
    f, i = cas["fatalities"], cas["injuries"]
    return (f and (f.min, f.max)), (i and (i.min, i.max))


@pytest.mark.parametrize(
    ("text", "fatalities", "injuries"),
    [
        ("Gunmen fired, killing 27 people and wounding hundreds.", (27, 27), (200, None)),
        (
            "The attack led to the killing of 3 militants and 1-2 policemen, in Nawabad.",
            (4, 5),
            None,
        ),
        ("On 2 May 2020, 1 civilian killed and 1 injured in the blast.", (1, 1), (1, 1)),
        ("12 Taliban militants and 3 Arbakis were killed.", (15, 15), None),
        ("Two soldiers were shot dead at the gate.", (2, 2), None),
        ("Five people died in the fire.", (5, 5), None),
        ("The bodies of 5 men were found.", (5, 5), None),
        ("THE ATTACK RESULTED IN THE DEATH OF A CIVILIAN.", (1, 1), None),
        ("HE REPORTED THAT GUERRILLAS KILLED A PEASANT IN FLORES.", (1, 1), None),
        ("A judge was murdered in his office.", (1, 1), None),
        ("Civilians are killed by landmines every day.", (1, None), None),
        ("Clashes left 3 fatalities, as two men were shot dead.", (3, 3), None),
        ("a 25-year-old man was killed on 27 April 2020", (1, 1), None),
    ],
)
def test_casualty_forms_are_counted(
    text: str, fatalities: tuple | None, injuries: tuple | None
) -> None:
    assert _tolls(text) == (fatalities, injuries)


@pytest.mark.parametrize(
    "text",
    [
        "On 9 May 2020, 4 journalists were beaten and arrested.",
        "The group threatened to kill 5 journalists.",
        "Police foiled the attempted killing of 2 officials.",
        "No casualties were reported.",
        "No one was killed in quarter 1070.",
        "On 9 May 2020 militants killed nobody.",
    ],
)
def test_no_death_means_no_fatalities(text: str) -> None:
    assert find_casualties(text, 0, len(text))["fatalities"] is None


def test_casualty_offsets_index_the_full_text() -> None:
    text = "Intro sentence. Rebels attacked, killing 4 soldiers."
    start = text.index("Rebels")
    fat = find_casualties(text, start, len(text))["fatalities"]
    assert fat is not None and text[fat.start : fat.end] == fat.text and "4" in fat.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Over the past four days more than 1,500 citizens took to the streets.", (1501, None)),
        ("Around 200 protesters gathered outside.", (200, 200)),
        ("Hundreds of demonstrators marched in the capital.", (200, None)),
        ("On 27 April 2020, dozens held a demonstration.", (24, None)),
    ],
)
def test_crowd_size_is_found(text: str, expected: tuple) -> None:
    crowd = find_crowd_size(text, 0, len(text))
    assert crowd is not None and (crowd.min, crowd.max) == expected


def test_no_crowd_without_a_count() -> None:
    assert find_crowd_size("Protesters gathered on 9 May 2020.", 0, 33) is None
