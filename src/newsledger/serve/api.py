"""The read endpoints under /api/: events, incidents, articles, quotes, claims, actors,
full-text search and a timeline, each with the command line's filters; one event,
incident or article in full; and the ledger's summary.

Lists follow Datasette's conventions: `/api/events`, `/api/events.json` and
`/api/events.csv` are one list; JSON carries `rows`, `next` (a cursor, null on the last
page), `next_url`, `total` and `facets`. An event row is the export's flat event columns
(`export.columns.EVENT_SCHEMA`), so the API, `newsledger events --format json` and the
exports give one shape. Every endpoint refuses a query parameter it does not take, or
one given twice (`params.known_params`). Every value reaches SQL as a parameter: the
queries are `ledger.query`'s, and the few written here bind theirs too.
"""

from __future__ import annotations

import functools
import inspect
import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from newsledger.errors import LedgerError
from newsledger.export.columns import EVENT_COLUMNS as FLAT_EVENT_COLUMNS
from newsledger.export.reading import flat_events
from newsledger.extract.ontology import PLOVER_TYPES
from newsledger.ledger.filter_values import fts_query
from newsledger.ledger.query import (
    ARTICLE_COLUMNS,
    CLAIM_COLUMNS,
    INCIDENT_COLUMNS,
    QUOTE_COLUMNS,
    Filters,
    incident_by_id,
    select_articles,
    select_claims,
    select_events,
    select_incidents,
    select_quotes,
)
from newsledger.serve.facets import column, columns, facet_counts
from newsledger.serve.pagination import Page, paginate, sort_key
from newsledger.serve.params import (
    ArticleFilters,
    ClaimFilters,
    EventFilters,
    IncidentFilters,
    KnownParams,
    Paging,
    QuoteFilters,
    Since,
    Source,
    Until,
    list_filters,
)
from newsledger.serve.reader import LedgerReader
from newsledger.serve.responses import page_response

Row = dict[str, Any]
T = TypeVar("T")

INCIDENT_LIST_COLUMNS = (*INCIDENT_COLUMNS, "lat", "lon", "actors", "outlet_names")
ARTICLE_LIST_COLUMNS = (*ARTICLE_COLUMNS, "events")
QUOTE_LIST_COLUMNS = (*QUOTE_COLUMNS, "start", "end", "source")
CLAIM_LIST_COLUMNS = (*CLAIM_COLUMNS, "start", "end")
ACTOR_COLUMNS = ("name", "country", "sector", "events", "as_actor", "as_recipient")
SEARCH_COLUMNS = (*ARTICLE_LIST_COLUMNS, "snippet")
# Marks around the words a search matched, in `snippet()`'s output: characters from
# Unicode's private use area, which news text does not hold; parts are returned apart.
_MATCH_OPEN, _MATCH_CLOSE = "\ue000", "\ue001"
MAX_MAP_FEATURES = 5000

router = APIRouter(prefix="/api", dependencies=[KnownParams])


def ledger_reader(request: Request) -> LedgerReader:
    return request.app.state.reader


Reader = Annotated[LedgerReader, Depends(ledger_reader)]


def list_route(path: str, summary: str, formats: tuple[str, ...] = ("json", "csv")) -> Callable:
    """Register a list endpoint at `path` (JSON) and at `path.FORMAT` for each format;
    the endpoint takes the format as its `fmt` argument."""

    def register(endpoint: Callable[..., Response]) -> Callable[..., Response]:
        for suffix, fmt in (("", "json"), *((f".{f}", f) for f in formats)):
            router.add_api_route(
                f"{path}{suffix}",
                _with_format(endpoint, fmt),
                methods=["GET"],
                summary=f"{summary} ({fmt.upper()})",
                operation_id=f"{endpoint.__name__}{suffix.replace('.', '_')}",
                response_class=JSONResponse if fmt != "csv" else Response,
            )
        return endpoint

    return register


def _with_format(endpoint: Callable[..., Response], fmt: str) -> Callable[..., Response]:
    """`endpoint` with `fmt` bound, under a signature without it (what FastAPI reads)."""

    @functools.wraps(endpoint)
    def bound(**kwargs: Any) -> Response:
        return endpoint(fmt=fmt, **kwargs)

    signature = inspect.signature(endpoint)
    kept = [p for p in signature.parameters.values() if p.name != "fmt"]
    bound.__signature__ = signature.replace(parameters=kept)  # type: ignore[attr-defined]
    return bound


