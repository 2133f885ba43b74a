"""Writing an export (export/writer.py): a file is written whole or not at all, with the
permissions a plain file gets, a value that does not fit its Parquet column is named,
and `-` is standard output."""

from __future__ import annotations

import os

import pytest

from newsledger.errors import NewsledgerError
from newsledger.export.columns import EVENT_COLUMNS, EVENT_SCHEMA
from newsledger.export.writer import Output, check_out_path, write_csv, write_parquet


def _rows_then_a_fault(count: int):
    for number in range(count):
        yield {"id": f"e-{number}"}
    raise NewsledgerError("the ledger went away")


def test_a_failed_export_leaves_no_partial_file_and_the_old_one_as_it_was(tmp_path):
    out = tmp_path / "events.csv"
    out.write_text("the old export\n", encoding="utf-8")
    with pytest.raises(NewsledgerError, match="went away"):
        write_csv(_rows_then_a_fault(1000), ["id"], check_out_path(str(out)))
    assert out.read_text(encoding="utf-8") == "the old export\n"
    assert os.listdir(tmp_path) == ["events.csv"]  # no temporary file left beside it
    with pytest.raises(NewsledgerError):
        write_csv(_rows_then_a_fault(10), ["id"], check_out_path(str(tmp_path / "new.csv")))
    assert os.listdir(tmp_path) == ["events.csv"]


def test_a_new_file_has_the_permissions_a_plain_file_gets(tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("", encoding="utf-8")
    out = tmp_path / "events.csv"
    write_csv([{"id": "e-1"}], ["id"], check_out_path(str(out)))
    assert out.stat().st_mode == plain.stat().st_mode  # not the 0600 of a temporary file
    assert out.read_text(encoding="utf-8") == "id\ne-1\n"


def test_a_value_that_does_not_fit_its_parquet_column_is_named_and_writes_nothing(tmp_path):
    pytest.importorskip("pyarrow")
    row = dict.fromkeys(EVENT_COLUMNS) | {"id": "e-1", "fatalities_min": "many"}
    out = tmp_path / "events.parquet"
    with pytest.raises(NewsledgerError, match=r"events\.parquet: column fatalities_min"):
        write_parquet([row], EVENT_SCHEMA, check_out_path(str(out), binary=True))
    assert os.listdir(tmp_path) == []


def test_the_out_path_is_checked_before_any_work(tmp_path):
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    for out in (tmp_path / "notes.txt" / "x.csv", tmp_path / "notes.txt" / "a" / "x.csv"):
        with pytest.raises(NewsledgerError) as error:
            check_out_path(str(out))
        assert str(error.value) == f"{out}: {tmp_path / 'notes.txt'} is a file, not a folder"
    assert check_out_path("-") == Output("-", None)
    with pytest.raises(NewsledgerError, match="Parquet is not written to standard output"):
        check_out_path("-", binary=True)
