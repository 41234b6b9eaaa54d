// Builds the page into src/sitrep/web/static/: the JS bundle (MapLibre included), the CSS,
// index.html and an offline basemap of country borders made from world-atlas.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";
import { geoEquirectangular } from "d3-geo";
import { geoProject } from "d3-geo-projection";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "sitrep", "web", "static");
const nm = join(here, "node_modules");
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, "src", "main.js")],
  outfile: join(out, "app.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  logLevel: "warning",
});

copyFileSync(join(nm, "maplibre-gl", "dist", "maplibre-gl.css"), join(out, "maplibre-gl.css"));
copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
copyFileSync(join(here, "src", "app.css"), join(out, "app.css"));

// Country polygons at 1:110m; two decimals (about 1 km) is plenty at that scale and
// keeps the file small.
const topo = JSON.parse(readFileSync(join(nm, "world-atlas", "countries-110m.json"), "utf8"));
// world-atlas stitches its rings across the date line (Russia, Fiji, Antarctica) for spherical
// renderers; drawn flat by MapLibre, those rings jump from +180 to -180 and streak across the
// map. An identity-scaled equirectangular projection cuts them at the antimeridian (and closes
// Antarctica along the pole) while leaving every coordinate in degrees; precision(0) keeps
// d3 from adding resampling points.
const flat = geoEquirectangular().scale(180 / Math.PI).translate([0, 0]).reflectY(true).precision(0);
const countries = geoProject(feature(topo, topo.objects.countries), flat);
const round = (c) => (typeof c[0] === "number" ? c.map((v) => Math.round(v * 100) / 100) : c.map(round));
for (const f of countries.features) {
  f.geometry.coordinates = round(f.geometry.coordinates);
  f.properties = { name: f.properties.name };
}
writeFileSync(join(out, "countries.geojson"), JSON.stringify(countries));
console.log(`built ${out}`);
