// Counts per day as SVG bars; drag across them (or click one) to filter by that date range.
const NS = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const HEIGHT = 96;
const PAD = { left: 30, right: 8, top: 8, bottom: 20 };
const OUTLIER_WIDTH = 46; // room at an edge of the axis for the events beyond it

const toMs = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);

function svg(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Tukey's "far out" fences: a date beyond 3 interquartile ranges from the middle half of the
// events (a year typed wrong, a 9999-12-31) would otherwise stretch the axis until the real
// data is one thin bar. The spread is taken as at least a month, so a burst of events in one
// week does not push the rest of that month off the axis.
const FENCE = 3;
const MIN_SPREAD = 30 * DAY;

function quantile(days, total, q) {
  let seen = 0;
  for (const d of days) {
    seen += d.count;
    if (seen >= q * total) return d.ms;
  }
  return days[days.length - 1].ms;
}

// The dated days split into those the axis shows and the outliers on either side of it.
function splitOutliers(byDay) {
  const days = byDay.filter((d) => d.date).map((d) => ({ ms: toMs(d.date), count: d.count }))
    .filter((d) => Number.isFinite(d.ms)).sort((a, b) => a.ms - b.ms);
  if (!days.length) return { bulk: [], before: [], after: [] };
  const total = days.reduce((n, d) => n + d.count, 0);
  const q1 = quantile(days, total, 0.25);
  const q3 = quantile(days, total, 0.75);
  const spread = Math.max(q3 - q1, MIN_SPREAD);
  const lo = q1 - FENCE * spread;
  const hi = q3 + FENCE * spread;
  return {
    bulk: days.filter((d) => d.ms >= lo && d.ms <= hi),
    before: days.filter((d) => d.ms < lo),
    after: days.filter((d) => d.ms > hi),
  };
}

// Day bins for short spans; weeks or months when days would be thinner than a pixel or two.
function makeBins(days) {
  if (!days.length) return [];
  let first = days[0].ms;
  let last = days[days.length - 1].ms;
  // Show at least a month, so one busy day is a bar in context rather than a wall.
  const short = 30 - ((last - first) / DAY + 1);
  if (short > 0) {
    first -= Math.floor(short / 2) * DAY;
    last += Math.ceil(short / 2) * DAY;
  }
  const span = (last - first) / DAY + 1;
  const unit = span <= 200 ? "day" : span <= 1400 ? "week" : "month";
  const binStart = (ms) => {
    if (unit === "day") return ms;
    if (unit === "week") return first + Math.floor((ms - first) / (7 * DAY)) * 7 * DAY;
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  };
  const next = (ms) => {
    if (unit === "day") return ms + DAY;
    if (unit === "week") return ms + 7 * DAY;
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  };
  const bins = [];
  for (let s = binStart(first); s <= last; s = next(s)) bins.push({ start: s, end: next(s) - DAY, count: 0 });
  const index = new Map(bins.map((b, i) => [b.start, i]));
  for (const d of days) bins[index.get(binStart(d.ms))].count += d.count;
  return bins.map((b) => ({ ...b, unit }));
}

// The outliers on one side, as one group: how many events, and their first and last day.
function outlierGroup(days) {
  if (!days.length) return null;
  return { count: days.reduce((n, d) => n + d.count, 0), start: days[0].ms, end: days[days.length - 1].ms };
}

export class Timeline {
  constructor(svgEl, onBrush) {
    this.svg = svgEl;
    this.onBrush = onBrush;
    this.bins = [];
    this.outliers = { before: null, after: null };
    this.range = {};
    this.drag = null;
    svgEl.addEventListener("pointerdown", (e) => this.down(e));
    svgEl.addEventListener("pointermove", (e) => this.move(e));
    svgEl.addEventListener("pointerup", (e) => this.up(e));
    new ResizeObserver(() => this.render()).observe(svgEl);
  }

  update(byDay, range) {
    const { bulk, before, after } = splitOutliers(byDay || []);
    this.bins = makeBins(bulk);
    this.outliers = { before: outlierGroup(before), after: outlierGroup(after) };
    this.range = range || {};
    this.render();
  }

  // x0 and x1: where the bars start and end, between the outlier marks (if any).
  geometry() {
    const width = this.svg.clientWidth || 600;
    const x0 = PAD.left + (this.outliers.before ? OUTLIER_WIDTH : 0);
    const x1 = width - PAD.right - (this.outliers.after ? OUTLIER_WIDTH : 0);
    const inner = Math.max(1, x1 - x0);
    return { width, x0, x1, inner, bw: this.bins.length ? inner / this.bins.length : inner };
  }

  binAt(clientX) {
    const { bw, x0 } = this.geometry();
    const x = clientX - this.svg.getBoundingClientRect().left - x0;
    return Math.max(0, Math.min(this.bins.length - 1, Math.floor(x / bw)));
  }

  render() {
    const s = this.svg;
    const { width, bw, x0, x1 } = this.geometry();
    s.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
    s.setAttribute("height", HEIGHT);
    s.replaceChildren();
    if (!this.bins.length) {
      s.append(svg("text", { x: width / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "empty" },
        "no events"));
      return;
    }
    const max = Math.max(...this.bins.map((b) => b.count));
    const h = HEIGHT - PAD.top - PAD.bottom;
    const lo = this.range.start ? toMs(this.range.start) : -Infinity;
    const hi = this.range.end ? toMs(this.range.end) : Infinity;
    this.bins.forEach((b, i) => {
      const bh = b.count ? Math.max(2, (b.count / max) * h) : 0;
      const inRange = b.end >= lo && b.start <= hi;
      const rect = svg("rect", {
        x: x0 + i * bw + (bw > 3 ? 0.5 : 0), y: PAD.top + h - bh,
        width: Math.max(1, bw - (bw > 3 ? 1 : 0)), height: bh,
        class: inRange ? "bar" : "bar out", "data-date": toIso(b.start), "data-count": b.count,
      });
      const label = b.unit === "day" ? toIso(b.start) : `${toIso(b.start)} – ${toIso(b.end)}`;
      rect.append(svg("title", {}, `${label}: ${b.count} event${b.count === 1 ? "" : "s"}`));
      s.append(rect);
    });
    s.append(svg("line", { x1: x0, x2: x1, y1: PAD.top + h, y2: PAD.top + h, class: "axis" }));
    s.append(svg("text", { x: PAD.left - 4, y: PAD.top + 8, "text-anchor": "end", class: "tick" },
      String(max)));
    const first = toIso(this.bins[0].start);
    const last = toIso(this.bins[this.bins.length - 1].end);
    s.append(svg("text", { x: x0, y: HEIGHT - 5, class: "tick" }, first));
    s.append(svg("text", { x: x1, y: HEIGHT - 5, "text-anchor": "end", class: "tick" },
      `${last} (per ${this.bins[0].unit})`));
    for (const side of ["before", "after"]) {
      if (this.outliers[side]) s.append(this.outlierMark(side, side === "before" ? PAD.left : x1, h, lo, hi));
    }
    this.brush = svg("rect", { class: "brush", y: PAD.top, height: h, x: 0, width: 0 });
    s.append(this.brush);
  }

  // The events beyond one edge of the axis: a count with an arrow; clicking it filters to them.
  outlierMark(side, x, h, lo, hi) {
    const o = this.outliers[side];
    const before = side === "before";
    const inRange = o.end >= lo && o.start <= hi;
    const days = o.start === o.end ? toIso(o.start) : `${toIso(o.start)} – ${toIso(o.end)}`;
    const show = () => this.onBrush(toIso(o.start), toIso(o.end));
    const mark = svg("g", {
      class: inRange ? "outliers" : "outliers out", "data-side": side, "data-count": o.count,
      "data-start": toIso(o.start), "data-end": toIso(o.end), role: "button", tabindex: "0",
      "aria-label": `${o.count} event${o.count === 1 ? "" : "s"} ${before ? "earlier" : "later"} than the axis, ${days}: show them`,
    });
    mark.append(
      svg("title", {}, `${o.count} event${o.count === 1 ? "" : "s"} off the axis: ${days} (click to show)`),
      svg("rect", { class: "outlier-hit", x, y: PAD.top, width: OUTLIER_WIDTH, height: h }),
      svg("line", { class: "outlier-edge", x1: before ? x + OUTLIER_WIDTH - 3 : x + 3,
        x2: before ? x + OUTLIER_WIDTH - 3 : x + 3, y1: PAD.top, y2: PAD.top + h }),
      svg("text", { class: "outlier-count", x: x + OUTLIER_WIDTH / 2, y: PAD.top + h / 2,
        "text-anchor": "middle" }, before ? `◂ ${o.count}` : `${o.count} ▸`),
      svg("text", { class: "tick", x: x + OUTLIER_WIDTH / 2, y: PAD.top + h / 2 + 14,
        "text-anchor": "middle" }, before ? "earlier" : "later"));
    mark.addEventListener("click", show);
    mark.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        show();
      }
    });
    return mark;
  }

  down(e) {
    if (!this.bins.length || e.button !== 0 || e.target.closest(".outliers")) return;
    this.svg.setPointerCapture(e.pointerId);
    this.drag = { x: e.clientX, from: this.binAt(e.clientX) };
    this.move(e);
  }

  move(e) {
    if (!this.drag) return;
    const { bw, x0 } = this.geometry();
    const a = Math.min(this.drag.from, this.binAt(e.clientX));
    const b = Math.max(this.drag.from, this.binAt(e.clientX));
    this.brush.setAttribute("x", x0 + a * bw);
    this.brush.setAttribute("width", (b - a + 1) * bw);
  }

  up(e) {
    if (!this.drag) return;
    const a = Math.min(this.drag.from, this.binAt(e.clientX));
    const b = Math.max(this.drag.from, this.binAt(e.clientX));
    this.drag = null;
    this.onBrush(toIso(this.bins[a].start), toIso(this.bins[b].end));
  }
}
