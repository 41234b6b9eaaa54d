"""Killing an ingest mid-run (SIGKILL) and running it again gives the same store as one run."""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from cli_run import run_cli
from synthetic_writer import write_synthetic

from sitrep.store import Store

N_DOCS = 40
WRITER = Path(__file__).with_name("synthetic_writer.py")


def dump(db_url: str) -> dict[str, list[Any]]:
    """Every row that matters, in a fixed order; timestamps of the run left out."""
    tables = {
        "documents": "SELECT id, content_hash, title, outlet, published, text, warnings "
                     "FROM documents ORDER BY id",
        "events": "SELECT id, document_id, seq, record, cluster_id FROM events ORDER BY id",
        "claims": "SELECT * FROM claims ORDER BY id",
        "evidence": "SELECT * FROM evidence ORDER BY id",
        "clusters": "SELECT id, record, n_reports FROM clusters ORDER BY id",
    }
    with Store(db_url) as store:
        return {name: [list(r) for r in store.db.query(sql)] for name, sql in tables.items()}


def _kill_when(proc: subprocess.Popen[bytes], db_url: str, at_least: int) -> int:
    """SIGKILL the process once ``at_least`` documents are committed; return how many were."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        with Store(db_url) as store:
            done = store.counts()["documents"]
        if done >= at_least:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return done
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    pytest.skip("the run finished (or stalled) before it could be killed")


def test_store_killed_mid_run_and_rerun_equals_one_clean_run(db_url: str, tmp_path: Path
                                                             ) -> None:
    Store(db_url).close()  # schema first, so the poller can count from the start
    # slowly, in a process of its own, so that it can be killed half way
    proc = subprocess.Popen([sys.executable, str(WRITER), db_url, str(N_DOCS), "0.05"])
    done = _kill_when(proc, db_url, at_least=5)
    assert done < N_DOCS
    write_synthetic(db_url, N_DOCS, 0)  # the rerun and the clean run need no process of their own
    clean = str(tmp_path / "clean.db")
    write_synthetic(clean, N_DOCS, 0)
    assert dump(db_url) == dump(clean)
    assert len(dump(clean)["documents"]) == N_DOCS


def _extractor_ready() -> bool:
    try:
        importlib.import_module("sitrep.extract.pipeline")
        return hasattr(importlib.import_module("sitrep.extract"), "extract_documents")
    except ImportError:
        return False


@pytest.mark.skipif(not _extractor_ready(),
                    reason="the extraction pipeline (sitrep.extract.pipeline) is not available yet")
def test_cli_ingest_killed_mid_run_and_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    towns = ["SAN SALVADOR", "SAN MIGUEL", "LIMA", "BOGOTA"]
    lines = [
        json.dumps({"id": f"story-{i}", "published": "1990-02-04", "outlet": "Test Wire",
                    "text": f"{towns[i % 4]}, 4 FEB 90 -- Guerrillas killed {i + 2} soldiers "
                            f"in an attack on a patrol near {towns[i % 4]} today, the army "
                            f"said. Story number {i}."})
        for i in range(30)
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cmd = [str(Path(sys.executable).with_name("sitrep")), "ingest", "--jsonl", str(source), "--db"]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    killed = str(tmp_path / "killed.db")
    Store(killed).close()
    proc = subprocess.Popen([*cmd, killed], env=env, stderr=subprocess.DEVNULL)
    assert _kill_when(proc, killed, at_least=3) < len(lines)
    # the rerun and the clean run are the same command in this process (the models loaded once)
    rerun = run_cli("ingest", "--jsonl", str(source), "--db", killed)
    assert rerun.returncode == 0, rerun.stderr
    clean = str(tmp_path / "clean.db")
    assert run_cli("ingest", "--jsonl", str(source), "--db", clean).returncode == 0
    assert dump(killed) == dump(clean)
