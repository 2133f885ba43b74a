"""One stored article's extraction replaced by a new one, atomically.

In one transaction: the incidents its old events belonged to are taken apart, its old
events, quotes, claims and contradictions are deleted, the new ones are written with
the ledger's own row builders, its `extractor_version` is set, and its events and
those of every article that shared an incident with it are linked again. A kill at
any moment leaves either the old extraction or the new one, never a mix.
"""

from __future__ import annotations

import json
import sqlite3

from newsledger import __version__
from newsledger.extract.model import Extraction
from newsledger.ledger.store import (
    _CLAIM_COLUMNS,
    _CONTRADICTION_COLUMNS,
    _EVENT_COLUMNS,
    _QUOTE_COLUMNS,
    _claim_pair,
    _claim_row,
    _event_row,
    _insert,
    _quote_row,
)
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
        _write_rows(db, extraction)
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


def _write_rows(db: sqlite3.Connection, extraction: Extraction) -> None:
    """The rows `Ledger.write` gives an article's extraction, from the same builders."""
    article = extraction.article
    db.executemany(
        _insert("events", _EVENT_COLUMNS),
        [_event_row(article.hash, i, e, article.text) for i, e in enumerate(extraction.events)],
    )
    data = extraction.to_dict(with_text=False)
    db.execute(
        "INSERT OR REPLACE INTO extractions (article_hash, quotes, claims, contradictions) "
        "VALUES (?, ?, ?, ?)",
        (article.hash, *(json.dumps(data[k]) for k in ("quotes", "claims", "contradictions"))),
    )
    quotes = [_quote_row(article.hash, i, q) for i, q in enumerate(extraction.quotes)]
    claims = [_claim_row(article.hash, i, c) for i, c in enumerate(extraction.claims)]
    claim_ids = [row[0] for row in claims]
    where = article.origin or article.id
    db.executemany(_insert("quotes", _QUOTE_COLUMNS), quotes)
    db.executemany(_insert("claims", _CLAIM_COLUMNS), claims)
    db.executemany(
        _insert("contradictions", _CONTRADICTION_COLUMNS),
        [
            (article.hash, i, *_claim_pair(claim_ids, c, where), c.note)
            for i, c in enumerate(extraction.contradictions)
        ],
    )
