"""Fuzzing the extractor with hypothesis: short random texts (binary-ish bytes, huge numbers,
dates at the calendar's ends, news-like fragments) give a result or a clear error, never a
crash. The suite runs with SITREP_STRICT, so a component that raises fails the property
instead of hiding behind "no events"."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.extract import extract_documents

# derandomized: CI runs the same examples every time, a few seconds per property
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    "KABUL, March 3 (Reuters) -", "gunmen killed", "soldiers", "were wounded", "in Kunduz",
    "on Monday", "last week", "at least", "more than", "dozens of", "police said", "protesters",
    "an airstrike hit", "the army said", "Dec 31", "Feb 29", "9999", "0000", "-", ",", ".",
    "99999999999999999999999", "1e308", "1,000,000,000,000", "-5", "0.5", "½", "٣",
    "\x00", "\x1b[31m", "\ufeff", "\u202e", "\ud7ff", "<p>", "</script>", "&amp;", "\t", "\n\n",
    "\N{ARABIC LETTER ALEF}", "\N{CJK UNIFIED IDEOGRAPH-4E00}", "\U0001f4a3",
]
texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25).map(" ".join),
    st.text(max_size=120),
    st.binary(max_size=120).map(lambda b: b.decode("latin-1")),
    st.integers(min_value=-(10**40), max_value=10**40).map(
        lambda n: f"KABUL, March 3 - Gunmen killed {n} people and wounded {n} in Kunduz."),
)
published = st.one_of(st.none(), st.sampled_from(
    ["2021-03-04", "0001-01-01", "9999-12-31", "2020-02-29", "not a date", ""]))


@FUZZ
@given(st.lists(st.tuples(texts, published), min_size=1, max_size=3))
def test_any_short_text_gives_a_result_or_its_own_error(stories: list[tuple[str, str | None]]
                                                          ) -> None:
    records = [{"id": f"f{n}", "text": text, "published": when}
               for n, (text, when) in enumerate(stories)]
    results = list(extract_documents(records))
    assert [r["document"]["id"] for r in results] == [r["id"] for r in records]
    for result in results:
        json.dumps(result)  # what the CLI and the store write: it must serialise
        document = result["document"]
        if document.get("error"):
            assert result["events"] == [] and document["exit_code"] in (3, 4, 5)
        for event in result["events"]:
            for field in ("fatalities", "injuries", "crowd_size"):
                if event[field]:
                    low, high = event[field]["min"], event[field]["max"]
                    assert low >= 0 and (high is None or high >= low)
