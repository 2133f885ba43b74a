"""Read connections: one per thread, and SQLite's busy answer waited out rather than
shown to a client."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from tests.serve.servers import copy_ledger

from newsledger.errors import LedgerError
from newsledger.serve.reader import LedgerBusy, LedgerReader, is_busy


def _locked() -> sqlite3.OperationalError:
    return sqlite3.OperationalError("database is locked")


def test_a_busy_ledger_is_retried_until_it_answers(base_ledger):
    reader = LedgerReader(str(base_ledger))
    failures = [_locked(), LedgerError("query failed (database is locked)")]
    failures[1].__cause__ = _locked()

    def query(db: sqlite3.Connection) -> int:
        if failures:
            raise failures.pop(0)
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]

    assert reader.read(query) == 5
    reader.close()


def test_a_ledger_busy_through_every_retry_is_ledger_busy(base_ledger):
    reader = LedgerReader(str(base_ledger), retries=2)

    def query(db: sqlite3.Connection) -> int:
        raise _locked()

    with pytest.raises(LedgerBusy, match="retry in a moment"):
        reader.read(query)
    reader.close()


def test_other_errors_are_not_retried(base_ledger):
    reader = LedgerReader(str(base_ledger))
    calls = []

    def query(db: sqlite3.Connection) -> None:
        calls.append(1)
        db.execute("SELECT x FROM nowhere")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        reader.read(query)
    assert calls == [1]
    reader.close()


def test_each_thread_reads_on_its_own_connection(base_ledger):
    reader = LedgerReader(str(base_ledger))
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(reader.read(id))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == 3 and reader.read(id) == reader.read(id)
    reader.close()


@pytest.mark.parametrize(
    ("error", "busy"),
    [
        (sqlite3.OperationalError("database is locked"), True),
        (sqlite3.OperationalError("no such table: x"), False),
        (LedgerError("bad search query"), False),
        (ValueError("database is locked"), False),
    ],
)
def test_busy_is_sqlites_locked_answer_only(error, busy):
    assert is_busy(error) is busy


def test_one_read_sees_one_state_of_the_ledger_while_another_writes(base_ledger, tmp_path):
    db = copy_ledger(base_ledger, tmp_path)
    reader = LedgerReader(str(db))

    def query(connection: sqlite3.Connection) -> tuple[int, int]:
        before = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        with sqlite3.connect(db) as writer:  # an ingest committing between two statements
            writer.execute("DELETE FROM events WHERE id = (SELECT min(id) FROM events)")
        writer.close()
        return before, connection.execute("SELECT count(*) FROM events").fetchone()[0]

    before, after = reader.read(query)
    assert before == after
    assert reader.read(lambda c: c.execute("SELECT count(*) FROM events").fetchone()[0]) == (
        before - 1
    )
    assert reader.read(lambda c: c.in_transaction) is True
    reader.close()
