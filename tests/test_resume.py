"""A crash mid-ingest loses nothing committed, corrupts nothing, and the next run resumes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import write

CITIES = ["Accra", "Lagos", "Dakar", "Lome", "Cotonou", "Abuja", "Bamako", "Conakry"]


def _articles(count: int) -> list[dict[str, str]]:
    return [
        {
            "id": f"a{n}",
            "text": f"{CITIES[n % len(CITIES)]}, May {1 + n % 28} (WAW) -- Police arrested "
            f"{n + 3} protesters during a march against fuel prices on day {n}. Union "
            f"leaders condemned the arrests and called for talks with the government.",
        }
        for n in range(count)
    ]


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_killed_ingest_resumes_without_duplicates_or_loss(tmp_path, workers):
    source = write(tmp_path / "dump.jsonl", "\n".join(json.dumps(a) for a in _articles(60)))
    db = tmp_path / "ledger.db"
    command = [sys.executable, "-m", "newsledger", "ingest", str(source), "--db", str(db),
               "--batch-size", "1", "--workers", workers]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while _count(db) < 5 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the ingest and its workers, as Ctrl-C would
    process.wait()
    stored = _count(db)
    assert 5 <= stored < 60, "the kill should land mid-batch"

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        orphans = connection.execute(
            "SELECT count(*) FROM events WHERE article_hash NOT IN (SELECT hash FROM articles)"
        ).fetchone()[0]
        assert orphans == 0

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    ingested = 60 - stored
    assert rerun.stdout.strip().endswith(f"ingested {ingested}, unchanged {stored}, failed 0")
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
    assert sorted(ids) == sorted(f"a{n}" for n in range(60))
