"""One stored article's extraction replaced by a new one, atomically.

In one transaction: the incidents its old events belonged to are taken apart, its old
events, quotes, claims and contradictions are deleted, the new ones are written by the
ledger's own `write_extraction_rows`, its `extractor_version` is set, and its events and
those of every article that shared an incident with it are linked again. A kill at
any moment leaves either the old extraction or the new one, never a mix.
"""

from __future__ import annotations

import sqlite3

from newsledger import __version__
from newsledger.extract.model import Extraction
from newsledger.ledger.store import write_extraction_rows
from newsledger.link import link_articles

_OWN_ROWS = ("events", "quotes", "claims", "contradictions")


def replace_extraction(db: sqlite3.Connection, extraction: Extraction) -> None:
    """Store `extraction` in place of its article's current one (the article itself,
    identified by its hash, must be stored already)."""
    article = extraction.article
    try:
        db.execute("BEGIN IMMEDIATE")
        neighbours = _take_apart_incidents(db, article.hash)
        for table in _OWN_ROWS:
            db.execute(f"DELETE FROM {table} WHERE article_hash = ?", (article.hash,))
        write_extraction_rows(db, extraction)
        db.execute(
            "UPDATE articles SET extractor_version = ? WHERE hash = ?",
            (__version__, article.hash),
        )
        link_articles(db, [article.hash, *neighbours])
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _take_apart_incidents(db: sqlite3.Connection, article_hash: str) -> list[str]:
    """Delete the incidents the article's events belong to, unlink their members, and
    return the other articles those members came from: they are linked again."""
    incidents = [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT incident FROM events WHERE article_hash = ? AND incident IS NOT "
            "NULL ORDER BY incident",
            (article_hash,),
        )
    ]
    if not incidents:
        return []
    marks = ",".join("?" * len(incidents))
    neighbours = [
        row[0]
        for row in db.execute(
            f"SELECT DISTINCT article_hash FROM events WHERE incident IN ({marks}) "
            "AND article_hash != ? ORDER BY article_hash",
            (*incidents, article_hash),
        )
    ]
    db.execute(f"UPDATE events SET incident = NULL WHERE incident IN ({marks})", incidents)
    db.execute(f"DELETE FROM incidents WHERE id IN ({marks})", incidents)
    return neighbours
