"""JSONL batches: one Document per record, bad lines become error entries, nothing is lost."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import BadInputError, SitrepError, UnsupportedLanguageError
from sitrep.ingest import document_from_record, read_jsonl
from sitrep.types import Document

ACLED = Path(__file__).resolve().parents[2] / ".." / "shared" / "dev" / "acled-2020-dev.jsonl"

GOOD_1 = {
    "id": "r1",
    "text": "On 3 May 2020, police fired tear gas at traders protesting a market closure in "
            "the town centre, injuring two.",
    "published": "2020-05-04",
    "source": "Local Radio",
}
GOOD_2 = {
    "id": "r2",
    "text": "DAMASCUS, Nov 15 (AP) -- Rebels shelled a government checkpoint on the highway, "
            "killing three soldiers, state media said.",
    "published": "2016-11-15T08:00:00Z",
    "outlet": "The Associated Press",
    "url": "https://example.org/r2",
    "title": "Rebels shell checkpoint",
    "dateline_place": "DAMASCUS (SYRIA)",
}
FRENCH = {
    "id": "r3",
    "text": "L'armée a bombardé la ville pendant la nuit, tuant dix personnes et blessant "
            "plusieurs civils, selon les autorités locales qui ont demandé une enquête.",
}


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_malformed_line_is_an_error_entry_and_other_records_survive(tmp_path: Path) -> None:
    path = _write(tmp_path / "batch.jsonl", [
        json.dumps(GOOD_1),
        '{"id": "broken", "text": "unterminated',
        "",
        json.dumps(GOOD_2),
    ])
    results = list(read_jsonl(str(path)))
    assert [n for n, _ in results] == [1, 2, 4]
    first, broken, last = (item for _, item in results)
    assert isinstance(first, Document) and first.id == "r1"
    assert isinstance(broken, BadInputError) and "line 2" in str(broken)
    assert "malformed JSON" in str(broken)
    assert isinstance(last, Document) and last.id == "r2"


def test_foreign_record_does_not_stop_the_batch(tmp_path: Path) -> None:
    path = _write(tmp_path / "batch.jsonl", [json.dumps(r) for r in (GOOD_1, FRENCH, GOOD_2)])
    items = [item for _, item in read_jsonl(str(path))]
    assert isinstance(items[0], Document) and isinstance(items[2], Document)
    assert isinstance(items[1], UnsupportedLanguageError)
    assert "line 2" in str(items[1]) and "r3" in str(items[1])


def test_record_metadata_is_kept_on_the_document() -> None:
    doc = document_from_record(GOOD_2)
    assert doc.published == date(2016, 11, 15) and doc.published_source == "metadata"
    assert doc.outlet == "AP"
    assert doc.url == "https://example.org/r2"
    assert doc.title == "Rebels shell checkpoint"
    assert doc.dateline_place == "Damascus"
    assert doc.warnings == []


def test_record_source_fills_in_for_a_missing_outlet() -> None:
    doc = document_from_record(GOOD_1)
    assert doc.outlet == "Local Radio"
    assert "no dateline found" in doc.warnings


def test_metadata_date_beats_given_date_with_a_warning() -> None:
    doc = document_from_record(GOOD_1, published=date(2020, 5, 9))
    assert doc.published == date(2020, 5, 4) and doc.published_source == "metadata"
    assert any("differs" in w for w in doc.warnings)


def test_dev_set_wrapper_is_unwrapped() -> None:
    doc = document_from_record({"dataset": "x", "document": GOOD_1, "events": []})
    assert doc.id == "r1"


def test_record_with_html_goes_through_html_extraction() -> None:
    html = ("<html><head><title>Clash at the border</title></head><body><nav>Home World</nav>"
            "<article><p>KANDAR (Reuters) - Border guards exchanged fire with smugglers on "
            "Sunday night, killing one of them, a police spokesman said on Monday.</p>"
            "</article></body></html>")
    doc = document_from_record({"id": "h1", "html": html, "published": "2019-06-10"})
    assert doc.text.startswith("KANDAR (Reuters) -") and "<p>" not in doc.text
    assert doc.title == "Clash at the border"


@pytest.mark.parametrize(
    ("record", "message"),
    [({"id": "e1", "text": "   "}, "empty"), ({"id": "e2"}, "no 'text' or 'html'"),
     (["not", "an", "object"], "JSON object")],
)
def test_bad_records_raise_bad_input(record: object, message: str) -> None:
    with pytest.raises(BadInputError, match=message):
        document_from_record(record)  # type: ignore[arg-type]


def test_unreadable_published_value_is_a_warning_not_a_lost_record() -> None:
    doc = document_from_record({**GOOD_1, "published": "last Tuesday"})
    assert doc.published is None
    assert any("not an ISO date" in w for w in doc.warnings)


def test_oversize_record_line_is_refused_and_batch_goes_on(tmp_path: Path) -> None:
    big = {"id": "big", "text": "word " * 40_000}
    path = _write(tmp_path / "batch.jsonl", [json.dumps(big), json.dumps(GOOD_1)])
    results = list(read_jsonl(str(path), max_bytes=10_000))
    assert isinstance(results[0][1], BadInputError) and "too large" in str(results[0][1])
    assert isinstance(results[1][1], Document) and results[1][0] == 2


def test_missing_or_empty_jsonl_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such file"):
        list(read_jsonl(str(tmp_path / "nope.jsonl")))
    empty = _write(tmp_path / "empty.jsonl", ["", "  "])
    with pytest.raises(BadInputError, match="empty"):
        list(read_jsonl(str(empty)))


@pytest.mark.slow
def test_acled_dev_set_reads_without_errors() -> None:
    if not ACLED.exists():
        pytest.skip(f"shared ACLED dev set not found at {ACLED}")
    items = [item for _, item in read_jsonl(str(ACLED))]
    errors = [str(i) for i in items if isinstance(i, SitrepError)]
    assert len(items) > 3000 and errors == []
    assert all(d.language == "en" and d.published_source == "metadata" for d in items)
