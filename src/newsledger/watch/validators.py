"""The ETag and Last-Modified of each feed URL, kept in the ledger (schema 6).

They are saved only after the items of that response are committed, so a crash in
between costs one full download on the next poll, never an item: the items already
stored are then counted unchanged.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from newsledger.watch.fetch import Validators


def load_validators(db: sqlite3.Connection, source: str) -> Validators:
    row = db.execute(
        "SELECT etag, last_modified FROM watch_sources WHERE source = ?", (source,)
    ).fetchone()
    return Validators(row[0], row[1]) if row else Validators()


def save_validators(db: sqlite3.Connection, source: str, validators: Validators) -> None:
    """Remember `validators` for `source`, in a transaction of their own."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT OR REPLACE INTO watch_sources (source, etag, last_modified, stored_at) "
            "VALUES (?, ?, ?, ?)",
            (source, validators.etag, validators.last_modified, now),
        )
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
