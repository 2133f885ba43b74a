"""Trends and escalation between countries: per-dyad daily and weekly counts with their
Goldstein intensity, and action-reaction chains (A acts against B, B answers A).

Pure functions over `DyadEvent`s, which know nothing of the ledger: `report.data` makes
them from stored events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class DyadEvent:
    """One event between two countries, on the day it happened."""

    id: str
    day: date
    actor: str  # alpha-3 country code of the doer
    recipient: str  # ... and of the one it was done to
    type: str
    quad: str
    goldstein: float


@dataclass(frozen=True)
class Period:
    """A day or a week (starting Monday) of one dyad: how many events, how many of them
    conflict, and their Goldstein scores summed and averaged (-10 war ... +10 aid)."""

    start: date
    events: int
    conflict: int
    goldstein_total: float

    @property
    def goldstein_mean(self) -> float:
        return self.goldstein_total / self.events


@dataclass(frozen=True)
class DyadTrend:
    """The directed dyad actor -> recipient over time."""

    actor: str
    recipient: str
    daily: tuple[Period, ...]
    weekly: tuple[Period, ...]

    @property
    def events(self) -> int:
        return sum(p.events for p in self.daily)

    @property
    def goldstein_mean(self) -> float:
        return sum(p.goldstein_total for p in self.daily) / self.events


@dataclass(frozen=True)
class Chain:
    """Conflict acts between two countries, each within `window` days of the one before,
    in which one side answered the other at least once. `initiator` acted first;
    `reactions` counts the turns where the other side acted next."""

    initiator: str
    responder: str
    events: tuple[DyadEvent, ...]
    reactions: int

    @property
    def start(self) -> date:
        return self.events[0].day

    @property
    def end(self) -> date:
        return self.events[-1].day


def week_start(day: date) -> date:
    """The Monday of the ISO week `day` falls in."""
    return day - timedelta(days=day.weekday())


def dyad_trends(events: Iterable[DyadEvent], conflict_quads: frozenset[str]) -> list[DyadTrend]:
    """One trend per directed dyad, the busiest first (ties by codes)."""
    by_dyad: dict[tuple[str, str], list[DyadEvent]] = defaultdict(list)
    for event in events:
        by_dyad[(event.actor, event.recipient)].append(event)
    trends = [
        DyadTrend(
            actor,
            recipient,
            daily=_periods(members, lambda day: day, conflict_quads),
            weekly=_periods(members, week_start, conflict_quads),
        )
        for (actor, recipient), members in by_dyad.items()
    ]
    return sorted(trends, key=lambda t: (-t.events, t.actor, t.recipient))


def _periods(
    events: list[DyadEvent], start_of: Callable[[date], date], conflict_quads: frozenset[str]
) -> tuple[Period, ...]:
    grouped: dict[date, list[DyadEvent]] = defaultdict(list)
    for event in events:
        grouped[start_of(event.day)].append(event)
    return tuple(
        Period(
            start,
            events=len(members),
            conflict=sum(e.quad in conflict_quads for e in members),
            goldstein_total=sum(e.goldstein for e in members),
        )
        for start, members in sorted(grouped.items())
    )


def action_reaction_chains(
    events: Iterable[DyadEvent], conflict_quads: frozenset[str], window_days: int
) -> list[Chain]:
    """Chains of conflict acts between two different countries, the longest first.

    The conflict acts of a pair (both directions) are taken in order of day; a chain
    runs while each act follows the previous one within `window_days`, and is kept when
    the side acted against acted back at least once (A against B, then B against A).
    Acts on one day are ordered by their ids, since the day says no more.
    """
    pairs: dict[frozenset[str], list[DyadEvent]] = defaultdict(list)
    for event in events:
        if event.quad in conflict_quads and event.actor != event.recipient:
            pairs[frozenset((event.actor, event.recipient))].append(event)
    chains = []
    for members in pairs.values():
        members.sort(key=lambda e: (e.day, e.id))
        run = [members[0]]
        for event in members[1:]:
            if (event.day - run[-1].day).days <= window_days:
                run.append(event)
                continue
            chains += _chain(run)
            run = [event]
        chains += _chain(run)
    return sorted(chains, key=lambda c: (-len(c.events), c.start, c.initiator))


def _chain(run: list[DyadEvent]) -> list[Chain]:
    """The run as a chain, if the other side ever acted next."""
    reactions = sum(a.actor != b.actor for a, b in zip(run, run[1:], strict=False))
    if not reactions:
        return []
    first = run[0]
    return [Chain(first.actor, first.recipient, tuple(run), reactions)]
