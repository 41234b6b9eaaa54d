// The event map: MapLibre with an offline style (local country borders, no remote sources).
import maplibregl from "maplibre-gl";
import { $, figure, placeName } from "./dom.js";
import { TYPE_COLOURS } from "./ontology.js";

const EMPTY = { type: "FeatureCollection", features: [] };

function style() {
  // The worker fetches source URLs itself, so they must be absolute.
  const countries = new URL("static/countries.geojson", location.href).href;
  const colourByType = ["match", ["get", "event_type"]];
  for (const [t, c] of Object.entries(TYPE_COLOURS)) colourByType.push(t, c);
  colourByType.push("#7f7f7f");
  return {
    version: 8,
    sources: {
      countries: { type: "geojson", data: countries },
      events: { type: "geojson", data: EMPTY },
    },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": "#dbe7ef" } },
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": "#f4f1ea" } },
      { id: "borders", type: "line", source: "countries",
        paint: { "line-color": "#a9a49a", "line-width": 0.6 } },
      { id: "events", type: "circle", source: "events",
        paint: {
          "circle-color": colourByType,
          "circle-opacity": 0.8,
          "circle-radius": ["interpolate", ["linear"], ["get", "deaths"], 0, 5, 10, 9, 100, 16],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1,
        } },
      { id: "selected", type: "circle", source: "events", filter: ["==", ["get", "id"], ""],
        paint: { "circle-radius": 12, "circle-color": "rgba(0,0,0,0)",
                 "circle-stroke-color": "#111", "circle-stroke-width": 2.5 } },
    ],
  };
}

// MapLibre flattens nested properties to strings; keep only what the layers and popup need.
function slim(fc) {
  return {
    type: "FeatureCollection",
    features: (fc.features || []).filter((f) => f.geometry).map((f) => {
      const p = f.properties || {};
      return {
        type: "Feature",
        geometry: f.geometry,
        properties: {
          id: p.id, event_type: p.event_type, sub_event_type: p.sub_event_type || p.event_type || "",
          date: p.date?.start || "", place: placeName(p.location),
          deaths: p.fatalities?.min ?? 0, deathsText: figure(p.fatalities) || "none reported",
        },
      };
    }),
  };
}

export class EventMap {
  constructor(onOpen) {
    this.onOpen = onOpen;
    this.map = null;
    this.pending = null;
    this.selectedId = "";
    try {
      this.map = new maplibregl.Map({
        container: "map", style: style(), center: [20, 20], zoom: 1.2,
        attributionControl: false, dragRotate: false,
      });
    } catch (err) {
      this.fail(err);
      return;
    }
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    this.map.on("load", () => {
      this.ready = true;
      if (this.pending) this.setData(this.pending.data, this.pending.fit);
      this.select(this.selectedId);
    });
    // Exposed as an attribute so scripts and tests can tell when the drawn map is current.
    this.map.on("idle", () => { $("#map").dataset.state = "idle"; });
    this.map.on("webglcontextlost", () => this.fail(new Error("WebGL context lost")));
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
    this.map.on("mouseenter", "events", (e) => {
      this.map.getCanvas().style.cursor = "pointer";
      const p = e.features[0].properties;
      popup.setLngLat(e.features[0].geometry.coordinates)
        .setText([p.date, p.sub_event_type, p.place, `fatalities: ${p.deathsText}`].filter(Boolean).join(" · "))
        .addTo(this.map);
    });
    this.map.on("mouseleave", "events", () => {
      this.map.getCanvas().style.cursor = "";
      popup.remove();
    });
    this.map.on("click", "events", (e) => this.onOpen(e.features[0].properties.id));
  }

  fail(err) {
    console.warn("map unavailable:", err);
    this.map = null;
    const notice = $("#map-notice");
    notice.textContent = "The map could not start (this browser has no WebGL). "
      + "Filters, timeline, list and event details still work.";
    notice.hidden = false;
    $("#map").classList.add("failed");
  }

  setData(fc, fit = true) {
    if (!this.map) return;
    const data = slim(fc);
    if (!this.ready) {
      this.pending = { data: fc, fit };
      return;
    }
    $("#map").dataset.state = "loading";
    this.map.getSource("events").setData(data);
    if (fit && data.features.length) {
      const bounds = new maplibregl.LngLatBounds();
      for (const f of data.features) bounds.extend(f.geometry.coordinates);
      this.map.fitBounds(bounds, { padding: 50, maxZoom: 4.5, duration: 0 });
    }
  }

  select(id) {
    this.selectedId = id || "";
    if (this.map && this.ready) this.map.setFilter("selected", ["==", ["get", "id"], this.selectedId]);
  }
}
