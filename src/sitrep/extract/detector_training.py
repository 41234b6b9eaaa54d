"""Training the event-sentence detector: does this sentence report an event at all?

The trigger lexicon misses the long tail of events told in words it does not list (a gang
handing out food parcels, soldiers released from prison, a patrol formed). A binary model
learns what event reports read like from the gold sets: ACLED rows are event reports (one each,
their leading date phrase removed so that the date is not what the model learns), and the
sentences of MUC-4 stories with no event are real news that reports none. It is written like
the other classifiers (JSON + .npz, with its model card) and read by the ``learned_events``
component, which asks it only about stories in which no trigger word found an event.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitrep.extract.training import fit_pipeline, model_card, score_held_out, to_classifier

NAME = "event_sentence"
EVENT, NONE = "event", "none"
# "On 3 May 2020,", "As reported on 28 April 2020,", "Between 1 and 3 May 2022,": an ACLED row's
# date lead, up to the first comma after a year
_DATE_LEAD = re.compile(r"^[^,]{0,60}?\b(?:19|20)\d\d\b[^,]{0,25},\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MIN_WORDS = 6


def without_date_lead(text: str) -> str:
    return _DATE_LEAD.sub("", text.strip(), count=1)


def sentences(text: str) -> list[str]:
    """Sentences of a story, cut at end punctuation (no parse: training reads thousands)."""
    parts = _SENTENCE_END.split(" ".join(text.split()))
    return [p for p in parts if len(p.split()) >= MIN_WORDS]


def detector_rows(docs: list[Any]) -> list[tuple[str, str]]:
    """(text, label): each one-event short report is an event; each sentence of a story with
    no event at all is none. Long stories with events are left out: which of their sentences
    tells the event is not marked."""
    rows: list[tuple[str, str]] = []
    for doc in docs:
        text = doc.document.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        if not doc.events:
            rows += [(sentence, NONE) for sentence in sentences(text)]
        elif len(doc.events) == 1 and len(text) <= 1500:
            rows.append((without_date_lead(text), EVENT))
    return rows


def train_event_detector(
    docs: list[Any],
    folder: Path,
    data: list[dict[str, str]],
    held_out: list[Any] | None = None,
) -> dict[str, Any] | None:
    """Fit and save the detector; None when the data lack one of the two labels."""
    rows = detector_rows(docs)
    labels = [label for _, label in rows]
    if len(set(labels)) < 2:
        return None
    card = model_card(NAME, data, labels)
    model = to_classifier(fit_pipeline([text for text, _ in rows], labels), card)
    score_held_out(model, detector_rows(held_out or []))
    model.save(folder, NAME)
    held = {"held_out": model.card["held_out"]} if "held_out" in model.card else {}
    return {"documents": len(rows), **held}
