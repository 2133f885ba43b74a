"""Options shared by the commands that read the ledger: the ledger file, the output
format and the events filters (`events`, `export`, `report` take the same ones)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from newsledger.ledger.filter_builder import exact_value
from newsledger.ledger.filter_values import FilterValueError, iso_day
from newsledger.ledger.paths import default_path
from newsledger.output import FORMATS


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        try:
            return iso_day(value)
        except FilterValueError as exc:
            self.fail(str(exc), param, ctx)


ISO_DATE = IsoDate()

db_option = click.option(
    "--db",
    "db_path",
    default=default_path,
    show_default="$NEWSLEDGER_DB or ./newsledger.db",
    help="Ledger file (SQLite).",
)
published_option = click.option(
    "--published",
    type=ISO_DATE,
    help="Publication date for articles whose metadata has none (YYYY-MM-DD).",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="Output format (default: table on a terminal, CSV in a pipe).",
)  # fmt: skip


def checked(filter_name: str) -> Callable[..., str | None]:
    """A click callback: the option's value made exact as `filter_builder` makes that
    filter's, or a usage error (exit 2). Checked while click parses, as any bad option
    is, and an empty value is refused here rather than filtering nothing; the command's
    `build_filters` then finds the value already exact."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return exact_value(filter_name, value)
        except FilterValueError as exc:
            raise click.BadParameter(str(exc), ctx, param) from exc

    return callback


_EVENT_FILTERS = [
    click.option("--since", type=ISO_DATE, help="Event (or its article) on or after this date."),
    click.option("--until", type=ISO_DATE, help="Event (or its article) on or before this date."),
    click.option("--type", "type", metavar="PLOVER_TYPE", callback=checked("type"),
                 help="One of the 16 PLOVER types, e.g. ASSAULT, PROTEST, CONSULT."),
    click.option("--country", metavar="COUNTRY", callback=checked("country"),
                 help="Actor, recipient or place country: a name or ISO code, e.g. IRQ or "
                 "Iraq."),
    click.option("--actor", help="Actor text or name contains this text."),
    click.option("--source", help="Outlet name contains this text."),
    click.option("--search", help="Words to find in the article; FTS5 syntax (\"a phrase\", "
                 "AND, OR, NOT, prefix*) also works."),
    click.option("--all", "include_flagged", is_flag=True,
                 help="Include negated, hypothetical, generic and historical events."),
    click.option("--limit", type=click.IntRange(1), help="At most this many rows."),
]  # fmt: skip


def event_filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The events filters, passed to the command as keyword arguments that
    `build_filters("events", ...)` takes (since, until, type, country, actor, source,
    search, include_flagged, limit)."""
    for option in reversed(_EVENT_FILTERS):
        command = option(command)
    return command
