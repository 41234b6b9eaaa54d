"""The page on a phone-sized screen, at the date line, with outlier dates and agreeing sources:
each in a real headless Chromium against a real API server over a temp SQLite store."""

from __future__ import annotations

import base64
import re
from contextlib import ExitStack
from itertools import count

import pytest
from web_browser import CHROMIUM, rows, wait_map, wait_rows
from web_records import agreeing_records, dated_records, record_at, sample_records
from web_server import serve_records

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]

SEA = (0xDB, 0xE7, 0xEF)  # the map's background and land colours (web/src/map.js)
LAND = (0xF4, 0xF1, 0xEA)
# Reads pixels of a PNG (a screenshot) in the page itself: no image library needed.
READ_PIXELS = """async ([png, points]) => {
  const img = new Image();
  img.src = `data:image/png;base64,${png}`;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  return points.map(([x, y]) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3)));
}"""


def _closer_to(colour, a, b) -> bool:
    dist = lambda c: sum((p - q) ** 2 for p, q in zip(colour, c, strict=True))  # noqa: E731
    return dist(a) < dist(b)


@pytest.fixture
def served(browser, tmp_path):
    """serve(records, width, height) -> a page on a server over a store of those records;
    servers and pages close when the test ends."""
    stores = count()
    with ExitStack() as stack:

        def serve(records, width=1400, height=900):
            folder = tmp_path / f"store{next(stores)}"
            folder.mkdir()
            url = stack.enter_context(serve_records(records, folder))
            context = browser.new_context(viewport={"width": width, "height": height})
            stack.callback(context.close)
            page = context.new_page()
            page.errors = []
            page.requests = []
            page.on("pageerror", lambda e: page.errors.append(str(e)))
            page.on("request", lambda r: page.requests.append(r.url))
            page.base_url = url
            return page

        yield serve


def _offline(page) -> bool:
    """Every request stayed on the test's server (or in the page's own data and blobs)."""
    return all(u.startswith((page.base_url, "data:", "blob:")) for u in page.requests)


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


def test_narrow_screen_puts_map_above_and_panel_below(served):
    width, height = 375, 740
    page = served(sample_records(), width, height)
    page.goto(page.base_url + "/")
    wait_rows(page, 3)
    # nothing wider than the screen
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    map_box = page.locator(".map-wrap").bounding_box()
    timeline_box = page.locator(".timeline-wrap").bounding_box()
    list_box = page.locator(".list-wrap").bounding_box()
    assert map_box["width"] >= width - 24 and map_box["height"] >= 200
    assert map_box["y"] < timeline_box["y"] < list_box["y"]
    assert list_box["width"] >= width - 24

    # the filters fold away behind a button and still work
    assert not page.locator("#filters").is_visible()
    page.click("#toggle-filters")
    assert page.locator("#filters").is_visible()
    assert page.get_attribute("#toggle-filters", "aria-expanded") == "true"
    assert page.locator("#f-q").bounding_box()["width"] <= width
    page.select_option("#f-event_type", "Protests")
    wait_rows(page, 1)
    page.click("#toggle-filters")
    assert not page.locator("#filters").is_visible()

    # the event opens in a sheet across the bottom, below the top of the map
    rows(page).first.click()
    page.wait_for_selector("#panel mark[data-field]")
    panel = page.locator("#panel").bounding_box()
    map_box = page.locator(".map-wrap").bounding_box()
    assert panel["x"] == 0 and panel["width"] == width
    assert panel["y"] + panel["height"] == pytest.approx(height, abs=1)
    assert panel["y"] > map_box["y"] + 100  # some of the map is still in sight above it
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.click("#close-panel")
    page.wait_for_selector("#panel", state="hidden")
    assert _offline(page)
    assert page.errors == []


def test_wide_screen_has_no_filters_button(page, base_url):
    page.goto(base_url + "/")
    wait_rows(page, 3)
    assert not page.locator("#toggle-filters").is_visible()
    assert page.locator("#filters").is_visible()


