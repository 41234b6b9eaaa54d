"""The web page in a real headless Chromium against a real API server over a temp SQLite store."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from web_browser import CHROMIUM, rows, wait_map, wait_rows
from web_records import sample_records
from web_server import serve_records

REPO = Path(__file__).resolve().parents[2]
AIRSTRIKE = "Explosions/Remote violence"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


def test_filter_open_event_and_see_evidence(page, base_url, tmp_path):
    page.goto(base_url + "/")
    wait_rows(page, 3)
    assert page.locator("#summary").inner_text().startswith("3 events")

    # The map either draws (software WebGL) or says why not; the rest works either way.
    page.wait_for_function("() => document.querySelector('#map canvas') || "
                           "!document.querySelector('#map-notice').hidden")

    page.select_option("#f-event_type", AIRSTRIKE)
    wait_rows(page, 1)
    assert "event_type=" in page.url and AIRSTRIKE in unquote(page.url.replace("+", " "))
    assert page.locator("#summary").inner_text().startswith("1 event")

    rows(page).first.click()
    page.wait_for_selector("#panel mark[data-field]")
    panel = page.locator("#panel")
    assert "Maarat al-Numan" in panel.locator("h2").inner_text()

    fatalities = panel.locator('mark[data-field="fatalities"]').all_inner_texts()
    assert {"killing at least 12 civilians", "15 dead", "9 people killed"} <= set(fatalities)
    # "Airstrikes" (actor 1) lies inside "Airstrikes hit" (trigger): nested, not lost.
    nested = panel.locator('mark[data-field="trigger"] > mark[data-field="actor1"]')
    assert {"Airstrikes", "army aircraft"} == set(nested.all_inner_texts())
    assert panel.locator('mark[data-field="quote"]').first.inner_text().startswith(
        "The planes came twice")
    # Both reports' stories are shown, each with its own source.
    assert panel.locator("article.report").count() == 2
    # Who says so: a party to the conflict and a monitor that is not one; and the disagreement.
    assert panel.locator(".badge.party").count() >= 1
    assert "Rami Abdulrahman" in panel.locator(".claimant").all_inner_texts()
    assert panel.locator(".disagree-box").is_visible()
    assert panel.locator(".legend input[type=checkbox]").count() >= 10
    assert "event=" in page.url

    shot = tmp_path / "web-screenshot.png"
    page.screenshot(path=str(shot))
    out = REPO / "out"
    out.mkdir(exist_ok=True)
    shutil.copyfile(shot, out / "web-screenshot.png")
    print(f"screenshot: {shot} (copied to {out / 'web-screenshot.png'})")

    # Offline: every request stayed on the server (or in the page's own blobs).
    remote = [u for u in page.requests if not u.startswith((base_url, "data:", "blob:"))]
    assert remote == []
    assert page.errors == []


def test_page_runs_under_its_content_security_policy(page, base_url):
    """The served CSP (script-src 'self', no eval, no inline script) leaves the page working:
    rows, map or its notice, and no CSP violation reported in the console.

    Predicates passed to wait_for_function are arrow functions: Playwright evaluates a bare
    expression with eval(), which this CSP forbids, exactly as it should."""
    answer = page.goto(base_url + "/")
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    wait_rows(page, 3)
    wait_map(page)
    rows(page).first.click()
    page.wait_for_selector("#panel mark")
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    assert page.errors == []


def test_brushing_the_timeline_filters_by_date(page, base_url):
    page.goto(base_url + "/")
    wait_rows(page, 3)
    bars = page.locator('#timeline rect.bar[data-count="1"]')
    assert bars.count() == 3
    first = bars.first.bounding_box()
    y = first["y"] + first["height"] / 2
    page.mouse.move(first["x"] + 0.2, y)
    page.mouse.down()
    page.mouse.move(first["x"] + first["width"] - 0.2, y, steps=3)
    page.mouse.up()
    wait_rows(page, 1)
    assert "Tal Afar" in rows(page).first.inner_text()
    start = page.input_value("#f-start")
    assert start and start <= "2016-11-13" <= page.input_value("#f-end")
    assert "start=" in page.url

    page.click("#clear-dates")
    wait_rows(page, 3)
    assert page.input_value("#f-start") == ""


def test_url_hash_restores_filters_and_open_event(page, base_url):
    page.goto(base_url + "/#event_type=Protests&claimant=Red+Cross")
    wait_rows(page, 1)
    assert page.input_value("#f-event_type") == "Protests"
    assert page.input_value("#f-claimant") == "Red Cross"
    event_id = rows(page).first.get_attribute("data-id")

    page.goto(f"{base_url}/#event={event_id}")
    page.wait_for_selector('#panel mark[data-field="crowd_size"]')
    assert page.locator('#panel mark[data-field="crowd_size"]').inner_text() == (
        "More than 2,000 people")
    page.keyboard.press("Escape")
    page.wait_for_selector("#panel", state="hidden")
    assert "event=" not in page.url


def test_page_works_without_webgl(playwright, base_url):
    """With WebGL switched off the map shows a notice and everything else still works."""
    b = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                   args=["--no-sandbox", "--disable-3d-apis"])
    try:
        pg = b.new_page(viewport={"width": 1200, "height": 800})
        pg.goto(base_url + "/")
        wait_rows(pg, 3)
        notice = pg.locator("#map-notice")
        notice.wait_for(state="visible")
        assert "could not start" in notice.inner_text()
        pg.fill("#f-actor", "Islamic State")
        pg.press("#f-actor", "Enter")
        wait_rows(pg, 1)
        rows(pg).first.click()
        mark = pg.locator('#panel mark[data-field="fatalities"]')
        mark.wait_for()
        assert mark.inner_text() == "Six soldiers were killed"
    finally:
        b.close()


def test_clicking_an_event_on_the_map_opens_it(page, base_url):
    page.goto(base_url + "/#event_type=Protests")
    wait_rows(page, 1)
    wait_map(page)
    if page.locator("#map-notice").is_visible():
        pytest.skip("this Chromium has no WebGL, so there is no map to click")
    # The map fits the only event's point, which is then at the centre of the map.
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector('#panel mark[data-field="injuries"]')
    assert "Nairobi" in page.locator("#panel h2").inner_text()


def test_undated_events_stay_off_the_timeline_but_on_the_list(browser, tmp_path):
    records = sample_records()
    undated = records[-1]
    undated["document"] = {**undated["document"], "id": "doc-undated", "text":
                           undated["document"]["text"] + " "}
    undated["events"] = [{**undated["events"][0], "event_id": "evt-undated",
                          "date": {"start": None, "end": None, "precision": None, "text": None}}]
    with serve_records([records[0], undated], tmp_path) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/")
        wait_rows(page, 2)
        assert page.locator('#timeline rect.bar[data-count="1"]').count() == 1
        assert "Could not reach" not in page.inner_text("body")
        assert errors == []
        context.close()
