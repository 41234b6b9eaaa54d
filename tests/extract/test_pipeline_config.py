"""Settings live in the config: each component's defaults, overridden by a user's TOML file
(`sitrep extract --config FILE`); unknown names and ill-typed values are refused by name."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_run import run_cli

from sitrep.errors import EXIT_USAGE, ConfigError
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


def test_the_setting_is_what_the_component_reads(tmp_path):
    """With a large negative weight on the rule's "peaceful" reading, another reading wins."""
    path = write(tmp_path, "[components.typing]\npeaceful_protest_bonus = -100.0\n")
    pipeline = Pipeline.from_config(overrides=path)
    document = read_text(STORY, doc_id="t", published=date(2022, 6, 4))
    events = next(pipeline.extract([document]))["events"]
    assert events[0]["event_type"] in ("Protests", "Riots")
    assert events[0]["sub_event_type"] != "Peaceful protest"


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
