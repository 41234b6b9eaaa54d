// Wires the page together: state in the URL hash, one refresh per filter change.
import { api } from "./api.js";
import { $, el } from "./dom.js";
import { initFilters, readFilters, setCountries, writeFilters } from "./filters.js";
import { markSelected, PAGE_SIZE, renderList } from "./list.js";
import { EventMap } from "./map.js";
import { EventPanel, installFieldStyles } from "./panel.js";
import { typeColour } from "./ontology.js";
import { readHash, writeHash } from "./state.js";
import { Timeline } from "./timeline.js";

let state = readHash();
let refreshToken = 0;

function showError(err) {
  const box = $("#error");
  box.textContent = err ? `Could not reach the API: ${err.message}` : "";
  box.hidden = !err;
}

function renderByType(stats) {
  $("#by-type").replaceChildren(...stats.by_type.map((t) => el("li", {},
    el("button", { type: "button", class: "link", onclick: () => setFilters({ ...state.filters, event_type: t.event_type, sub_event_type: undefined }) },
      el("span", { class: "dot", style: `background:${typeColour(t.event_type)}`, "aria-hidden": "true" }),
      `${t.event_type}`), ` ${t.count}`)));
}

// Re-queries everything the filters affect; `fit` moves the map to the results.
async function refresh({ fit = true } = {}) {
  const token = ++refreshToken;
  writeHash(state);
  const f = state.filters;
  const undated = { ...f, start: undefined, end: undefined };
  document.body.classList.add("busy");
  try {
    const [list, geo, stats, timeline] = await Promise.all([
      api.events(f, { limit: PAGE_SIZE, offset: state.page * PAGE_SIZE, sort: state.sort }),
      api.geojson(f),
      api.stats(f),
      // The timeline ignores the date filter so the brushed range stays in context.
      api.stats(undated),
    ]);
    if (token !== refreshToken) return;
    showError(null);
    renderList(list, state.page, openEvent, state.event);
    eventMap.setData(geo, fit);
    renderByType(stats);
    timelineView.update(timeline.by_day, { start: f.start, end: f.end });
    const n = stats.total;
    $("#summary").textContent = `${n} event${n === 1 ? "" : "s"} · ${stats.by_country.length} countr${stats.by_country.length === 1 ? "y" : "ies"}`;
  } catch (err) {
    if (token === refreshToken) showError(err);
  } finally {
    if (token === refreshToken) document.body.classList.remove("busy");
  }
}

function setFilters(filters) {
  const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  state = { ...state, filters: clean, page: 0 };
  writeFilters(clean);
  refresh();
}

// Under 600 px the panel is a sheet over the lower part of the screen (app.css).
const narrow = window.matchMedia("(max-width: 600px)");

function openEvent(id) {
  state.event = id;
  writeHash(state);
  markSelected(id);
  eventMap.select(id);
  panel.open(id);
  // the map, above the sheet, shows where the event is
  if (narrow.matches) window.scrollTo({ top: 0 });
}

function closeEvent() {
  state.event = null;
  writeHash(state);
  markSelected(null);
  eventMap.select(null);
  panel.close();
}

installFieldStyles();
const panel = new EventPanel(closeEvent);
const eventMap = new EventMap(openEvent);
const timelineView = new Timeline($("#timeline"), (start, end) => setFilters({ ...readFilters(), start, end }));

initFilters(setFilters);
// On a narrow screen the filters fold away behind this button (hidden on wider screens).
$("#toggle-filters").addEventListener("click", (e) => {
  const open = document.body.classList.toggle("filters-open");
  e.currentTarget.setAttribute("aria-expanded", String(open));
});
$("#clear-dates").addEventListener("click", () => setFilters({ ...readFilters(), start: "", end: "" }));
$("#sort").addEventListener("change", (e) => {
  state = { ...state, sort: e.target.value, page: 0 };
  refresh({ fit: false });
});
$("#prev").addEventListener("click", () => {
  state = { ...state, page: Math.max(0, state.page - 1) };
  refresh({ fit: false });
});
$("#next").addEventListener("click", () => {
  state = { ...state, page: state.page + 1 };
  refresh({ fit: false });
});
// Someone edits the hash or navigates: take the state from the URL again.
window.addEventListener("hashchange", () => {
  state = readHash();
  writeFilters(state.filters);
  $("#sort").value = state.sort;
  if (state.event) openEvent(state.event);
  else closeEvent();
  refresh();
});

// Country names come from the data, so fill that menu from the unfiltered stats once.
api.stats({}).then((s) => {
  setCountries(s.by_country);
  writeFilters(state.filters);
}).catch(showError);

writeFilters(state.filters);
$("#sort").value = state.sort;
refresh();
if (state.event) openEvent(state.event);
