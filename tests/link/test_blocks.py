"""Blocks (`link/blocks.py`): which stored events a new event is compared with, read from
a real ledger file. The candidate relation must be the documented one (same country, kin
types, unflagged, days within `window_days` once widened to their precision), the same
seen from either event, and a block must not depend on which of its events is the seed."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsledger.extract.time import date_window
from newsledger.ledger import Ledger
from newsledger.link.blocks import EventPool, find_block
from newsledger.link.settings import LinkSettings
from newsledger.link.views import SELECT, EventView, event_view

DAY0 = date(2024, 3, 4)  # a Monday: week-precise dates begin on Mondays


def linkable(view: EventView | None) -> bool:
    """The rule as linking states it: unflagged, with a country and a day no vaguer
    than a month (a year tells no happening apart)."""
    return (
        view is not None
        and view.eligible
        and view.country is not None
        and view.date_precision != "year"
    )


def _open(path: Path) -> sqlite3.Connection:
    Ledger(path).close()  # the real schema, every migration applied
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    return db


def _store(
    db: sqlite3.Connection,
    ident: str,
    *,
    country: str | None = "SDN",
    type_: str = "ASSAULT",
    day: date | None = DAY0,
    precision: str | None = "day",
    published: date = DAY0 + timedelta(days=1),
    negated: bool = False,
) -> None:
    """One article with one event, as the ledger stores them (only what linking reads)."""
    db.execute(
        "INSERT INTO articles (hash, id, source, published, text, extractor_version, "
        "ingested_at) VALUES (?, ?, 'Outlet', ?, 'text', 'test', '2024-04-01')",
        (f"h-{ident}", f"a-{ident}", published.isoformat()),
    )
    db.execute(
        "INSERT INTO events (id, article_hash, position, type, verbal, negated, hypothetical, "
        "future, confidence, sentence, record, date, date_precision, location_country) "
        "VALUES (?, ?, 0, ?, 0, ?, 0, 0, 1.0, 'A sentence.', '{}', ?, ?, ?)",
        (
            ident,
            f"h-{ident}",
            type_,
            int(negated),
            day.isoformat() if day else None,
            precision if day else None,
            country,
        ),
    )


def _views(db: sqlite3.Connection, settings: LinkSettings) -> dict[str, EventView]:
    rows = db.execute(SELECT).fetchall()
    views = (event_view(row, settings.undated_days) for row in rows)
    return {v.id: v for v in views if v is not None}


def _related(a: EventView, b: EventView, settings: LinkSettings) -> bool:
    """The relation as the README states it, written out plainly."""
    return (
        linkable(a)
        and linkable(b)
        and a.country == b.country
        and settings.kin(a.type, b.type)
        and (a.start - b.end).days <= settings.window_days
        and (b.start - a.end).days <= settings.window_days
    )


def _ids(views) -> set[str]:
    return {v.id for v in views}


@pytest.fixture
def settings() -> LinkSettings:
    return LinkSettings.packaged()


def _random_ledger(path: Path, seed: int) -> sqlite3.Connection:
    """200 events of three countries over eight weeks: every precision linking takes,
    undated ones, a few dated to the year, a few negated, kin and unrelated types."""
    rng = random.Random(seed)
    db = _open(path)
    for n in range(200):
        precision = rng.choice(["day", "day", "day", "week", "month", "year", None])
        day = DAY0 + timedelta(days=rng.randrange(56))
        if precision == "week":
            day -= timedelta(days=day.weekday())
        elif precision is not None:
            day = date_window(day, precision)[0]
        _store(
            db,
            f"e{n:03d}",
            country=rng.choice(["SDN", "SDN", "MLI", "YEM", None]),
            type_=rng.choice(["ASSAULT", "COERCE", "PROTEST", "CONSULT"]),
            day=day if precision else None,
            precision=precision,
            published=DAY0 + timedelta(days=rng.randrange(60)),
            negated=rng.random() < 0.1,
        )
    db.commit()
    return db


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_candidates_are_the_documented_relation(tmp_path, settings, seed):
    db = _random_ledger(tmp_path / "l.db", seed)
    views = _views(db, settings)
    pool = EventPool(db, settings)  # one pool, asked in random order: spans overlap
    order = sorted(views.values(), key=lambda v: v.id)
    random.Random(seed).shuffle(order)
    for event in order:
        expected = {v.id for v in views.values() if _related(event, v, settings)}
        found = _ids(pool.candidates(event)) if linkable(event) else expected
        assert found == expected, event.id


@pytest.mark.parametrize("seed", [4, 5])
def test_a_block_is_the_same_from_each_of_its_events(tmp_path, settings, seed):
    db = _random_ledger(tmp_path / "l.db", seed)
    views = [v for v in _views(db, settings).values() if linkable(v)]
    blocks = {}
    for event in views:  # a fresh pool each time: nothing carried over
        blocks[event.id] = _ids(find_block(event, EventPool(db, settings), 10_000))
    assert any(len(b) > 3 for b in blocks.values())  # the ledger has real components
    for event_id, members in blocks.items():
        assert event_id in members
        for other in members:
            assert blocks[other] == members


@pytest.mark.parametrize(
    ("seed", "other", "joins"),
    [
        # a week-precise report whose week (26 February to 3 March) ends the day before
        # the seed's day, though it began six days before it
        ({}, dict(day=DAY0 - timedelta(days=7), precision="week"), True),
        # ... and the week before that: too far
        ({}, dict(day=DAY0 - timedelta(days=14), precision="week"), False),
        # a month-precise report of March, for a day late in March
        (dict(day=date(2024, 3, 20)), dict(day=date(2024, 3, 1), precision="month"), True),
        # February ended four days before 4 March
        ({}, dict(day=date(2024, 2, 1), precision="month"), False),
        # an undated report in an article published two days after the seed's day
        ({}, dict(day=None, precision=None, published=DAY0 + timedelta(days=2)), True),
        # an undated report published nine days later: its days begin three days after
        ({}, dict(day=None, precision=None, published=DAY0 + timedelta(days=9)), False),
        # another country, or a type of no family with the seed's, never
        ({}, dict(country="TCD"), False),
        ({}, dict(type_="CONSULT"), False),
        # kin through one family (an arrest raid coded COERCE by another outlet)
        ({}, dict(type_="COERCE"), True),
        # a negated report ("no one was attacked"), or one dated only to the year
        ({}, dict(negated=True), False),
        ({}, dict(day=date(2024, 1, 1), precision="year"), False),
    ],
)
def test_a_pair_is_compared_seen_from_either_event(tmp_path, settings, seed, other, joins):
    db = _open(tmp_path / "l.db")
    _store(db, "seed", **seed)
    _store(db, "other", **other)
    db.commit()
    views = _views(db, settings)
    for first, second in (("seed", "other"), ("other", "seed")):
        if not linkable(views[first]):
            continue
        block = find_block(views[first], EventPool(db, settings), settings.max_block)
        assert (second in _ids(block)) is joins


def test_families_chain_a_protest_to_an_assault_through_coerce(tmp_path, settings):
    db = _open(tmp_path / "l.db")
    _store(db, "protest", type_="PROTEST", country="KEN")
    _store(db, "arrests", type_="COERCE", country="KEN", day=DAY0 + timedelta(days=2))
    _store(db, "beating", type_="ASSAULT", country="KEN", day=DAY0 + timedelta(days=4))
    db.commit()
    views = _views(db, settings)
    pool = EventPool(db, settings)
    assert "beating" not in _ids(pool.candidates(views["protest"]))  # not kin, 4 days
    block = find_block(views["protest"], pool, settings.max_block)
    assert _ids(block) == {"protest", "arrests", "beating"}


def test_a_block_past_max_block_keeps_the_events_nearest_the_seed(tmp_path, settings):
    db = _open(tmp_path / "l.db")
    for n in range(12):  # one report a day for twelve days, each in its own article
        _store(db, f"d{n:02d}", day=DAY0 + timedelta(days=n))
    _store(db, "d05b", day=DAY0 + timedelta(days=5))
    db.commit()
    views = _views(db, settings)
    small = replace(settings, max_block=5)
    block = find_block(views["d05"], EventPool(db, small), small.max_block)
    assert _ids(block) == {"d05", "d05b", "d04", "d06", "d03"}  # ties by id: d03 < d07
    whole = find_block(views["d05"], EventPool(db, settings), settings.max_block)
    assert len(whole) == 13
