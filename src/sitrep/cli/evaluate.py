"""`sitrep eval GOLD...`: run the extractor over gold sets and print the scoring.md figures."""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from sitrep.cli.options import ConfigOption
from sitrep.errors import BadDataError, BadInputError, SitrepError


def _load_system(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Saved extractor output: JSONL (or a JSON list) of {"document": {"id"}, "events"}."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInputError(f"cannot read system output {path}: {error}") from error
    try:
        stripped = raw.lstrip()
        if stripped.startswith("["):
            entries = json.loads(raw)
        else:
            entries = [json.loads(line) for line in raw.splitlines() if line.strip()]
    except json.JSONDecodeError as error:
        raise BadDataError(f"{path}: not JSON or JSONL: {error.msg}") from error
    system: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        document = entry.get("document") if isinstance(entry, dict) else None
        if not isinstance(document, dict) or document.get("id") is None:
            raise BadDataError(f"{path}: each entry needs a document with an id")
        system.setdefault(str(document["id"]), []).extend(entry.get("events") or [])
    return system


def eval_command(
    gold: Annotated[
        list[Path], typer.Argument(help="Gold sets: .json files, folders of them, .jsonl files.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first N documents of each file.")
    ] = None,
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="Only documents of this data set.")
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Write per-document diagnostics (JSONL) to this file."),
    ] = None,
    system_file: Annotated[
        Path | None,
        typer.Option(
            "--system",
            help="Score saved extractor output (JSONL of {document, events}) instead of "
            "running the extractor.",
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="Also print the figures per group: dataset, region, country."),
    ] = None,
    leave_out: Annotated[
        str | None,
        typer.Option(
            "--leave-out",
            help="Out of domain: for each group (dataset, region, country), train the "
            "classifiers on all the others and score it.",
        ),
    ] = None,
    config: ConfigOption = None,
    train: Annotated[
        list[Path] | None,
        typer.Option(
            "--train",
            help="Train the classifiers on this gold set (repeat for several; never on a "
            "scored document) and score GOLD with them; with --leave-out, the pool trained on.",
        ),
    ] = None,
) -> None:
    """Score the extractor against gold events: detection P/R/F1, field shares, docs/s."""
    from sitrep.evaluation import load_gold, render_table, run_extractor, score
    from sitrep.evaluation.groups import GROUPINGS

    for option, value in (("--by", by), ("--leave-out", leave_out)):
        if value is not None and value not in GROUPINGS:
            raise typer.BadParameter(
                f"{value!r}: use one of {', '.join(GROUPINGS)}", param_hint=option
            )
    if system_file is not None and (leave_out or train):
        raise typer.BadParameter(
            "--system scores saved output: it cannot train", param_hint="--system"
        )
    if config is not None:
        from sitrep.extract.parallel import pipeline_for

        pipeline_for(config)  # a bad config is refused before any document is read
    gold_docs = load_gold(gold, limit=limit, dataset=dataset)
    if not gold_docs:
        where = f" in data set {dataset}" if dataset else ""
        raise BadInputError(f"no gold documents to score{where}")
    if leave_out or train:
        _out_of_domain(gold_docs, leave_out, train, by, as_json, errors, config)
        return
    if system_file is not None:
        system, failures, seconds = _load_system(system_file), {}, None
    else:
        try:
            from sitrep.extract import extract_documents
        except ImportError as error:
            raise SitrepError(f"the extractor is not available: {error}") from error
        system, failures, seconds = run_extractor(
            gold_docs, partial(extract_documents, config=config)
        )
    report = score(
        gold_docs, system, seconds=seconds, failures=failures, details=bool(errors), by=by
    )
    _write_details(report, errors)
    _show(report, as_json, render_table)


def _write_details(report: dict[str, Any], errors: Path | None) -> None:
    """``--errors``: the per-document diagnostics to a file, out of the printed report."""
    from sitrep.evaluation import write_errors

    if errors is not None:
        written = write_errors(report, errors)
        print(f"sitrep: wrote {written} documents with errors to {errors}", file=sys.stderr)
    report.pop("details", None)


def _show(report: dict[str, Any], as_json: bool, render: Any) -> None:
    """The report as JSON, or rendered for a terminal."""
    if as_json:
        print(json.dumps(report, indent=2, sort_keys=False))
        return
    from rich.console import Console

    Console().print(render(report))


def _out_of_domain(
    gold_docs: list,
    leave_out: str | None,
    train: list[Path] | None,
    by: str | None,
    as_json: bool,
    errors: Path | None,
    config: Path | None = None,
) -> None:
    """`--leave-out` and `--train`: figures of classifiers that never saw the scored documents."""
    from sitrep.evaluation import load_gold, render_table
    from sitrep.evaluation.leave_out import leave_one_out, trained_on
    from sitrep.evaluation.report import render_leave_out
    from sitrep.extract import extract_documents
    from sitrep.extract.pipeline import Pipeline
    from sitrep.extract.training import train_models

    pool = load_gold(train) if train else None
    extract_fn = partial(extract_documents, config=config)
    # the event-place and event-date choosers each cost a pipeline run over the training set:
    # only when used
    settings = Pipeline.from_config(overrides=config).config
    train_models = partial(
        train_models,
        place_chooser=bool(settings.get("locations", {}).get("learned_choice")),
        date_chooser=bool(settings.get("dates", {}).get("learned_choice")),
    )
    if leave_out:
        report = leave_one_out(
            gold_docs, leave_out, extract_fn, train_models, pool, details=bool(errors)
        )
        _write_details(report, errors)
        _show(report, as_json, render_leave_out)
        return
    report = trained_on(
        pool or [], gold_docs, extract_fn, train_models, by=by, details=bool(errors)
    )
    _write_details(report, errors)
    _show(report, as_json, render_table)


def register(app: typer.Typer) -> None:
    """Add `sitrep eval` to the CLI."""
    app.command("eval")(eval_command)
