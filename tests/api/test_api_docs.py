"""/docs and /redoc work offline: every script, style, icon and the OpenAPI document they load
come from this server, and the page's CSP allows no other host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.store import Store


class _Links(HTMLParser):
    """Every src and href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    db = str(tmp_path / "docs.db")
    Store(db).close()
    return TestClient(create_app(db, write_token=""))


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_only_local_assets_that_exist(client: TestClient, page: str) -> None:
    answer = client.get(page)
    assert answer.status_code == 200
    parser = _Links()
    parser.feed(answer.text)
    # the OpenAPI document is named in the inline script (Swagger: url: '...'; ReDoc: spec-url)
    spec = re.findall(r"""url: *['"]([^'"]+)['"]|spec-url=["']([^"']+)["']""", answer.text)
    urls = parser.urls + [u for pair in spec for u in pair if u]
    assert any(u.endswith(".js") for u in urls) and any(u.endswith("openapi.json")
                                                        for u in urls), urls
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), f"{page} loads {url}"
        assert client.get(url).status_code == 200, url
    csp = answer.headers["content-security-policy"]
    assert "http" not in csp and "*" not in csp, csp
