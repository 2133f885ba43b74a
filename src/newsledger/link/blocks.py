"""Blocks: the stored events a new event may be compared with, found in memory.

A block is the seed event's connected component under the candidate relation: the same
country, kin types, unflagged, and days (each widened to its precision; an undated
event's to the `undated_days` before its article) no more than `window_days` apart.
The relation is symmetric, so a block is the same set whichever of its events is the
seed.

Why in memory: asking the ledger once per event of a block (three queries each) made
linking the ingesting process's bottleneck on a dense ledger. `EventPool` reads a
country's events once per span of days, by the (country, date) indexes, and answers
each event from a dictionary of days; a span already read is never read again in the
same `link_articles` call, which writes nothing the pool holds (only `events.incident`
and `incidents`).

Seeds, the events whose blocks are clustered, are read as `EventDays` too: a batch's
(`seeds_of`), or every linkable event without an incident, a page at a time in id order
(`unlinked_seeds`, for `newsledger link` and its --rebuild), so linking a whole ledger
holds one page of seeds, not a full view of every stored event.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsledger.link.settings import LinkSettings
from newsledger.link.views import FLAGS, EventView, event_days

# A stored date is the first day its precision may mean (`time.date_window`): a day and
# a week begin on it, a month on its first. A day or a week lasts at most 7 days, and no
# linkable event's days (a year's are not) span more than a month's 31.
_WEEK_DAYS = 6
_MONTH_DAYS = 31
_UNFLAGGED = f"NOT ({' OR '.join('e.' + flag for flag in FLAGS)})"
_DAYS = "e.id, e.type, e.date, e.date_precision, a.published"
_DATED = (
    f"SELECT {_DAYS} FROM events e JOIN articles a ON a.hash = e.article_hash "
    f"WHERE e.location_country = ? AND e.date BETWEEN ? AND ? AND {_UNFLAGGED}"
)
_MONTHS = (
    f"SELECT {_DAYS} FROM events e INDEXED BY events_month "
    "JOIN articles a ON a.hash = e.article_hash "
    "WHERE e.location_country = ? AND e.date BETWEEN ? AND ? "
    f"AND e.date_precision = 'month' AND {_UNFLAGGED}"
)
# A linkable event: unflagged, with a country, no vaguer than a month (a year tells no
# happening apart); its days, the article's for an undated one, are checked in Python
# by `_event_days`.
_LINKABLE = f"e.location_country IS NOT NULL AND e.date_precision IS NOT 'year' AND {_UNFLAGGED}"
_SEEDS = (
    f"SELECT {_DAYS}, e.location_country FROM events e JOIN articles a ON a.hash = e.article_hash "
    f"WHERE {_LINKABLE}"
)
_HASHES_PER_QUERY = 500  # well below SQLite's 32,766 bound on a statement's variables
# articles of those days first (CROSS JOIN keeps that order), then their undated events
# of the country, by the partial index of undated events (schema 7)
_UNDATED = (
    f"SELECT {_DAYS} FROM articles a CROSS JOIN events e INDEXED BY events_undated "
    "ON e.location_country = ? AND e.article_hash = a.hash "
    f"WHERE a.published BETWEEN ? AND ? AND e.date IS NULL AND {_UNFLAGGED}"
)


@dataclass(frozen=True, slots=True)
class EventDays:
    """What a block needs of an event: its id, country, type and days (date ordinals).
    The pool holds these, not whole views: a busy span holds tens of thousands of
    events, and only the few in a block are read in full (`linker.py`)."""

    id: str
    country: str | None
    type: str
    start_day: int
    end_day: int


class EventPool:
    """The linkable stored events of the spans of days read so far, by country and
    first day. Valid for one `link_articles` call (one transaction)."""

    def __init__(self, db: sqlite3.Connection, settings: LinkSettings) -> None:
        self._db = db
        self._settings = settings
        self._ids: set[str] = set()
        self._by_day: dict[str | None, dict[int, list[EventDays]]] = defaultdict(dict)
        self._read: dict[str | None, list[tuple[int, int]]] = defaultdict(list)
        self._answers: dict[tuple[str | None, str, int, int], list[EventDays]] = {}

    def candidates(self, event: EventDays | EventView) -> list[EventDays]:
        """Stored events that may tell the same happening as `event` (itself among
        them when it is stored and linkable), in no particular order."""
        key = (event.country, event.type, event.start_day, event.end_day)
        found = self._answers.get(key)
        if found is None:
            window = self._settings.window_days
            low = event.start_day - window
            high = event.end_day + window
            self._cover(event.country, low, high)
            days = self._by_day[event.country]
            kin = self._settings.kin_types(event.type)
            found = [
                other
                for day in range(low - _MONTH_DAYS, high + 1)
                for other in days.get(day, ())
                if other.end_day >= low and other.type in kin
            ]
            self._answers[key] = found
        return found

    def _cover(self, country: str | None, low: int, high: int) -> None:
        """Read every linkable event of the country whose days meet low..high (date
        ordinals) and that is not yet in the pool."""
        read = self._read[country]
        for start, end in _missing(read, low, high):
            self._add(country, self._rows(country, start, end))
            read.append((start, end))

    def _rows(self, country: str | None, low: int, high: int) -> Iterator[sqlite3.Row]:
        def iso(ordinal: int) -> str:
            return date.fromordinal(ordinal).isoformat()

        db = self._db
        yield from db.execute(_DATED, (country, iso(low - _WEEK_DAYS), iso(high)))
        yield from db.execute(_MONTHS, (country, iso(low - _MONTH_DAYS), iso(high)))
        undated_high = iso(high + self._settings.undated_days)
        yield from db.execute(_UNDATED, (country, iso(low), undated_high))

    def _add(self, country: str | None, rows: Iterable[sqlite3.Row]) -> None:
        undated_days = self._settings.undated_days
        for row in rows:
            if row[0] in self._ids:
                continue
            found = _event_days(row, country, undated_days)
            if found is not None:
                self._ids.add(found.id)
                self._by_day[country].setdefault(found.start_day, []).append(found)


def seeds_of(db: sqlite3.Connection, hashes: list[str], settings: LinkSettings) -> list[EventDays]:
    """The linkable events of these stored articles, sorted by id."""
    found = []
    for start in range(0, len(hashes), _HASHES_PER_QUERY):
        chunk = hashes[start : start + _HASHES_PER_QUERY]
        rows = db.execute(f"{_SEEDS} AND e.article_hash IN ({','.join('?' * len(chunk))})", chunk)
        found += _seeds(rows, settings.undated_days)
    return sorted(found, key=lambda e: e.id)


def unlinked_articles(db: sqlite3.Connection) -> list[str]:
    """The hashes, sorted, of the articles with a linkable event that has no incident."""
    rows = db.execute(
        f"SELECT DISTINCT e.article_hash FROM events e WHERE e.incident IS NULL AND {_LINKABLE} "
        "ORDER BY e.article_hash"
    )
    return [row[0] for row in rows]


def unlinked_seeds(
    db: sqlite3.Connection, after: str, limit: int, settings: LinkSettings
) -> tuple[list[EventDays], str]:
    """The linkable events with no incident among the next `limit` candidates whose ids
    sort after `after`, by id (the events' primary key gives the order), and the id of
    the last candidate read, "" when none was left. A page may hold no seed at all (an
    undated event of an undated article has no day): read on from that id."""
    # `+e.incident` keeps SQLite off the index of incidents: by it, each page would read
    # and sort every unlinked event (1.1 s of CPU a page at the start of a rebuild of
    # 10,000 dense articles); by the primary key a page reads on from `after` (0.01 s)
    rows = db.execute(
        f"{_SEEDS} AND +e.incident IS NULL AND e.id > ? ORDER BY e.id LIMIT ?", (after, limit)
    ).fetchall()
    return _seeds(rows, settings.undated_days), rows[-1][0] if rows else ""


def _seeds(rows: Iterable[sqlite3.Row], undated_days: int) -> list[EventDays]:
    found = (_event_days(row[:5], row[5], undated_days) for row in rows)
    return [seed for seed in found if seed is not None]


def _event_days(row: Sequence[Any], country: str | None, undated_days: int) -> EventDays | None:
    """The EventDays of an (id, type, date, date_precision, published) row, None when it
    has no day or only a year's."""
    ident, type_, stored, precision, published = row
    if precision == "year":
        return None
    days = event_days(stored, precision, published, undated_days)
    if days is None:
        return None
    return EventDays(ident, country, type_, days[0].toordinal(), days[1].toordinal())


def _missing(read: list[tuple[int, int]], low: int, high: int) -> list[tuple[int, int]]:
    """The parts of low..high (inclusive) that no span in `read` covers."""
    gaps = []
    for start, end in sorted(read):
        if end < low or start > high:
            continue
        if start > low:
            gaps.append((low, start - 1))
        low = max(low, end + 1)
        if low > high:
            return gaps
    gaps.append((low, high))
    return gaps


def find_block(
    seed: EventDays | EventView, pool: EventPool, max_block: int
) -> list[EventDays | EventView]:
    """The seed's connected component, sorted by id. Past `max_block` events it is cut
    to the `max_block` reachable events nearest in days to the seed (ties by id), grown
    outwards from the seed, so the cut too depends only on the stored events."""
    found: dict[str, EventDays | EventView] = {}
    reached: list[tuple[int, str, EventDays | EventView]] = [(0, seed.id, seed)]
    queued = {seed.id}
    seed_start, seed_end = seed.start_day, seed.end_day
    while reached and len(found) < max_block:
        _, _, event = heapq.heappop(reached)
        found[event.id] = event
        for other in pool.candidates(event):
            if other.id not in queued:
                queued.add(other.id)
                gap = max(other.start_day - seed_end, seed_start - other.end_day, 0)
                heapq.heappush(reached, (gap, other.id, other))
    return sorted(found.values(), key=lambda v: v.id)
