"""Human-readable rendering of a score report, and the per-document errors file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from sitrep.evaluation.fields import FIELDS


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _columns(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Overall first, then each group of ``--by``, else each data set when there are several."""
    columns = [("overall", report["overall"])]
    if report.get("groups"):
        return columns + sorted(report["groups"].items())
    datasets = report.get("datasets", {})
    if len(datasets) > 1:
        columns.extend(sorted(datasets.items()))
    return columns


def _events_table(columns: list[tuple[str, dict[str, Any]]]) -> Table:
    table = Table(title="Events (detection)", title_justify="left")
    for header in ("set", "docs", "gold", "system", "tp", "fp", "fn", "P %", "R %", "F1 %"):
        table.add_column(header, justify="left" if header == "set" else "right")
    for name, block in columns:
        events = block["events"]
        table.add_row(
            name,
            str(block["documents"]),
            str(events["gold"]),
            str(events["system"]),
            str(events["tp"]),
            str(events["fp"]),
            str(events["fn"]),
            _pct(events["precision"]),
            _pct(events["recall"]),
            _pct(events["f1"]),
        )
    return table


def _fields_table(columns: list[tuple[str, dict[str, Any]]], key: str, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("field", no_wrap=True)
    for name, _ in columns:
        table.add_column(f"{name} % (n)", justify="right")
    for field in FIELDS:
        cells = []
        for _, block in columns:
            figure = block[key][field]
            total = figure["total"]
            cells.append(f"{_pct(figure['share'])} ({total})" if total else "-")
        if any(cell != "-" for cell in cells):
            table.add_row(field, *cells)
    return table


def render_table(report: dict[str, Any]) -> Group:
    """Tables for a terminal: detection, fields per gold event (headline), fields on pairs."""
    columns = _columns(report)
    rate = report.get("docs_per_second")
    footer = f"{report['documents']} documents"
    if report.get("seconds") is not None:
        footer += f" in {report['seconds']:.1f} s"
    if rate is not None:
        footer += f": {rate:.2f} docs/s (single process)"
    failed = report["overall"].get("documents_failed", 0)
    if failed:
        footer += f"; extraction failed on {failed}"
    return Group(
        _events_table(columns),
        _fields_table(columns, "fields", "Fields, per gold event (headline)"),
        Text("n = gold events that have the field; a missed gold event is wrong on all of them."),
        _fields_table(columns, "fields_on_pairs", "Fields on detection pairs"),
        Text(footer),
    )


def render_leave_out(report: dict[str, Any]) -> Group:
    """One row per group left out, then the mean and the worst group of each headline figure."""
    from sitrep.evaluation.leave_out import HEADLINE

    figures = ("event_f1", *HEADLINE)
    table = Table(title=f"Leave one {report['leave_out']} out", title_justify="left")
    table.add_column(report["leave_out"])
    table.add_column("docs", justify="right")
    for figure in figures:
        table.add_column(figure, justify="right")
    for name, fold in report["folds"].items():
        overall = fold["overall"]
        cells = [_pct(overall["events"]["f1"])]
        cells += [_pct(overall["fields"][figure]["share"]) for figure in HEADLINE]
        table.add_row(name, str(fold["documents"]), *cells)
    summary = report["summary"]
    for label, key in (("mean", "mean"), ("worst", "worst")):
        cells = [_pct(summary[f][key]) if f in summary else "-" for f in figures]
        table.add_row(label, "", *cells)
    return Group(table, Text("mean: each group weighs the same; worst: the lowest group."))


def write_errors(report: dict[str, Any], path: str | Path) -> int:
    """Write the per-document diagnostics as JSONL; return how many lines were written.

    Only documents with something to look at (a wrong field, a miss, an unpaired system event or
    a failed extraction) are written, so the file reads as a to-do list.
    """
    lines = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for detail in report.get("details", []):
            has_problem = (
                detail.get("error")
                or detail["unpaired_system"]
                or any(
                    e["wrong"] or not e["detected"] for e in detail["events"] if not e["optional"]
                )
            )
            if has_problem:
                out.write(json.dumps(detail, ensure_ascii=False) + "\n")
                lines += 1
    return lines
