"""Read connections for the server: one per worker thread, each with a busy timeout,
and every query retried while SQLite answers busy.

`newsledger ingest` may write the same ledger from another process. In WAL mode readers
do not wait for the writer, but SQLite can still answer SQLITE_BUSY for a moment (a
checkpoint, a WAL being reset, a connection opening while another recovers the WAL
index). Those moments are waited out here, so that "database is locked" never reaches
a client.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from newsledger.errors import NewsledgerError
from newsledger.ledger import Ledger

T = TypeVar("T")

BUSY_TIMEOUT_MS = 5_000
RETRIES = 5
_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


class LedgerBusy(NewsledgerError):
    """The ledger stayed busy through every retry (the server answers 503)."""


class LedgerReader:
    """Runs read-only queries on `path`, on a connection of the calling thread's own
    (sqlite3 connections are not shared across threads); opened on first use."""

    def __init__(
        self, path: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS, retries: int = RETRIES
    ) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self.retries = retries
        self._local = threading.local()
        self._opened: list[Ledger] = []
        self._lock = threading.Lock()

    def read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        """`query(connection)` in one read transaction, so that its statements see one
        state of the ledger (a page and the count beside it agree while an ingest
        writes); retried with a growing pause while the ledger is busy."""
        for attempt in range(self.retries + 1):
            try:
                return _in_one_snapshot(self._connection(), query)
            except (sqlite3.OperationalError, NewsledgerError) as exc:
                if not is_busy(exc):
                    raise
                if attempt == self.retries:
                    raise LedgerBusy(
                        "the ledger stayed busy with another writer; retry in a moment"
                    ) from exc
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _connection(self) -> sqlite3.Connection:
        ledger: Ledger | None = getattr(self._local, "ledger", None)
        if ledger is None:
            ledger = Ledger(self.path, read_only=True)
            ledger.connection.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            self._local.ledger = ledger
            with self._lock:
                self._opened.append(ledger)
        return ledger.connection

    def close(self) -> None:
        """Close the connections this reader opened (at server shutdown)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for ledger in opened:
            # A connection belongs to the thread that opened it; at shutdown those
            # threads are gone or idle, and the process is about to let go of the file.
            with suppress(sqlite3.ProgrammingError):
                ledger.close()


def _in_one_snapshot(db: sqlite3.Connection, query: Callable[[sqlite3.Connection], T]) -> T:
    # The ledger's connections run in autocommit mode (isolation_level None), where each
    # statement would read its own snapshot; a read transaction holds one for them all.
    db.execute("BEGIN")
    try:
        return query(db)
    finally:
        if db.in_transaction:
            db.execute("ROLLBACK")  # it only read: nothing to keep


def is_busy(exc: BaseException | None) -> bool:
    """Whether `exc` (or what it wraps) is SQLite's busy or locked answer."""
    while exc is not None:
        if isinstance(exc, sqlite3.OperationalError):
            code = getattr(exc, "sqlite_errorcode", None)
            if code is not None and code & 0xFF in _BUSY_CODES:
                return True
            message = str(exc)
            if "database is locked" in message or "database is busy" in message:
                return True
        exc = exc.__cause__
    return False
