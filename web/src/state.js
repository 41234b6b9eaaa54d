// Page state <-> URL hash, so a filtered view (and an open event) can be bookmarked.
import { FILTER_KEYS } from "./api.js";

export function emptyState() {
  return { filters: {}, page: 0, sort: "-date", event: null };
}

export function readHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const state = emptyState();
  for (const k of FILTER_KEYS) if (params.get(k)) state.filters[k] = params.get(k);
  state.page = Math.max(0, parseInt(params.get("page") || "0", 10) || 0);
  state.sort = params.get("sort") || "-date";
  state.event = params.get("event") || null;
  return state;
}

export function hashOf(state) {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (state.filters[k]) params.set(k, state.filters[k]);
  if (state.page) params.set("page", String(state.page));
  if (state.sort !== "-date") params.set("sort", state.sort);
  if (state.event) params.set("event", state.event);
  const s = params.toString();
  return s ? `#${s}` : "";
}

// Writes the hash without adding a history entry per keystroke-sized change.
export function writeHash(state) {
  const h = hashOf(state);
  if (h !== location.hash && !(h === "" && location.hash === "")) {
    history.replaceState(null, "", h || location.pathname + location.search);
  }
}
