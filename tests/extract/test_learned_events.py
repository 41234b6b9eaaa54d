"""The event-sentence detector: what it learns from, that it rebuilds byte for byte, that the
packaged one tells reports from other news, and that it only speaks where the rules found
nothing. Stories and sentences written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from stories import events_of

from sitrep.evaluation.gold import GoldDocument
from sitrep.extract.classifier import load_classifier
from sitrep.extract.detector_training import (
    EVENT,
    NONE,
    detector_rows,
    train_event_detector,
    without_date_lead,
)

REPORTS = [
    "On 4 May 2021, members of a cartel handed out food parcels to families in a market town.",
    "On 5 May 2021, twenty prisoners were freed from a militia jail after talks with elders.",
    "On 6 May 2021, soldiers of the army set up a new base on a hill above the river.",
    "On 7 May 2021, gunmen burned two lorries on the highway north of the capital.",
]
NEWS_WITHOUT_EVENTS = (
    "The finance minister presented the budget to parliament on Tuesday. Economists said the "
    "plan would cut spending on roads and schools next year. The opposition promised to vote "
    "against it when the session resumes in the spring. Markets barely moved after the speech."
)


def gold(doc_id: str, text: str, events: int) -> GoldDocument:
    return GoldDocument(
        document={"id": doc_id, "text": text},
        events=[{"id": f"{doc_id}-{i}"} for i in range(events)],
        dataset="fixture",
    )


def fixture() -> list[GoldDocument]:
    docs = [gold(f"r{i}", text, 1) for i, text in enumerate(REPORTS)]
    return docs + [gold("news", NEWS_WITHOUT_EVENTS, 0)]


def test_reports_are_events_and_sentences_of_eventless_news_are_not():
    rows = detector_rows(fixture())
    assert [label for _, label in rows].count(EVENT) == len(REPORTS)
    assert [label for _, label in rows].count(NONE) == 4  # the four sentences of the news
    # the date lead of a report is not what the model may learn from
    assert rows[0][0].startswith("members of a cartel")
    assert without_date_lead("As reported on 2 May 2022, police arrested") == "police arrested"


def test_training_twice_gives_the_same_bytes(tmp_path: Path):
    for folder in ("a", "b"):
        summary = train_event_detector(fixture(), tmp_path / folder, data=[])
        assert summary is not None and summary["documents"] == 8
    for suffix in (".json", ".npz"):
        first = (tmp_path / "a" / f"event_sentence{suffix}").read_bytes()
        assert first == (tmp_path / "b" / f"event_sentence{suffix}").read_bytes()


def test_no_model_without_both_labels(tmp_path: Path):
    assert train_event_detector(fixture()[:2], tmp_path, data=[]) is None


def test_packaged_detector_tells_reports_from_other_news():
    """A quality floor, not exact scores."""
    model = load_classifier("event_sentence")
    assert model is not None and model.card["held_out"]["accuracy"] > 0.9
    reports = [
        "Members of a armed gang handed out food to residents of the district.",
        "Soldiers abducted three traders at a checkpoint outside the town.",
        "Hundreds of nurses protested outside the health ministry over unpaid wages.",
    ]
    others = [
        "The central bank raised its main interest rate by a quarter point on Thursday.",
        "The football club signed a striker from a rival team for a record fee.",
        "The minister said the new road would open to traffic next spring.",
    ]
    report_scores = [model.scores(t)["event"] for t in reports]
    other_scores = [model.scores(t)["event"] for t in others]
    assert min(report_scores) > max(other_scores)


def run(text: str, published: date = date(2023, 6, 3)) -> list[dict]:
    return events_of(text, published)


def test_an_untriggered_report_gets_an_event_and_plain_news_none():
    events = run(
        "KANO, June 3 - Members of a vigilante group set up checkpoints on roads into the "
        "town of Dutse on Friday and turned back travellers."
    )
    assert len(events) == 1 and events[0]["actor1"] is not None
    assert run("FRANKFURT, June 3 - The central bank raised its interest rate on Friday.") == []


def test_the_detectors_threshold_from_a_config_file_reaches_the_pipe(tmp_path: Path):
    """``sitrep extract --config FILE`` with a threshold no probability reaches: the report
    the shipped threshold finds an event in (no trigger word in it) now has none."""
    from sitrep.extract.pipeline import Pipeline
    from sitrep.ingest import read_text

    story = (
        "KANO, June 3 - Members of a local militia handed out sacks of grain to families in "
        "the town of Dutse on Friday."
    )
    override = tmp_path / "strict.toml"
    override.write_text("[components.learned_events]\nmin_probability = 1.01\n", "utf-8")
    document = read_text(story, doc_id="t", published=date(2023, 6, 3))
    [shipped] = next(Pipeline.from_config().analyze([document])).events
    assert shipped.trigger.text == "handed"  # the sentence's verb: the detector's draft
    document = read_text(story, doc_id="t", published=date(2023, 6, 3))
    assert next(Pipeline.from_config(overrides=override).extract([document]))["events"] == []


def test_a_story_the_rules_read_is_left_as_it_is():
    events = run(
        "MOGADISHU, June 3 - Gunmen killed two traders in a market in Baidoa on Friday, "
        "police said. Members of a clan militia later set up checkpoints around the town."
    )
    assert [e["sub_event_type"] for e in events] == ["Attack"]