def test_countries_on_the_date_line_draw_no_stray_band(served):
    """Fiji straddles the antimeridian: its islands are drawn, the sea either side is sea.
    Before the polygons were cut, a ring jumping from +180 to -180 filled a band at Fiji's
    latitude across the whole map."""
    page = served([record_at("Suva", "Fiji", "FJ", -18.14, 178.44)])
    page.goto(page.base_url + "/")
    wait_rows(page, 1)
    wait_map(page)
    if page.locator("#map-notice").is_visible():
        pytest.skip("this Chromium has no WebGL, so there is no map to look at")

    # No ring in the served polygons steps more than half the world between two points.
    jumps = page.evaluate("""async () => {
      const fc = await (await fetch("static/countries.geojson")).json();
      const out = [];
      for (const f of fc.features) {
        const g = f.geometry;
        for (const ring of g.type === "Polygon" ? g.coordinates : g.coordinates.flat())
          for (let i = 1; i < ring.length; i++)
            if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) out.push(f.properties.name);
      }
      return out;
    }""")
    assert jumps == []

    # The map is fitted to the one event: Suva at the centre, at the fit's zoom (4.5).
    box = page.locator("#map").bounding_box()
    scale = 512 * 2 ** 4.5 / 360  # pixels per degree of longitude

    def pixel(lon: float, lat: float) -> list[int]:
        import math
        merc = lambda d: math.degrees(math.log(math.tan(math.pi / 4 + math.radians(d) / 2)))  # noqa: E731
        return [round(box["width"] / 2 + (lon - 178.44) * scale),
                round(box["height"] / 2 - (merc(lat) - merc(-18.14)) * scale)]

    points = {
        "Viti Levu": (178.0, -17.8),             # land: shows the arithmetic finds Fiji
        "sea west of Fiji": (168.0, -16.5),      # inside the old band (-16.07 .. -16.8)
        "sea east of Fiji": (-172.0, -16.5),
    }
    shot = base64.b64encode(page.locator("#map").screenshot()).decode()
    colours = dict(zip(points, page.evaluate(READ_PIXELS, [shot, [pixel(*p) for p in
                                                                   points.values()]]),
                       strict=True))
    assert _closer_to(colours["Viti Levu"], LAND, SEA), colours
    assert _closer_to(colours["sea west of Fiji"], SEA, LAND), colours
    assert _closer_to(colours["sea east of Fiji"], SEA, LAND), colours
    assert _offline(page)
    assert page.errors == []


def test_timeline_clips_outlier_dates_and_shows_them_at_the_edges(served):
    """Twelve events in March 2024, one typed as 1924 and one as 2094: the axis spans March,
    the two strays are counted at its edges, and clicking one lists it."""
    march = [f"2024-03-{d:02d}" for d in range(2, 26, 2)]
    page = served(dated_records(["1924-03-05", *march, "2094-03-05"]))
    page.goto(page.base_url + "/")
    wait_rows(page, 14)
    bars = page.locator("#timeline rect.bar")
    dates = bars.evaluate_all("bars => bars.map((b) => b.dataset.date)")
    assert min(dates) >= "2024-02-01" and max(dates) <= "2024-04-30", (min(dates), max(dates))
    assert sum(int(c) for c in bars.evaluate_all(
        "bars => bars.map((b) => b.dataset.count)")) == 12
    assert bars.first.get_attribute("data-date") > "2024-01-01"
    # day bars, each wide enough to see and to brush
    assert bars.first.bounding_box()["width"] > 5

    before = page.locator('#timeline .outliers[data-side="before"]')
    after = page.locator('#timeline .outliers[data-side="after"]')
    assert before.get_attribute("data-count") == "1" and "1" in before.text_content()
    assert after.get_attribute("data-start") == "2094-03-05"
    # the marks sit at the edges, outside the bars
    bars_left = min(b["x"] for b in (bars.nth(i).bounding_box() for i in range(bars.count())))
    bars_right = max(b["x"] + b["width"] for b in (bars.nth(i).bounding_box()
                                                   for i in range(bars.count())))
    assert before.bounding_box()["x"] + before.bounding_box()["width"] <= bars_left + 1
    assert after.bounding_box()["x"] >= bars_right - 1

    after.click()
    wait_rows(page, 1)
    assert page.input_value("#f-start") == "2094-03-05" == page.input_value("#f-end")
    assert "Town 13" in rows(page).first.inner_text()
    assert page.errors == []


def test_timeline_keeps_a_long_even_spread_whole(served):
    """Events spread over three years have no outliers: nothing is set apart."""
    page = served(dated_records([f"{y}-{m:02d}-10" for y in (2021, 2022, 2023)
                                 for m in (1, 5, 9)]))
    page.goto(page.base_url + "/")
    wait_rows(page, 9)
    assert page.locator("#timeline .outliers").count() == 0
    dates = page.locator("#timeline rect.bar").evaluate_all(
        "bars => bars.map((b) => b.dataset.date)")
    assert min(dates) <= "2021-01-10" and max(dates) >= "2023-09-01"
