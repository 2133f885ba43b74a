"""The server reads while `newsledger ingest` writes the same ledger from another
process: for about 30 seconds, 20 clients ask the API at once while an ingest stores
articles one transaction at a time. No answer is a 5xx, none says the database is
locked, counts never go back, and when the ingest is done the API shows every row it
stored, page by page."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from tests.serve.servers import copy_ledger, serve_cli

CLIENTS = 20
SECONDS = 30
ARTICLES = 220  # about 25 s of writing on two cores, one transaction an article
TOWNS = ("Kaya", "Djibo", "Dori", "Fada", "Gao", "Menaka", "Tillaberi", "Diffa")
READS = (
    "/api/ledger",
    "/api/events?limit=20",
    "/api/events.csv?all=true&limit=50",
    "/api/incidents?limit=10",
    "/api/incidents.geojson",
    "/api/articles.json?limit=5",
    "/api/search?q=gunmen&limit=5",
    "/api/actors?limit=10",
    "/api/timeline",
    "/api/quotes?limit=5",
    "/api/articles/tw-{n}",
)


def _dump(path: Path) -> Path:
    lines = []
    for n in range(ARTICLES):
        town, killed = TOWNS[n % len(TOWNS)], 3 + n
        text = (
            f"Gunmen attack village near {town}\n\n{town.upper()}, May {1 + n % 28} "
            f"(Test Wire) -- Gunmen attacked a village near {town} on Monday, killing "
            f"{killed} people, officials said in report {n}."
        )
        record = {"id": f"tw-{n}", "title": f"Gunmen attack village near {town}",
                  "text": text, "source": "Test Wire", "published": "2024-05-30"}  # fmt: skip
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n")
    return path


class Clients:
    """CLIENTS threads asking READS in turn until stopped; what went wrong is kept."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.stop = threading.Event()
        self.failures: list[str] = []
        self.answered = 0
        self._lock = threading.Lock()
        self.threads = [threading.Thread(target=self._ask, args=(n,)) for n in range(CLIENTS)]

    def _ask(self, number: int) -> None:
        last_count, turn = 0, number
        with httpx.Client(base_url=self.url, timeout=60) as http:
            while not self.stop.is_set():
                path = READS[turn % len(READS)].format(n=turn % ARTICLES)
                turn += 1
                try:
                    answer = http.get(path)
                except httpx.HTTPError as exc:
                    self._fail(f"{path}: {exc!r}")
                    continue
                # An article the ingest has not stored yet is a 404; nothing else fails.
                expected = (200, 404) if path.startswith("/api/articles/") else (200,)
                if answer.status_code not in expected or "database is locked" in answer.text:
                    self._fail(f"{path}: {answer.status_code} {answer.text[:200]}")
                elif path == "/api/ledger":
                    count = answer.json()["counts"]["articles"]
                    if count < last_count:
                        self._fail(f"article count went back from {last_count} to {count}")
                    last_count = count
                with self._lock:
                    self.answered += 1

    def _fail(self, what: str) -> None:
        with self._lock:
            self.failures.append(what)

    def __enter__(self) -> Clients:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)


@pytest.mark.slow
def test_the_api_answers_20_clients_while_an_ingest_writes(base_ledger, tmp_path):
    db = copy_ledger(base_ledger, tmp_path / "ledger")
    dump = _dump(tmp_path / "wire.jsonl")
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "newsledger", "ingest", str(dump), "--db", str(db),
               "--batch-size", "1"]  # fmt: skip
    with serve_cli(db, tmp_path / "serve.log") as url:
        with Clients(url) as clients:
            started = time.monotonic()
            with (tmp_path / "ingest.log").open("w") as log:
                ingest = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT,
                                        env=env, timeout=240)  # fmt: skip
            writing = time.monotonic() - started
            time.sleep(max(0.0, SECONDS - writing))
        # The same server, which read while the other process wrote, now shows it all.
        summary = httpx.get(f"{url}/api/ledger").json()["counts"]
        paged, next_url = set(), "/api/articles?limit=7"
        while next_url:
            page = httpx.get(f"{url}{next_url}").json()
            paged |= {row["hash"] for row in page["rows"]}
            next_url = page["next_url"]
        listed = httpx.get(f"{url}/api/events", params={"all": "true", "limit": 1}).json()

    output = (tmp_path / "ingest.log").read_text()
    assert ingest.returncode == 0, output
    assert f"ingested {ARTICLES}, unchanged 0, failed 0" in output
    assert clients.failures == []
    assert clients.answered > 20 * CLIENTS, f"{clients.answered} answers in {writing:.0f} s"
    with sqlite3.connect(db) as connection:
        stored = {row[0] for row in connection.execute("SELECT hash FROM articles")}
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    assert len(stored) == 5 + ARTICLES
    assert summary["articles"] == len(stored) and paged == stored
    assert listed["total"] == events
