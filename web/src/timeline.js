// Counts per day as SVG bars; drag across them (or click one) to filter by that date range.
const NS = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const HEIGHT = 96;
const PAD = { left: 30, right: 8, top: 8, bottom: 20 };

const toMs = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);

function svg(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Day bins for short spans; weeks or months when days would be thinner than a pixel or two.
function makeBins(allDays) {
  // undated events have no place on a time axis; the list and the map still show them
  const byDay = allDays.filter((d) => d.date);
  if (!byDay.length) return [];
  const days = byDay.map((d) => toMs(d.date)).sort((a, b) => a - b);
  let first = days[0];
  let last = days[days.length - 1];
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
  for (const d of byDay) bins[index.get(binStart(toMs(d.date)))].count += d.count;
  return bins.map((b) => ({ ...b, unit }));
}

export class Timeline {
  constructor(svgEl, onBrush) {
    this.svg = svgEl;
    this.onBrush = onBrush;
    this.bins = [];
    this.range = {};
    this.drag = null;
    svgEl.addEventListener("pointerdown", (e) => this.down(e));
    svgEl.addEventListener("pointermove", (e) => this.move(e));
    svgEl.addEventListener("pointerup", (e) => this.up(e));
    new ResizeObserver(() => this.render()).observe(svgEl);
  }

  update(byDay, range) {
    this.bins = makeBins(byDay || []);
    this.range = range || {};
    this.render();
  }

  geometry() {
    const width = this.svg.clientWidth || 600;
    const inner = width - PAD.left - PAD.right;
    return { width, inner, bw: this.bins.length ? inner / this.bins.length : inner };
  }

  binAt(clientX) {
    const { bw } = this.geometry();
    const x = clientX - this.svg.getBoundingClientRect().left - PAD.left;
    return Math.max(0, Math.min(this.bins.length - 1, Math.floor(x / bw)));
  }

  render() {
    const s = this.svg;
    const { width, bw } = this.geometry();
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
        x: PAD.left + i * bw + (bw > 3 ? 0.5 : 0), y: PAD.top + h - bh,
        width: Math.max(1, bw - (bw > 3 ? 1 : 0)), height: bh,
        class: inRange ? "bar" : "bar out", "data-date": toIso(b.start), "data-count": b.count,
      });
      const label = b.unit === "day" ? toIso(b.start) : `${toIso(b.start)} – ${toIso(b.end)}`;
      rect.append(svg("title", {}, `${label}: ${b.count} event${b.count === 1 ? "" : "s"}`));
      s.append(rect);
    });
    s.append(svg("line", { x1: PAD.left, x2: width - PAD.right, y1: PAD.top + h, y2: PAD.top + h,
      class: "axis" }));
    s.append(svg("text", { x: PAD.left - 4, y: PAD.top + 8, "text-anchor": "end", class: "tick" },
      String(max)));
    const first = toIso(this.bins[0].start);
    const last = toIso(this.bins[this.bins.length - 1].end);
    s.append(svg("text", { x: PAD.left, y: HEIGHT - 5, class: "tick" }, first));
    s.append(svg("text", { x: width - PAD.right, y: HEIGHT - 5, "text-anchor": "end", class: "tick" },
      `${last} (per ${this.bins[0].unit})`));
    this.brush = svg("rect", { class: "brush", y: PAD.top, height: h, x: 0, width: 0 });
    s.append(this.brush);
  }

  down(e) {
    if (!this.bins.length || e.button !== 0) return;
    this.svg.setPointerCapture(e.pointerId);
    this.drag = { x: e.clientX, from: this.binAt(e.clientX) };
    this.move(e);
  }

  move(e) {
    if (!this.drag) return;
    const { bw } = this.geometry();
    const a = Math.min(this.drag.from, this.binAt(e.clientX));
    const b = Math.max(this.drag.from, this.binAt(e.clientX));
    this.brush.setAttribute("x", PAD.left + a * bw);
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
