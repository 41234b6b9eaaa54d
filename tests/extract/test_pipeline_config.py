"""Settings live in the config: each component's defaults, overridden by a user's TOML file
(`sitrep extract --config FILE`); unknown names and ill-typed values are refused by name."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_run import run_cli

from sitrep.errors import EXIT_USAGE, ConfigError
from sitrep.extract.classifier import load_classifier
from sitrep.extract.pipeline import Pipeline
from sitrep.extract.registry import contract
from sitrep.ingest import read_text

STORY = (
    "HARGEISA, June 4 - Hundreds of traders marched peacefully through the market on Monday "
    "to protest a new tax, witnesses said."
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "override.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_come_from_each_components_registration():
    pipeline = Pipeline.from_config()
    assert pipeline.config["typing"] == dict(contract("typing").default_config)
    assert pipeline.config["typing"]["territory_bonus"] == 0.7


def test_an_override_file_changes_one_setting_and_keeps_the_rest(tmp_path):
    path = write(tmp_path, "[components.typing]\nterritory_bonus = 1\n")
    pipeline = Pipeline.from_config(overrides=path)
    assert pipeline.config["typing"]["territory_bonus"] == 1.0
    assert pipeline.config["typing"]["priority_bonus"] == [0.05, 0.15, 0.25, 0.35, 0.4, 0.6, 0.6]
    document = read_text(STORY, doc_id="t", published=date(2022, 6, 4))
    events = next(pipeline.extract([document]))["events"]
    assert [e["sub_event_type"] for e in events] == ["Peaceful protest"]


def test_an_override_reaches_the_spacy_pipe_and_what_it_publishes_on_the_doc(tmp_path):
    path = write(tmp_path, "[components.learned_events]\nmin_probability = 0.9\n")
    pipeline = Pipeline.from_config(overrides=path)
    assert pipeline.nlp.get_pipe_config("learned_events")["min_probability"] == 0.9
    assert pipeline.nlp.get_pipe("learned_events").settings == {"min_probability": 0.9}
    document = read_text(STORY, doc_id="t", published=date(2022, 6, 4))
    ctx = next(pipeline.analyze([document]))
    assert ctx.doc._.sitrep_config["learned_events"] == {"min_probability": 0.9}
    assert ctx.doc._.sitrep_config["typing"]["territory_bonus"] == 0.7  # untouched: default


def test_the_setting_is_what_the_component_reads(tmp_path):
    """With a large negative weight on the rule's "peaceful" reading (and the classifier never
    overriding the rules on its own), another reading wins."""
    path = write(
        tmp_path,
        "[components.typing]\npeaceful_protest_bonus = -100.0\n"
        "learned_override_probability = 1.01\n",
    )
    pipeline = Pipeline.from_config(overrides=path)
    document = read_text(STORY, doc_id="t", published=date(2022, 6, 4))
    events = next(pipeline.extract([document]))["events"]
    assert events[0]["event_type"] in ("Protests", "Riots")
    assert events[0]["sub_event_type"] != "Peaceful protest"


KILLING_STORY = (
    "BAMAKO, May 3 - Soldiers killed three villagers during a search operation in a village "
    "near the border on Sunday, residents said."
)


def test_a_sure_classifier_overrides_weak_trigger_words_only_as_far_as_the_config_lets_it(
    tmp_path,
):
    """At probability 0 with every trigger word counted weak, the classifier's own choice for
    the paragraph is the sub-type; above 1 the rules' reading stands, whatever it is."""
    document = read_text(KILLING_STORY, doc_id="t", published=date(2022, 5, 3))
    always = write(
        tmp_path,
        "[components.typing]\nlearned_override_probability = 0.0\n"
        "learned_override_max_priority = 6\n",
    )
    events = next(Pipeline.from_config(overrides=always).extract([document]))["events"]
    model = load_classifier("sub_event_type")
    scores = model.scores(KILLING_STORY.split(" - ", 1)[1])
    assert events and events[0]["sub_event_type"] == max(scores, key=scores.get)
    never = write(tmp_path, "[components.typing]\nlearned_override_probability = 1.01\n")
    rules = next(Pipeline.from_config(overrides=never).extract([document]))["events"]
    assert rules and rules[0]["sub_event_type"] == "Attack"  # soldiers who kill villagers


