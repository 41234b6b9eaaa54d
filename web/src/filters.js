// The filter form: fills the menus, reads the form into a filters object and back.
import { FILTER_KEYS } from "./api.js";
import { $, el } from "./dom.js";
import { EVENT_TYPES, SUB_TYPES } from "./ontology.js";

const form = () => $("#filters");

function setOptions(select, options, keep) {
  const current = keep ?? select.value;
  select.replaceChildren(el("option", { value: "" }, "Any"));
  for (const [value, label] of options) select.append(el("option", { value }, label));
  // Keep a value from the URL even if the menu does not list it (yet).
  if (current && !options.some(([v]) => v === current)) select.append(el("option", { value: current }, current));
  select.value = current || "";
}

function fillSubTypes(type, keep) {
  const subs = type ? SUB_TYPES[type] || [] : EVENT_TYPES.flatMap((t) => SUB_TYPES[t]);
  setOptions($("#f-sub_event_type"), subs.map((s) => [s, s]), keep);
}

export function initFilters(onChange) {
  setOptions($("#f-event_type"), EVENT_TYPES.map((t) => [t, t]));
  fillSubTypes("");
  const f = form();
  $("#f-event_type").addEventListener("change", (e) => {
    const sub = $("#f-sub_event_type").value;
    fillSubTypes(e.target.value, SUB_TYPES[e.target.value]?.includes(sub) ? sub : "");
  });
  // Menus apply at once; text boxes apply on Enter / Apply so typing does not spam the API.
  for (const sel of f.querySelectorAll("select, input[type=date]")) {
    sel.addEventListener("change", () => onChange(readFilters()));
  }
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    onChange(readFilters());
  });
  $("#reset").addEventListener("click", () => {
    writeFilters({});
    onChange({});
  });
}

export function setCountries(byCountry) {
  const options = byCountry
    .filter((c) => c.country_code)
    .map((c) => [c.country_code, `${c.country || c.country_code} (${c.count})`])
    .sort((a, b) => a[1].localeCompare(b[1]));
  setOptions($("#f-country"), options);
}

export function readFilters() {
  const data = new FormData(form());
  const out = {};
  for (const k of FILTER_KEYS) {
    const v = (data.get(k) || "").toString().trim();
    if (v) out[k] = v;
  }
  return out;
}

export function writeFilters(filters) {
  const f = form();
  $("#f-event_type").value = filters.event_type || "";
  if (filters.event_type && $("#f-event_type").value !== filters.event_type) {
    setOptions($("#f-event_type"), EVENT_TYPES.map((t) => [t, t]), filters.event_type);
  }
  fillSubTypes(filters.event_type || "", filters.sub_event_type || "");
  const country = $("#f-country");
  if (filters.country && ![...country.options].some((o) => o.value === filters.country)) {
    country.append(el("option", { value: filters.country }, filters.country));
  }
  for (const k of ["country", "actor", "claimant", "party_to_conflict", "q", "start", "end"]) {
    f.elements[k].value = filters[k] || "";
  }
}
