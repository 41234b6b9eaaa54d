"""The store commands as a user runs them: ``sitrep merge`` and ``sitrep ingest`` errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sitrep.store import Store
from sitrep.store import synthetic as s

SITREP = str(Path(sys.executable).with_name("sitrep"))


def test_merge_command_reclusters_with_given_thresholds(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    with Store(db) as store:
        store.add_extracted(s.result("A", [s.event("A-1", place="San Salvador")]))
        store.add_extracted(s.result("B", [s.event("B-1", place="Soyapango")]))
    wide = subprocess.run([SITREP, "merge", "--db", db], capture_output=True, text=True)
    assert wide.returncode == 0 and "2 reports -> 1 merged events" in wide.stderr
    tight = subprocess.run([SITREP, "merge", "--db", db, "--max-km", "2"],
                           capture_output=True, text=True)
    assert "2 reports -> 2 merged events" in tight.stderr
    with Store(db) as store:  # the last thresholds are what a later ingest reuses
        assert store.get_setting("merge") == '{"max_km": 2.0, "max_days": 0}'


def test_ingest_without_input_is_a_usage_error_with_exit_code_3(tmp_path: Path) -> None:
    answer = subprocess.run([SITREP, "ingest", "--db", str(tmp_path / "i.db")],
                            capture_output=True, text=True)
    assert answer.returncode == 3
    assert "give story files or --jsonl" in answer.stderr


def test_ingest_takes_a_jsonl_batch_as_a_plain_argument(tmp_path: Path) -> None:
    batch = tmp_path / "docs.jsonl"
    batch.write_text(
        '{"id": "d1", "text": "On 2 March 2021, gunmen killed two farmers in Kunduz.", '
        '"published": "2021-03-03"}\n'
        '{"id": "d2", "text": "On 3 March 2021, protesters marched in Kabul.", '
        '"published": "2021-03-03"}\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "j.db")
    answer = subprocess.run([SITREP, "ingest", str(batch), "--db", db],
                            capture_output=True, text=True)
    assert answer.returncode == 0, answer.stderr
    with Store(db) as store:
        assert store.counts()["documents"] == 2
        assert store.counts()["events"] >= 2
