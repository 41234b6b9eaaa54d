"""Cut the story into sentence units that never cross a blank line, and mark headings.

Wire copy puts section headings ("Aleppo rallies") on lines of their own; they report no
event, and spaCy often glues them to the next sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from sitrep.extract.context import UNITS, Context, Unit
from sitrep.extract.registry import component

_BLANK_LINE = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?\"”’')\]]\s*$")


@component("sentences", assigns=(UNITS,))
def split_sentences(ctx: Context) -> None:
    text = ctx.document.text
    doc = ctx.doc
    breaks = [m.end() for m in _BLANK_LINE.finditer(text)]
    units: list[Unit] = []
    for sent in doc.sents:
        pieces = _cut_at_breaks(sent.start, sent.end, doc, breaks)
        for token_start, token_end in pieces:
            tokens = doc[token_start:token_end]
            stripped = [t for t in tokens if not t.is_space]
            if not stripped:
                continue
            start, end = stripped[0].idx, stripped[-1].idx + len(stripped[-1])
            paragraph = bisect_right(breaks, start)
            heading = _is_heading(text[start:end], len(stripped))
            units.append(
                Unit(
                    index=len(units),
                    start=start,
                    end=end,
                    token_start=stripped[0].i,
                    token_end=stripped[-1].i + 1,
                    paragraph=paragraph,
                    heading=heading,
                    in_body=end > ctx.document.body_start,
                )
            )
    ctx.units = units


def _cut_at_breaks(start: int, end: int, doc, breaks: list[int]) -> list[tuple[int, int]]:
    """Split tokens [start, end) wherever a blank line falls between two tokens."""
    pieces = []
    piece_start = start
    for i in range(start + 1, end):
        gap_start = doc[i - 1].idx + len(doc[i - 1])
        # a break lies between the two tokens (breaks are sorted: one binary search)
        first = bisect_left(breaks, gap_start)
        if first < len(breaks) and breaks[first] <= doc[i].idx:
            pieces.append((piece_start, i))
            piece_start = i
    pieces.append((piece_start, end))
    return pieces


def _is_heading(words: str, n_tokens: int) -> bool:
    """A short line with no closing punctuation is a heading, not a sentence."""
    return "\n" not in words and n_tokens <= 14 and not _SENTENCE_END.search(words)
