"""Queries from the command line while `ingest` writes the same ledger: for half a
minute, `articles`, `events` and `incidents` run again and again in three loops while an
ingest stores the records a feed of wire copy hands it (on standard input, as they
come), one article a transaction. None fails, none says the database is locked, no
count ever goes back, and at the end every article sent is listed. (The HTTP API's side
of this is tests/serve/test_concurrency.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.slow

SECONDS = 30  # of records sent to the ingest, one every PACE seconds
PACE = 0.1
QUERIES = {
    "articles": ["articles", "--format", "json"],
    "events": ["events", "--all", "--format", "json"],
    "incidents": ["incidents", "--format", "json"],
}
TOWNS = ("Kaya", "Djibo", "Dori", "Fada", "Gao", "Menaka", "Tillaberi", "Diffa")


def _records(prefix: str, count: int) -> list[str]:
    lines = []
    for n in range(count):
        day = date(2015, 1, 5) + timedelta(days=5 * n)  # apart: linking stays cheap
        town = TOWNS[n % len(TOWNS)]
        text = (
            f"{town.upper()}, {day:%B} {day.day} (Sahel Wire) -- Gunmen attacked a village "
            f"near {town}, killing {n + 3} people, officials said in report {prefix}{n}."
        )
        record = {"id": f"{prefix}{n}", "text": text, "published": day.isoformat()}
        lines.append(json.dumps(record) + "\n")
    return lines


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "newsledger", *args], capture_output=True,
                          text=True, env=env, timeout=300, **kwargs)  # fmt: skip


def test_cli_queries_never_see_a_locked_or_shrinking_ledger_while_ingest_writes(tmp_path):
    db = tmp_path / "ledger.db"
    seed = _cli("ingest", "-", "--db", str(db), input="".join(_records("s", 3)))
    assert seed.returncode == 0, seed.stderr  # the ledger exists before the loops start
    wire = _records("w", int(SECONDS / PACE))
    ingest = subprocess.Popen(
        [sys.executable, "-m", "newsledger", "ingest", "-", "--db", str(db),
         "--batch-size", "1"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip

    def send() -> None:
        for line in wire:
            ingest.stdin.write(line)
            ingest.stdin.flush()
            time.sleep(PACE)
        ingest.stdin.close()

    failures: list[str] = []
    counts: dict[str, list[int]] = {name: [] for name in QUERIES}

    def loop(name: str) -> None:
        while ingest.poll() is None:
            done = _cli(*QUERIES[name], "--db", str(db))
            if done.returncode != 0 or done.stderr.strip():
                failures.append(f"{name}: exit {done.returncode}: {done.stderr.strip()}")
                continue
            counts[name].append(len(json.loads(done.stdout)))

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(name,)) for name in QUERIES]
    threads.append(threading.Thread(target=send))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    out, err = ingest.stdout.read(), ingest.stderr.read()
    ingest.wait(timeout=60)

    assert ingest.returncode == 0, err
    assert out.strip() == f"ingested {len(wire)}, unchanged 0, failed 0"
    assert failures == []
    assert time.monotonic() - started >= SECONDS
    for name, seen in counts.items():
        assert len(seen) >= 3, (name, seen)
        assert seen == sorted(seen), f"{name}: a count went back: {seen}"
    listed = json.loads(_cli("articles", "--format", "json", "--db", str(db)).stdout)
    assert sorted(row["id"] for row in listed) == sorted(
        ["s0", "s1", "s2"] + [json.loads(line)["id"] for line in wire]
    )
