"""`newsledger serve` as a user runs it: loopback by default, and a ledger it cannot use
refused before anything is served."""

from __future__ import annotations

import re

from tests.conftest import newsledger_cli


def test_the_server_binds_loopback_by_default(tmp_path):
    shown = newsledger_cli(tmp_path, "serve", "--help")
    assert shown.returncode == 0
    assert re.search(r"--host TEXT\s+Address to bind.\s+\[default: 127\.0\.0\.1\]", shown.stdout)


def test_a_missing_ledger_is_refused_and_not_created(tmp_path):
    missing = tmp_path / "missing.db"
    result = newsledger_cli(tmp_path, "serve", "--db", str(missing), "--port", "0")
    assert result.returncode == 2
    assert f"error: {missing}: no ledger here (run `newsledger ingest` first)" in result.stderr
    assert not missing.exists()


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n" * 100)
    result = newsledger_cli(tmp_path, "serve", "--db", str(notes), "--port", "0")
    assert result.returncode == 2 and "not a usable SQLite ledger" in result.stderr
    assert notes.read_text() == "not a database\n" * 100
