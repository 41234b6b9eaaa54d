"""Extraction over worker processes writes exactly what one process writes, in input order."""

from __future__ import annotations

from datetime import date

from sitrep.extract import extract
from sitrep.extract.parallel import extract_parallel
from sitrep.ingest import read_text

STORIES = [
    "KANO, May 2 - Gunmen abducted eleven travellers on the road to Zaria on Sunday, police said.",
    "QUITO, May 2 - Hundreds of teachers marched through the capital on Monday to demand pay.",
    "SANAA, May 2 - Shells fired by rebels hit a market in Taiz on Saturday, killing two women.",
    "The committee met on Tuesday to discuss the budget for next year.",
    "MOSUL, May 2 - A roadside bomb struck an army patrol south of the city on Friday.",
]


def documents():
    return [
        read_text(text, doc_id=f"story-{i}", published=date(2022, 5, 2))
        for i, text in enumerate(STORIES)
    ]


def test_two_workers_give_the_same_results_in_the_same_order():
    alone = list(extract(documents()))
    together = list(extract_parallel(documents(), workers=2, chunk=2))
    assert [r["document"]["id"] for r in together] == [f"story-{i}" for i in range(5)]
    assert together == alone
    assert sum(len(r["events"]) for r in together) >= 3


def test_one_worker_runs_in_process():
    results = list(extract_parallel(documents()[:1], workers=1))
    assert results[0]["events"][0]["sub_event_type"] == "Abduction/forced disappearance"
