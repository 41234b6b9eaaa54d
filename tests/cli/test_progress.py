"""The batch progress line says how many documents and how fast, on stderr."""

from __future__ import annotations

import time

from sitrep.cli.progress import DocumentsPerSecond, batch_progress


def test_the_rate_appears_once_documents_are_done():
    column = DocumentsPerSecond()
    with batch_progress("ingest", transient=True) as progress:
        task_id = progress.add_task("", total=None)
        task = progress.tasks[0]
        assert column.render(task).plain == ""  # no estimate before any document
        for _ in range(3):
            time.sleep(0.02)
            progress.advance(task_id)
        assert column.render(task).plain.endswith(" docs/s")
        assert progress.console.stderr
