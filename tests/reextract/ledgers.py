"""A ledger's extraction rows as a comparable value, and a ledger made to look as if an
older release had extracted it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

# What an article's extraction is in the ledger: every row that reextract replaces.
SNAPSHOT = {
    "events": "SELECT * FROM events ORDER BY id",
    "quotes": "SELECT * FROM quotes ORDER BY id",
    "claims": "SELECT * FROM claims ORDER BY id",
    "contradictions": "SELECT * FROM contradictions ORDER BY article_hash, position",
    "extractions": "SELECT * FROM extractions ORDER BY article_hash",
    "incidents": "SELECT * FROM incidents ORDER BY id",
    "articles": "SELECT hash, copy_of, extractor_version FROM articles ORDER BY hash",
}


def snapshot(path: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as db:
        return {name: db.execute(sql).fetchall() for name, sql in SNAPSHOT.items()}


def as_if_extracted_by_an_older_version(path: Path) -> None:
    """What an older release could have left: other event types and tolls, fewer quotes,
    no claims, incidents built from those events, and an older version on each row."""
    with closing(sqlite3.connect(path)) as db:  # closed: its WAL goes back into the file
        db.executescript(
            "UPDATE articles SET extractor_version = '0.0.9';"
            "UPDATE events SET type = 'CONSULT', fatalities_min = 999, confidence = 0.1;"
            "DELETE FROM events WHERE position > 2;"
            "DELETE FROM quotes WHERE position > 0; DELETE FROM contradictions;"
            "DELETE FROM claims; UPDATE extractions SET claims = '[]';"
            "UPDATE incidents SET type = 'CONSULT', articles = 99;"
        )
