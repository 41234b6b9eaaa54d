"""The sitrep web page: a pre-built static bundle (built from web/ by scripts/build_web.sh)."""

from pathlib import Path

# index.html, app.js, app.css, maplibre-gl.css and countries.geojson; the API serves this folder.
STATIC_DIR = Path(__file__).resolve().parent / "static"
