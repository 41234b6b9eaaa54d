// The paged event list; each row opens the event panel.
import { $, actorName, dateText, el, figure, placeName } from "./dom.js";
import { typeColour } from "./ontology.js";

export const PAGE_SIZE = 20;

function row(ev, onOpen, selected) {
  const actors = [actorName(ev.actor1), actorName(ev.actor2)].filter(Boolean).join(" vs ");
  const figs = [["fatalities", "killed"], ["injuries", "injured"], ["crowd_size", "in crowd"]]
    .map(([k, w]) => (figure(ev[k]) ? `${figure(ev[k])} ${w}` : null)).filter(Boolean).join(", ");
  return el("li", {},
    el("button", { type: "button", class: selected ? "event-row selected" : "event-row",
      dataset: { id: ev.id }, "aria-current": selected ? "true" : null, onclick: () => onOpen(ev.id) },
      el("span", { class: "dot", style: `background:${typeColour(ev.event_type)}`, "aria-hidden": "true" }),
      el("span", { class: "row-main" },
        el("span", { class: "row-title" },
          [ev.sub_event_type || ev.event_type, placeName(ev.location)].filter(Boolean).join(" · ")),
        el("span", { class: "row-sub" }, [dateText(ev.date), actors, figs].filter(Boolean).join(" — "))),
      el("span", { class: "reports-count", title: "reports" }, `${ev.n_reports ?? 1} rep.`)));
}

export function renderList(answer, page, onOpen, selectedId) {
  const list = $("#event-list");
  list.start = page * PAGE_SIZE + 1;
  if (!answer.events.length) {
    list.replaceChildren(el("li", { class: "empty" }, "No events match these filters."));
  } else {
    list.replaceChildren(...answer.events.map((ev) => row(ev, onOpen, ev.id === selectedId)));
  }
  const pages = Math.max(1, Math.ceil(answer.total / PAGE_SIZE));
  $("#page-info").textContent = `page ${page + 1} of ${pages} (${answer.total} events)`;
  $("#prev").disabled = page <= 0;
  $("#next").disabled = page + 1 >= pages;
}

export function markSelected(id) {
  for (const b of document.querySelectorAll(".event-row")) {
    const on = b.dataset.id === id;
    b.classList.toggle("selected", on);
    if (on) b.setAttribute("aria-current", "true");
    else b.removeAttribute("aria-current");
  }
}
