"""Fuzzing the JSONL reader with hypothesis: whatever the bytes, each line comes out as a record
or as an error naming its line, and nothing else escapes (no traceback)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import BadInputError, SitrepError
from sitrep.ingest import BadLineError, read_jsonl, read_records
from sitrep.types import Document

# derandomized: CI runs the same examples every time, a few seconds per property
FUZZ = settings(max_examples=60, deadline=None, derandomize=True)

# lines a hostile or broken producer writes: random bytes, random JSON values, records whose
# fields have the wrong types, and plausible records
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=10,
)
records = st.fixed_dictionaries(
    {"text": st.one_of(st.text(max_size=200), json_values)},
    optional={"id": json_values, "html": json_values, "published": json_values,
              "outlet": json_values, "url": json_values, "title": json_values,
              "document": json_values},
)
lines = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    records.map(lambda r: json.dumps(r, ensure_ascii=False).encode()),
    records.map(lambda r: json.dumps(r).encode()[: len(json.dumps(r)) // 2]),  # cut short
)


def _batch(content: bytes) -> Path:
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as out:
        out.write(content)
    return Path(out.name)


@FUZZ
@given(st.lists(lines, min_size=1, max_size=8))
def test_any_bytes_give_records_or_errors_that_name_their_line(batch_lines: list[bytes]) -> None:
    path = _batch(b"\n".join(batch_lines) + b"\n")
    try:
        items = list(read_records(path, max_bytes=2_000))
    except BadInputError as whole_file:  # empty or binary: one error that names the file
        assert str(path) in str(whole_file)
        return
    finally:
        path.unlink()
    numbers = [n for n, _ in items]
    assert numbers == sorted(set(numbers)) and all(n >= 1 for n in numbers)
    for n, item in items:
        if isinstance(item, BadLineError):
            assert item.where == f"{path} line {n}" and item.reason
        else:
            assert isinstance(item, dict)
            assert any(isinstance(item.get(k), str) and item[k].strip() for k in ("text", "html"))


@FUZZ
@given(st.lists(records.map(lambda r: json.dumps(r).encode()), min_size=1, max_size=4))
def test_any_record_becomes_a_document_or_a_clear_error(batch_lines: list[bytes]) -> None:
    path = _batch(b"\n".join(batch_lines) + b"\n")
    try:
        items = list(read_jsonl(str(path), max_bytes=2_000))
    except BadInputError:
        return
    finally:
        path.unlink()
    assert len(items) == len(batch_lines)
    for n, item in items:
        assert isinstance(item, Document | SitrepError)
        if isinstance(item, SitrepError):
            assert f"line {n}" in str(item)
