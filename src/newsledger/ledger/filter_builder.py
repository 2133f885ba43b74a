"""The values a user gives a list's filters, made into `Filters` in one place for the
command line, the HTTP API and the Python API: which filters each list takes, how each
value is made exact and what a refusal says. A new filter is added here and to
`Filters`; a front end then only offers it (an option, a query parameter) and words a
refusal its own way from the FilterValueError raised here, which names the filter."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from newsledger.ledger.filter_values import FilterValueError, country_code, event_type, iso_day
from newsledger.ledger.query import Filters, claim_kind

DAY_FILTERS = ("since", "until")
_EVENT_FILTERS = ("since", "until", "type", "country", "actor", "source", "search",
                  "include_flagged", "limit")  # fmt: skip

# The filters each list takes, in the order a refusal names them. A front end may offer
# fewer: the HTTP lists page with their own `limit`, and of the incidents' events
# filters (the Python API's incidents are those of the events they select) the command
# line offers the days, type and country, the HTTP API also actor and source.
LIST_FILTERS: dict[str, tuple[str, ...]] = {
    "articles": ("since", "until", "source", "search", "limit"),
    "events": _EVENT_FILTERS,
    "incidents": (*_EVENT_FILTERS, "min_sources"),
    "quotes": ("since", "until", "speaker", "country", "source", "search", "limit"),
    "claims": ("since", "until", "kind", "subject_key", "search", "limit"),
}


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else iso_day(value)


# How a value of each filter is made exact; the others are taken as given. Counts (limit,
# min_sources) are typed where they arrive: click's IntRange, FastAPI's bounds, the
# Python API's own check.
_EXACT: dict[str, Callable[[Any], Any]] = {
    "since": _day, "until": _day, "type": event_type, "country": country_code,
    "kind": claim_kind,
}  # fmt: skip


def exact_value(filter_name: str, value: Any) -> Any:
    """`value` as the filter means it ("assault" -> "ASSAULT", "Sudan" -> "SDN"), or a
    FilterValueError that names the filter."""
    convert = _EXACT.get(filter_name)
    if convert is None:
        return value
    try:
        return convert(value)
    except FilterValueError as exc:
        raise FilterValueError(str(exc), filter_name) from exc


def build_filters(list_name: str, values: Mapping[str, Any]) -> Filters:
    """The `Filters` of one list (a key of LIST_FILTERS), each value made exact; a value
    left empty (None or "") filters nothing. Raises TypeError, naming the filters the
    list takes, for one it does not take."""
    takes = LIST_FILTERS[list_name]
    unknown = sorted(set(values) - set(takes))
    if unknown:
        raise TypeError(f"unknown filter {', '.join(unknown)}; filters: {', '.join(takes)}")
    given = {name: value for name, value in values.items() if value is not None and value != ""}
    return Filters(**{name: exact_value(name, value) for name, value in given.items()})
