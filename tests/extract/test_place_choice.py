"""The learned event-place chooser (opt-in: ``[components.locations] learned_choice``): it
rebuilds the same bytes, the packaged one loads and clears its quality floor, and it keeps an
event at the place its own sentence names. Stories written for these tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from stories import events_of

from sitrep.evaluation.gold import GoldDocument
from sitrep.extract import extract_documents
from sitrep.extract.choice_training import teaching
from sitrep.extract.classifier import PACKAGED_MODELS
from sitrep.extract.place_choice import MODEL_NAME, load_place_chooser
from sitrep.extract.place_choice_training import collect, train_place_chooser

# (story, the town its event happened in): each also names a place where nothing happened
STORIES = [
    ("KABUL, May 3 - Gunmen attacked a police checkpoint in Kunduz on Monday, killing four "
     "officers. The wounded were later flown to Mazar-i-Sharif.", "Kunduz", "AF"),
    ("LAGOS, June 2 - Bandits abducted 20 villagers near Gusau on Sunday, officials said. "
     "Relatives gathered in Kaduna to wait for news.", "Gusau", "NG"),
    ("NAIROBI, Jan 9 - Militants bombed a bus in Mandera on Friday, killing six passengers. "
     "The governor flew back from Nairobi after the attack.", "Mandera", "KE"),
    ("KYIV, Feb 11 - Shelling hit a market in Kharkiv on Tuesday, wounding nine people. "
     "Aid trucks left Lviv for the east the next day.", "Kharkiv", "UA"),
    ("BOGOTA, March 4 - Guerrillas burned two lorries near Tame on Wednesday, the army said. "
     "The drivers were taken to a clinic in Arauca.", "Tame", "CO"),
    ("ISLAMABAD, April 7 - A roadside bomb killed three soldiers in Quetta on Thursday. "
     "Their bodies were flown to Rawalpindi for burial.", "Quetta", "PK"),
]


def gold_docs() -> list[GoldDocument]:
    return [
        GoldDocument(
            document={"id": f"story-{i}", "text": text, "published": "2022-06-10"},
            events=[{"id": f"story-{i}-1", "event_type": "Violence against civilians",
                     "location": {"name": town, "country_code": country}}],
            dataset="fixture",
        )
        for i, (text, town, country) in enumerate(STORIES)
    ]


def test_collected_candidates_are_labelled_by_the_scorer():
    choices = list(collect(gold_docs()))
    assert choices, "every story reports an event with candidate places"
    assert all(len(c.values) == len(c.right) for c in choices)
    # the event's town is a candidate and is right; the other places of the story are wrong
    assert all(any(c.right) for c in choices)
    assert teaching(choices), "the stories name places where nothing happened"


def test_training_twice_gives_the_same_bytes(tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for folder in (first, second):
        trained = train_place_chooser(gold_docs(), folder, [], min_teaching=2)
        assert trained is not None
    name = f"{MODEL_NAME}.json"
    assert (first / name).read_bytes() == (second / name).read_bytes()


def test_too_few_teaching_drafts_train_nothing(tmp_path: Path):
    assert train_place_chooser(gold_docs()[:1], tmp_path, [], min_teaching=50) is None
    assert not (tmp_path / f"{MODEL_NAME}.json").exists()


def test_packaged_chooser_loads_with_its_card_and_beats_its_floor():
    chooser = load_place_chooser()
    assert chooser is not None
    meta = json.loads((PACKAGED_MODELS / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    card = meta["card"]
    assert card["training_data"] and all(d["sha256"] for d in card["training_data"])
    held = card["held_out"]
    # a floor, not the exact figure: it must choose well and no worse than the rules
    assert held["accuracy"] >= 0.75
    assert held["accuracy"] >= held["rules_accuracy"] - 0.01


STORY = (
    "NAIROBI, May 5 (Wire) - Gunmen killed four traders at a market in Garissa on "
    "Tuesday, police said. Their bodies were taken to Nairobi the next day."
)


def killings(events: list[dict]) -> list[dict]:
    return [e for e in events if e["fatalities"] and e["fatalities"]["min"] == 4]


def test_a_killing_stays_where_its_own_sentence_puts_it():
    found = killings(events_of(STORY, date(2022, 5, 5)))
    assert found
    assert {e["location"]["name"] for e in found} == {"Garissa"}


def test_the_learned_choice_is_a_setting_and_keeps_the_killing_at_its_place(tmp_path: Path):
    """Switched on by config, the chooser still places the killing where its sentence says,
    not at the dateline's capital nor where the bodies were taken."""
    config = tmp_path / "learned.toml"
    config.write_text("[components.locations]\nlearned_choice = true\n", encoding="utf-8")
    record = {"id": "t", "text": STORY, "published": "2022-05-05"}
    found = killings(next(extract_documents([record], config=config))["events"])
    assert found
    assert {e["location"]["name"] for e in found} == {"Garissa"}


def test_the_chooser_never_leaves_the_events_own_paragraph_for_a_far_place():
    """Even a chooser that loves datelines picks among the event's own sentence and paragraph
    (and the rules' choice): the capital a story was filed from is no event's place by itself."""
    from sitrep.extract.components.locations import event_place_pool, rules_place
    from sitrep.extract.config import DEFAULT_CONFIG, component_names, read_toml, settings
    from sitrep.extract.pipeline import Pipeline
    from sitrep.extract.place_choice import PlaceChooser, StoryLayout
    from sitrep.ingest import read_text

    names = component_names([read_toml(DEFAULT_CONFIG)])
    names = names[: names.index("locations")]
    pipeline = Pipeline(names, settings(names, []))
    story = ("NAIROBI, May 5 (Wire) - Police said on Thursday that talks on the budget went on.\n\n"
             "Gunmen killed four traders at a market in Garissa on Tuesday.")
    [ctx] = pipeline.analyze([read_text(story, doc_id="t", published=date(2022, 5, 5))])
    pool, places = event_place_pool(ctx)
    [draft] = [d for d in ctx.events if "killed" in story[d.start : d.end]]
    dateline_lover = PlaceChooser({"dateline": 10.0, "bias": 1.0}, {})
    chosen = dateline_lover.choose(StoryLayout.of(ctx, pool), draft, pool,
                                   rules_place(ctx, places, draft))
    assert chosen is not None and chosen.place.name == "Garissa"
