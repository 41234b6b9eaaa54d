"""The API under hostile input: writes refused before their body is read, bodies capped,
query values bounded, security headers on every answer, only http(s) links served."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sitrep.api.app import MAX_BODY_BYTES, MAX_TEXT_FILTER, create_app
from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store import synthetic as s

TOKEN = "sekrit"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "hard.db")
    with Store(path) as store:
        store.add_extracted(s.result("wire", [s.event("wire-1", claimant="Archbishop")]))
        merge_store(store)
    return path


@pytest.fixture()
def client(db: str) -> TestClient:
    return TestClient(create_app(db, write_token=TOKEN), raise_server_exceptions=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def server(db: str) -> Iterator[tuple[str, int]]:
    """A real uvicorn on 127.0.0.1, so the body is sent over a socket as an attacker would."""
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    app: FastAPI = create_app(db, write_token=TOKEN)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the API server did not start")
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def _raw_post(address: tuple[str, int], headers: dict[str, str], sent: bytes,
              timeout: float = 3.0) -> tuple[int, float]:
    """POST announcing a body it only partly sends; the status line and seconds it took."""
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    started = time.monotonic()
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(f"POST /documents HTTP/1.1\r\nHost: x\r\n{head}\r\n".encode() + sent)
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return int(answer.split()[1]), time.monotonic() - started


# ---- writes: token first, body capped ------------------------------------------------------

def test_unauthenticated_huge_post_is_refused_without_reading_the_body(
        server: tuple[str, int]) -> None:
    headers = {"Content-Type": "application/json", "Content-Length": str(200 * 1024 * 1024)}
    status, seconds = _raw_post(server, headers, b'{"text": "' + b"a" * 65536)
    assert status == 401 and seconds < 1.0


def test_announced_body_over_the_cap_is_413_without_reading_it(
        server: tuple[str, int]) -> None:
    headers = {**AUTH, "Content-Type": "application/json",
               "Content-Length": str(MAX_BODY_BYTES + 1)}
    status, seconds = _raw_post(server, headers, b"{")
    assert status == 413 and seconds < 1.0


def test_streamed_body_past_the_cap_is_413(client: TestClient) -> None:
    big = s.result("big", [])
    big["document"]["text"] = "x"
    head, tail = json.dumps(big).split('"x"', 1)

    def chunks() -> Iterator[bytes]:  # chunked transfer: no Content-Length to refuse up front
        yield (head + '"').encode()
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"a" * 65536
        yield ('"' + tail).encode()

    answer = client.post("/documents", content=chunks(),
                         headers={**AUTH, "Content-Type": "application/json"})
    assert answer.status_code == 413
    assert client.get("/documents/big").status_code == 404


def test_token_is_checked_before_the_body_is_parsed(client: TestClient) -> None:
    answer = client.post("/documents", content=b"{not json",
                         headers={"Content-Type": "application/json"})
    assert answer.status_code == 401


def test_read_only_server_refuses_before_parsing(db: str) -> None:
    client = TestClient(create_app(db, write_token=""))
    assert client.post("/documents", content=b"{not json", headers=AUTH).status_code == 403


def test_raw_token_without_bearer_scheme_is_refused(client: TestClient) -> None:
    body = s.result("raw", [s.event("raw-1")])
    assert client.post("/documents", json=body,
                       headers={"Authorization": TOKEN}).status_code == 401
    assert client.post("/documents", json=body,
                       headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert client.get("/documents/raw").status_code == 404


def test_bearer_scheme_is_case_insensitive(client: TestClient) -> None:
    body = s.result("ci", [s.event("ci-1")])
    answer = client.post("/documents", json=body, headers={"Authorization": f"bearer {TOKEN}"})
    assert answer.status_code == 201


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe", b"",
                                     b"[" * 100_000])
def test_malformed_or_non_object_body_is_422(client: TestClient, content: bytes) -> None:
    answer = client.post("/documents", content=content,
                         headers={**AUTH, "Content-Type": "application/json"})
    assert answer.status_code == 422
    assert "JSON object" in answer.json()["detail"]


# ---- query values bounded ------------------------------------------------------------------

@pytest.mark.parametrize("offset", [str(2**63), str(10**40)])
@pytest.mark.parametrize("route", ["/events"])
def test_huge_offset_is_422_not_500(client: TestClient, route: str, offset: str) -> None:
    answer = client.get(route, params={"offset": offset})
    assert answer.status_code == 422
    assert "offset" in str(answer.json()["detail"])


@pytest.mark.parametrize("name", ["actor", "q", "claimant"])
@pytest.mark.parametrize("route", ["/events", "/stats", "/events.geojson"])
@pytest.mark.parametrize("length", [MAX_TEXT_FILTER + 1, 60_000])
def test_over_long_text_filters_are_422_not_500(client: TestClient, route: str, name: str,
                                                length: int) -> None:
    answer = client.get(route, params={name: "a" * length})
    assert answer.status_code == 422
    assert f"at most {MAX_TEXT_FILTER} characters" in str(answer.json()["detail"])


def test_text_filters_at_the_limit_still_work(client: TestClient) -> None:
    answer = client.get("/events", params={"claimant": "a" * MAX_TEXT_FILTER})
    assert answer.status_code == 200 and answer.json()["total"] == 0


# ---- security headers ----------------------------------------------------------------------

def test_every_response_carries_security_headers(db: str, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>sitrep</h1>", encoding="utf-8")
    (tmp_path / "app.js").write_text("let x = 1;", encoding="utf-8")
    client = TestClient(create_app(db, write_token=TOKEN, static_dir=tmp_path))
    answers = [client.get("/"), client.get("/static/app.js"), client.get("/events"),
               client.get("/events/nope"), client.get("/events", params={"limit": 0}),
               client.post("/documents", content=b"{}"), client.get("/openapi.json")]
    assert [a.status_code for a in answers] == [200, 200, 200, 404, 422, 401, 200]
    for answer in answers:
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["x-frame-options"] == "DENY"


# ---- links -----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)",
                                 " \tjavascript:alert(1)", "java\nscript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>",
                                 "vbscript:msgbox(1)", "//evil.example/x", "file:///etc/passwd"])
def test_non_http_urls_are_never_served_as_a_link(client: TestClient, url: str) -> None:
    body = s.result("evil", [s.event("evil-1")])
    body["document"]["url"] = url
    assert client.post("/documents", json=body, headers=AUTH).status_code == 201
    assert client.get("/documents/evil").json()["url"] is None


def test_stored_non_http_url_is_dropped_when_served(db: str) -> None:
    with Store(db) as store:  # a row written before the check existed
        store.db.execute("UPDATE documents SET url=? WHERE id=?", ("javascript:alert(1)", "wire"))
    client = TestClient(create_app(db, write_token=""))
    assert client.get("/documents/wire").json()["url"] is None


@pytest.mark.parametrize("url", ["https://example.org/a?b=c", "HTTP://Example.org/"])
def test_http_urls_are_kept(client: TestClient, url: str) -> None:
    body = s.result("good", [s.event("good-1")])
    body["document"]["url"] = url
    assert client.post("/documents", json=body, headers=AUTH).status_code == 201
    assert client.get("/documents/good").json()["url"] == url
