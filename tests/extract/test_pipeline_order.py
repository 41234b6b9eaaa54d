"""A config whose order gives a component nothing it needs is refused when the pipeline is
built, naming what is missing and who makes it."""

from __future__ import annotations

import pytest

from sitrep.extract.pipeline import Pipeline
from sitrep.extract.registry import PipelineOrderError, check_order, contract


def test_the_shipped_order_gives_every_component_what_it_needs():
    pipeline = Pipeline.from_config()
    check_order(pipeline.names)
    assert pipeline.names[0] == "sentences"


def test_places_after_the_events_that_need_them_is_refused():
    names = Pipeline.from_config().names
    moved = [n for n in names if n != "places"] + ["places"]
    with pytest.raises(PipelineOrderError) as error:
        Pipeline(moved)
    assert "'triggers' needs 'places' (made by places)" in str(error.value)


def test_a_config_without_the_component_that_makes_a_need_is_refused():
    names = [n for n in Pipeline.from_config().names if n != "dates"]
    with pytest.raises(PipelineOrderError, match=r"'events.date' \(made by no component\)"):
        Pipeline(names)


def test_every_component_declares_what_it_assigns():
    for name in Pipeline.from_config().names:
        assert contract(name).assigns, name
