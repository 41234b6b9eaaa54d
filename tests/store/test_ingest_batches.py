"""``sitrep ingest`` on batches with bad lines and bad files, on SQLite and PostgreSQL: the good
records are stored, each bad one is reported with its file and line, the exit code says so."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cli_run import run_cli

from sitrep.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_SOME_FAILED
from sitrep.ingest import read_document
from sitrep.store import Store
from sitrep.store.ingest import ingest_records

KILLING = "On 2 March 2021, gunmen killed two farmers in Kunduz."
MARCH = "On 3 March 2021, protesters marched in Kabul against the closure of the market."


def _line(rid: str, text: str) -> str:
    return json.dumps({"id": rid, "text": text, "published": "2021-03-04"}) + "\n"


def test_bad_lines_and_a_binary_file_cost_only_themselves(tmp_path: Path, db_url: str) -> None:
    batch = tmp_path / "mixed.jsonl"
    batch.write_bytes((_line("kill", KILLING) + "{broken\n" + "[1, 2]\n"
                       + '{"id": "empty", "text": ""}\n').encode()
                      + b'{"id": "latin", "text": "caf\xe9"}\n' + _line("march", MARCH).encode())
    binary = tmp_path / "photo.jsonl"
    binary.write_bytes(b"\x89PNG\x00\x00\x00\rIHDR" * 20)
    answer = run_cli("ingest", str(binary), str(batch), "--db", db_url, "--no-merge")
    assert answer.returncode == EXIT_SOME_FAILED, answer.stderr
    for line in (2, 3, 4, 5):
        assert f"{batch} line {line}:" in answer.stderr
    assert f"{binary} looks like a binary file" in answer.stderr
    assert "stored 2 documents, 0 already stored, 5 failed" in answer.stderr
    with Store(db_url) as store:
        assert store.counts()["documents"] == 2
        assert store.document("kill") and store.document("march")
    again = run_cli("ingest", str(batch), "--db", db_url, "--no-merge")  # good ones are known
    assert again.returncode == EXIT_SOME_FAILED
    assert "stored 0 documents, 2 already stored, 4 failed" in again.stderr


def test_a_batch_whose_every_line_fails_exits_3_and_stores_nothing(
    tmp_path: Path, db_url: str
) -> None:
    notes = tmp_path / "notes.jsonl"
    notes.write_text("# my notes\nnot json at all\n", encoding="utf-8")
    answer = run_cli("ingest", str(notes), "--db", db_url)
    assert answer.returncode == EXIT_BAD_INPUT
    assert f"{notes} line 1:" in answer.stderr and f"{notes} line 2:" in answer.stderr


def test_a_nul_character_in_a_record_is_stored_as_a_space(tmp_path: Path, db_url: str) -> None:
    """JSON's \\u0000 puts a NUL in a string without a NUL byte in the line; PostgreSQL
    refuses NUL in text, so the store keeps a space there (character offsets unchanged)."""
    batch = tmp_path / "nul.jsonl"
    batch.write_text(json.dumps({"id": "n\u0000ul", "text": KILLING.replace(".", ".\u0000"),
                                 "title": "gun\u0000men", "published": "2021-03-04"}) + "\n",
                     encoding="utf-8")
    answer = run_cli("ingest", str(batch), "--db", db_url, "--no-merge")
    assert answer.returncode == EXIT_OK, answer.stderr
    with Store(db_url) as store:
        document = store.document("n ul")
        assert document is not None and document["title"] == "gun men"
        assert document["text"] == KILLING.replace(".", ". ")


def test_published_sets_the_year_a_dateline_leaves_out(tmp_path: Path, db_url: str) -> None:
    wire = ("KABUL, March 3 (Reuters) - Taliban militants attacked an army checkpoint near "
            "Kunduz on Monday, killing {} soldiers, a spokesman said.\n")
    undated, dated = tmp_path / "undated.txt", tmp_path / "dated.txt"
    undated.write_text(wire.format("six"), encoding="utf-8")
    dated.write_text(wire.format("seven"), encoding="utf-8")
    guessed = run_cli("ingest", str(undated), "--db", db_url, "--no-merge")
    assert guessed.returncode == EXIT_OK
    assert "year inferred" in guessed.stderr and "--published" in guessed.stderr
    given = run_cli("ingest", str(dated), "--published", "2014-03-04", "--db", db_url,
                    "--no-merge")
    assert given.returncode == EXIT_OK and "year inferred" not in given.stderr
    with Store(db_url) as store:
        document = store.document(read_document(str(dated)).id)
        assert document is not None and document["published"] == "2014-03-04"


def test_ingest_records_streams_its_input(db_url: str) -> None:
    """Stories are stored while the input is still being read: the 300th record is asked for
    only after the first ones are in the store, so a batch never has to fit in memory."""
    stored_when_asked: list[int] = []

    def records(store: Store) -> Iterator[dict[str, Any]]:
        for n in range(300):
            if n == 299:
                stored_when_asked.append(store.counts()["documents"])
            yield {"id": f"r{n}", "text": f"On 2 March 2021, gunmen killed {n + 2} farmers in "
                                          "Kunduz.", "published": "2021-03-04"}

    with Store(db_url) as store:
        result = ingest_records(store, records(store))
        assert len(result.stored) == 300 and not result.failed
    assert stored_when_asked and stored_when_asked[0] > 0
