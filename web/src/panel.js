// The event panel: the record, who claims what, per-source figures, and each story with its
// evidence highlighted.
import { api } from "./api.js";
import { $, actorName, dateText, el, figure, parts, placeName } from "./dom.js";
import { highlight } from "./highlight.js";
import { FIELDS, typeColour } from "./ontology.js";

const FIGURES = [["fatalities", "Fatalities"], ["injuries", "Injuries"], ["crowd_size", "Crowd size"]];

// Colours and show/hide rules for every field, generated from one table (ontology.js).
export function installFieldStyles() {
  const rules = FIELDS.map(([f, , c]) => `mark[data-field="${f}"]{background:${c};}`
    + `.legend [data-swatch="${f}"]{background:${c};}`
    + `.hide-${f} mark[data-field="${f}"]{background:none;box-shadow:none;}`);
  document.head.append(el("style", {}, rules.join("\n")));
}

function partyBadge(party) {
  if (party === true) return el("span", { class: "badge party" }, "party to conflict");
  if (party === false) return el("span", { class: "badge nonparty" }, "not a party");
  return el("span", { class: "badge unknown" }, "party status unknown");
}

function claimCard(c) {
  const who = c.claimant || c.claimant_org || c.claimant_role || "unnamed source";
  const role = [c.claimant_role, c.claimant_org].filter(Boolean).filter((v) => v !== who).join(", ");
  return el("li", { class: "claim" },
    el("div", { class: "claim-head" }, el("strong", { class: "claimant" }, who),
      role ? el("span", { class: "role" }, ` (${role})`) : null, " ", partyBadge(c.party_to_conflict)),
    c.outlet ? el("div", { class: "outlet" }, `reported by ${c.outlet}`) : null,
    c.quote ? el("blockquote", { class: "quote" }, `“${c.quote}”`) : null);
}

function actorRow(label, a) {
  if (!a) return null;
  const detail = [a.source_label && a.source_label !== a.name ? `“${a.source_label}”` : null,
    a.kind?.replaceAll("_", " "), a.country].filter(Boolean).join(" · ");
  return [el("dt", {}, label), el("dd", {}, actorName(a), detail ? el("small", {}, ` ${detail}`) : null)];
}

function facts(ev) {
  const loc = ev.location || {};
  const locDetail = [loc.district, loc.precision ? `precision ${loc.precision}` : null,
    loc.lat != null ? `${loc.lat}, ${loc.lon}` : null].filter(Boolean).join(" · ");
  const rows = [
    [el("dt", {}, "Date"), el("dd", {}, dateText(ev.date) || "unknown",
      ev.date?.precision && ev.date.precision !== "day" ? el("small", {}, ` (${ev.date.precision})`) : null)],
    [el("dt", {}, "Place"), el("dd", {}, placeName(loc), locDetail ? el("small", {}, ` ${locDetail}`) : null)],
    actorRow("Actor 1", ev.actor1),
    actorRow("Actor 2", ev.actor2),
  ];
  for (const [key, label] of FIGURES) {
    const value = figure(ev[key]);
    const range = ev.ranges?.[key];
    if (!value && !range) continue;
    // a range only worth a badge when it says more than the figure itself
    const says = range && figure(range) !== value ? figure(range) : null;
    rows.push([el("dt", {}, label), el("dd", {}, value || "—",
      says ? el("span", { class: "badge disagree" }, `sources say ${says}`) : null)]);
  }
  return el("dl", { class: "facts" }, rows.filter(Boolean).flat());
}

// One row per source with its own figures, shown when the sources disagree on any of them
// (a merged range can also come from sources that all give the same "12–15").
function sourceTable(ev) {
  const reports = ev.reports || [];
  const disputed = FIGURES.filter(([k]) => ev.ranges?.[k]
    && new Set(reports.map((r) => figure(r[k]))).size > 1);
  if (!disputed.length) return null;
  return el("section", { class: "disagree-box" },
    el("h3", {}, "Sources disagree"),
    el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "Source"), disputed.map(([, l]) => el("th", {}, l)))),
      el("tbody", {}, reports.map((r) => el("tr", {},
        el("td", {}, r.outlet || r.document_id, r.published ? el("small", {}, ` ${r.published}`) : null),
        disputed.map(([k]) => el("td", {}, figure(r[k]) || "—")))))));
}

