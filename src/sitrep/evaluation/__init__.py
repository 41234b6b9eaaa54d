"""The scorer of ../shared/docs/scoring.md: gold loading, event pairing, figures, rendering."""

from sitrep.evaluation.fold import fold_name
from sitrep.evaluation.gold import GoldDocument, gold_event_as_record, load_gold
from sitrep.evaluation.report import render_table, write_errors
from sitrep.evaluation.scorer import evaluate, run_extractor, score

__all__ = [
    "GoldDocument",
    "evaluate",
    "fold_name",
    "gold_event_as_record",
    "load_gold",
    "render_table",
    "run_extractor",
    "score",
    "write_errors",
]