def _select(reader: LedgerReader, filters: Filters, query: Callable[[sqlite3.Connection], T]) -> T:
    """Rows of a query; a search that FTS5 cannot read is the client's 400."""
    try:
        return reader.read(query)
    except LedgerError as exc:
        if filters.search:
            raise HTTPException(400, str(exc)) from exc
        raise


def _with_sources(db: sqlite3.Connection, rows: list[Row]) -> list[Row]:
    """Rows with their article's outlet as `source` (events and quotes carry only the
    article's id)."""
    ids = sorted({row["article_id"] for row in rows})
    sources: dict[str, str | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for article_id, source in db.execute(
            f"SELECT id, source FROM articles WHERE id IN ({marks})", chunk
        ):
            sources.setdefault(article_id, source)
    return [{**row, "source": sources.get(row["article_id"])} for row in rows]


# Lists


@list_route("/events", "Events with the sentence each came from")
def list_events(
    request: Request, fmt: str, filters: EventFilters, page: Paging, reader: Reader
) -> Response:
    """Events under the filters of `newsledger events`, ordered by date (the event's,
    else its article's), then id, each row the export's flat event columns. Negated,
    hypothetical, generic and historical events are left out unless `all=true`.
    Facets: type, country (actor's, recipient's or place's), source."""

    def query(db: sqlite3.Connection) -> tuple[list[Row], Page]:
        # Sorting, the total and the facets need every selected row, but only the
        # page's rows are flattened (the contract's record read, the article looked up).
        rows = _with_sources(db, select_events(db, filters))
        listed = paginate(
            rows,
            lambda row: sort_key(row["date"] or row["published"], row["id"]),
            list_name="events",
            limit=page.limit,
            cursor=page.cursor,
        )
        return rows, replace(listed, rows=flat_events(db, listed.rows))

    rows, listed = _select(reader, filters, query)
    facets = facet_counts(
        rows,
        {
            "type": column("type"),
            "country": columns("actor_country", "recipient_country", "location_country"),
            "source": column("source"),
        },
    )
    return page_response(request, listed, FLAT_EVENT_COLUMNS, fmt, facets)


@list_route("/incidents", "Incidents: one happening across articles and outlets",
            formats=("json", "csv", "geojson"))  # fmt: skip
def list_incidents(
    request: Request, fmt: str, filters: IncidentFilters, page: Paging, reader: Reader
) -> Response:
    """Incidents under the filters of `newsledger incidents`, plus `actor` (an actor's
    name contains it) and `source` (an outlet that reported it contains it), ordered by
    date, then id. `.geojson` gives every incident with a place on the map as a point
    (no pages). Facets: type, country, source."""
    rows = _select(reader, filters, lambda db: select_incidents(db, filters))
    rows = [_incident_row(row) for row in rows]
    rows = [row for row in rows if _incident_matches(row, filters)]
    if fmt == "geojson":
        return JSONResponse(_incident_features(rows), media_type="application/geo+json")
    listed = paginate(
        rows,
        lambda row: sort_key(row["date"] or row["first_report"], row["id"]),
        list_name="incidents",
        limit=page.limit,
        cursor=page.cursor,
    )
    facets = facet_counts(
        rows,
        {
            "type": column("type"),
            "country": column("location_country"),
            "source": lambda row: row["outlet_names"],
        },
    )
    return page_response(request, listed, INCIDENT_LIST_COLUMNS, fmt, facets)


def _incident_row(row: Row) -> Row:
    record = json.loads(row.pop("record"))
    location = record.get("location") or {}
    return {
        **row,
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "actors": [a.get("name") for a in record.get("actors") or [] if a.get("name")],
        "outlet_names": sorted(
            {s.get("outlet") for s in record.get("sources") or [] if s.get("outlet")}
        ),
    }


def _incident_matches(row: Row, filters: Filters) -> bool:
    def contains(values: list[str], text: str | None) -> bool:
        return text is None or any(text.casefold() in v.casefold() for v in values)

    return contains(row["actors"], filters.actor) and contains(row["outlet_names"], filters.source)


def _incident_features(rows: list[Row]) -> dict[str, Any]:
    mapped = [row for row in rows if row["lat"] is not None and row["lon"] is not None]
    shown = mapped[:MAX_MAP_FEATURES]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": {c: row[c] for c in INCIDENT_LIST_COLUMNS if c not in ("lat", "lon")},
            }
            for row in shown
        ],
        "total": len(rows),
        "mapped": len(mapped),
        "truncated": len(shown) < len(mapped),
    }


