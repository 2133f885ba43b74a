"""The query parameters of the API's lists, as FastAPI dependencies that give the
`ledger.Filters` the command line builds from its options. A type, country or claim
kind is made exact here (`filter_values`): one that names nothing raises
FilterValueError, which the app answers with a 400 and the command line's message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from newsledger.ledger.filter_values import country_code, event_type
from newsledger.ledger.query import Filters, claim_kind
from newsledger.serve.pagination import DEFAULT_LIMIT, MAX_LIMIT

# Query parameters, described once for every list that takes them.
Since = Annotated[date | None, Query(description="On or after this day (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="On or before this day (YYYY-MM-DD).")]
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


def event_filters(
    since: Since = None,
    until: Until = None,
    type_: TypeParam = None,
    country: Country = None,
    actor: Actor = None,
    source: Source = None,
    search: Search = None,
    include_flagged: IncludeFlagged = False,
) -> Filters:
    """The filters of `newsledger events`; a type or country that names nothing is a
    400 with the message the command line prints."""
    return Filters(
        since=since,
        until=until,
        type=event_type(type_) if type_ else None,
        country=country_code(country) if country else None,
        actor=actor or None,
        source=source or None,
        search=search or None,
        include_flagged=include_flagged,
    )


def incident_filters(
    since: Since = None,
    until: Until = None,
    type_: TypeParam = None,
    country: PlaceCountry = None,
    actor: ActorName = None,
    source: Outlet = None,
    min_sources: MinSources = None,
) -> Filters:
    """The filters of `newsledger incidents`, plus an actor's name and an outlet."""
    return Filters(
        since=since,
        until=until,
        type=event_type(type_) if type_ else None,
        country=country_code(country) if country else None,
        actor=actor or None,
        source=source or None,
        min_sources=min_sources,
    )


def article_filters(
    since: Since = None, until: Until = None, source: Source = None, search: Search = None
) -> Filters:
    return Filters(since=since, until=until, source=source or None, search=search or None)


def quote_filters(
    since: Since = None,
    until: Until = None,
    speaker: Speaker = None,
    country: SpeakerCountry = None,
    source: Source = None,
    search: QuoteSearch = None,
) -> Filters:
    """The filters of `newsledger quotes`."""
    return Filters(
        since=since,
        until=until,
        speaker=speaker or None,
        country=country_code(country) if country else None,
        source=source or None,
        search=search or None,
    )


def claim_filters(
    since: Since = None,
    until: Until = None,
    kind: Kind = None,
    subject_key: SubjectKey = None,
    search: ClaimSearch = None,
) -> Filters:
    """The filters of `newsledger claims`."""
    return Filters(
        since=since,
        until=until,
        kind=claim_kind(kind) if kind else None,
        subject_key=subject_key or None,
        search=search or None,
    )


EventFilters = Annotated[Filters, Depends(event_filters)]
IncidentFilters = Annotated[Filters, Depends(incident_filters)]
ArticleFilters = Annotated[Filters, Depends(article_filters)]
QuoteFilters = Annotated[Filters, Depends(quote_filters)]
ClaimFilters = Annotated[Filters, Depends(claim_filters)]
Paging = Annotated[PageParams, Depends(page_params)]
