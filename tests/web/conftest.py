"""Fixtures of the browser tests: one Chromium per session (per test worker), a page per test,
a served store per module."""

from __future__ import annotations

import pytest
from web_browser import BROWSER_ARGS, CHROMIUM
from web_records import sample_records
from web_server import serve_records


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A uvicorn server in a thread over a store holding the hand-written records."""
    with serve_records(sample_records(), tmp_path_factory.mktemp("web")) as url:
        yield url


@pytest.fixture(scope="session")
def playwright():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    b = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
    yield b
    b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.requests = []
    pg.errors = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    yield pg
    context.close()
