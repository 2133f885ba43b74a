"""Kill a newsledger command with SIGKILL at random moments, again and again.

    python kill_driver.py DB SEED KILLS PROGRESS_SQL LOG -- COMMAND ARGS...

A fresh `python -m newsledger` spends about 3 s loading Python, spaCy and the
gazetteer before it writes anything, and 60 kills of such processes would cost the
suite minutes. This driver loads all that once (`warm_up`), then for each kill forks a
child that runs the command line itself (`newsledger.cli.main` with the arguments),
waits for a random moment, and kills the child with SIGKILL: the child is a process of
its own running the real command, opening, migrating and writing the real ledger file.
Two kills in three land a random 0-150 ms after the child stored something new
(mid-article, mid-transaction, mid-commit); one in three lands in its first 350 ms
(opening or migrating the ledger, extracting its first articles). After each kill the
ledger must pass integrity_check.

Prints one JSON object: how many children were killed, how many finished on their own
(all work done), and the progress after each kill.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import sys
import time


def progress(db: str, sql: str) -> int:
    """Opened and closed for each look: no connection may live across a fork."""
    if not os.path.exists(db):
        return 0
    try:
        connection = sqlite3.connect(db, timeout=10)
        try:
            return connection.execute(sql).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError:  # the ledger not created yet: no tables
        return 0


def integrity(db: str) -> str:
    if not os.path.exists(db):
        return "ok"
    connection = sqlite3.connect(db, timeout=10)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def run_child(argv: list[str], log: str) -> None:
    """In the child: the command line, its output appended to `log`; never returns."""
    from newsledger.cli import main

    out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(out, 1)
    os.dup2(out, 2)
    sys.argv = ["newsledger", *argv]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - reported in the log, as an exit code
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def preload() -> None:
    """What a command loads before its first write, loaded once here instead."""
    import newsledger.cli
    import newsledger.ingest.feed
    import newsledger.ingest.html
    import newsledger.pipeline
    import newsledger.reextract.run
    import newsledger.watch.monitor  # noqa: F401
    from newsledger.extract import warm_up
    from newsledger.ingest.language import detect_language
    from newsledger.ledger.store import Ledger  # noqa: F401
    from newsledger.link import LinkSettings

    warm_up()
    detect_language("Police arrested three protesters during a march in the capital on Monday.")
    LinkSettings.packaged()


def main() -> None:
    db, seed, kills, sql, log, separator, *argv = sys.argv[1:]
    assert separator == "--"
    rng = random.Random(int(seed))

    preload()
    report: dict[str, list] = {"killed": [], "finished": [], "integrity": []}
    for _ in range(int(kills)):
        before = progress(db, sql)
        early = rng.random() < 1 / 3
        child = os.fork()
        if child == 0:
            run_child(argv, log)
        if early:
            time.sleep(rng.uniform(0, 0.35))
        else:
            deadline = time.monotonic() + 120
            while progress(db, sql) <= before and time.monotonic() < deadline:
                if os.waitpid(child, os.WNOHANG) != (0, 0):
                    child = 0  # it finished: there was nothing left to store
                    break
                time.sleep(0.01)
            time.sleep(rng.uniform(0, 0.15))
        if child and os.waitpid(child, os.WNOHANG) == (0, 0):
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            report["killed"].append(progress(db, sql))
        else:
            report["finished"].append(progress(db, sql))
        report["integrity"].append(integrity(db))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