@list_route("/articles", "Stored articles")
def list_articles(
    request: Request, fmt: str, filters: ArticleFilters, page: Paging, reader: Reader
) -> Response:
    """Articles by publication date, then hash, with how many events each holds.
    Facet: source."""
    rows = _select(reader, filters, lambda db: select_articles(db, filters))
    listed = paginate(
        rows,
        lambda row: sort_key(row["published"], row["hash"]),
        list_name="articles",
        limit=page.limit,
        cursor=page.cursor,
    )
    facets = facet_counts(rows, {"source": column("source")})
    return page_response(request, listed, ARTICLE_LIST_COLUMNS, fmt, facets)


@list_route("/search", "Full-text search over articles")
def search_articles(
    request: Request,
    fmt: str,
    q: Annotated[str, Query(min_length=1, description='Words, or FTS5 syntax ("a phrase").')],
    page: Paging,
    reader: Reader,
    since: Since = None,
    until: Until = None,
    source: Source = None,
) -> Response:
    """Articles whose title or text match `q`, each with `snippet`: the matching
    passage as parts, `{"text", "match"}`, so that a client marks the matched words
    without parsing markup."""
    filters = list_filters("articles", since=since, until=until, source=source, search=q)
    rows = _select(reader, filters, lambda db: select_articles(db, filters))
    listed = paginate(
        rows,
        lambda row: sort_key(row["published"], row["hash"]),
        list_name="search",
        limit=page.limit,
        cursor=page.cursor,
    )
    snippets = _select(reader, filters, lambda db: _snippets(db, filters, listed.rows))
    listed = replace(listed, rows=[{**row, **snippets.get(row["hash"], {})} for row in listed.rows])
    facets = facet_counts(rows, {"source": column("source")})
    return page_response(request, listed, SEARCH_COLUMNS, fmt, facets)


def _snippets(db: sqlite3.Connection, filters: Filters, rows: list[Row]) -> dict[str, Row]:
    hashes = [row["hash"] for row in rows]
    if not hashes:
        return {}
    marks = ",".join("?" * len(hashes))
    found = db.execute(
        "SELECT a.hash, snippet(articles_fts, 1, ?, ?, '…', 24) FROM articles_fts "
        "JOIN articles a ON a.rowid = articles_fts.rowid "
        f"WHERE articles_fts MATCH ? AND a.hash IN ({marks})",
        [_MATCH_OPEN, _MATCH_CLOSE, fts_query(filters.search or ""), *hashes],
    )
    return {article_hash: {"snippet": _snippet_parts(text)} for article_hash, text in found}


def _snippet_parts(text: str) -> list[dict[str, Any]]:
    parts = []
    for i, piece in enumerate(text.split(_MATCH_OPEN)):
        matched, _, rest = piece.partition(_MATCH_CLOSE) if i else ("", "", piece)
        parts += [{"text": matched, "match": True}] if matched else []
        parts += [{"text": rest, "match": False}] if rest else []
    return parts


@list_route("/quotes", "What people were reported to have said")
def list_quotes(
    request: Request, fmt: str, filters: QuoteFilters, page: Paging, reader: Reader
) -> Response:
    """Quotes under the filters of `newsledger quotes`, by their article's date, then
    id; `start`/`end` point into the article's text. Facets: country (the speaker's),
    source."""
    rows = _select(reader, filters, lambda db: _with_sources(db, select_quotes(db, filters)))
    listed = paginate(
        rows,
        lambda row: sort_key(row["published"], row["id"]),
        list_name="quotes",
        limit=page.limit,
        cursor=page.cursor,
    )
    facets = facet_counts(rows, {"country": column("speaker_country"), "source": column("source")})
    return page_response(request, listed, QUOTE_LIST_COLUMNS, fmt, facets)


