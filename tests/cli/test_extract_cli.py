"""`sitrep extract` as a script sees it: output formats, batch mode, bad input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import Answer, run_cli

from sitrep.errors import (
    EXIT_BAD_INPUT,
    EXIT_NO_STORY,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_UNSUPPORTED_LANGUAGE,
    EXIT_USAGE,
)

STORY = (
    "KABUL, March 3 (Reuters) - Taliban militants attacked an army checkpoint near Kunduz "
    "on Monday, killing six soldiers, Defence Ministry spokesman Ahmad Rahimi said.\n"
)


def sitrep(*args: str, stdin: str | None = None, columns: int = 160) -> Answer:
    """The CLI in this process, as main() runs it (the models load once for every test); the
    table is as wide as ``columns`` says the terminal is."""
    return run_cli(*args, stdin=stdin, env={"COLUMNS": str(columns)})


def sitrep_process(*args: str) -> subprocess.CompletedProcess:
    """The CLI as a script runs it: a new interpreter, for what only a real process shows."""
    return subprocess.run([sys.executable, "-m", "sitrep", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_json_output_has_document_and_events(story):
    done = sitrep("extract", str(story), "--published", "2021-03-03")
    assert done.returncode == EXIT_OK, done.stderr
    result = json.loads(done.stdout)
    assert result["document"]["outlet"] == "Reuters"
    assert result["document"]["published"] == "2021-03-03"
    assert result["events"][0]["event_type"] == "Battles"


def test_jsonl_and_table_formats_and_stdin(story):
    lines = sitrep("extract", "-", "--format", "jsonl", "--published", "2021-03-03", stdin=STORY)
    assert lines.returncode == EXIT_OK
    assert all(json.loads(line)["event_id"] for line in lines.stdout.splitlines())
    table = sitrep("extract", str(story), "--format", "table", "--published", "2021-03-03")
    assert table.returncode == EXIT_OK
    assert "Armed clash" in table.stdout and "Kunduz" in table.stdout


def test_batch_writes_one_line_per_input_line_in_order(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "one", "text": STORY, "published": "2021-03-03"})
        + "\n{not json\n"
        + json.dumps({"id": "three", "text": "On 2 March 2021, protesters marched in Kabul."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    done = sitrep("extract", "--jsonl", str(source), "-o", str(out))
    assert done.returncode == EXIT_SOME_FAILED  # the others are written all the same
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["document"].get("id") for r in results] == ["one", None, "three"]
    assert results[1]["document"]["line"] == 2 and results[1]["document"]["error"]
    assert results[0]["events"] and results[2]["events"]
    assert "could not be read" in done.stderr


def test_empty_file_is_bad_input(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    done = sitrep("extract", str(path))
    assert done.returncode == EXIT_BAD_INPUT
    assert "empty" in done.stderr and "Traceback" not in done.stderr


def test_binary_file_is_bad_input_in_one_line_from_the_real_process(tmp_path):
    path = tmp_path / "image.bin"
    path.write_bytes(bytes(range(256)) * 40)
    done = sitrep_process("extract", str(path))
    assert done.returncode == EXIT_BAD_INPUT
    assert "binary" in done.stderr.lower() and "Traceback" not in done.stderr


def test_a_50_mb_file_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(50):
            handle.write(STORY * (1_048_576 // len(STORY)))
    done = sitrep("extract", str(path))
    assert done.returncode == EXIT_BAD_INPUT
    assert "MB" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        (
            "nav.html",  # a page with navigation and a footer, but no article
            "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
            "<a href='/news'>News</a></nav><footer>(c) 2021</footer></body></html>",
            EXIT_NO_STORY,
        ),
        (
            "fr.txt",  # a story in French
            "PARIS, 3 mars (AFP) - Des manifestants se sont rassemblés mardi devant le "
            "ministère pour réclamer la libération de leurs proches, a indiqué la police. La "
            "manifestation s'est déroulée dans le calme selon les organisateurs.",
            EXIT_UNSUPPORTED_LANGUAGE,
        ),
    ],
)
def test_no_story_and_another_language_have_their_own_codes(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    done = sitrep("extract", str(path))
    assert done.returncode == code
    assert "Traceback" not in done.stderr


def test_story_without_dateline_still_runs_with_a_warning(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Gunmen killed two farmers in Kunduz on Monday, police said.", "utf-8")
    done = sitrep("extract", str(path), "--published", "2021-03-03")
    assert done.returncode == EXIT_OK
    assert "no dateline" in done.stderr
    assert json.loads(done.stdout)["events"]


def test_missing_file_and_bad_options_have_their_codes(tmp_path):
    assert sitrep("extract", str(tmp_path / "nope.txt")).returncode == EXIT_BAD_INPUT
    assert sitrep("extract", "-", "--published", "yesterday", stdin=STORY).returncode == (
        EXIT_USAGE
    )


def test_version_is_printed():
    done = sitrep("--version")
    assert done.returncode == EXIT_OK
    assert done.stdout.startswith("sitrep ")


def test_the_table_fits_the_terminal_width(story):
    done = sitrep(
        "extract", str(story), "--format", "table", "--published", "2021-03-03", columns=90
    )
    assert done.returncode == EXIT_OK
    assert max(len(line) for line in done.stdout.splitlines()) <= 90
    assert "Kunduz" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "story.txt", "--format", "xml"],
        ["export", "--format", "csv"],
        ["extract"],
        ["extract", "story.txt", "--jsonl", "docs.jsonl"],
        ["ingest"],
        ["ingest", "story.txt", "--published", "3/4/2021"],
    ],
)
def test_wrong_options_exit_2_as_the_readme_says(args):
    answer = run_cli(*args)
    assert answer.returncode == EXIT_USAGE, answer.stderr
    assert "Traceback" not in answer.stderr


def test_a_batch_of_plain_text_fails_every_line_and_exits_3(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nGunmen killed two farmers in Kunduz.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    answer = run_cli("extract", "--jsonl", str(notes), "-o", str(out))
    assert answer.returncode == EXIT_BAD_INPUT
    assert "none of the 2 document(s)" in answer.stderr
    errors = [json.loads(line)["document"] for line in out.read_text("utf-8").splitlines()]
    assert [(e["line"], e["error"].split(":")[0]) for e in errors] == [
        (1, f"{notes} line 1"), (3, f"{notes} line 3")]


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01binary"])
def test_a_batch_that_cannot_be_read_leaves_no_output_file(tmp_path, content):
    batch, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    if content is not None:
        batch.write_bytes(content)
    answer = sitrep("extract", "--jsonl", str(batch), "-o", str(out))
    assert answer.returncode == EXIT_BAD_INPUT and str(batch) in answer.stderr
    assert not out.exists()
