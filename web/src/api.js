// The HTTP API of CONTRACTS.md. Paths are relative so the page works under any prefix.
export const FILTER_KEYS = [
  "event_type", "sub_event_type", "country", "actor", "claimant", "party_to_conflict", "q",
  "start", "end",
];

export function query(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (filters[k]) params.set(k, filters[k]);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

async function getJSON(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

export const api = {
  events: (f, extra) => getJSON(`events${query(f, extra)}`),
  geojson: (f) => getJSON(`events.geojson${query(f)}`),
  stats: (f) => getJSON(`stats${query(f)}`),
  event: (id) => getJSON(`events/${encodeURIComponent(id)}`),
  document: (id) => getJSON(`documents/${encodeURIComponent(id)}`),
};
