"""A story too long to parse is refused with its own error; the stories around it keep their
events (spaCy's E088 used to end the whole batch)."""

from __future__ import annotations

from cli_run import run_cli

from sitrep.errors import EXIT_BAD_INPUT
from sitrep.extract import extract_documents
from sitrep.extract.pipeline import MAX_PARSE_CHARS

SHORT = "KANO, May 2 - Gunmen abducted eleven travellers near Zaria on Sunday, police said."
LONG = "The council met again on Monday and talked about the market roads. " * (
    MAX_PARSE_CHARS // 60
)


def test_an_overlong_story_costs_only_itself():
    records = [
        {"id": "before", "text": SHORT, "published": "2022-05-02"},
        {"id": "long", "text": LONG, "published": "2022-05-02"},
        {"id": "after", "text": SHORT, "published": "2022-05-02"},
    ]
    results = list(extract_documents(records))
    assert [r["document"]["id"] for r in results] == ["before", "long", "after"]
    assert results[0]["events"] and results[2]["events"]
    refused = results[1]["document"]
    assert results[1]["events"] == [] and refused["exit_code"] == EXIT_BAD_INPUT
    assert "characters long" in refused["error"]


def test_the_cli_refuses_an_overlong_story_with_exit_3(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(LONG, encoding="utf-8")
    done = run_cli("extract", str(path), "--published", "2022-05-02")
    assert done.returncode == EXIT_BAD_INPUT
    assert "characters long" in done.stderr and "Traceback" not in done.stderr
