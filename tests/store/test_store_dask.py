"""``sitrep ingest --dask`` and ``--workers``: the same events as one process, on PostgreSQL.

The Dask runs use a LocalCluster of two worker processes (``--dask local:2``) or a scheduler
and workers this test starts on 127.0.0.1, and the real extraction pipeline.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_run import run_cli
from postgres_helpers import postgres_schema
from test_store_kill import _extractor_ready, dump

from sitrep.errors import BadInputError
from sitrep.scale.dask_cluster import parse_dask
from sitrep.store import Store

SITREP = str(Path(sys.executable).with_name("sitrep"))
BIN = Path(sys.executable).parent
needs_extractor = pytest.mark.skipif(
    not _extractor_ready(), reason="the extraction pipeline is not available")

# two desks tell some of the same incidents: merging has work to do after the batch
TOWNS = ["SAN SALVADOR", "SAN MIGUEL", "LIMA", "BOGOTA", "AYACUCHO"]


def write_batch(path: Path, n: int) -> Path:
    lines = []
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        day = 3 + (i // 10) % 20
        lines.append(json.dumps({
            "id": f"story-{i}", "published": f"1990-02-{day + 1:02d}",
            "outlet": ["Radio Norte", "Diario Sur"][i % 2],
            "text": f"{town}, {day} FEB 90 -- Guerrillas killed {i % 4 + 2} soldiers in an "
                    f"ambush on an army patrol near {town} today, a military spokesman said. "
                    f"Dispatch {i}."}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest(source: Path, db: str, *extra: str, check: bool = True,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    answer = subprocess.run([SITREP, "ingest", "--jsonl", str(source), "--db", db, *extra],
                            capture_output=True, text=True, env=env, timeout=600)
    if check:
        assert answer.returncode == 0, answer.stderr[-2000:]
    return answer


def ingest_here(source: Path, db: str) -> None:
    """The plain run the others are held to: the same command in this process, where the
    models are loaded once for every test."""
    answer = run_cli("ingest", "--jsonl", str(source), "--db", db)
    assert answer.returncode == 0, answer.stderr[-2000:]


def test_dask_address_is_a_scheduler_or_local_workers() -> None:
    assert parse_dask("local:2") == 2
    assert parse_dask("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    for wrong in ("local:0", "local:two", "local", ""):
        with pytest.raises(BadInputError):
            parse_dask(wrong)


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, SITREP_DASK_CONNECT_TIMEOUT="2s")  # no need to wait 20 s here
    answer = ingest(write_batch(tmp_path / "in.jsonl", 2), str(tmp_path / "x.db"), "--dask",
                    f"tcp://127.0.0.1:{port}", check=False, env=env)
    assert answer.returncode == 3
    assert "cannot reach the Dask scheduler" in answer.stderr
    assert "Traceback" not in answer.stderr


@needs_extractor
@pytest.mark.postgres
def test_dask_local_cluster_stores_exactly_the_events_of_a_plain_run(
        postgres_dsn: str, tmp_path: Path) -> None:
    source = write_batch(tmp_path / "in.jsonl", 40)
    env = dict(os.environ, SITREP_SHARD_SIZE="8")  # five shards for two workers
    with postgres_schema(postgres_dsn) as plain, postgres_schema(postgres_dsn) as on_dask:
        ingest_here(source, plain)
        answer = ingest(source, on_dask, "--dask", "local:2", env=env)
        assert "stored 40 documents" in answer.stderr
        reference = dump(plain)
        assert len(reference["events"]) >= 40
        assert len(reference["clusters"]) < len(reference["events"])  # some reports merged
        assert dump(on_dask) == reference
        again = ingest(source, on_dask, "--dask", "local:2", env=env)  # nothing new
        assert "stored 0 documents, 40 already stored" in again.stderr
        assert dump(on_dask) == reference


@needs_extractor
def test_worker_processes_store_exactly_the_events_of_a_plain_run(tmp_path: Path) -> None:
    source = write_batch(tmp_path / "in.jsonl", 20)
    env = dict(os.environ, SITREP_SHARD_SIZE="4")
    ingest_here(source, str(tmp_path / "plain.db"))
    ingest(source, str(tmp_path / "workers.db"), "--workers", "2", env=env)
    assert dump(str(tmp_path / "workers.db")) == dump(str(tmp_path / "plain.db"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_listening(port: int) -> None:
    """Until the scheduler accepts connections on ``port`` (it takes a few seconds to start)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    pytest.fail(f"the Dask scheduler did not listen on port {port} within 120 s")


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A process in a session of its own, so that killing it kills its children too."""
    return subprocess.Popen(args, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(proc: subprocess.Popen[bytes], db_url: str, at_least: int) -> int:
    """How many documents are stored once ``at_least`` are; a skip if the run ends first."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        with Store(db_url) as store:
            done = store.counts()["documents"]
        if done >= at_least:
            return done
        time.sleep(0.1)
    pytest.skip("the run finished (or stalled) before it could be killed")


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@needs_extractor
@pytest.mark.postgres
def test_dask_run_with_a_worker_and_the_client_killed_resumes_to_one_clean_run(
        postgres_dsn: str, tmp_path: Path) -> None:
    source = write_batch(tmp_path / "in.jsonl", 48)
    env = dict(os.environ, SITREP_SHARD_SIZE="4")
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    cluster = [_start([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", port,
                       "--no-dashboard"], env)]
    try:
        _wait_listening(int(port))
        workers = [_start([str(BIN / "dask"), "worker", address, "--nworkers", "1",
                           "--nthreads", "1", "--no-dashboard", "--no-nanny"], env)
                   for _ in range(3)]
        cluster += workers
        with postgres_schema(postgres_dsn) as killed, postgres_schema(postgres_dsn) as clean:
            Store(killed).close()  # schema first, so the poller can count from the start
            client = _start([SITREP, "ingest", "--jsonl", str(source), "--db", killed,
                             "--dask", address], env)
            try:
                _wait_for(client, killed, at_least=4)
                _kill(workers[0])  # a worker dies mid-run: its shards go to the others
                done = _wait_for(client, killed, at_least=12)
            finally:
                _kill(client)  # and then the client
            assert done < 48
            ingest(source, killed, "--dask", address, env=env)
            ingest_here(source, clean)
            assert dump(killed) == dump(clean)
            assert len(dump(clean)["documents"]) == 48
    finally:
        for proc in cluster:
            _kill(proc)
