"""`newsledger reextract` as a user runs it: a closing line, exit codes, usage errors."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import cli

FIXTURE = Path(__file__).parents[1] / "ledger" / "fixtures" / "ledger_schema1.sqlite"


@pytest.mark.slow
def test_reextract_in_a_pipe_prints_its_closing_line_and_nothing_else(run_cli, tmp_path):
    db = Path(shutil.copyfile(FIXTURE, tmp_path / "old.db"))  # schema 1, extracted by 0.0.1
    done = run_cli("reextract", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("reextracted 2, failed 0\n", "")
    with closing(sqlite3.connect(db)) as connection:
        versions = connection.execute("SELECT DISTINCT extractor_version FROM articles")
        assert versions.fetchall() == [("0.1.0",)]


@pytest.mark.parametrize(
    "before, message",
    [("soon", "--before soon: not a version number (e.g. 0.1.0)"),
     ("9.0", "--before 9.0: newer than this newsledger (0.1.0); upgrade newsledger first")],
)  # fmt: skip
def test_a_before_that_cannot_be_met_is_refused_before_the_ledger_is_opened(
    tmp_path, before, message
):
    db = Path(shutil.copyfile(FIXTURE, tmp_path / "old.db"))
    refused = CliRunner().invoke(cli, ["reextract", "--db", str(db), "--before", before])
    assert str(refused.exception) == message
    assert db.read_bytes() == FIXTURE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


def test_nothing_older_than_asked_is_said_so(tmp_path):
    db = Path(shutil.copyfile(FIXTURE, tmp_path / "old.db"))
    done = CliRunner().invoke(cli, ["reextract", "--db", str(db), "--before", "0.0.1"])
    assert done.exit_code == 0, done.output
    assert done.output == (
        "reextracted 0, failed 0 (every article is already at 0.1.0 or the version asked)\n"
    )
