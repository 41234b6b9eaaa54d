"""Fuzzing ``ingest`` with hypothesis, on SQLite and PostgreSQL: any batch line, read by the
one JSONL reader and stored, is stored, skipped as known or reported as failed; nothing raises
(PostgreSQL refusing a NUL character in a record was found this way)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest import read_records
from sitrep.store import Store
from sitrep.store.ingest import ingest_records

# derandomized: CI runs the same examples every time, a few seconds per property
FUZZ = settings(max_examples=15, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

ODD = st.sampled_from(["\x00", "\u0000x", "javascript:alert(1)", "http://", "9" * 40, "", " ",
                       "9999-12-31", "0001-01-01", "\ud7ff", "\U0001f4a3", "'; DROP TABLE x"])
values = st.one_of(ODD, st.text(max_size=20), st.integers(), st.none(), st.booleans(),
                   st.lists(st.integers(), max_size=2))
stories = st.one_of(
    st.lists(st.sampled_from(["Gunmen killed", "two farmers", "in Kunduz", "on Monday", "\x00",
                              "police said", "KABUL, March 3 -", "9" * 25, "."]),
             min_size=1, max_size=12).map(" ".join),
    st.text(max_size=60),
)
records = st.fixed_dictionaries({"text": stories},
                                optional={"id": values, "published": values, "url": values,
                                          "outlet": values, "title": values})
lines = st.one_of(records.map(lambda r: json.dumps(r).encode()), st.binary(max_size=40))


@FUZZ
@given(st.lists(lines, min_size=1, max_size=4))
def test_any_batch_is_stored_skipped_or_reported_line_by_line(db_url: str,
                                                              batch: list[bytes]) -> None:
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as out:
        out.write(b"\n".join(line.replace(b"\n", b" ") for line in batch) + b"\n")
    path = Path(out.name)
    try:
        items = [item for _, item in read_records(path)]
    except Exception:  # a whole file refused (binary, empty): the reader's own tests
        path.unlink()
        return
    path.unlink()
    with Store(db_url) as store:
        result = ingest_records(store, items)
    assert len(result.stored) + len(result.skipped) + len(result.failed) == len(items)
    assert all(why for _, why in result.failed)
