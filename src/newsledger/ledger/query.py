"""Reading the ledger back: articles, events, quotes and claims with the filters the CLI
and API offer."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsledger.errors import LedgerError
from newsledger.extract.claim_rules import ClaimRules
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
    "confidence", "article_id", "incident", "sentence",
)  # fmt: skip
INCIDENT_COLUMNS = (
    "id", "type", "date", "date_precision", "location_name", "location_country",
    "fatalities_min", "fatalities_max", "sources", "outlets", "articles", "first_report",
    "last_report",
)  # fmt: skip
QUOTE_COLUMNS = (
    "id", "published", "article_id", "speaker_text", "speaker_name", "speaker_role",
    "speaker_country", "speaker_sector", "anonymous", "direct", "cue", "text", "events",
)  # fmt: skip
CLAIM_COLUMNS = (
    "id", "published", "article_id", "kind", "subject", "subject_key", "value_min",
    "value_max", "qualifier", "unit", "source", "reported", "text", "events", "contradictions",
)  # fmt: skip
# What a claim counts (resources/patterns/claims.toml, [kinds]).
CLAIM_KINDS = tuple(dict.fromkeys(ClaimRules.packaged().kinds.values()))


@dataclass(frozen=True)
class Filters:
    """What to select. Dates bound the event's date, or its article's publication date
    when the event has none of its own; `type` is a PLOVER type, `country` a name or an
    ISO 3166 code, `search` words or an FTS5 query over article text (see
    `filter_values`: a value that names nothing raises FilterValueError). For quotes,
    `speaker` is matched in the speaker's words or name, `country` is the speaker's and
    `search` runs over the quote; for claims, `kind` is one of CLAIM_KINDS,
    `subject_key` names one quantity ("troops|USA|IRQ") and `search` is text the claim
    or its subject contains; for incidents, `min_sources` is the fewest distinct
    reports (copies counted once)."""

    since: date | None = None
    until: date | None = None
    type: str | None = None
    country: str | None = None
    actor: str | None = None
    source: str | None = None
    search: str | None = None
    include_flagged: bool = False
    min_sources: int | None = None
    limit: int | None = None
    speaker: str | None = None
    kind: str | None = None
    subject_key: str | None = None


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
        "e.confidence, a.id AS article_id, e.incident, e.sentence, e.record "
        f"FROM events e JOIN articles a ON a.hash = e.article_hash {_where(where)} "
        "ORDER BY coalesce(e.date, a.published) IS NULL, coalesce(e.date, a.published), "
        "a.rowid, e.position"
    )
    return _run(db, sql + _limit(filters), params, filters)


def select_quotes(db: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Quotes in the order their articles were published, then as the article tells them;
    `events` is a list of event ids."""
    where, params = [], []
    _date_range(where, params, "a.published", filters)
    if filters.speaker:
        where.append("(q.speaker_text LIKE ? OR q.speaker_name LIKE ?)")
        params += [f"%{filters.speaker}%"] * 2
    if filters.country:
        where.append("q.speaker_country = ?")
        params.append(country_code(filters.country))
    if filters.source:
        where.append("a.source LIKE ?")
        params.append(f"%{filters.source}%")
    _search(where, params, filters, index="quotes_fts", rowid="q.rowid")
    sql = (
        "SELECT q.id, a.published, a.id AS article_id, q.speaker_text, q.speaker_name, "
        "q.speaker_role, q.speaker_country, q.speaker_sector, q.anonymous, q.direct, q.cue, "
        'q.text, q.events, q.start, q."end" '
        f"FROM quotes q JOIN articles a ON a.hash = q.article_hash {_where(where)} "
        "ORDER BY a.published IS NULL, a.published, a.rowid, q.position"
    )
    rows = _run(db, sql + _limit(filters), params, filters)
    return [{**row, "events": json.loads(row["events"])} for row in rows]


