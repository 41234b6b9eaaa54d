// Tiny DOM helpers: build elements without innerHTML so story text is never parsed as HTML.

// Children to append: nested lists flattened, absent parts (null, undefined, false) dropped.
// append() and replaceChildren() would print those as the words "null" and "undefined".
export function parts(...children) {
  return children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (c instanceof Node ? c : String(c)));
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  node.append(...parts(children));
  return node;
}

export const $ = (sel) => document.querySelector(sel);

// "27", "at least 10", "up to 30", "12–15"; null when the figure is absent.
export function figure(f) {
  if (!f) return null;
  const { min, max } = f;
  if (min !== null && min !== undefined && min === max) return String(min);
  if (max === null || max === undefined) return min === null || min === undefined ? null : `at least ${min}`;
  if (!min) return `up to ${max}`;
  return `${min}–${max}`;
}

export function actorName(a) {
  return a ? a.name || a.source_label || "unknown" : null;
}

export function placeName(loc) {
  if (!loc) return "unknown place";
  return [loc.name, loc.admin1, loc.country].filter(Boolean).filter((v, i, all) => all.indexOf(v) === i).join(", ");
}

// "" when the event has no date, so callers can say so in their own words.
export function dateText(d) {
  if (!d?.start) return "";
  return d.start === d.end || !d.end ? d.start : `${d.start} – ${d.end}`;
}
