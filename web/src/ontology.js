// ACLED's six event types and their sub-event types, for the filter menus: read from the one
// definition the Python package uses (src/sitrep/data/ontology.json), bundled at build time.
import ontology from "../../src/sitrep/data/ontology.json";

export const SUB_TYPES = ontology.event_types;

export const EVENT_TYPES = Object.keys(SUB_TYPES);

// One colour per event type, shared by the map, the list and the panel.
export const TYPE_COLOURS = {
  Battles: "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  Protests: "#1f77b4",
  Riots: "#8c564b",
  "Strategic developments": "#2ca02c",
};

export const typeColour = (t) => TYPE_COLOURS[t] || "#7f7f7f";

// Evidence fields (CONTRACTS.md) with a label and a highlight colour each.
export const FIELDS = [
  ["trigger", "what happened", "#ffd54f"],
  ["actor1", "actor 1", "#90caf9"],
  ["actor2", "actor 2", "#ce93d8"],
  ["date", "date", "#a5d6a7"],
  ["location", "location", "#80deea"],
  ["fatalities", "fatalities", "#ef9a9a"],
  ["injuries", "injuries", "#ffab91"],
  ["crowd_size", "crowd size", "#bcaaa4"],
  ["claimant", "claimant", "#b0bec5"],
  ["quote", "quote", "#e6ee9c"],
];
