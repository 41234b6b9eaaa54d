"""The one JSONL reader (``sitrep.ingest.read_records``): streaming, every bad line named by
its file and line number, the good lines around it kept."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from sitrep.errors import BadInputError
from sitrep.ingest import BadLineError, read_jsonl, read_records
from sitrep.types import Document

STORY = {"id": "s1", "text": "On 4 June 2022, soldiers shelled a village near the river, "
                             "killing three herders, the district chief said.",
         "published": "2022-06-05"}


def _good(n: int) -> bytes:
    return json.dumps({**STORY, "id": f"s{n}"}).encode() + b"\n"


def test_each_kind_of_bad_line_is_named_with_file_and_line_and_costs_only_itself(
    tmp_path: Path,
) -> None:
    batch = tmp_path / "mixed.jsonl"
    batch.write_bytes(b"".join([
        _good(1),
        b'{"id": "cut", "text": "the line ends too so\n',       # 2 broken JSON
        b'["a", "list"]\n',                                      # 3 not an object
        b'"just a string"\n',                                    # 4 not an object
        b'{"id": "bad", "text": "caf\xe9 bombing"}\n',           # 5 invalid UTF-8
        b'{"id": "nul", "text": "a\x00b"}\n',                    # 6 binary data
        b'{"id": "no-text", "title": "only a title"}\n',         # 7 missing text
        b'{"id": "blank", "text": "   "}\n',                     # 8 blank text
        b'{"id": "num", "text": 42}\n',                          # 9 text not a string
        b"[" * 100_000 + b"\n",                                  # 10 nested past any limit
        b"\n",                                                   # 11 blank: not a record
        _good(12),
    ]))
    items = list(read_records(batch))
    assert [n for n, _ in items] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
    records = {n: item for n, item in items if not isinstance(item, BadInputError)}
    assert sorted(records) == [1, 12] and records[12]["id"] == "s12"
    reasons = {n: item for n, item in items if isinstance(item, BadLineError)}
    assert sorted(reasons) == [2, 3, 4, 5, 6, 7, 8, 9, 10]
    for n, error in reasons.items():
        assert str(error).startswith(f"{batch} line {n}: ") and error.where == f"{batch} line {n}"
        assert error.exit_code == 3
    assert "malformed JSON" in reasons[2].reason
    assert reasons[3].reason == "expected a JSON object, got an array"
    assert reasons[4].reason == "expected a JSON object, got a string"
    assert "not UTF-8" in reasons[5].reason
    assert "binary" in reasons[6].reason
    assert all("no 'text' or 'html'" in reasons[n].reason for n in (7, 8, 9))
    assert "malformed JSON" in reasons[10].reason


def test_a_dev_set_line_yields_its_document(tmp_path: Path) -> None:
    batch = tmp_path / "dev.jsonl"
    batch.write_text(json.dumps({"document": STORY, "events": []}) + "\n", encoding="utf-8")
    [(_, record)] = read_records(batch)
    assert record == STORY


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x00\x01\x02PNG" * 50, "binary file"), (b"\n \n\t\n", "is empty")],
)
def test_a_binary_or_empty_file_is_one_error_naming_the_file(
    tmp_path: Path, content: bytes, message: str
) -> None:
    batch = tmp_path / "odd.jsonl"
    batch.write_bytes(content)
    with pytest.raises(BadInputError, match=message) as caught:
        list(read_records(batch))
    assert str(batch) in str(caught.value)


def test_a_missing_file_or_a_folder_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such file"):
        list(read_records(tmp_path / "absent.jsonl"))
    with pytest.raises(BadInputError, match="is a directory"):
        list(read_records(tmp_path))


def test_an_oversize_line_is_refused_unread_and_the_next_line_is_read(tmp_path: Path) -> None:
    batch = tmp_path / "big.jsonl"
    batch.write_bytes(json.dumps({"id": "big", "text": "x" * 300_000}).encode() + b"\n"
                      + _good(2))
    items = list(read_records(batch, max_bytes=10_000))
    assert isinstance(items[0][1], BadLineError) and "too large" in items[0][1].reason
    assert items[1][0] == 2 and items[1][1]["id"] == "s2"


def test_records_stream_out_before_the_file_ends(tmp_path: Path) -> None:
    """A FIFO whose writer holds the rest back until the first record is out: a reader that
    waited for the end of the file (read it whole) would only see the first record after the
    writer gave up waiting."""
    fifo = tmp_path / "live.jsonl"
    os.mkfifo(fifo)
    first_out = threading.Event()
    held_back: list[bool] = []

    def write() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(_good(1))
            pipe.flush()
            held_back.append(first_out.wait(timeout=30))
            pipe.write(_good(2))

    writer = threading.Thread(target=write)
    writer.start()
    items = read_records(fifo)
    assert next(items)[1]["id"] == "s1"
    first_out.set()
    assert next(items)[1]["id"] == "s2"
    writer.join()
    assert held_back == [True]  # the first record came while the writer still held the rest


def test_documents_of_a_batch_name_file_and_line_in_their_errors(tmp_path: Path) -> None:
    batch = tmp_path / "docs.jsonl"
    batch.write_bytes(_good(1) + b"{oops\n" + json.dumps({
        "id": "fr", "text": "Les soldats ont bombardé le village pendant la nuit, tuant trois "
                            "bergers et blessant plusieurs habitants, selon le préfet."}).encode())
    items = list(read_jsonl(str(batch)))
    assert isinstance(items[0][1], Document)
    assert str(items[1][1]).startswith(f"{batch} line 2: malformed JSON")
    assert str(items[2][1]).startswith(f"{batch} line 3 (id fr): the story is in French")