@list_route("/claims", "Figures articles report (tolls, troops, money)")
def list_claims(
    request: Request, fmt: str, filters: ClaimFilters, page: Paging, reader: Reader
) -> Response:
    """Claims under the filters of `newsledger claims`, by the day reported, then id.
    Facet: kind."""
    rows = _select(reader, filters, lambda db: select_claims(db, filters))
    listed = paginate(
        rows,
        lambda row: sort_key(row["reported"] or row["published"], row["id"]),
        list_name="claims",
        limit=page.limit,
        cursor=page.cursor,
    )
    facets = facet_counts(rows, {"kind": column("kind")})
    return page_response(request, listed, CLAIM_LIST_COLUMNS, fmt, facets)


@list_route("/actors", "Actors and recipients with how many events name them")
def list_actors(
    request: Request, fmt: str, filters: EventFilters, page: Paging, reader: Reader
) -> Response:
    """Distinct parties of the events under the events filters: each (name, else the
    words of the text, country, sector) with its count as actor and as recipient,
    most frequent first. Facets: country, sector."""
    rows = _select(reader, filters, lambda db: select_events(db, filters))
    actors = _actors(rows)
    listed = paginate(
        actors,
        lambda row: sort_key(-row["events"], row["name"], row["country"], row["sector"]),
        list_name="actors",
        limit=page.limit,
        cursor=page.cursor,
    )
    facets = facet_counts(actors, {"country": column("country"), "sector": column("sector")})
    return page_response(request, listed, ACTOR_COLUMNS, fmt, facets)


def _actors(events: list[Row]) -> list[Row]:
    found: dict[tuple[str, str | None, str | None], Row] = {}
    for event in events:
        record = json.loads(event["record"])
        for role in ("actor", "recipient"):
            party = record.get(role) or {}
            name = party.get("name") or party.get("text")
            if not name:
                continue
            key = (name, party.get("country"), party.get("sector"))
            entry = found.setdefault(
                key,
                {"name": name, "country": key[1], "sector": key[2],
                 "events": 0, "as_actor": 0, "as_recipient": 0},
            )  # fmt: skip
            entry[f"as_{role}"] += 1
            entry["events"] += 1
    return list(found.values())


@router.get("/timeline", summary="Events per day")
def timeline(filters: EventFilters, reader: Reader) -> dict[str, Any]:
    """Under the events filters, each day's count of events and the deaths they report
    (the lower figure of each toll); `undated` counts events with no day at all."""
    rows = _select(reader, filters, lambda db: select_events(db, filters))
    days: dict[str, Row] = {}
    undated = 0
    for row in rows:
        day = (row["date"] or row["published"] or "")[:10]
        if not day:
            undated += 1
            continue
        entry = days.setdefault(day, {"date": day, "events": 0, "fatalities": 0})
        entry["events"] += 1
        entry["fatalities"] += row["fatalities_min"] or 0
    return {"days": [days[d] for d in sorted(days)], "undated": undated}


# One thing in full


@router.get("/events/{event_id}", summary="One event as the extraction contract gives it")
def get_event(event_id: str, reader: Reader) -> dict[str, Any]:
    """The event's full record, its incident, and its article (id, hash, title, source,
    URL, date); mention offsets point into that article's text."""
    row = reader.read(
        lambda db: db.execute(
            "SELECT e.record, e.incident, a.id, a.hash, a.title, a.source, a.url, a.published "
            "FROM events e JOIN articles a ON a.hash = e.article_hash WHERE e.id = ?",
            (event_id,),
        ).fetchone()
    )
    if row is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    article = dict(zip(("id", "hash", "title", "source", "url", "published"), row[2:], strict=True))
    return {**json.loads(row["record"]), "incident": row["incident"], "article": article}


@router.get("/incidents/{incident_id}", summary="One incident with its sources and events")
def get_incident(incident_id: str, reader: Reader) -> dict[str, Any]:
    """The incident's record (sources with their tolls, contradictions, why each event
    joined) and its events, each with its sentence and article."""

    def query(db: sqlite3.Connection) -> tuple[Row | None, list[Row]]:
        record = incident_by_id(db, incident_id)
        events = db.execute(
            "SELECT e.id, e.type, e.date, e.date_precision, e.actor_text, e.actor_country, "
            "e.recipient_text, e.recipient_country, e.location_name, e.location_country, "
            "e.fatalities_min, e.fatalities_max, e.sentence, e.background, "
            "a.id AS article_id, a.hash AS article_hash, a.title, a.source, a.url, a.published "
            "FROM events e JOIN articles a ON a.hash = e.article_hash WHERE e.incident = ? "
            "ORDER BY a.published IS NULL, a.published, a.rowid, e.position",
            (incident_id,),
        )
        return record, [dict(row) for row in events]

    record, events = reader.read(query)
    if record is None:
        raise HTTPException(404, f"no incident with id {incident_id!r}")
    return {"incident": record, "events": events}


