"""Reading the ledger back: articles and events with the filters the CLI and API offer."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsledger.errors import LedgerError
from newsledger.ledger.filter_values import FilterValueError, country_code, event_type, fts_query

# Events with any of these flags are left out of listings, counts and exports by default.
FLAGS = ("negated", "hypothetical", "generic", "historical")
ARTICLE_COLUMNS = ("id", "published", "source", "title", "url", "hash")
EVENT_COLUMNS = (
    "id", "date", "date_precision", "published", "type", "mode", "cameo",
    "actor_text", "actor_country", "actor_sector",
    "recipient_text", "recipient_country", "recipient_sector",
    "location_name", "location_country", "fatalities_min", "fatalities_max",
    "injuries_min", "injuries_max", "negated", "hypothetical", "generic", "historical",
    "confidence", "article_id", "sentence",
)  # fmt: skip


@dataclass(frozen=True)
class Filters:
    """What to select. Dates bound the event's date, or its article's publication date
    when the event has none of its own; `type` is a PLOVER type, `country` a name or an
    ISO 3166 code, `search` words or an FTS5 query over article text (see
    `filter_values`: a value that names nothing raises FilterValueError)."""

    since: date | None = None
    until: date | None = None
    type: str | None = None
    country: str | None = None
    actor: str | None = None
    source: str | None = None
    search: str | None = None
    include_flagged: bool = False
    limit: int | None = None


def select_articles(db: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    where, params = [], []
    _date_range(where, params, "a.published", filters)
    if filters.source:
        where.append("a.source LIKE ?")
        params.append(f"%{filters.source}%")
    _search(where, params, filters)
    sql = (
        "SELECT a.id, a.published, a.source, a.title, a.url, a.hash, "
        "(SELECT count(*) FROM events e WHERE e.article_hash = a.hash) AS events "
        f"FROM articles a {_where(where)} ORDER BY a.published IS NULL, a.published, a.rowid"
    )
    return _run(db, sql + _limit(filters), params, filters)


def select_events(db: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    where, params = [], []
    _date_range(where, params, "coalesce(e.date, a.published)", filters)
    if filters.type:
        where.append("e.type = ?")
        params.append(event_type(filters.type))
    if filters.country:
        where.append("(e.actor_country = ? OR e.recipient_country = ? OR e.location_country = ?)")
        params += [country_code(filters.country)] * 3
    if filters.actor:
        where.append("(e.actor_text LIKE ? OR e.actor_name LIKE ?)")
        params += [f"%{filters.actor}%"] * 2
    if filters.source:
        where.append("a.source LIKE ?")
        params.append(f"%{filters.source}%")
    if not filters.include_flagged:
        where.append(f"NOT ({' OR '.join(f'e.{flag}' for flag in FLAGS)})")
    _search(where, params, filters)
    sql = (
        "SELECT e.id, e.date, e.date_precision, a.published, e.type, e.mode, e.cameo, "
        "e.actor_text, e.location_name, e.location_country, e.injuries_min, e.injuries_max, "
        "e.actor_country, e.actor_sector, e.recipient_text, e.recipient_country, "
        "e.recipient_sector, e.fatalities_min, e.fatalities_max, e.negated, e.hypothetical, "
        "e.generic, e.historical, "
        "e.confidence, a.id AS article_id, e.sentence, e.record "
        f"FROM events e JOIN articles a ON a.hash = e.article_hash {_where(where)} "
        "ORDER BY coalesce(e.date, a.published) IS NULL, coalesce(e.date, a.published), "
        "a.rowid, e.position"
    )
    return _run(db, sql + _limit(filters), params, filters)


def _date_range(where: list[str], params: list[Any], column: str, filters: Filters) -> None:
    if filters.since:
        where.append(f"{column} >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        where.append(f"{column} <= ?")
        params.append(filters.until.isoformat())


def _search(where: list[str], params: list[Any], filters: Filters) -> None:
    if filters.search:
        query = fts_query(filters.search)
        if not query:
            raise FilterValueError(f"search {filters.search!r} has no word to search for")
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(query)


def _where(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def _limit(filters: Filters) -> str:
    return f" LIMIT {int(filters.limit)}" if filters.limit else ""


def _run(
    db: sqlite3.Connection, sql: str, params: list[Any], filters: Filters
) -> list[dict[str, Any]]:
    try:
        return [dict(row) for row in db.execute(sql, params)]
    except sqlite3.OperationalError as exc:
        if filters.search:  # the only user-written SQL-ish text is the FTS5 query
            hint = "FTS5 operators (AND, OR, NOT, NEAR) need words on both sides"
            raise LedgerError(f"bad search query {filters.search!r} ({exc}); {hint}") from exc
        raise LedgerError(f"query failed ({exc})") from exc
