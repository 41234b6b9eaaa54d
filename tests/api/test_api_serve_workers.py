"""``sitrep serve --workers N``: several server processes answer from one store (a test of
the process itself, so it runs the real command)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store import synthetic as s


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def test_two_worker_processes_answer_from_one_store(tmp_path: Path) -> None:
    db = str(tmp_path / "served.db")
    with Store(db) as store:
        store.add_extracted(s.result("one", [s.event("one-1", day="2022-02-02", place="Kyiv")]))
        merge_store(store)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "serve", "--db", db, "--port", str(port),
         "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "SITREP_WRITE_TOKEN": ""})
    try:
        answer = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and answer is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/events", timeout=5)
            except httpx.HTTPError:
                time.sleep(0.3)
        assert answer is not None, "the server did not answer within 90 s"
        assert answer.status_code == 200
        assert answer.json()["total"] == 1
        workers = [pid for pid in _children(server.pid)
                   if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(workers) == 2, workers
    finally:
        server.terminate()
        server.wait(timeout=30)