ARTICLE_FIELDS = (
    "id", "hash", "title", "subtitle", "source", "url", "published", "published_from",
    "dateline", "language", "text",
)  # fmt: skip


@router.get("/articles/{article_id:path}", summary="One article with its evidence spans")
def get_article(article_id: str, reader: Reader) -> dict[str, Any]:
    """The article's clean text and every event, quote, claim and contradiction found
    in it. Every `start`/`end` (an event's mentions, triggers, actor and recipient; a
    quote's; a claim's) is a character offset into `article.text`. `article_id` is the
    article's hash or the id its input gave."""

    def query(db: sqlite3.Connection) -> Row | None:
        fields = ", ".join(f"a.{f}" for f in ARTICLE_FIELDS)
        article = db.execute(
            f"SELECT {fields} FROM articles a WHERE a.hash = ? OR a.id = ? "
            "ORDER BY a.hash = ? DESC, a.rowid LIMIT 1",
            (article_id, article_id, article_id),
        ).fetchone()
        if article is None:
            return None
        key = (article["hash"],)
        events = db.execute(
            "SELECT record, incident FROM events WHERE article_hash = ? ORDER BY position", key
        )
        quotes = db.execute(
            "SELECT id, speaker_text, speaker_name, speaker_role, speaker_country, "
            'speaker_sector, anonymous, text, direct, cue, start, "end", events '
            "FROM quotes WHERE article_hash = ? ORDER BY position",
            key,
        )
        claims = db.execute(
            "SELECT id, kind, subject, subject_key, value_min, value_max, qualifier, unit, "
            'source, reported, text, start, "end", events '
            "FROM claims WHERE article_hash = ? ORDER BY position",
            key,
        )
        contradictions = db.execute(
            "SELECT claim_a, claim_b, note FROM contradictions WHERE article_hash = ? "
            "ORDER BY position",
            key,
        )
        return {
            "article": {**dict(article), "dateline": _json(article["dateline"])},
            "events": [
                {**json.loads(row["record"]), "incident": row["incident"]} for row in events
            ],
            "quotes": [{**dict(row), "events": _json(row["events"])} for row in quotes],
            "claims": [{**dict(row), "events": _json(row["events"])} for row in claims],
            "contradictions": [
                {"claims": [row["claim_a"], row["claim_b"]], "note": row["note"]}
                for row in contradictions
            ],
        }

    found = reader.read(query)
    if found is None:
        raise HTTPException(404, f"no article with id or hash {article_id!r}")
    return found


def _json(value: str | None) -> Any:
    return json.loads(value) if value else None


@router.get("/ledger", summary="What the ledger holds")
def ledger_summary(request: Request, reader: Reader) -> dict[str, Any]:
    """Counts, the span of dates, the last ingest, the PLOVER types (for a filter's
    choices) and whether POST /api/ingest is on."""
    row = reader.read(
        lambda db: db.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM incidents), (SELECT count(*) FROM quotes), "
            "(SELECT count(*) FROM claims), (SELECT min(published) FROM articles), "
            "(SELECT max(published) FROM articles), (SELECT max(ingested_at) FROM articles)"
        ).fetchone()
    )
    names = ("articles", "events", "incidents", "quotes", "claims")
    return {
        "counts": dict(zip(names, row[:5], strict=True)),
        "first_published": row[5],
        "last_published": row[6],
        "last_ingested": row[7],
        "types": list(PLOVER_TYPES),
        "ingest": request.app.state.token is not None,
    }


@router.get("/countries.geojson", summary="Country outlines for the map")
def countries() -> JSONResponse:
    """Natural Earth's 1:110m country outlines (public domain) as GeoJSON, each
    feature's `code` the ISO 3166 alpha-3 code the ledger stores."""
    from newsledger.serve.outlines import countries_geojson

    return JSONResponse(countries_geojson(), media_type="application/geo+json")
