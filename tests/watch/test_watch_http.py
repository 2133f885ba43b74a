"""`newsledger watch URL` against a real HTTP server on loopback whose feed changes,
breaks, times out and recovers: every item is stored once, an unchanged feed costs a
304, each failure is one line however many polls it lasts, and SIGTERM stops it
cleanly."""

from __future__ import annotations

import signal
import sqlite3

import pytest
from tests.watch.feed_server import entry, feed, feed_server
from tests.watch.running import count, log, start_watch, wait_for

pytestmark = pytest.mark.slow


def test_watch_rides_out_a_feed_that_changes_breaks_times_out_and_recovers(tmp_path):
    db = tmp_path / "ledger.db"
    with feed_server() as server:
        server.serve(feed(entry(0), entry(1)))
        watch = start_watch(tmp_path, server.url, "--db", str(db), "--every", "0.3s",
                            "--timeout", "2")  # fmt: skip
        try:
            wait_for(lambda: count(db) == 2, "the first two items")
            wait_for(lambda: server.answers.count(304) >= 2, "two polls of an unchanged feed")
            assert server.requests[-1]["If-None-Match"] == server.etag

            server.serve(feed(entry(0), entry(1), entry(2)))
            wait_for(lambda: count(db) == 3, "the item added to the feed")

            for mode, polls in (("http500", 3), ("not-feed", 3), ("delay", 2)):
                server.mode, server.delay, seen = mode, 3.0, len(server.requests)
                wait_for(lambda s=seen, n=polls: len(server.requests) >= s + n, f"polls ({mode})")

            # Back up, with an entry that has no text: it is reported once, even when a
            # later change of the feed makes the watcher read that entry again.
            server.serve(feed(entry(0), entry(1), entry(2), entry(3), entry(4, text="")))
            wait_for(lambda: count(db) == 4, "the item added while the feed was down")
            server.serve(feed(*(entry(n, "" if n == 4 else None) for n in range(6))))
            wait_for(lambda: count(db) == 5, "the last item")
        finally:
            watch.send_signal(signal.SIGTERM)
            code = watch.wait(timeout=60)
        stopped = log(tmp_path), log(tmp_path, "out.log")

        # Started again, it asks with the validators the ledger kept: a 304, nothing read.
        answers = len(server.answers)
        again = start_watch(tmp_path, server.url, "--db", str(db), "--once")
        assert again.wait(timeout=120) == 0, log(tmp_path)
        assert server.answers[answers:] == [304]
        assert log(tmp_path, "out.log") == ["ingested 0, unchanged 0, failed 0 (1 poll)"]

    errors = [line for line in stopped[0] if line.startswith("error:")]
    assert errors == [
        f"error: {server.url}: the server answered HTTP 500 (Internal Server Error)",
        f"error: {server.url}: not an RSS or Atom feed (it reads as html)",
        f"error: {server.url}: no answer within 2 s",
        f"error: {server.url}#entry5: feed entry 'Gunmen attack village near Gao (4)' has no text",
    ]
    assert stopped[0].count(f"watch: {server.url}: polled again without error") == 1
    assert code == 0
    assert "watch: SIGTERM: stopped after the article in hand" in stopped[0]
    assert stopped[1][-1].startswith("ingested 5, ")
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY id")]
        validators = connection.execute("SELECT source, etag FROM watch_sources").fetchall()
    assert ids == ["sw-0", "sw-1", "sw-2", "sw-3", "sw-5"]
    assert validators == [(server.url, server.etag)]
