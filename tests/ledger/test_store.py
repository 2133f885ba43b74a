"""The ledger file: idempotent writes, WAL, schema versions, atomic batches, search."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from newsledger.article import Article
from newsledger.errors import LedgerError
from newsledger.extract import extract
from newsledger.ledger import Filters, Ledger, select_articles, select_events
from newsledger.ledger.schema import latest_version

TEXT = (
    "Ankara, March 3 (TNW) -- Turkish police detained 40 demonstrators in Ankara on "
    "Sunday after a march against rising rents. The interior ministry accused organisers "
    "of blocking traffic."
)


@pytest.fixture
def extraction(nlp):
    return extract(Article(text=TEXT, title="Police detain rent marchers", source="TNW"))


def test_writing_the_same_article_twice_stores_it_once(tmp_path, extraction):
    with Ledger(tmp_path / "l.db") as ledger:
        assert ledger.write([extraction]) == 1
        assert ledger.write([extraction, extraction]) == 0
        counts = ledger.counts()
    assert counts == {"articles": 1, "events": len(extraction.events)}


def test_ledger_uses_wal_and_records_its_schema_version(tmp_path):
    Ledger(tmp_path / "l.db").close()
    with sqlite3.connect(tmp_path / "l.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(LedgerError, match="not a newsledger ledger"):
        Ledger(path)
    with sqlite3.connect(path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        assert [t[0] for t in tables] == ["customers"]


def test_a_ledger_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Ledger(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {latest_version() + 1}")
    with pytest.raises(LedgerError, match="upgrade newsledger"):
        Ledger(path)


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n" * 100)
    with pytest.raises(LedgerError, match="notes.db"):
        Ledger(path)


def test_a_failing_batch_rolls_back_and_keeps_earlier_batches(tmp_path, extraction):
    other = extract(Article(text=TEXT.replace("40", "55").replace("Sunday", "Monday")))
    # Two events with one id: the database refuses the second, mid-batch.
    broken = replace(other, events=(other.events[0], other.events[0]))
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.write([extraction])
        with pytest.raises(sqlite3.IntegrityError):
            ledger.write([broken])
        assert ledger.counts() == {"articles": 1, "events": len(extraction.events)}
        assert ledger.write([other]) == 1


def test_a_reader_reads_while_a_writer_holds_a_transaction(tmp_path, extraction):
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        ledger.write([extraction])
        ledger.connection.execute("BEGIN IMMEDIATE")
        ledger.connection.execute("DELETE FROM events")
        reader = sqlite3.connect(path, timeout=0.1)
        assert reader.execute("SELECT count(*) FROM events").fetchone()[0] > 0
        reader.close()
        ledger.connection.execute("ROLLBACK")


def test_search_and_filters_select_events(tmp_path, extraction):
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.write([extraction])
        db = ledger.connection
        assert select_articles(db, Filters(search="rents"))[0]["title"] == (
            "Police detain rent marchers"
        )
        assert select_articles(db, Filters(search="volcano")) == []
        coerce = select_events(db, Filters(type="COERCE", country="TUR"))
        assert coerce and "detained 40 demonstrators" in coerce[0]["sentence"]
        with pytest.raises(LedgerError, match="bad search query"):
            select_articles(db, Filters(search="rent AND"))  # FTS5 syntax, written wrong