def test_the_classifier_does_not_override_a_draft_that_shares_its_paragraph(tmp_path):
    """It learned from one-event reports: a paragraph that tells two events is no one-event
    report, so both keep the rules' reading; in a paragraph of its own the killing does not."""
    always = write(
        tmp_path,
        "[components.typing]\nlearned_override_probability = 0.0\n"
        "learned_override_max_priority = 6\n",
    )
    (tmp_path / "rules").mkdir()
    never = write(
        tmp_path / "rules", "[components.typing]\nlearned_override_probability = 1.01\n"
    )
    ambush = (
        "In the north, rebels ambushed an army convoy near Kidal on Saturday, killing two "
        "soldiers."
    )
    model = load_classifier("sub_event_type")
    scores = model.scores(KILLING_STORY.split(" - ", 1)[1])
    for separator, overridden in ((" ", False), ("\n\n", True)):
        document = read_text(
            KILLING_STORY + separator + ambush, doc_id="t", published=date(2022, 5, 3)
        )
        by_rules = next(Pipeline.from_config(overrides=never).extract([document]))["events"]
        learned = next(Pipeline.from_config(overrides=always).extract([document]))["events"]
        assert len(by_rules) == len(learned) == 2
        first = learned[0]["sub_event_type"]
        if overridden:
            assert first == max(scores, key=scores.get)
        else:
            assert [e["sub_event_type"] for e in learned] == [
                e["sub_event_type"] for e in by_rules
            ]


def _sub_types_when_the_classifier_always_overrides(tmp_path, story: str, day: date) -> list:
    always = write(
        tmp_path,
        "[components.typing]\nlearned_override_probability = 0.0\n"
        "learned_override_max_priority = 6\n",
    )
    document = read_text(story, doc_id="t", published=day)
    events = next(Pipeline.from_config(overrides=always).extract([document]))["events"]
    return [e["sub_event_type"] for e in events]


def test_a_battle_between_two_named_armed_sides_is_never_overridden(tmp_path):
    """Two organized armed groups named as the sides are ACLED's definition of a battle, so
    however sure the classifier is of another reading (the people who fled it), it stays one."""
    story = (
        "GOMA, Oct 12 - Hundreds of residents fled their homes near Rutshuru after fighting "
        "between the army and M23 rebels on Sunday."
    )
    assert _sub_types_when_the_classifier_always_overrides(
        tmp_path, story, date(2022, 10, 12)) == ["Armed clash"]


def test_force_said_at_a_protest_is_never_overridden(tmp_path):
    """Protesters shot dead is excessive force in so many words, however sure the classifier
    is that the paragraph reads like a peaceful march."""
    story = (
        "DAKAR, Jan 9 - Police shot dead two marchers on Saturday when some 2,000 people "
        "protested against fuel prices in the city centre, a hospital source said."
    )
    assert _sub_types_when_the_classifier_always_overrides(
        tmp_path, story, date(2022, 1, 9)) == ["Excessive force against protesters"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[components.typing]\nno_such_setting = 1\n", "no_such_setting: unknown setting"),
        ("[components.typing]\nterritory_bonus = 'high'\n", "does not fit the default"),
        ("[components.typing]\npriority_bonus = [1.0]\n", "does not fit the default"),
        ("[components.nothing]\nx = 1\n", "no such component"),
        ("[pipeline]\ncomponents = ['sentences', 'triggers']\n", "'triggers' needs"),
        ("[pipeline]\ncomponents = ['sentences', 'oracle']\n", "unknown pipeline component"),
        ("this is = = not toml", "not a valid TOML config"),
    ],
)
def test_bad_configs_are_refused_by_name(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        Pipeline.from_config(overrides=write(tmp_path, text))


def test_the_cli_reads_a_config_and_refuses_a_bad_one_with_exit_2(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    good = write(tmp_path, "[components.typing]\nterritory_bonus = 0.9\n")
    command = ["extract", str(story), "--published", "2022-06-04"]
    done = run_cli(*command, "--config", str(good))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["events"][0]["event_type"] == "Protests"
    bad = tmp_path / "bad.toml"
    bad.write_text("[components.typing]\nbonus = 1\n", encoding="utf-8")
    done = run_cli(*command, "--config", str(bad))
    assert done.returncode == EXIT_USAGE
    assert "bonus: unknown setting" in done.stderr and "Traceback" not in done.stderr
