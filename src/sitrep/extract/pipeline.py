"""Run the configured components over documents: document -> annotations -> events."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import sitrep.extract.components  # noqa: F401  (registers the components)
from sitrep.errors import EXIT_BAD_INPUT, ConfigError
from sitrep.extract.config import DEFAULT_CONFIG, component_names, read_toml, settings
from sitrep.extract.context import Context
from sitrep.extract.record import event_record
from sitrep.extract.registry import check_order, contract, factory_name
from sitrep.nlp import load_nlp
from sitrep.types import Document

BATCH_SIZE = 256  # spaCy parses short texts much faster in large batches
# spaCy refuses texts over 1,000,000 characters, and parse time and memory grow with length
# well before that: a longer story is refused alone, with its own error, never the batch
MAX_PARSE_CHARS = 500_000
STRICT_VARIABLE = "SITREP_STRICT"


class Pipeline:
    """The named components of a config, as the pipes of a spaCy ``Language`` in config order,
    run over each parsed document."""

    def __init__(
        self, names: list[str], config: dict[str, dict[str, Any]] | None = None
    ) -> None:
        for name in names:
            contract(name)  # an unknown name fails here, with the known ones listed
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ConfigError(f"[pipeline] components names {', '.join(twice)} more than once")
        self.config = settings(names, []) if config is None else config
        # the sitrep pipes only: the parser runs apart (see parse_pieces); its vocab and
        # tokenizer are shared, not built again (a new tokenizer costs more than the pipes)
        parser = load_nlp()
        self.nlp = Language(vocab=parser.vocab, create_tokenizer=lambda _: parser.tokenizer)
        for name in names:
            self.nlp.add_pipe(factory_name(name), name=name, config=self.config.get(name, {}))
        check_order(self.nlp)
        self.names = list(self.nlp.pipe_names)

    @classmethod
    def from_config(cls, path: Path | None = None, overrides: Path | None = None) -> Pipeline:
        """The shipped config (or ``path``), with a user's ``overrides`` file on top."""
        configs = [read_toml(path or DEFAULT_CONFIG)]
        if overrides is not None:
            configs.append(read_toml(overrides))
        names = component_names(configs)
        return cls(names, settings(names, configs))  # __init__ checks the order

    def analyze(self, documents: Iterable[Document]) -> Iterator[Context]:
        """Parse and annotate each document; one too long to parse is refused alone (its
        Context has an empty Doc and a ``refusal``), and the rest of the batch goes on."""
        parser = load_nlp()
        iterator = iter(documents)
        while batch := list(islice(iterator, BATCH_SIZE)):
            texts = [analysis_text(d.text) for d in batch]
            # what each document gives the parser: nothing when it is too long to parse
            split = [parse_pieces(d, text) if len(text) <= MAX_PARSE_CHARS else []
                     for d, text in zip(batch, texts, strict=True)]
            parsed = iter(parser.pipe((p for pieces in split for p in pieces),
                                      batch_size=BATCH_SIZE))
            for document, text, pieces in zip(batch, texts, split, strict=True):
                if not pieces:
                    ctx = Context(Doc(self.nlp.vocab), document)
                    ctx.refusal = too_long(len(text))
                    document.warnings.append(ctx.refusal)
                    yield ctx
                    continue
                parts = [next(parsed) for _ in pieces]
                doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts,
                                                                     ensure_whitespace=False)
                doc.user_data["text"] = text  # Doc.text rebuilds it token by token
                yield self._run(Context(doc, document))

    def _run(self, ctx: Context) -> Context:
        """Run every pipe; a failing one costs this document its events, not the batch.

        With ``SITREP_STRICT`` set (the test suite sets it) the error is raised instead, so
        that a test asserting "no event here" cannot pass because a component crashed."""
        strict = bool(os.environ.get(STRICT_VARIABLE))
        for name, pipe in self.nlp.pipeline:
            try:
                pipe(ctx.doc)
            except Exception as error:  # noqa: BLE001 - reported in the document, never lost
                if strict:
                    raise
                ctx.events = []
                ctx.document.warnings.append(
                    f"internal error in pipeline component {name!r}: "
                    f"{type(error).__name__}: {error}; no events extracted"
                )
                break
        return ctx

    def extract(self, documents: Iterable[Document]) -> Iterator[dict[str, Any]]:
        """One ``{"document", "events"}`` result per document, in input order."""
        for ctx in self.analyze(documents):
            if ctx.refusal is not None:  # refused before parsing: an error of its own
                result = {"document": ctx.document.to_dict(), "events": []}
                result["document"]["error"] = ctx.refusal
                result["document"]["exit_code"] = EXIT_BAD_INPUT
                yield result
                continue
            events = [event_record(ctx, draft) for draft in ctx.events]
            yield {"document": ctx.document.to_dict(), "events": events}


def too_long(length: int) -> str:
    return (
        f"the story is {length:,} characters long; sitrep parses stories of at most "
        f"{MAX_PARSE_CHARS:,} characters (split it into parts)"
    )


def parse_pieces(document: Document, text: str) -> list[str]:
    """The parts of ``text`` spaCy parses apart: the dateline and the story proper.

    A dateline ("KABUL, Aug 26 (Reuters) -") is no part of the first sentence's grammar, but
    parsed with it the parser makes it the subject of the first verb, and the claimants, actors
    and counts read from that subject take the dateline in. Parsed apart and joined again
    (``Doc.from_docs``), every offset still indexes the story's text.
    """
    start = document.body_start
    if 0 < start < len(text) and text[:start].strip() and text[start:].strip():
        return [text[:start], text[start:]]
    return [text]


def analysis_text(text: str) -> str:
    """What spaCy reads: all-capitals wire copy (MUC-4, telex) is lower-cased for the parser.

    Lower-casing keeps every character offset, so spans still index the original text.
    """
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        lowered = text.lower()
        if len(lowered) == len(text):
            return lowered
    return text
