"""SIGINT and SIGTERM stop `watch` cleanly: the article in hand is finished (one
signal) or rolled back (two), the ledger stays whole, and the next run stores the
rest once."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from tests.watch.running import count, log, start_watch, wait_for

pytestmark = pytest.mark.slow

TOWNS = ("Kaya", "Djibo", "Dori", "Fada", "Gao", "Menaka", "Tillaberi", "Diffa")


def write_reports(path: Path, total: int, paragraphs: int = 1) -> Path:
    """`total` JSON Lines reports of attacks, of `paragraphs` paragraphs each."""
    lines = []
    for n in range(total):
        town = TOWNS[n % len(TOWNS)]
        text = f"{town.upper()}, May {1 + n % 27} (Sahel Wire) -- " + "\n\n".join(
            f"Gunmen attacked a village near {town} on Monday, killing {n + p + 3} people, "
            f"officials said. Soldiers arrested {n + 2} suspects after the attack, and the "
            f"governor condemned the killings. Residents fled, the UN said in report {n}."
            for p in range(paragraphs)
        )
        lines.append(json.dumps({"id": f"r{n}", "text": text, "published": "2024-05-30"}))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path


def _whole(db: Path) -> None:
    """The ledger passes integrity_check and every stored article has its extraction."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        bare = connection.execute(
            "SELECT count(*) FROM articles WHERE hash NOT IN (SELECT article_hash FROM "
            "extractions) OR hash NOT IN (SELECT article_hash FROM events)"
        ).fetchone()[0]
    assert bare == 0


@pytest.mark.parametrize("name", ["SIGINT"])  # SIGTERM: test_watch_http.py
def test_one_signal_finishes_the_article_in_hand_and_the_next_run_stores_the_rest(tmp_path, name):
    inbox, db = tmp_path / "inbox", tmp_path / "ledger.db"
    write_reports(inbox / "wire.jsonl", 20)
    watch = start_watch(tmp_path, str(inbox), "--db", str(db), "--every", "1h")
    wait_for(lambda: count(db) >= 2, "two stored articles")
    watch.send_signal(getattr(signal, name))
    assert watch.wait(timeout=30) == 0, log(tmp_path)
    assert f"watch: {name}: stopped after the article in hand" in log(tmp_path)
    stored = count(db)
    assert 2 <= stored < 20, "the signal should land while articles are still coming"
    _whole(db)

    rerun = start_watch(tmp_path, str(inbox), "--db", str(db), "--once")
    assert rerun.wait(timeout=120) == 0, log(tmp_path)
    assert log(tmp_path, "out.log") == [f"ingested {20 - stored}, unchanged {stored}, "
                                        "failed 0 (1 poll)"]  # fmt: skip
    assert count(db, "SELECT count(DISTINCT id) FROM articles") == count(db) == 20


def test_a_second_signal_stops_at_once_and_rolls_the_article_back(tmp_path):
    inbox, db = tmp_path / "inbox", tmp_path / "ledger.db"
    write_reports(inbox / "a.jsonl", 1)
    write_reports(inbox / "b.jsonl", 1, paragraphs=150)  # seconds of extraction
    watch = start_watch(tmp_path, str(inbox), "--db", str(db), "--every", "1h")
    wait_for(lambda: count(db) == 1, "the short article")
    time.sleep(0.6)  # the long one is read by now, and in extraction for seconds more
    watch.send_signal(signal.SIGTERM)
    time.sleep(0.2)  # two signals at once are one: the kernel does not queue them
    watch.send_signal(signal.SIGTERM)
    assert watch.wait(timeout=30) == 130, log(tmp_path)
    assert log(tmp_path)[-1] == (
        "watch: stopped at once by a second signal; the article in hand was rolled back"
    )
    assert count(db) == 1
    _whole(db)
