"""The components are spaCy pipes: a config whose order gives a pipe nothing it needs is
refused by ``nlp.analyze_pipes()`` when the pipeline is built, naming what is missing and who
makes it."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import ConfigError
from sitrep.extract.config import DEFAULT_CONFIG, component_names, read_toml
from sitrep.extract.context import EVENT_DATES, PLACES, TIMES, Context
from sitrep.extract.pipeline import Pipeline
from sitrep.extract.registry import PipelineOrderError, contract
from sitrep.ingest import read_text
from sitrep.nlp import load_nlp


def shipped_names() -> list[str]:
    return component_names([read_toml(DEFAULT_CONFIG)])


def test_the_shipped_order_gives_every_pipe_what_it_needs():
    pipeline = Pipeline.from_config()
    assert not any(pipeline.nlp.analyze_pipes()["problems"].values())
    assert pipeline.names[0] == "sentences"


def test_the_spacy_pipe_names_are_the_components_in_config_order():
    pipeline = Pipeline.from_config()
    assert pipeline.nlp.pipe_names == shipped_names()
    assert [pipeline.nlp.get_pipe_meta(n).factory for n in shipped_names()] == [
        f"sitrep_{n}" for n in shipped_names()
    ]


def test_dates_before_times_is_refused_naming_the_missing_time_mentions():
    names = shipped_names()
    moved = [n for n in names if n != "times"]
    moved.insert(moved.index("dates") + 1, "times")
    with pytest.raises(PipelineOrderError) as error:
        Pipeline(moved)
    assert f"'dates' needs '{TIMES}' (made by times)" in str(error.value)


def test_places_after_the_events_that_need_them_is_refused():
    moved = [n for n in shipped_names() if n != "places"] + ["places"]
    with pytest.raises(PipelineOrderError) as error:
        Pipeline(moved)
    assert f"'triggers' needs '{PLACES}' (made by places)" in str(error.value)


def test_a_config_without_the_component_that_makes_a_need_is_refused():
    names = [n for n in shipped_names() if n != "dates"]
    with pytest.raises(PipelineOrderError, match=rf"'{EVENT_DATES}' \(made by no component\)"):
        Pipeline(names)


def test_a_component_named_twice_is_refused():
    with pytest.raises(ConfigError, match="names sentences more than once"):
        Pipeline(["sentences", "times", "sentences"])


def test_every_component_declares_what_it_assigns_as_doc_extensions():
    for name in shipped_names():
        assigns = contract(name).assigns
        assert assigns and all(a.startswith("doc._.sitrep_") for a in assigns), name


def test_spacy_runs_the_pipes_on_a_parsed_doc_and_the_doc_carries_what_they_made():
    """``nlp(doc)`` as spaCy calls it, with no sitrep loop around it: the events, and each
    field the later pipes declared they need, are read from ``doc._``."""
    text = "Gunmen killed two farmers in Kunduz on 2 March 2021, police said."
    document = read_text(text, doc_id="t", published=date(2021, 3, 4))
    doc = load_nlp()(text)
    doc._.sitrep_document = document
    doc = Pipeline.from_config().nlp(doc)
    [draft] = doc._.sitrep_events
    assert doc._.sitrep_event_types == [("Violence against civilians", "Attack")]
    assert doc._.sitrep_event_dates == [draft.time] and draft.time.date_start == date(2021, 3, 2)
    assert [p.place.name for p in doc._.sitrep_event_places] == ["Kunduz"]
    assert doc._.sitrep_event_summaries == [draft.summary] and "Kunduz" in draft.summary
    assert doc._.sitrep_focus_country == "AF"


def test_the_context_is_a_view_of_the_docs_extensions_each_doc_with_its_own_lists():
    first, second = load_nlp()("Police fired tear gas."), load_nlp()("Crowds gathered.")
    ctx = Context(first, read_text("Police fired tear gas.", doc_id="t"))
    assert ctx.document is first._.sitrep_document and ctx.document.id == "t"
    ctx.attributions.append((0, 6))
    assert first._.sitrep_attributions == [(0, 6)] and ctx.in_attribution(0, 6)
    assert second._.sitrep_attributions == [] and Context(second).attributions == []
    first._.sitrep_focus_country = "KE"
    assert ctx.focus_country == "KE" and Context(second).focus_country is None
    ctx.events = []
    assert first._.sitrep_events is ctx.events
