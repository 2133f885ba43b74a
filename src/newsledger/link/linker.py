"""Linking stored events into incidents, inside the ledger's transaction.

A new article's unflagged events (negated, hypothetical, future, generic and historical
ones found no incident) are compared only within their block: the events of the same
country whose days lie within `window_days` and whose types are kin, followed from
event to event (the connected component, `blocks.py`). The block is clustered afresh
(`cluster.py`), so the incidents depend only on which events are stored, not on the
order articles came in; a new article joins an incident, starts one, or merges two it
bridges. An event with no country or no day at all stays out (`incident` null).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from newsledger.link.blocks import (
    EventDays,
    EventPool,
    find_block,
    seeds_of,
    unlinked_articles,
    unlinked_seeds,
)
from newsledger.link.cluster import cluster
from newsledger.link.copies import mark_copies
from newsledger.link.features import score_pair
from newsledger.link.incidents import incident_record
from newsledger.link.settings import LinkSettings
from newsledger.link.views import SELECT, EventView, event_view

_SEED_PAGE = 2000  # seeds read at once by `link_unlinked` and `rebuild`


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
    pool = EventPool(db, settings)
    return _link_seeds(db, seeds_of(db, hashes, settings), pool, settings)


def link_unlinked(db: sqlite3.Connection, settings: LinkSettings | None = None) -> int:
    """Link every linkable stored event that has no incident yet (in the caller's
    transaction), after marking its article's copies; returns how many incidents were
    written. Reads the events a page of `_SEED_PAGE` at a time, so a ledger of any size
    is linked in bounded memory, with the incidents `link_articles` of all its articles
    would write."""
    settings = settings or LinkSettings.packaged()
    mark_copies(db, unlinked_articles(db), settings)
    return _link_pages(db, settings)


def rebuild(db: sqlite3.Connection, settings: LinkSettings | None = None) -> int:
    """Recompute every incident and copy group from the stored events."""
    settings = settings or LinkSettings.packaged()
    db.execute("DELETE FROM incidents")
    db.execute("UPDATE events SET incident = NULL")
    db.execute("UPDATE articles SET copy_of = NULL")
    hashes = [row[0] for row in db.execute("SELECT hash FROM articles ORDER BY hash")]
    mark_copies(db, hashes, settings)
    return _link_pages(db, settings)


def _link_pages(db: sqlite3.Connection, settings: LinkSettings) -> int:
    """Link the unlinked events a page at a time, in id order: an event a block of an
    earlier page linked is no longer unlinked when its page is read, so each block is
    found from its event of least id, as `link_articles` would find it."""
    pool = EventPool(db, settings)
    written = 0
    page, after = unlinked_seeds(db, "", _SEED_PAGE, settings)
    while after:
        written += _link_seeds(db, page, pool, settings)
        page, after = unlinked_seeds(db, after, _SEED_PAGE, settings)
    return written


def _link_seeds(
    db: sqlite3.Connection, seeds: list[EventDays], pool: EventPool, settings: LinkSettings
) -> int:
    """Cluster the block of each seed (sorted by id) that no earlier seed's block held."""
    written = 0
    done: set[str] = set()
    for seed in seeds:
        if seed.id in done:
            continue
        ids = [found.id for found in find_block(seed, pool, settings.max_block)]
        done.update(ids)
        written += _write_block(db, _views(db, ids, settings), settings)
    return written


def _views(db: sqlite3.Connection, ids: list[str], settings: LinkSettings) -> list[EventView]:
    """A block's events read in full (the pool keeps only their days), sorted by id."""
    rows = db.execute(f"{SELECT} WHERE e.id IN ({','.join('?' * len(ids))})", ids)
    views = [v for v in (event_view(row, settings.undated_days) for row in rows) if v]
    return sorted(views, key=lambda v: v.id)


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
