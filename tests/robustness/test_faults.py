"""A full disk and a read-only ledger (`storage.py`): each command that writes says so
in one clear line, nothing is half-written, and once there is room again the next run
stores what is missing, once."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.reextract.ledgers import as_if_extracted_by_an_older_version, snapshot
from tests.robustness.storage import run_on_full_disk, run_on_read_only_storage

from newsledger.ledger import Ledger
from newsledger.pipeline import ingest
from newsledger.sample import sample_corpus

pytestmark = pytest.mark.slow

FULL = r"cannot write the ledger \((database or disk is full|disk I/O error)\)"


@pytest.fixture(scope="module")
def base(tmp_path_factory, nlp) -> Path:
    """The sample corpus, stored."""
    path = tmp_path_factory.mktemp("base") / "ledger.db"
    with Ledger(path) as ledger:
        ingest([sample_corpus()], ledger)
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """Thirty reports, more than the room left on the full disk."""
    path = tmp_path_factory.mktemp("reports") / "wire.jsonl"
    lines = [
        json.dumps({"id": f"r{n}", "text": f"Gunmen attacked a village near Kaya on Monday, "
                    f"killing {n + 3} people, officials said in report {n}. " * 8})
        for n in range(30)
    ]  # fmt: skip
    path.write_text("\n".join(lines))
    return path


def _whole(path: Path) -> int:
    """integrity_check passes and every article has its extraction; the article count."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute(
            "SELECT count(*) FROM articles WHERE hash NOT IN (SELECT article_hash FROM extractions)"
        ).fetchone() == (0,)
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def _newsledger(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsledger", *args], capture_output=True,
                          text=True, timeout=300)  # fmt: skip


@pytest.fixture(scope="module")
def full_ingest(base, reports, tmp_path_factory):
    after = tmp_path_factory.mktemp("full-ingest") / "after.db"
    return run_on_full_disk(base, after, "ingest", str(reports), "--db", "{db}"), after


def test_ingest_on_a_full_disk_stores_nothing_of_the_batch(full_ingest, base):
    result, after = full_ingest
    assert result.returncode != 0
    assert "database or disk is full" in result.stderr or "disk I/O error" in result.stderr
    _whole(after)
    assert snapshot(after) == snapshot(base)  # the batch was one transaction: rolled back


def test_ingest_on_a_full_disk_says_so_in_one_line(full_ingest):
    result, _ = full_ingest
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_watch_on_a_full_disk_reports_it_once_and_the_next_poll_stores_the_rest(
    base, reports, tmp_path
):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(reports, inbox)
    after = tmp_path / "after.db"
    result = run_on_full_disk(base, after, "watch", str(inbox), "--db", "{db}", "--once")
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and re.search(FULL + "; trying again at the next poll", errors[0])
    stored = _whole(after)
    assert 15 <= stored < 45  # the sample, and what fitted of the reports

    again = _newsledger("watch", str(inbox), "--db", str(after), "--once")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"ingested {45 - stored}, unchanged {stored - 15}, " \
        "failed 0 (1 poll)"  # fmt: skip
    assert _whole(after) == 45


def test_reextract_on_a_full_disk_stops_cleanly_and_resumes(base, tmp_path):
    old = Path(shutil.copyfile(base, tmp_path / "old.db"))
    as_if_extracted_by_an_older_version(old)
    after = tmp_path / "after.db"
    result = run_on_full_disk(old, after, "reextract", "--db", "{db}")
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert re.search(FULL + "; the articles done so far are kept, and running reextract "
                     "again resumes$", line)  # fmt: skip
    _whole(after)

    again = _newsledger("reextract", "--db", str(after))
    assert again.returncode == 0, again.stderr
    assert snapshot(after) == snapshot(base)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [["watch", "{inbox}", "--once"], ["reextract"]])
def test_a_read_only_ledger_is_refused_in_one_line_and_left_as_it_was(
    base, reports, tmp_path, command
):
    folder = tmp_path / "archive"
    folder.mkdir()
    db = Path(shutil.copyfile(base, folder / "ledger.db"))
    before = _digest(db)
    args = [a.format(inbox=reports) for a in command]
    result = run_on_read_only_storage(folder, *args, "--db", str(db))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {db}: the ledger is read-only (no write access to the file or its folder); "
        "`newsledger events` and `newsledger articles` can still read it"
    ]
    assert _digest(db) == before
    assert sorted(p.name for p in folder.iterdir()) == ["ledger.db"]
