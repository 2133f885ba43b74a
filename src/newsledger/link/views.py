"""What linking reads of a stored event: its article, type, date window, place, parties,
toll and sentence, taken from the `events` and `articles` rows."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newsledger.extract.time import date_window

FLAGS = ("negated", "hypothetical", "future", "generic", "historical")
COLUMNS = (
    "e.id, e.article_hash, e.position, e.type, e.date, e.date_precision, e.location_name, "
    "e.location_country, e.actor_text, e.actor_name, e.actor_country, e.actor_sector, "
    "e.recipient_text, e.recipient_name, e.recipient_country, e.recipient_sector, "
    "e.fatalities_min, e.fatalities_max, e.negated, e.hypothetical, e.future, e.generic, "
    "e.historical, e.sentence, e.location_lat, e.location_lon, e.location_admin1, "
    "e.location_precision, e.fatalities_text, a.id AS article_id, a.source, a.url, a.published, "
    "coalesce(a.copy_of, a.hash) AS report"
)
# Every view's row: an event joined to its article (add WHERE ...).
SELECT = f"SELECT {COLUMNS} FROM events e JOIN articles a ON a.hash = e.article_hash"


@dataclass(frozen=True, slots=True)
class EventView:
    """One stored event as linking sees it. `start`/`end` bound the days it may be on
    (its date widened to its precision, or the days before its article for an undated
    one); `report` is the hash of the first copy of its article (copies are one
    source)."""

    id: str
    article_hash: str
    article_id: str
    report: str
    source: str | None
    url: str | None
    published: str | None
    type: str
    date: str | None
    date_precision: str | None
    start: date
    end: date
    start_day: int  # start and end as date ordinals, for the arithmetic of every pair
    end_day: int
    country: str | None
    place: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    place_precision: str | None
    actor: tuple[str | None, str | None, str | None]  # words, country, sector
    recipient: tuple[str | None, str | None, str | None]
    fatalities: tuple[int | None, int | None]
    fatalities_text: str | None
    sentence: str
    eligible: bool

    @property
    def precise_place(self) -> bool:
        return self.place_precision == "place" and self.lat is not None


def event_days(
    stored: str | None, precision: str | None, published: str | None, undated_days: int
) -> tuple[date, date] | None:
    """The first and last day an event may be on: its stored date widened to its
    precision, else the `undated_days` before its article's publication; None if it has
    neither."""
    if stored:
        return date_window(date.fromisoformat(stored), precision)
    if published:
        day = date.fromisoformat(published)
        return day - timedelta(days=undated_days), day
    return None


def event_view(row: sqlite3.Row | dict[str, Any], undated_days: int) -> EventView | None:
    """The view of an events row joined to its article; None if it has no day at all."""
    days = event_days(row["date"], row["date_precision"], row["published"], undated_days)
    if days is None:
        return None
    start, end = days
    flagged = any(row[flag] for flag in FLAGS)
    return EventView(
        id=row["id"],
        article_hash=row["article_hash"],
        article_id=row["article_id"],
        report=row["report"],
        source=row["source"],
        url=row["url"],
        published=row["published"],
        type=row["type"],
        date=row["date"],
        date_precision=row["date_precision"],
        start=start,
        end=end,
        start_day=start.toordinal(),
        end_day=end.toordinal(),
        country=row["location_country"],
        place=row["location_name"],
        lat=row["location_lat"],
        lon=row["location_lon"],
        admin1=row["location_admin1"],
        place_precision=row["location_precision"],
        actor=(row["actor_name"] or row["actor_text"], row["actor_country"], row["actor_sector"]),
        recipient=(
            row["recipient_name"] or row["recipient_text"],
            row["recipient_country"],
            row["recipient_sector"],
        ),
        fatalities=(row["fatalities_min"], row["fatalities_max"]),
        fatalities_text=row["fatalities_text"],
        sentence=row["sentence"],
        eligible=not flagged,
    )