function legend(panel) {
  return el("fieldset", { class: "legend" }, el("legend", {}, "Evidence highlighted in the stories"),
    FIELDS.map(([f, label]) => el("label", { class: "legend-item" },
      el("input", { type: "checkbox", checked: true, dataset: { field: f },
        onchange: (e) => panel.classList.toggle(`hide-${f}`, !e.target.checked) }),
      el("span", { class: "swatch", "data-swatch": f, "aria-hidden": "true" }), label)));
}

function reportView(report, doc) {
  const spans = [...(report.evidence || []), ...(report.claims || []).flatMap((c) => c.evidence || [])];
  const { body, dropped } = highlight(doc.text || "", spans);
  const figs = FIGURES.map(([k, l]) => (figure(report[k]) ? `${l}: ${figure(report[k])}` : null))
    .filter(Boolean).join(" · ");
  return el("article", { class: "report", dataset: { document: report.document_id } },
    el("h4", {}, doc.title || report.title || report.document_id),
    el("div", { class: "meta" }, [report.outlet || doc.outlet, report.published || doc.published]
      .filter(Boolean).join(" · "),
      doc.url ? [" · ", el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, "original")] : null),
    figs ? el("div", { class: "source-figures" }, figs) : null,
    (doc.warnings || []).length ? el("div", { class: "warnings" }, `warnings: ${doc.warnings.join("; ")}`) : null,
    report.claims?.length ? el("ul", { class: "claims" }, report.claims.map(claimCard)) : null,
    body,
    dropped ? el("p", { class: "warnings" }, `${dropped} evidence span(s) did not match the text`) : null);
}

export class EventPanel {
  constructor(onClose) {
    this.root = $("#panel");
    this.body = $("#panel-body");
    this.token = 0;
    $("#close-panel").addEventListener("click", onClose);
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !this.root.hidden) onClose();
    });
  }

  close() {
    this.token += 1;
    this.root.hidden = true;
    this.body.replaceChildren();
  }

  async open(id) {
    const token = ++this.token;
    this.root.hidden = false;
    this.body.replaceChildren(el("p", { class: "loading" }, "Loading event…"));
    try {
      const ev = await api.event(id);
      const docs = await Promise.all((ev.reports || []).map((r) => api.document(r.document_id)
        .catch((err) => ({ text: "", warnings: [`could not load the document: ${err.message}`] }))));
      if (token !== this.token) return; // another event was opened meanwhile
      this.render(ev, docs);
    } catch (err) {
      if (token === this.token) this.body.replaceChildren(el("p", { class: "error" }, `Could not load event ${id}: ${err.message}`));
    }
  }

  render(ev, docs) {
    const colour = typeColour(ev.event_type);
    this.root.className = "panel"; // the legend below starts with every field shown
    this.body.replaceChildren(...parts(
      el("div", { class: "panel-head" },
        el("span", { class: "type-badge", style: `background:${colour}` }, ev.event_type),
        el("span", { class: "subtype" }, ev.sub_event_type)),
      el("h2", { id: "panel-title", tabindex: "-1" },
        `${placeName(ev.location)} · ${dateText(ev.date) || "date unknown"}`),
      el("p", { class: "event-summary" }, ev.summary),
      facts(ev),
      sourceTable(ev),
      ev.claims?.length ? el("section", {}, el("h3", {}, "Who says so"),
        el("ul", { class: "claims" }, ev.claims.map(claimCard))) : null,
      el("section", { class: "reports" },
        el("h3", {}, `Reports (${(ev.reports || []).length})`),
        legend(this.root),
        (ev.reports || []).map((r, i) => reportView(r, docs[i])))));
    this.root.scrollTop = 0;
    $("#panel-title").focus({ preventScroll: true });
  }
}
