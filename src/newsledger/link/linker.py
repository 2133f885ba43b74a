"""Linking stored events into incidents, inside the ledger's transaction.

A new article's unflagged events (negated, hypothetical, future, generic and historical
ones found no incident) are compared only within their block: the events of the same
country whose days lie within `window_days` and whose types are kin, followed from
event to event (the connected component). The block is clustered afresh
(`cluster.py`), so the incidents depend only on which events are stored, not on the
order articles came in; a new article joins an incident, starts one, or merges two it
bridges. An event with no country or no day at all stays out (`incident` null).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import timedelta

from newsledger.link.cluster import cluster
from newsledger.link.copies import mark_copies
from newsledger.link.features import score_pair
from newsledger.link.incidents import incident_record
from newsledger.link.settings import LinkSettings
from newsledger.link.views import COLUMNS, FLAGS, EventView, event_view

_SELECT = f"SELECT {COLUMNS} FROM events e JOIN articles a ON a.hash = e.article_hash"


def link_articles(
    db: sqlite3.Connection, hashes: Iterable[str], settings: LinkSettings | None = None
) -> int:
    """Link the events of these stored articles (in the caller's transaction); returns
    how many incidents were written."""
    settings = settings or LinkSettings.packaged()
    hashes = sorted(set(hashes))
    if not hashes:
        return 0
    mark_copies(db, hashes, settings)
    marks = ",".join("?" * len(hashes))
    rows = db.execute(f"{_SELECT} WHERE e.article_hash IN ({marks})", hashes).fetchall()
    seeds = [v for v in (event_view(r, settings.undated_days) for r in rows) if _linkable(v)]
    written = 0
    done: set[str] = set()
    seen: dict[str, EventView] = {}
    for seed in sorted(seeds, key=lambda v: v.id):
        if seed.id in done:
            continue
        block = _block(db, seed, settings, seen)
        done |= {v.id for v in block}
        written += _write_block(db, block, settings)
    return written


def rebuild(db: sqlite3.Connection, settings: LinkSettings | None = None) -> int:
    """Recompute every incident and copy group from the stored events."""
    settings = settings or LinkSettings.packaged()
    db.execute("DELETE FROM incidents")
    db.execute("UPDATE events SET incident = NULL")
    db.execute("UPDATE articles SET copy_of = NULL")
    hashes = [row[0] for row in db.execute("SELECT hash FROM articles ORDER BY hash")]
    return link_articles(db, hashes, settings)


def _linkable(view: EventView | None) -> bool:
    """Unflagged, with a country and a day no vaguer than a month: a year tells no
    happening apart."""
    return (
        view is not None
        and view.eligible
        and view.country is not None
        and view.date_precision != "year"
    )


def _block(
    db: sqlite3.Connection, seed: EventView, settings: LinkSettings, seen: dict[str, EventView]
) -> list[EventView]:
    """The seed's connected component of plausible pairs (same country, days within the
    window, kin types), up to `max_block` events taken nearest in time first."""
    found = {seed.id: seed}
    frontier = [seed]
    while frontier and len(found) < settings.max_block:
        event = frontier.pop()
        for other in _candidates(db, event, settings, seen):
            if other.id not in found and len(found) < settings.max_block:
                found[other.id] = other
                frontier.append(other)
    return sorted(found.values(), key=lambda v: v.id)


def _candidates(
    db: sqlite3.Connection, event: EventView, settings: LinkSettings, seen: dict[str, EventView]
) -> list[EventView]:
    """Stored events that may tell the same happening: same country, kin types,
    unflagged, days within the window. `seen` caches the views already read."""
    window = timedelta(days=settings.window_days)
    # Bounds on the stored date that the Python test below cannot be stricter than, so
    # that the relation is the same seen from either event: an undated event's days end
    # at its publication, a month-precise date starts up to a month before its days.
    low = (event.start - window).isoformat()
    high = (event.end + window + timedelta(days=settings.undated_days)).isoformat()
    month_low = (event.start - window - timedelta(days=31)).isoformat()
    kin = sorted({t for family in settings.families if event.type in family for t in family})
    types = kin or [event.type]
    kept = (
        f"e.location_country = ? AND e.type IN ({','.join('?' * len(types))}) "
        f"AND NOT ({' OR '.join('e.' + flag for flag in FLAGS)})"
    )
    # dated events by the (country, date) index; undated ones by their article's day
    rows = db.execute(
        f"{_SELECT} WHERE {kept} AND e.date BETWEEN ? AND ?",
        (event.country, *types, low, high),
    ).fetchall()
    rows += db.execute(  # a month's first day may lie up to a month before `low`
        f"SELECT {COLUMNS} FROM events e INDEXED BY events_month "
        "JOIN articles a ON a.hash = e.article_hash "
        f"WHERE {kept} AND e.date >= ? AND e.date < ? AND e.date_precision = 'month'",
        (event.country, *types, month_low, low),
    ).fetchall()
    # articles of those days first (CROSS JOIN keeps that order), then their undated
    # events of the country; month-precise and undated events by their own partial
    # indexes (schema 7), not among every event of the country or the articles
    rows += db.execute(
        f"SELECT {COLUMNS} FROM articles a CROSS JOIN events e INDEXED BY events_undated "
        "ON e.location_country = ? AND e.article_hash = a.hash "
        f"WHERE a.published BETWEEN ? AND ? AND e.date IS NULL AND {kept}",
        (event.country, low, high, event.country, *types),
    ).fetchall()
    found = []
    for row in rows:
        view = seen.get(row["id"])
        if view is None:
            view = event_view(row, settings.undated_days)
            if view is None:
                continue
            seen[view.id] = view
        if (
            _linkable(view)
            and settings.kin(view.type, event.type)
            and max((view.start - event.end).days, (event.start - view.end).days)
            <= settings.window_days
        ):
            found.append(view)
    return found


def _write_block(db: sqlite3.Connection, block: list[EventView], settings: LinkSettings) -> int:
    """Cluster the block and replace its incidents."""
    clusters, scores = cluster(block, lambda a, b: score_pair(a, b, settings), settings.threshold)
    ids = [v.id for v in block]
    marks = ",".join("?" * len(ids))
    old = {row[0] for row in db.execute(f"SELECT incident FROM events WHERE id IN ({marks})", ids)}
    old.discard(None)
    if old:
        db.execute(f"DELETE FROM incidents WHERE id IN ({','.join('?' * len(old))})", sorted(old))
    for members in clusters:
        others = [c for c in clusters if c is not members]
        record = incident_record(members, scores, others)
        location = record["location"]
        toll = record["fatalities"] or {}
        db.execute(
            "INSERT OR REPLACE INTO incidents (id, type, date, date_precision, location_name, "
            "location_country, fatalities_min, fatalities_max, articles, sources, outlets, "
            "first_report, last_report, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record["id"], record["type"], record["date"], record["date_precision"],
                location["name"], location["country"], toll.get("min"), toll.get("max"),
                len(record["articles"]), len(record["sources"]), record["outlets"],
                record["first_report"], record["last_report"], json.dumps(record),
            ),
        )  # fmt: skip
        db.executemany(
            "UPDATE events SET incident = ? WHERE id = ?", [(record["id"], v.id) for v in members]
        )
    return len(clusters)
