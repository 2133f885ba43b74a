"""`newsledger export` (export/command.py): the events filters narrow every format, and
what cannot be written is one clear line with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from tests.conftest import newsledger_cli

from newsledger.ledger import Ledger


def _events(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_country_type_and_since_filters_narrow_the_rows(export):
    every, _ = export("jsonl")
    somalia, _ = export("jsonl", "--country", "Somalia")
    protests, _ = export("jsonl", "--type", "protest")
    recent, _ = export("jsonl", "--since", "2024-06-01")
    everything = _events(every)
    assert {e["location_country"] for e in _events(somalia)} == {"SOM"}
    assert len(_events(somalia)) == 2 < len(everything)
    assert [e["type"] for e in _events(protests)] == ["PROTEST"]
    assert _events(recent) and all(e["date"] >= "2024-06-01" for e in _events(recent))
    assert len(_events(recent)) < len(everything)


def test_filters_select_incidents_and_acled_rows_too(export):
    incidents, _ = export("csv", "--incidents", "--country", "SOM")
    assert list(pd.read_csv(incidents)["location_country"]) == ["SOM"]
    acled, _ = export("acled", "--since", "2024-06-01")
    assert set(pd.read_csv(acled)["country"]) == {"Kenya", "Somalia"}


def test_a_missing_folder_is_one_line_and_writes_nothing(export_ledger, tmp_path):
    out = tmp_path / "missing" / "events.csv"
    result = newsledger_cli(
        tmp_path, "export", "--db", str(export_ledger), "--format", "csv", "--out", str(out)
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: {out}: the folder {out.parent} does not exist (create it)"
    )


def test_a_ledger_with_no_events_is_an_error_not_an_empty_file(tmp_path):
    empty = tmp_path / "empty.db"
    Ledger(empty).close()
    out = tmp_path / "events.csv"
    result = newsledger_cli(
        tmp_path, "export", "--db", str(empty), "--format", "acled", "--out", str(out)
    )
    assert result.returncode == 2 and "the ledger holds no events" in result.stderr
    assert not out.exists()


def _export(ledger, folder, *args: str):
    return newsledger_cli(folder, "export", "--db", str(ledger), *args)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("fmt", ["csv", "parquet", "acled"])
def test_a_file_that_cannot_be_written_is_one_line_with_exit_2(export_ledger, tmp_path, fmt):
    full = _export(export_ledger, tmp_path, "--format", fmt, "--out", "/dev/full")
    assert full.returncode == 2
    assert full.stderr.splitlines() == ["error: /dev/full: cannot write (No space left on device)"]
    if Path("/proc/self").is_dir():  # /proc takes no new files
        proc = _export(export_ledger, tmp_path, "--format", fmt, "--out", f"/proc/x.{fmt}")
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert proc.stderr.startswith(f"error: /proc/x.{fmt}: cannot write (")


def test_a_file_where_a_folder_should_be_is_named(export_ledger, tmp_path):
    (tmp_path / "ro.csv").write_text("kept\n", encoding="utf-8")
    result = _export(export_ledger, tmp_path, "--format", "csv", "--out", "ro.csv/x.csv")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: ro.csv/x.csv: ro.csv is a file, not a folder"
    assert (tmp_path / "ro.csv").read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "acled", "plover", "polecat"])
def test_out_dash_writes_to_standard_output(export, export_ledger, tmp_path, fmt):
    result = _export(export_ledger, tmp_path, "--format", fmt, "--out", "-")
    assert result.returncode == 0, result.stderr
    file, _ = export(fmt)
    assert result.stdout == file.read_text(encoding="utf-8")
    assert "to standard output" in result.stderr
    assert not (tmp_path / "-").exists()


def test_parquet_is_not_written_to_standard_output(export_ledger, tmp_path):
    result = _export(export_ledger, tmp_path, "--format", "parquet", "--out", "-")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: -: Parquet is not written to standard output")
