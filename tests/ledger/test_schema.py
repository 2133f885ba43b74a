"""Schema migrations: an older ledger is brought forward with its data intact."""

from __future__ import annotations

import sqlite3

from newsledger.ledger import Filters, Ledger, select_events
from newsledger.ledger.schema import latest_version, migrations


def test_a_schema_1_ledger_is_migrated_and_keeps_its_events(tmp_path):
    path = tmp_path / "old.db"
    first = migrations()[0]
    assert first[0] == 1
    with sqlite3.connect(path) as connection:
        connection.executescript(first[2] + "\nPRAGMA user_version = 1;")
        connection.execute(
            "INSERT INTO articles (hash, id, text, extractor_version, ingested_at) "
            "VALUES ('h1', 'a1', 'Rebels attacked Goma.', '0.0', '2024-01-01')"
        )
        connection.execute(
            "INSERT INTO events (id, article_hash, position, type, verbal, negated, "
            "hypothetical, future, confidence, sentence, record) "
            "VALUES ('e1', 'h1', 0, 'ASSAULT', 0, 0, 0, 0, 0.9, 'Rebels attacked Goma.', '{}')"
        )
    with Ledger(path) as ledger:
        assert ledger.connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        rows = select_events(ledger.connection, Filters())
    assert [(r["id"], r["type"], r["generic"], r["historical"]) for r in rows] == [
        ("e1", "ASSAULT", 0, 0)
    ]


def test_flagged_events_stay_out_of_listings_unless_asked(tmp_path, nlp):
    from newsledger.article import Article
    from newsledger.extract import extract

    text = (
        "Rebels attacked an army post near Goma on Monday. Militias carry out almost "
        "daily attacks on villages in the region. The army did not attack the camp."
    )
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.write([extract(Article(text=text))])
        shown = select_events(ledger.connection, Filters(type="ASSAULT"))
        everything = select_events(ledger.connection, Filters(type="ASSAULT", include_flagged=True))
    assert [r["sentence"][:6] for r in shown] == ["Rebels"]
    flagged = {
        (r["generic"], r["negated"]) for r in everything if r["id"] not in {s["id"] for s in shown}
    }
    assert flagged == {(1, 0), (0, 1)}


def test_a_schema_4_ledger_reads_the_background_flag_from_its_records(tmp_path):
    """Schema 5 adds `events.background`, filled from each stored record."""
    path = tmp_path / "four.db"
    with sqlite3.connect(path) as connection:
        for version, _, sql in migrations():
            if version <= 4:
                connection.executescript(f"{sql}\nPRAGMA user_version = {version};")
        connection.execute(
            "INSERT INTO articles (hash, id, text, extractor_version, ingested_at) "
            "VALUES ('h1', 'a1', 'Text.', '0.0', '2024-01-01')"
        )
        for ident, record in (("e1", '{"background": true}'), ("e2", "{}")):
            connection.execute(
                "INSERT INTO events (id, article_hash, position, type, verbal, negated, "
                "hypothetical, future, confidence, sentence, record) "
                "VALUES (?, 'h1', 0, 'ASSAULT', 0, 0, 0, 0, 0.9, 'Text.', ?)",
                (ident, record),
            )
    with Ledger(path) as ledger:
        rows = ledger.connection.execute("SELECT id, background FROM events ORDER BY id")
        assert [tuple(r) for r in rows] == [("e1", 1), ("e2", 0)]
