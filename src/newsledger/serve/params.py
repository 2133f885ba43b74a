"""The query parameters of the API's lists, as FastAPI dependencies that give the
`ledger.Filters` the command line builds from its options, through the same
`filter_builder`. An empty parameter filters nothing; a date, type, country or claim
kind that names nothing raises FilterValueError, which the app answers with a 400 in the
command line's words: "Invalid value for 'since': '2024-13-01' is not a date in the form
YYYY-MM-DD".

`known_params` refuses what a typo would otherwise turn into a silently wider list: a
parameter the endpoint does not take (`contry=Sudan`), or one given twice."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from newsledger.ledger.filter_builder import build_filters
from newsledger.ledger.filter_values import FilterValueError, iso_day
from newsledger.ledger.query import Filters
from newsledger.serve.pagination import DEFAULT_LIMIT, MAX_LIMIT

# Query parameters, described once for every list that takes them. Dates arrive as text
# and are read as the command line reads them (`filter_values.iso_day`), so that the API
# accepts the same days and words a refusal the same way.
_DAY = {"format": "date", "examples": ["2024-03-01"]}
Since = Annotated[
    str | None, Query(description="On or after this day (YYYY-MM-DD).", json_schema_extra=_DAY)
]
Until = Annotated[
    str | None, Query(description="On or before this day (YYYY-MM-DD).", json_schema_extra=_DAY)
]
TypeParam = Annotated[
    str | None,
    Query(alias="type", description="One of the 16 PLOVER types, e.g. ASSAULT, in any case."),
]
Country = Annotated[
    str | None, Query(description="A country name or ISO 3166 code, e.g. SDN or Sudan.")
]
Actor = Annotated[str | None, Query(description="Actor text or name contains this text.")]
Source = Annotated[str | None, Query(description="Outlet name contains this text.")]
Search = Annotated[
    str | None,
    Query(description='Words to find in the article; FTS5 syntax ("a phrase", AND, OR, NOT).'),
]
PlaceCountry = Annotated[str | None, Query(description="Where it happened: a name or ISO code.")]
ActorName = Annotated[str | None, Query(description="An actor's name contains this text.")]
Outlet = Annotated[str | None, Query(description="An outlet that reported it contains this.")]
MinSources = Annotated[int | None, Query(ge=1, description="At least this many distinct reports.")]
Speaker = Annotated[str | None, Query(description="Speaker's words or name contain this.")]
SpeakerCountry = Annotated[str | None, Query(description="Speaker's country: a name or ISO code.")]
QuoteSearch = Annotated[str | None, Query(description="Words in the quote or its speaker.")]
Kind = Annotated[str | None, Query(description="What is counted: killed, troops, money...")]
SubjectKey = Annotated[str | None, Query(description='One quantity: "troops|USA|IRQ".')]
ClaimSearch = Annotated[
    str | None, Query(description="Claim text, subject or source contains this text.")
]
IncludeFlagged = Annotated[
    bool,
    Query(
        alias="all",
        description="Include negated, hypothetical, generic and historical events.",
    ),
]


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(description="The `next` value of the previous page.")
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


def invalid(name: str, problem: str) -> FilterValueError:
    """The refusal of one parameter's value, worded as click words the CLI's:
    "Invalid value for 'type': 'attack' is not a PLOVER event type; use one of ..."."""
    return FilterValueError(f"Invalid value for {name!r}: {problem}")


def day(name: str, text: str | None) -> date | None:
    """The day `text` names, read as the CLI's `IsoDate` reads it; empty is no day."""
    if not text:
        return None
    try:
        return iso_day(text)
    except FilterValueError as exc:
        raise invalid(name, str(exc)) from None


def list_filters(list_name: str, **values: Any) -> Filters:
    """The `Filters` of one list (`filter_builder.LIST_FILTERS`) from its parameters,
    named as `Filters` names them: each dependency below passes its own (`locals()`),
    so that a new filter is one more parameter. A refusal names the parameter, as click
    names the CLI's option."""
    try:
        return build_filters(list_name, values)
    except FilterValueError as exc:
        if exc.filter_name is None:  # not one value's refusal
            raise
        raise invalid(exc.filter_name, str(exc)) from exc


def event_filters(
    since: Since = None,
    until: Until = None,
    type: TypeParam = None,
    country: Country = None,
    actor: Actor = None,
    source: Source = None,
    search: Search = None,
    include_flagged: IncludeFlagged = False,
) -> Filters:
    """The filters of `newsledger events`; a type or country that names nothing is a
    400 with the message the command line prints."""
    return list_filters("events", **locals())


def incident_filters(
    since: Since = None,
    until: Until = None,
    type: TypeParam = None,
    country: PlaceCountry = None,
    actor: ActorName = None,
    source: Outlet = None,
    min_sources: MinSources = None,
) -> Filters:
    """The filters of `newsledger incidents`, plus an actor's name and an outlet."""
    return list_filters("incidents", **locals())


def article_filters(
    since: Since = None, until: Until = None, source: Source = None, search: Search = None
) -> Filters:
    return list_filters("articles", **locals())


def quote_filters(
    since: Since = None,
    until: Until = None,
    speaker: Speaker = None,
    country: SpeakerCountry = None,
    source: Source = None,
    search: QuoteSearch = None,
) -> Filters:
    """The filters of `newsledger quotes`."""
    return list_filters("quotes", **locals())


def claim_filters(
    since: Since = None,
    until: Until = None,
    kind: Kind = None,
    subject_key: SubjectKey = None,
    search: ClaimSearch = None,
) -> Filters:
    """The filters of `newsledger claims`."""
    return list_filters("claims", **locals())


def known_params(request: Request) -> None:
    """Refuse a query parameter the endpoint does not take, or one given twice.

    A misspelt filter (`contry=Sudan`) would otherwise be ignored and answer with the
    whole list, which looks like a right answer; a repeated one would keep its last
    value. Each parameter takes one value (the command line's options do too)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    takes = _query_names(route.dependant)
    given = [name for name, _ in request.query_params.multi_items()]
    for name in dict.fromkeys(given):
        if name not in takes:
            close = difflib.get_close_matches(name, takes, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            listed = ", ".join(takes) if takes else "no parameters"
            raise FilterValueError(
                f"unknown parameter {name!r}; {hint}{request.url.path} takes {listed}"
            )
    for name, count in Counter(given).items():
        if count > 1:
            raise FilterValueError(
                f"{name!r} was given {count} times; give {name} once "
                "(each parameter takes one value)"
            )


def _query_names(dependant: Dependant) -> tuple[str, ...]:
    """The query parameters an endpoint and its dependencies declare, in their order."""
    names = [field.alias for field in dependant.query_params]
    for sub in dependant.dependencies:
        names += _query_names(sub)
    return tuple(dict.fromkeys(names))


EventFilters = Annotated[Filters, Depends(event_filters)]
IncidentFilters = Annotated[Filters, Depends(incident_filters)]
ArticleFilters = Annotated[Filters, Depends(article_filters)]
QuoteFilters = Annotated[Filters, Depends(quote_filters)]
ClaimFilters = Annotated[Filters, Depends(claim_filters)]
Paging = Annotated[PageParams, Depends(page_params)]
KnownParams = Depends(known_params)
