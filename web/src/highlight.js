// Renders a story with its evidence spans as nested <mark data-field> elements.
import { el } from "./dom.js";

const byPosition = (a, b) => a.start - b.start || b.end - a.end;

// Spans whose offsets do not match their text are re-anchored on the text when it occurs
// exactly once in the document; otherwise they are dropped (and counted) rather than shown
// in the wrong place.
export function checkSpans(text, spans) {
  const good = [];
  let dropped = 0;
  const seen = new Set();
  for (const s of spans) {
    let { start, end } = s;
    if (text.slice(start, end) !== s.text && s.text) {
      const at = text.indexOf(s.text);
      if (at >= 0 && text.indexOf(s.text, at + 1) < 0) {
        start = at;
        end = at + s.text.length;
      } else {
        dropped += 1;
        continue;
      }
    }
    if (!(end > start)) continue;
    const key = `${start}:${end}:${s.field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    good.push({ start, end, field: s.field || "evidence" });
  }
  return { spans: good.sort(byPosition), dropped };
}

// Turns sorted spans into a tree; a span that crosses its parent's end is split in two.
function nest(spans) {
  const work = [...spans];
  const out = [];
  while (work.length) {
    const s = work.shift();
    const inner = [];
    while (work.length && work[0].start < s.end) {
      const t = work.shift();
      if (t.end <= s.end) inner.push(t);
      else {
        inner.push({ ...t, end: s.end });
        work.push({ ...t, start: s.end });
        work.sort(byPosition);
      }
    }
    out.push({ ...s, children: nest(inner) });
  }
  return out;
}

function render(text, nodes, from, to) {
  const parts = [];
  let pos = from;
  for (const n of nodes) {
    if (n.start > pos) parts.push(text.slice(pos, n.start));
    const mark = el("mark", { dataset: { field: n.field }, title: n.field.replace("_", " ") },
      render(text, n.children, n.start, n.end));
    parts.push(mark);
    pos = n.end;
  }
  if (to > pos) parts.push(text.slice(pos, to));
  return parts;
}

export function highlight(text, rawSpans) {
  const { spans, dropped } = checkSpans(text, rawSpans);
  const body = el("div", { class: "story-text" }, render(text, nest(spans), 0, text.length));
  return { body, dropped, fields: new Set(spans.map((s) => s.field)) };
}