def select_claims(db: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Claims in the order their articles were published; dates bound the day the claim
    was reported. `contradictions` lists the notes of the contradictions it is part of."""
    where, params = [], []
    _date_range(where, params, "coalesce(c.reported, a.published)", filters)
    if filters.kind:
        where.append("c.kind = ?")
        params.append(claim_kind(filters.kind))
    if filters.subject_key:
        where.append("c.subject_key = ?")
        params.append(filters.subject_key)
    if filters.search:
        where.append("(c.text LIKE ? OR c.subject LIKE ? OR c.source LIKE ?)")
        params += [f"%{filters.search}%"] * 3
    sql = (
        "SELECT c.id, a.published, a.id AS article_id, c.kind, c.subject, c.subject_key, "
        "c.value_min, c.value_max, c.qualifier, c.unit, c.source, c.reported, c.text, "
        'c.events, c.start, c."end", '
        "(SELECT json_group_array(n.note) FROM contradictions n "
        " WHERE n.claim_a = c.id OR n.claim_b = c.id) AS contradictions "
        f"FROM claims c JOIN articles a ON a.hash = c.article_hash {_where(where)} "
        "ORDER BY coalesce(c.reported, a.published) IS NULL, coalesce(c.reported, "
        "a.published), a.rowid, c.position"
    )
    rows = _run(db, sql + _limit(filters), params, Filters())  # no FTS5 text to blame
    return [
        {
            **row,
            "value_min": _figure(row["value_min"]),
            "value_max": _figure(row["value_max"]),
            "events": json.loads(row["events"]),
            "contradictions": json.loads(row["contradictions"]),
        }
        for row in rows
    ]


def claim_kind(text: str) -> str:
    """The claim kind `text` names, in any case; FilterValueError lists them otherwise."""
    kind = ClaimRules.packaged().kinds.get(text.strip().lower())  # "wounded": injured
    if kind is not None:
        return kind
    raise FilterValueError(f"{text!r} is not a claim kind; use one of {', '.join(CLAIM_KINDS)}")


def _figure(value: float | None) -> float | int | None:
    """2500.0 as 2500: a head count reads as a whole number."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _date_range(where: list[str], params: list[Any], column: str, filters: Filters) -> None:
    if filters.since:
        where.append(f"{column} >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        where.append(f"{column} <= ?")
        params.append(filters.until.isoformat())


def _search(
    where: list[str],
    params: list[Any],
    filters: Filters,
    index: str = "articles_fts",
    rowid: str = "a.rowid",
) -> None:
    if filters.search:
        query = fts_query(filters.search)
        if not query:
            raise FilterValueError(f"search {filters.search!r} has no word to search for")
        where.append(f"{rowid} IN (SELECT rowid FROM {index} WHERE {index} MATCH ?)")
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


def select_incidents(db: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Incidents by date (the first report's when the incident has none), each with its
    full record (`record`, the JSON `incidents --format json` prints)."""
    where, params = [], []
    _date_range(where, params, "coalesce(i.date, i.first_report)", filters)
    if filters.type:
        where.append("i.type = ?")
        params.append(event_type(filters.type))
    if filters.country:
        where.append("i.location_country = ?")
        params.append(country_code(filters.country))
    if filters.min_sources:
        where.append("i.sources >= ?")
        params.append(int(filters.min_sources))
    sql = (
        f"SELECT i.{', i.'.join(INCIDENT_COLUMNS)}, i.record FROM incidents i {_where(where)} "
        "ORDER BY coalesce(i.date, i.first_report) IS NULL, coalesce(i.date, i.first_report), i.id"
    )
    return _run(db, sql + _limit(filters), params, filters)


def incident_by_id(db: sqlite3.Connection, incident: str) -> dict[str, Any] | None:
    """One incident's record, or None."""
    row = db.execute("SELECT record FROM incidents WHERE id = ?", (incident,)).fetchone()
    return json.loads(row[0]) if row is not None else None
