"""HTTPS through the vetted address: the connection goes to the address sitrep checked, and
the certificate is still verified against the host name in the URL."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.sources.address import AddressPolicy
from sitrep.sources.fetch import Fetcher, FetchFailed

LOOPBACK_ONLY = AddressPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))


def _to_test_server(host: str, port: int) -> list[str]:
    """Every name resolves to the test server: no DNS is asked."""
    return ["127.0.0.1"]


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """An HTTPS server on 127.0.0.1 whose self-signed certificate names wire.test only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=wire.test", "-addext", "subjectAltName=DNS:wire.test",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            body = f"<p>host {self.headers.get('Host')}</p>".encode()
            self.send_response(200 if self.path != "/robots.txt" else 404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], cert
    finally:
        server.shutdown()
        server.server_close()


def test_https_connects_to_the_vetted_address_and_verifies_the_host_name(
    tls_server: tuple[int, Path],
) -> None:
    port, cert = tls_server
    trust = ssl.create_default_context(cafile=str(cert))
    with Fetcher(LOOPBACK_ONLY, delay=0, robots=False, resolver=_to_test_server,
                 verify=trust) as client:
        answer = client.get(f"https://wire.test:{port}/story.html")
        assert answer.body == f"<p>host wire.test:{port}</p>".encode()
        with pytest.raises(FetchFailed, match="(?i)certificate"):
            client.get(f"https://other.test:{port}/story.html")  # same address, wrong name
