"""What an export reads from the ledger: the events the filters select (`select_events`),
the incidents they belong to (`select_incidents`), and the article metadata and member
events that the query module's rows leave out. Read-only queries only."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from newsledger.errors import NewsledgerError
from newsledger.export.columns import event_row
from newsledger.ledger.query import Filters, select_events, select_incidents

_CHUNK = 500  # ids per IN (...) query: well under SQLite's limit of bound parameters


def require_events(db: sqlite3.Connection, path: str) -> None:
    """A ledger with no events at all has nothing to export: say so, once."""
    if db.execute("SELECT 1 FROM events LIMIT 1").fetchone() is None:
        raise NewsledgerError(
            f"{path}: the ledger holds no events (run `newsledger ingest` on some articles first)"
        )


def has_incidents(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM incidents LIMIT 1").fetchone() is not None


def flat_events(db: sqlite3.Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`select_events` rows as flat event rows (`columns.EVENT_SCHEMA`)."""
    articles = article_details(db, [row["id"] for row in rows])
    return [event_row(row, articles[row["id"]]) for row in rows]


def selected_incidents(db: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """The incidents that the events the filters select belong to, by date: the same
    filters mean the same thing for `--events` and `--incidents`. `limit` counts
    incidents."""
    incidents = incidents_of(db, select_events(db, replace(filters, limit=None)))
    return incidents[: filters.limit] if filters.limit else incidents


def incidents_of(db: sqlite3.Connection, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records of the incidents these `select_events` rows belong to, by date."""
    wanted = {row["incident"] for row in events if row["incident"]}
    return [
        json.loads(row["record"]) for row in select_incidents(db, Filters()) if row["id"] in wanted
    ]


def article_details(db: sqlite3.Connection, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Each event's article: id, hash, title, source, url, published, language and when
    it was ingested."""
    found: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(event_ids):
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            "SELECT e.id AS event, a.id, a.hash, a.title, a.source, a.url, a.published, "
            "a.language, a.ingested_at FROM events e JOIN articles a ON a.hash = e.article_hash "
            f"WHERE e.id IN ({marks})",
            chunk,
        ):
            details = dict(row)
            found[details.pop("event")] = details
    return found


def member_events(
    db: sqlite3.Connection, incident_ids: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """The flat rows of each incident's events, in the order the article tells them."""
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(incident_ids):
        marks = ",".join("?" * len(chunk))
        rows += [
            dict(row)
            for row in db.execute(
                "SELECT e.id, e.incident, e.record, a.id AS article_id, a.published "
                "FROM events e JOIN articles a ON a.hash = e.article_hash "
                f"WHERE e.incident IN ({marks}) ORDER BY a.rowid, e.position",
                chunk,
            )
        ]
    by_incident: dict[str, list[dict[str, Any]]] = {}
    for flat in flat_events(db, rows):
        by_incident.setdefault(flat["incident"], []).append(flat)
    return by_incident


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    ids = list(ids)
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]
