"""The learned event-date chooser: it learns from labelled candidates, rebuilds the same bytes,
the packaged one loads and clears its quality floor, a chooser trained on stories that name the
day of the telling and of the deed learns the deed's clause, and an undated event keeps the
report's week. Stories written for these tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from stories import events_of

from sitrep.evaluation.gold import GoldDocument
from sitrep.extract.choice_training import LinearChooser, teaching
from sitrep.extract.classifier import PACKAGED_MODELS
from sitrep.extract.date_choice import MODEL_NAME, DateLayout, load_date_chooser
from sitrep.extract.date_choice_training import collect, train_date_chooser

# (story, its publication day, the day its event happened): each also names a day on which
# nothing happened
STORIES = [
    ("KABUL, May 4 - The ministry said on Wednesday that gunmen killed four officers at a "
     "checkpoint in Kunduz on Monday.", "2022-05-04", "2022-05-02"),
    ("LAGOS, June 9 - Officials on Thursday confirmed that bandits abducted 20 villagers near "
     "Gusau on Sunday.", "2022-06-09", "2022-06-05"),
    ("NAIROBI, Jan 14 - Militants bombed a bus in Mandera on Tuesday, killing six passengers. "
     "The governor spoke about the attack on Friday.", "2022-01-14", "2022-01-11"),
    ("KYIV, Feb 11 - Shelling hit a market in Kharkiv on 8 February, wounding nine people, the "
     "mayor told reporters on Friday.", "2022-02-11", "2022-02-08"),
    ("BOGOTA, March 4 - Guerrillas burned two lorries near Tame on Tuesday. The army announced "
     "an inquiry on Thursday.", "2022-03-04", "2022-03-01"),
    ("ISLAMABAD, April 9 - Police said on Saturday that a roadside bomb had killed three "
     "soldiers in Quetta on Wednesday.", "2022-04-09", "2022-04-06"),
]


def gold_docs() -> list[GoldDocument]:
    return [
        GoldDocument(
            document={"id": f"dated-{i}", "text": text, "published": published},
            events=[{"id": f"dated-{i}-1", "event_type": "Violence against civilians",
                     "date": {"start": day, "end": day, "precision": "day"}}],
            dataset="fixture",
        )
        for i, (text, published, day) in enumerate(STORIES)
    ]


def test_collected_candidates_are_labelled_by_the_scorer():
    choices = list(collect(gold_docs()))
    assert choices, "every story reports an event with candidate dates"
    assert all(len(c.values) == len(c.right) for c in choices)
    assert all(any(c.right) for c in choices), "the event's own day is always a candidate"
    assert teaching(choices), "the stories name days on which nothing happened"


def test_training_twice_gives_the_same_bytes(tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for folder in (first, second):
        assert train_date_chooser(gold_docs(), folder, [], min_teaching=2) is not None
    name = f"{MODEL_NAME}.json"
    assert (first / name).read_bytes() == (second / name).read_bytes()


def test_too_few_teaching_drafts_train_nothing(tmp_path: Path):
    assert train_date_chooser(gold_docs()[:1], tmp_path, [], min_teaching=50) is None
    assert not (tmp_path / f"{MODEL_NAME}.json").exists()


def test_packaged_chooser_loads_with_its_card_and_beats_its_floor():
    chooser = load_date_chooser()
    assert chooser is not None
    meta = json.loads((PACKAGED_MODELS / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    card = meta["card"]
    assert card["training_data"] and all(d["sha256"] for d in card["training_data"])
    held = card["held_out"]
    # a floor, not the exact figure: it must choose well and no worse than the rules
    assert held["accuracy"] >= 0.8
    assert held["accuracy"] >= held["rules_accuracy"] - 0.01


def test_a_chooser_learns_that_the_deeds_clause_dates_it_not_the_telling(tmp_path: Path):
    """Trained on stories whose telling names another day than the deed, the chooser picks
    the deed's day in a story it never saw: the parse tells the two clauses apart."""
    docs = gold_docs()
    assert train_date_chooser(docs[:-1], tmp_path, [], min_teaching=2) is not None
    chooser = json.loads((tmp_path / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    trained = LinearChooser(chooser["weights"], {})
    [unseen] = teaching(collect(docs[-1:]))
    assert unseen.right[trained.best(unseen.values)]
    assert trained.weights["in_other_clause"] < 0


def test_an_undated_event_falls_back_to_the_reports_week_not_to_a_far_day():
    """A chooser that always prefers named days still finds none within reach of an event
    told without one, beyond its few sentences: the report's week dates it."""
    from sitrep.extract.components.dates import rules_date
    from sitrep.extract.config import DEFAULT_CONFIG, component_names, read_toml, settings
    from sitrep.extract.date_choice import draft_candidates
    from sitrep.extract.pipeline import Pipeline
    from sitrep.ingest import read_text

    names = component_names([read_toml(DEFAULT_CONFIG)])
    names = names[: names.index("dates")]
    pipeline = Pipeline(names, settings(names, []))
    filler = " ".join(f"Talks on point {n} went on." for n in range(6))
    story = (f"NAIROBI, May 5 (Wire) - Elections were held on 2 March. {filler}\n\n"
             "Gunmen killed four traders at a market in Garissa.")
    [ctx] = pipeline.analyze([read_text(story, doc_id="t", published=date(2022, 5, 5))])
    [draft] = [d for d in ctx.events if "killed" in story[d.start : d.end]]
    pool, values = draft_candidates(ctx, DateLayout.of(ctx, ctx.times), draft,
                                    rules_date(ctx, draft))
    day_lover = LinearChooser({"precision_day": 10.0, "bias": 1.0}, {})
    best = day_lover.best(values)
    assert pool[best].text == ""
    assert pool[best].precision == "week"


def test_a_back_reference_is_not_dated_by_another_paragraphs_day():
    """'No group has claimed the blast.' alone in its paragraph: the days of the paragraphs
    around it are no candidates, so it keeps the bombing's date and joins it."""
    story = ("KABUL, March 3 (Wire) - Militants attacked a checkpoint in Kunduz on Monday, "
             "killing six soldiers, the ministry said.\n\n"
             "A roadside bomb killed four civilians in Lashkar Gah on Sunday, police said.\n\n"
             "No group has claimed responsibility for the blast.")
    bombings = [e for e in events_of(story, date(2026, 3, 3))
                if e["sub_event_type"] == "Remote explosive/landmine/IED"]
    assert len(bombings) == 1
    assert bombings[0]["date"]["start"] == "2026-03-01"
