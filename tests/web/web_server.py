"""A real API server in a thread over a temp SQLite store, for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_records(records: list[dict], folder: Path) -> Iterator[str]:
    """Store ``records``, merge them, serve the API and the page; yield the base URL."""
    api = pytest.importorskip("sitrep.api.app", reason="sitrep.api not importable")
    store_mod = pytest.importorskip("sitrep.store", reason="sitrep.store not importable")
    merge = pytest.importorskip("sitrep.merge", reason="sitrep.merge not importable")
    uvicorn = pytest.importorskip("uvicorn")

    db_url = f"sqlite:///{folder / 'events.db'}"
    with store_mod.Store(db_url) as store:
        for record in records:
            store.add_extracted(record)
        merge.merge_store(store)

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(api.create_app(db_url), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the API server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
