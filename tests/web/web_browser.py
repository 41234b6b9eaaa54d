"""Chromium and the page helpers shared by the browser tests."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Software WebGL, so MapLibre can draw in a headless browser with no GPU.
BROWSER_ARGS = ["--no-sandbox", "--use-gl=angle", "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"]


def rows(page):
    return page.locator("#event-list .event-row")


def wait_rows(page, n: int) -> None:
    page.wait_for_function("n => document.querySelectorAll('#event-list .event-row').length === n"
                           " && !document.body.classList.contains('busy')", arg=n)


def wait_map(page) -> None:
    """Until the map has drawn its current data, or has said it cannot draw at all."""
    page.wait_for_function("() => document.querySelector('#map').dataset.state === 'idle' || "
                           "!document.querySelector('#map-notice').hidden")
