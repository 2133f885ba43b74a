"""kill -9 of `ingest`, `watch` and `reextract` at 20 random moments each: after every
kill the ledger passes integrity_check, and running the command again stores every
article exactly once, with the very rows an uninterrupted run stores.

The kills are dealt by `kill_driver.py` to forked children that run the real command
line (a fresh process would spend 3 s loading spaCy before each kill); the reference
run and every run that finishes the job after the kills are fresh `python -m
newsledger` processes.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.reextract.ledgers import as_if_extracted_by_an_older_version, snapshot
from tests.watch.feed_server import entry, feed, feed_server

from newsledger import __version__

pytestmark = pytest.mark.slow

KILLS = 20
RECORDS, ENTRIES = 400, 15
DRIVER = Path(__file__).with_name("kill_driver.py")
TOWNS = ("Accra", "Lagos", "Dakar", "Lome", "Cotonou", "Abuja", "Bamako", "Conakry")
ARTICLES = "SELECT count(*) FROM articles"


def newsledger(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "NO_PROXY": "127.0.0.1,localhost"}
    return subprocess.run([sys.executable, "-m", "newsledger", *args],
                          capture_output=True, text=True, env=env, timeout=300)  # fmt: skip


def kill_repeatedly(db: Path, sql: str, *command: str, seed: int) -> dict[str, list]:
    """KILLS kills of `command` (see kill_driver.py); the driver's report."""
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "NO_PROXY": "127.0.0.1,localhost",
        "OPENBLAS_NUM_THREADS": "1",
    }  # fmt: skip - one thread: nothing else to fork
    log = db.with_suffix(".log")
    driven = subprocess.run(
        [sys.executable, str(DRIVER), str(db), str(seed), str(KILLS), sql, str(log), "--",
         *command],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert driven.returncode == 0, driven.stderr
    report = json.loads(driven.stdout)
    assert report["integrity"] == ["ok"] * KILLS
    assert len(report["killed"]) == KILLS, f"some runs finished before their kill: {report}"
    assert "Traceback" not in log.read_text(), log.read_text()
    return report


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A feed of ENTRIES reports and a JSON Lines dump of RECORDS more."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "feed.xml").write_bytes(feed(*(entry(n) for n in range(ENTRIES))))
    records = []
    for n in range(RECORDS):
        # a week apart: each article's events are alone in their linking window, so
        # that linking costs the same for the first article and the last
        day = date(2010, 1, 4) + timedelta(days=7 * n)
        text = (
            f"{TOWNS[n % len(TOWNS)]}, {day:%B} {day.day} (WAW) -- Police arrested {n + 3} "
            "protesters during a march against fuel prices. Union leaders condemned it."
        )
        records.append({"id": f"a{n}", "published": day.isoformat(), "text": text})
    (folder / "inbox").mkdir()
    (folder / "inbox" / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    """The ledger an uninterrupted `ingest` of the corpus stores."""
    db = tmp_path_factory.mktemp("reference") / "ledger.db"
    done = newsledger("ingest", str(corpus / "feed.xml"), str(corpus / "inbox"), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ingested {ENTRIES + RECORDS}, unchanged 0, failed 0"
    return db


def _stored_once(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
    expected = [f"sw-{n}" for n in range(ENTRIES)] + [f"a{n}" for n in range(RECORDS)]
    assert sorted(ids) == sorted(expected)


def test_ingest_killed_20_times_then_rerun_stores_what_one_run_stores(corpus, reference, tmp_path):
    db = tmp_path / "ledger.db"
    command = ["ingest", str(corpus / "feed.xml"), str(corpus / "inbox"), "--db", str(db),
               "--batch-size", "4"]  # fmt: skip
    report = kill_repeatedly(db, ARTICLES, *command, seed=16)
    assert report["killed"][-1] < ENTRIES + RECORDS

    rerun = newsledger(*command)
    assert rerun.returncode == 0, rerun.stderr
    stored = report["killed"][-1]
    assert rerun.stdout.strip() == (
        f"ingested {ENTRIES + RECORDS - stored}, unchanged {stored}, failed 0"
    )
    _stored_once(db)
    assert snapshot(db) == snapshot(reference)


def test_watch_killed_20_times_then_rerun_stores_what_one_ingest_stores(
    corpus, reference, tmp_path
):
    db = tmp_path / "ledger.db"
    with feed_server() as server:
        server.serve((corpus / "feed.xml").read_bytes())
        command = ["watch", server.url, str(corpus / "inbox"), "--db", str(db),
                   "--every", "0.2s"]  # fmt: skip
        report = kill_repeatedly(db, ARTICLES, *command, seed=17)
        rerun = newsledger(*command[:-2], "--once")
    assert rerun.returncode == 0, rerun.stderr
    assert report["killed"][-1] < ENTRIES + RECORDS
    _stored_once(db)
    assert snapshot(db) == snapshot(reference)
    with sqlite3.connect(db) as connection:
        kept = connection.execute("SELECT source, etag FROM watch_sources").fetchall()
    assert kept == [(server.url, server.etag)]


def test_reextract_killed_20_times_then_rerun_gives_what_one_run_gives(reference, tmp_path):
    db = Path(shutil.copyfile(reference, tmp_path / "ledger.db"))
    as_if_extracted_by_an_older_version(db)
    done = f"SELECT count(*) FROM articles WHERE extractor_version = '{__version__}'"
    report = kill_repeatedly(db, done, "reextract", "--db", str(db), seed=18)
    assert report["killed"][-1] < ENTRIES + RECORDS

    rerun = newsledger("reextract", "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == f"reextracted {ENTRIES + RECORDS - report['killed'][-1]}, " \
        "failed 0"  # fmt: skip
    assert snapshot(db) == snapshot(reference)
