"""Facet counts, as Datasette shows them beside a table: for each facet, how many rows
of the whole filtered list (not just the page) have each value, most frequent first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

# Enough for every country; a facet with more values is cut to its most frequent.
MAX_VALUES = 250

Row = dict[str, Any]
Facet = Callable[[Row], Iterable[str | None]]


def facet_counts(
    rows: Sequence[Row], facets: Mapping[str, Facet], max_values: int = MAX_VALUES
) -> dict[str, list[dict[str, Any]]]:
    """{facet: [{"value", "count"}, ...]}. A facet gives each row's values (a row counts
    once per distinct value, so an event between two countries counts for both, as the
    country filter finds it under both); empty values are not counted."""
    counted: dict[str, list[dict[str, Any]]] = {}
    for name, values_of in facets.items():
        counter: Counter[str] = Counter()
        for row in rows:
            counter.update({value for value in values_of(row) if value})
        ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        counted[name] = [{"value": v, "count": n} for v, n in ranked[:max_values]]
    return counted


def column(name: str) -> Facet:
    """A facet on one column."""
    return lambda row: (row.get(name),)


def columns(*names: str) -> Facet:
    """A facet on several columns at once (actor, recipient and place country)."""
    return lambda row: tuple(row.get(name) for name in names)
