"""Shards cut into pieces: every record read once, and errors that name its line or row."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.conftest import write

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.scale.shards import find_shards, plan_pieces, read_piece

TEXT = "Juba, May 2 (SSW) -- Soldiers clashed with rebels near Juba on {day}."
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _jsonl(path: Path, bad_line: int | None = None) -> Path:
    lines = []
    for number, day in enumerate(DAYS, 1):
        record = {"id": f"r{number}", "text": TEXT.format(day=day), "published": "2024-05-02"}
        lines.append("{not json" if number == bad_line else json.dumps(record))
    lines.insert(3, "")  # a blank line is skipped but still counted
    return write(path, "\n".join(lines) + "\n")


def _read_all(paths: list[Path], piece_bytes: int) -> list[Article | InputError]:
    shards = list(find_shards([str(p) for p in paths]))
    pieces = list(plan_pieces(shards, piece_bytes))
    return [item for piece in pieces for item in read_piece(piece)]


@pytest.mark.parametrize("piece_bytes", [1, 100, 250, 1 << 20])
def test_json_lines_pieces_read_every_record_once_with_its_line(tmp_path, piece_bytes):
    path = _jsonl(tmp_path / "dump.jsonl", bad_line=5)
    items = _read_all([path], piece_bytes)
    assert [a.external_id for a in items if isinstance(a, Article)] == [
        "r1", "r2", "r3", "r4", "r6", "r7",
    ]  # fmt: skip
    assert [a.origin for a in items if isinstance(a, Article)][3] == f"{path}:5"
    errors = [str(e) for e in items if isinstance(e, InputError)]
    assert errors == [f"{path}:6: invalid JSON (Expecting property name enclosed in double "
                      "quotes at column 2)"]  # fmt: skip


def test_small_pieces_split_one_file_and_large_ones_keep_it_whole(tmp_path):
    path = _jsonl(tmp_path / "dump.jsonl")
    shards = list(find_shards([str(path)]))
    assert len(list(plan_pieces(shards, 1))) == 7
    assert len(list(plan_pieces(shards, 1 << 20))) == 1


def test_parquet_row_groups_become_pieces_and_errors_name_the_row(tmp_path):
    records = {
        "id": [f"p{n}" for n in range(1, 8)],
        "text": [TEXT.format(day=d) if d != "Friday" else None for d in DAYS],
        "published": [date(2024, 5, 2)] * 7,
        "word_count": list(range(7)),  # columns beyond the record's are left unread
    }
    path = tmp_path / "shard.parquet"
    pq.write_table(pa.table(records), path, row_group_size=2)
    items = _read_all([path], piece_bytes=1)
    articles = [a for a in items if isinstance(a, Article)]
    assert [a.external_id for a in articles] == ["p1", "p2", "p3", "p4", "p6", "p7"]
    assert {a.published for a in articles} == {date(2024, 5, 2)}
    assert [str(e) for e in items if isinstance(e, InputError)] == [
        f"{path}:row 5: record has no 'text'"
    ]


def test_folders_skip_hidden_files_and_refuse_other_formats(tmp_path):
    _jsonl(tmp_path / "in" / "a.jsonl")
    write(tmp_path / "in" / "_SUCCESS", "")
    write(tmp_path / "in" / ".a.jsonl.crc", "crc")
    write(tmp_path / "in" / "notes.txt", "Just a note, not records.")
    found = list(find_shards([str(tmp_path / "in"), str(tmp_path / "missing.jsonl")]))
    assert [s.origin for s in found if not isinstance(s, InputError)] == [
        str(tmp_path / "in" / "a.jsonl")
    ]
    assert [str(e) for e in found if isinstance(e, InputError)] == [
        f"{tmp_path / 'in' / 'notes.txt'}: text file, not a JSON Lines or Parquet shard "
        "(newsledger ingest reads it)",
        f"{tmp_path / 'missing.jsonl'}: no such file or directory",
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_shard_is_refused_with_advice(tmp_path, encoding):
    path = tmp_path / "wide.jsonl"
    text = json.dumps({"id": "1", "text": "Rebels attacked a convoy."}) + "\n"
    bom = "\ufeff" if encoding == "utf-16-be" else ""
    path.write_bytes((bom + text).encode(encoding))
    (error,) = find_shards([str(path)])
    assert str(error) == f"{path}: UTF-16 JSON Lines shard (re-save the file as UTF-8)"
