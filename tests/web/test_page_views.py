"""The page on a phone-sized screen, at the date line, with outlier dates and agreeing sources:
each in a real headless Chromium against a real API server over a temp SQLite store."""

from __future__ import annotations

import re

import pytest
from web_browser import CHROMIUM, rows, wait_rows
from web_records import agreeing_records, sample_records
from web_server import serve_records

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture
def served(browser, tmp_path):
    """serve(records, width, height) -> a page at the served store's URL, closed afterwards."""
    contexts = []

    def serve(records, width=1400, height=900):
        stack = serve_records(records, tmp_path / f"store{len(contexts)}")
        url = stack.__enter__()
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append((context, stack))
        page = context.new_page()
        page.errors = []
        page.requests = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: page.requests.append(r.url))
        page.base_url = url
        return page

    yield serve
    for context, stack in contexts:
        context.close()
        stack.__exit__(None, None, None)


def test_panel_shows_no_null_when_sources_agree(served):
    """Two outlets with the same toll: no "Sources disagree" box, and nothing printed in its
    place (the panel used to show a literal "null" there)."""
    undated = sample_records()[-1]
    undated["events"][0]["date"] = {"start": None, "end": None, "precision": None, "text": None}
    page = served([*agreeing_records(), undated])
    page.goto(page.base_url + "/")
    wait_rows(page, 2)
    for n in range(2):
        rows(page).nth(n).click()
        page.wait_for_selector("#panel article.report")
        text = page.locator("#panel").inner_text()
        assert not re.search(r"\b(null|undefined|NaN)\b", text), text
        assert page.locator("#panel .disagree-box").count() == 0
        assert page.locator("#panel .badge.disagree").count() == 0
    # the last one opened is the undated clash: said in words
    assert "date unknown" in page.locator("#panel h2").inner_text()
    rows(page).filter(has_text="Kramatorsk").click()
    page.wait_for_function("() => document.querySelectorAll('#panel article.report').length === 2")
    facts = page.locator("#panel .facts").inner_text()
    assert re.search(r"Fatalities\s+7\s*$", facts, re.M), facts
    assert page.errors == []
