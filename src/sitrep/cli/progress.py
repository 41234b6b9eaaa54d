"""One progress display for batch work (``extract --jsonl``, ``ingest``): how many documents,
how fast, for how long, on stderr so that stdout stays the data."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text


class DocumentsPerSecond(ProgressColumn):
    """'12.3 docs/s' once rich has a speed estimate (a few documents in), else nothing."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "", style="progress.data.speed")


def batch_progress(verb: str, transient: bool = False) -> Progress:
    """'⠋ ingest 120 docs  8.4 docs/s  0:00:14  last-id' on stderr."""
    return Progress(
        SpinnerColumn(),
        TextColumn(f"{verb} {{task.completed}} docs"),
        DocumentsPerSecond(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=transient,
    )
