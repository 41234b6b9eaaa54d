"""The merged event: what a group of reports of one incident shows, and each source's figures.

The day most reports give, the fields of the most precise report on that day, the actors the
reports name in their own sentences, and the lowest figure of each kind with its range.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sitrep.extract.components.summary import summary_of_record
from sitrep.merge.rules import MAX_TOLL_RATIO

_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def day_of(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# ACLED's convention: a report date with week or month precision means "in the days up to it"
_PRECISION_DAYS = {"week": 6, "month": 30}


def window(when: dict[str, Any]) -> tuple[date | None, date | None]:
    """The days an event may have happened on, widened by its precision."""
    start, end = day_of(when.get("start")), day_of(when.get("end") or when.get("start"))
    widen = _PRECISION_DAYS.get(when.get("precision") or "")
    if start and end and widen and (end - start).days < widen:
        start = end - timedelta(days=widen)
    return start, end


def stated_toll(quantity: Any) -> int | None:
    """An exact figure ("27 killed"), not a bound ("at least one")."""
    if isinstance(quantity, dict) and quantity.get("min") is not None and quantity.get(
            "min") == quantity.get("max"):
        return int(quantity["min"])
    return None


def _consensus_date(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The date most reports give at their best precision (the earliest on ties): retellings
    and a stray day-off report do not move the event's day."""
    dated = [r["date"] for r in records if isinstance(r.get("date"), dict)
             and r["date"].get("start")]
    if not dated:
        return None
    top = min(_DATE_RANK.get(d.get("precision"), 9) for d in dated)
    best = [d for d in dated if _DATE_RANK.get(d.get("precision"), 9) == top]
    votes = Counter(_date_key(d) for d in best)
    top_key = max(sorted(votes), key=votes.__getitem__)  # max keeps the first (earliest) tie
    return next(d for d in best if _date_key(d) == top_key)


def _consensus_actor(records: list[dict[str, Any]], field: str, fallback: Any) -> Any:
    """The actor most reports name in their own sentences. One that a report only inferred
    (the group its story keeps naming, for a killing its sentence leaves unsigned) does not
    vote: a dozen stories that blame "the guerrillas" by default outvote no witness. Ties go
    to the report whose fields the event shows (``fallback``)."""
    named = [a for r in records if isinstance(a := r.get(field), dict)
             and a.get("name") and a.get("inferred") is False]
    if not named:
        return fallback
    votes = Counter(a["name"] for a in named)
    top = max(votes.values())
    if isinstance(fallback, dict) and votes.get(fallback.get("name")) == top:
        return fallback
    winner = min(name for name, n in votes.items() if n == top)
    return next(a for a in named if a["name"] == winner)


def _date_key(when: Any) -> tuple[str, str] | None:
    if not isinstance(when, dict) or not when.get("start"):
        return None
    return when["start"], when.get("end") or when["start"]


def _same_days(when: Any, event_date: Any, slack: int = 1) -> bool:
    """The report's date window meets the event's (one day of slack either side)."""
    if not isinstance(when, dict) or not isinstance(event_date, dict):
        return False
    a0, a1 = window(when)
    b0, b1 = window(event_date)
    if None in (a0, a1, b0, b1):
        return False
    return (a0 - b1).days <= slack and (b0 - a1).days <= slack  # type: ignore[operator]


def figure_of(quantity: Any) -> int | None:
    """One source's figure: the low end of its range (ACLED's conservative reading)."""
    if not isinstance(quantity, dict):
        return None
    return quantity.get("min") if quantity.get("min") is not None else quantity.get("max")


def merged_view(cluster_id: str, items: list[tuple[str, str, str | None, dict[str, Any]]]
                ) -> dict[str, Any]:
    """The merged event: the most precise report's fields, the lowest figures, and ranges."""

    def rank(item: tuple[str, str, str | None, dict[str, Any]]) -> tuple[Any, ...]:
        rec = item[3]
        return (_DATE_RANK.get((rec.get("date") or {}).get("precision"), 9),
                (rec.get("location") or {}).get("precision") or 9,
                -len(rec.get("claims") or []), item[2] or "", item[0])

    consensus = _consensus_date([item[3] for item in items])
    # the fields and summary of the most precise report among those that give the day most
    # reports give (a retelling, dated by its telling, does not speak for the event)
    agreeing = [item for item in items if consensus is None or _date_key(
        item[3].get("date")) == _date_key(consensus)] or items
    # ... and not one whose toll is out of all proportion to the others' (a campaign's)
    tolls = [t for item in agreeing if (t := stated_toll(item[3].get("fatalities"))) is not None]
    low = min(tolls, default=None)

    def outlier(item: tuple[str, str, str | None, dict[str, Any]]) -> bool:
        toll = stated_toll(item[3].get("fatalities"))
        return low is not None and toll is not None and toll > MAX_TOLL_RATIO * max(low, 1)

    best = min(agreeing, key=lambda item: (outlier(item), *rank(item)))[3]
    view: dict[str, Any] = {
        "id": cluster_id,
        **{k: best.get(k) for k in ("event_type", "sub_event_type", "date", "location",
                                     "actor1", "actor2", "summary")},
        "date": consensus or best.get("date"),
        **{field: _consensus_actor([item[3] for item in items], field, best.get(field))
           for field in ("actor1", "actor2")},
        "n_reports": len(items),
        "document_ids": list(dict.fromkeys(item[1] for item in items)),
        "ranges": {},
    }
    # a later retelling ("the murder of the Jesuits", weeks on) is attached as a source but
    # its figures, often vague, yield to those of the reports dated on the event's day
    on_day = [item for item in items if _same_days(item[3].get("date"), view["date"])] or items
    for field in ("fatalities", "injuries", "crowd_size"):
        sourced = [(f, item[3][field]) for item in on_day
                   if (f := figure_of(item[3].get(field))) is not None] or [
            (f, item[3][field]) for item in items
            if (f := figure_of(item[3].get(field))) is not None]
        if not sourced:
            view[field] = None
            continue
        # a number a source stated ("eight", "at least eight") beats the bare "at least one"
        # that "the killing" implies
        sourced = [x for x in sourced if x[1].get("max") is not None or x[0] > 1] or sourced
        low = min(sourced, key=lambda s: s[0])
        view[field] = low[1]
        lowest = min(s[0] for s in sourced)
        # the highest figure any source gives: its upper bound, or its minimum when it
        # gives only "at least N" (an open range says nothing higher)
        highest = max(
            (value.get("max") if value.get("max") is not None else figure)
            for figure, value in sourced
        )
        if lowest != highest:
            view["ranges"][field] = {"min": lowest, "max": highest}
    if len(items) > 1:  # the sentence of the merged fields, not of one report
        view["summary"] = summary_of_record(view)
    return view
