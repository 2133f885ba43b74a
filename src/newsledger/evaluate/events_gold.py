"""Dates, places and tolls scored against a simple JSON Lines gold format.

One line per article:
    {"id": "a1", "text": "...", "published": "2024-02-09",
     "events": [{"mention": "drone attack in Jordan", "type": "ASSAULT",
                 "date": "2024-01-28", "date_precision": "day",
                 "country": "JOR", "lat": 33.3, "lon": 38.7,
                 "fatalities": 3, "injuries": {"min": 25, "max": null}}]}
`mention` is a piece of the sentence that reports the event; the predicted event is the
one with a mention in a sentence holding that text (the gold type, when given, first;
then unflagged events; then the most confident). Every other field is optional and is
scored only where present. A count is a number or {"min", "max"}.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.errors import InputError
from newsledger.evaluate.gold_lines import json_kind, read_gold_objects
from newsledger.extract import Event, Extraction, extract_many
from newsledger.extract.gazetteer import distance_km
from newsledger.extract.time import date_window
from newsledger.ingest.layout import Hints, build_article
from newsledger.ingest.records import parse_published

ACCURATE_KM = 161.0  # the conventional "within 100 miles" of geocoding evaluations
PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    published: date | None
    events: tuple[dict[str, Any], ...]


@dataclass
class Tally:
    n: int = 0
    hits: int = 0

    def add(self, hit: bool) -> None:
        self.n += 1
        self.hits += hit

    @property
    def ratio(self) -> float:
        return round(self.hits / self.n, 4) if self.n else 0.0


@dataclass
class EventScores:
    matched: Tally = field(default_factory=Tally)
    date_exact: Tally = field(default_factory=Tally)
    date_within: Tally = field(default_factory=Tally)
    country: Tally = field(default_factory=Tally)
    within_km: Tally = field(default_factory=Tally)
    distances: list[float] = field(default_factory=list)
    toll_exact: Tally = field(default_factory=Tally)
    toll_within: Tally = field(default_factory=Tally)

    def as_dict(self) -> dict[str, Any]:
        return {
            "events": self.matched.n,
            "matched": self.matched.ratio,
            "dates": {
                "n": self.date_exact.n,
                "exact_day": self.date_exact.ratio,
                "within_precision": self.date_within.ratio,
            },
            "locations": {
                "n": self.country.n,
                "country_accuracy": self.country.ratio,
                "n_coordinates": self.within_km.n,
                f"accuracy_at_{int(ACCURATE_KM)}km": self.within_km.ratio,
                "median_km": round(statistics.median(self.distances), 1)
                if self.distances
                else None,
            },
            "casualties": {
                "n": self.toll_exact.n,
                "exact": self.toll_exact.ratio,
                "within_range": self.toll_within.ratio,
            },
        }


def read_event_gold(path: Path) -> Iterator[GoldArticle | InputError]:
    """Gold articles; an event that cannot be scored is reported and left out."""
    for item in read_gold_objects(path):
        if isinstance(item, InputError):
            yield item
            continue
        number, record = item
        where = f"{path}:{number}"
        text, events = record.get("text"), record.get("events")
        if not (isinstance(text, str) and text.strip()) or not isinstance(events, list):
            yield InputError(where, "a gold article needs 'text' and a list of 'events'")
            continue
        try:
            published = parse_published(record.get("published"))
        except ValueError:
            yield InputError(where, f"'published' is not a date: {record.get('published')!r}")
            continue
        kept = []
        for index, event in enumerate(events, 1):
            problem = _event_problem(event)
            if problem:
                yield InputError(where, f"event {index}: {problem}; left out")
            else:
                kept.append(event)
        yield GoldArticle(str(record.get("id", number)), text, published, tuple(kept))


def _event_problem(event: Any) -> str | None:
    """Why a gold event cannot be scored (the module docstring gives its fields), or None."""
    if not isinstance(event, dict):
        return f"must be a JSON object, not {json_kind(event)}"
    if not isinstance(event.get("mention"), str) or not event["mention"].strip():
        return "needs a 'mention', a piece of the sentence that reports it"
    if "date" in event:
        try:
            date.fromisoformat(event["date"])
        except (TypeError, ValueError):
            return f"'date' is not a YYYY-MM-DD date: {event['date']!r}"
    if event.get("date_precision", "day") not in PRECISIONS:
        return f"'date_precision' is not {', '.join(PRECISIONS)}: {event['date_precision']!r}"
    for key in ("lat", "lon"):
        if key in event and not _is_number(event[key]):
            return f"'{key}' is not a number: {event[key]!r}"
    for key in ("fatalities", "injuries"):
        if key in event and not _is_count(event[key]):
            return f'\'{key}\' is not a whole number or {{"min", "max"}}: {event[key]!r}'
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_count(value: Any) -> bool:
    """A casualty count: a whole number, or {"min", "max"} of whole numbers or null."""
    if isinstance(value, dict):
        return all(b is None or _is_count(b) for b in (value.get("min"), value.get("max")))
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def score_articles(gold: list[GoldArticle]) -> EventScores:
    scores = EventScores()
    # Read like a JSON Lines record, so that datelines are found as in real input.
    articles = (
        build_article(
            g.text,
            g.id,
            Hints(
                published=g.published, published_from="record", external_id=g.id, has_headline=False
            ),
        )  # fmt: skip
        for g in gold
    )
    for record, extraction in zip(gold, extract_many(articles), strict=True):
        for expected in record.events:
            _score_event(scores, expected, _match(extraction, expected))
    return scores


def _match(extraction: Extraction, expected: dict[str, Any]) -> Event | None:
    needle = str(expected.get("mention", "")).casefold()
    text = extraction.article.text
    candidates = [
        e
        for e in extraction.events
        if any(needle in text[m.start : m.end].casefold() for m in e.mentions)
    ]
    wanted = expected.get("type")

    def rank(event: Event) -> tuple[bool, bool, float]:
        flagged = event.negated or event.hypothetical or event.generic or event.historical
        return (event.type == wanted, not flagged, event.confidence)

    return max(candidates, key=rank, default=None)


def _score_event(scores: EventScores, expected: dict[str, Any], event: Event | None) -> None:
    scores.matched.add(event is not None)
    if "date" in expected:
        gold_day = date.fromisoformat(expected["date"])
        got = date.fromisoformat(event.date) if event and event.date else None
        scores.date_exact.add(got == gold_day)
        gold_window = date_window(gold_day, expected.get("date_precision", "day"))
        got_window = date_window(got, event.date_precision) if got and event else None
        scores.date_within.add(got_window is not None and _overlap(gold_window, got_window))
    location = event.location if event else None
    if "country" in expected:
        scores.country.add(location is not None and location.country == expected["country"])
    if "lat" in expected and "lon" in expected:
        if location is not None and location.lat is not None and location.lon is not None:
            km = distance_km(expected["lat"], expected["lon"], location.lat, location.lon)
            scores.distances.append(km)
            scores.within_km.add(km <= ACCURATE_KM)
        else:
            scores.within_km.add(False)
    if "fatalities" in expected:
        _score_count(scores, expected["fatalities"], event.fatalities if event else None)
    if "injuries" in expected:
        _score_count(scores, expected["injuries"], event.injuries if event else None)


def _score_count(scores: EventScores, expected: Any, got: Any) -> None:
    low, high = (expected, expected) if isinstance(expected, int) else (
        expected.get("min"), expected.get("max")
    )  # fmt: skip
    if got is None:
        scores.toll_exact.add(False)
        scores.toll_within.add(False)
        return
    scores.toll_exact.add((got.min, got.max) == (low, high))
    got_range = (got.min or 0, got.max if got.max is not None else math.inf)
    gold_range = (low or 0, high if high is not None else math.inf)
    scores.toll_within.add(_overlap(gold_range, got_range))


def _overlap(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
