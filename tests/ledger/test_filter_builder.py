"""One builder turns every front end's filter values into `Filters`: it knows which
filters each list takes, makes each value exact and names the filter it refuses."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.ledger.filter_builder import LIST_FILTERS, build_filters
from newsledger.ledger.filter_values import FilterValueError
from newsledger.ledger.query import Filters


def test_values_are_made_exact_and_empty_ones_filter_nothing():
    built = build_filters(
        "events",
        {"since": "2024-03-01", "until": None, "type": "assault", "country": "Sudan",
         "actor": "", "include_flagged": False},
    )  # fmt: skip
    assert built == Filters(since=date(2024, 3, 1), type="ASSAULT", country="SDN")


@pytest.mark.parametrize(
    ("list_name", "filter_name", "value", "problem"),
    [
        ("events", "since", "2024-13-01", "'2024-13-01' is not a date in the form YYYY-MM-DD"),
        ("incidents", "type", "attack", "'attack' is not a PLOVER event type; use one of"),
        ("quotes", "country", "Narnia", "'Narnia' is not a country name or ISO 3166 code"),
        ("claims", "kind", "apples", "'apples' is not a claim kind; use one of"),
    ],
)
def test_a_value_that_names_nothing_is_refused_naming_its_filter(
    list_name, filter_name, value, problem
):
    with pytest.raises(FilterValueError) as refused:
        build_filters(list_name, {filter_name: value})
    assert refused.value.filter_name == filter_name
    assert str(refused.value).startswith(problem)


def test_a_filter_the_list_does_not_take_is_refused_with_those_it_takes():
    with pytest.raises(TypeError) as refused:
        build_filters("quotes", {"type": "ASSAULT"})
    assert str(refused.value) == (
        f"unknown filter type; filters: {', '.join(LIST_FILTERS['quotes'])}"
    )


@pytest.mark.parametrize("list_name", sorted(LIST_FILTERS))
def test_every_filter_a_list_takes_is_a_field_of_filters(list_name):
    assert set(LIST_FILTERS[list_name]) <= set(Filters.__dataclass_fields__)
