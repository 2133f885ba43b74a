"""`newsledger export`: the ledger's events (or incidents) written to a file, in our own
flat columns (csv, jsonl, parquet) or in ACLED's, PLOVER's or POLECAT's shape."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsledger.cli_options import db_option, event_filter_options
from newsledger.export.acled import ACLED_COLUMNS, acled_row, event_happening, incident_happening
from newsledger.export.columns import (
    EVENT_COLUMNS,
    EVENT_SCHEMA,
    INCIDENT_COLUMNS,
    INCIDENT_SCHEMA,
    event_row,
    incident_row,
)
from newsledger.export.plover import plover_record
from newsledger.export.polecat import POLECAT_COLUMNS, polecat_row
from newsledger.export.reading import (
    article_details,
    has_incidents,
    incidents_of,
    member_events,
    require_events,
    selected_incidents,
)
from newsledger.export.writer import (
    Output,
    check_out_path,
    pyarrow_modules,
    write_csv,
    write_jsonl,
    write_parquet,
)
from newsledger.ledger.filter_builder import build_filters
from newsledger.ledger.query import Filters, select_events

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "acled", "plover", "polecat")
# Why --incidents is refused: these formats' records are events.
_EVENT_ONLY = {
    "plover": "plover records are events; each names its incident in `link` (use --format "
    "csv/jsonl/parquet/acled for incident rows)",
    "polecat": "polecat lines are events, and POLECAT's columns have none for an incident "
    "(use --format csv/jsonl/parquet/acled for incident rows, or plover, whose `link` "
    "names each event's incident)",
}
_errors = Console(stderr=True, highlight=False, soft_wrap=True)
_T = TypeVar("_T")


@click.command(name="export")
@db_option
@event_filter_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="csv, jsonl or parquet: our columns; acled: ACLED's CSV; plover: PLOVER "
              "JSON Lines; polecat: POLECAT's tab-separated layout.")  # fmt: skip
@click.option("--incidents/--events", "incidents", default=None,
              help="One row per incident or per event. Default: per incident for acled when "
              "the ledger holds incidents, else per event.")  # fmt: skip
@click.option("--out", "out", type=click.Path(dir_okay=False, allow_dash=True), required=True,
              help="File to write (replaced once the export is complete), or - for "
              "standard output (not parquet).")  # fmt: skip
def export_command(
    db_path: str, fmt: str, incidents: bool | None, out: str, **filters: Any
) -> None:
    """Write the ledger's events (or incidents) to a file.

    The events filters select what is written; with --incidents, the incidents those
    events belong to. Every column of every format is described in the README
    (Exports).

    \b
    Examples:
      newsledger export --format csv --out events.csv
      newsledger export --format parquet --country Sudan --since 2024-01-01 --out sd.parquet
      newsledger export --format acled --type ASSAULT --out acled.csv   # one row per incident
      newsledger export --format acled --events --out acled_events.csv
      newsledger export --format plover --out plover.jsonl
      newsledger export --format jsonl --incidents --out incidents.jsonl
      newsledger export --format csv --country Sudan --out - | head
    """
    if incidents and fmt in _EVENT_ONLY:
        raise click.UsageError(f"--incidents: {_EVENT_ONLY[fmt]}")
    output = check_out_path(out, binary=fmt == "parquet")
    if fmt == "parquet":
        pyarrow_modules()  # a missing pyarrow is said before any work
    chosen = build_filters("events", filters)
    from newsledger.ledger.store import Ledger  # the writer and linker: loaded only to run

    with Ledger(db_path, read_only=True) as ledger, _progress() as progress:
        db = ledger.connection
        require_events(db, db_path)
        per_incident = incidents if incidents is not None else (
            fmt == "acled" and has_incidents(db)
        )  # fmt: skip
        try:
            if fmt == "acled":
                written, left_out = _export_acled(db, chosen, per_incident, output, progress)
            elif per_incident:
                written, left_out = _export_incidents(db, chosen, fmt, output, progress)
            else:
                written, left_out = _export_events(db, chosen, fmt, output, progress)
        except BrokenPipeError:
            _reader_gone()
    unit = "incident" if per_incident else "event"
    message = f"exported {written} {unit}{'' if written == 1 else 's'} to {output.described}"
    if left_out:
        message += f" ({left_out})"
    _errors.print(message, markup=False)


def _reader_gone() -> None:
    """The reader of standard output stopped reading (`| head`): end quietly, as
    Python's documentation advises, with standard output pointed at nothing so that
    the interpreter's last flush does not fail as well."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # standard output is not a file descriptor (a test runner's buffer)
    sys.exit(1)


def _export_events(
    db: sqlite3.Connection, filters: Filters, fmt: str, output: Output, progress: Progress
) -> tuple[int, str]:
    """Our event columns (csv, jsonl, parquet), PLOVER records or POLECAT lines."""
    rows = select_events(db, filters)
    details = article_details(db, [row["id"] for row in rows])
    flats = [event_row(row, details[row["id"]]) for row in _counted(rows, progress, "events")]
    if fmt == "csv":
        write_csv(flats, EVENT_COLUMNS, output)
    elif fmt == "jsonl":
        write_jsonl(flats, output)
    elif fmt == "parquet":
        write_parquet(flats, EVENT_SCHEMA, output)
    elif fmt == "plover":
        mentions = [[m["text"] for m in json.loads(r["record"])["mentions"]] for r in rows]
        write_jsonl((plover_record(f, m) for f, m in zip(flats, mentions, strict=True)), output)
    else:  # polecat
        write_csv((polecat_row(f) for f in flats), POLECAT_COLUMNS, output, delimiter="\t")
    return len(flats), ""


def _export_incidents(
    db: sqlite3.Connection, filters: Filters, fmt: str, output: Output, progress: Progress
) -> tuple[int, str]:
    """Our incident columns (csv, jsonl, parquet)."""
    records = selected_incidents(db, filters)
    rows = [incident_row(r) for r in _counted(records, progress, "incidents")]
    if fmt == "csv":
        write_csv(rows, INCIDENT_COLUMNS, output)
    elif fmt == "jsonl":
        write_jsonl(rows, output)
    else:
        write_parquet(rows, INCIDENT_SCHEMA, output)
    return len(rows), ""


def _export_acled(
    db: sqlite3.Connection, filters: Filters, per_incident: bool, output: Output, progress: Progress
) -> tuple[int, str]:
    """ACLED rows of what ACLED codes; `--limit` counts the rows written."""
    events = select_events(db, replace(filters, limit=None))
    if per_incident:
        records = incidents_of(db, events)
        members = member_events(db, [r["id"] for r in records])
        member_ids = [m["id"] for group in members.values() for m in group]
        ingested = {k: v["ingested_at"] for k, v in article_details(db, member_ids).items()}
        happenings = [
            incident_happening(r, members.get(r["id"], []), ingested)
            for r in _counted(records, progress, "incidents")
        ]
        noun = "incident"
        unlinked = sum(
            1 for e in events if not e["incident"] and json.loads(e["record"]).get("acled")
        )
    else:
        details = article_details(db, [row["id"] for row in events])
        happenings = [
            event_happening(event_row(row, details[row["id"]]), details[row["id"]]["ingested_at"])
            for row in _counted(events, progress, "events")
        ]
        noun, unlinked = "event", 0
    coded = [h for h in happenings if h is not None]
    skipped = len(happenings) - len(coded)
    if filters.limit:
        coded = coded[: filters.limit]
    write_csv((acled_row(h) for h in coded), ACLED_COLUMNS, output)
    notes = [
        _left_out(skipped, noun, "has", "no ACLED event type"),
        _left_out(unlinked, "selected event", "belongs", "to no incident (no country or day; "
                  "--events exports them)"),
    ]  # fmt: skip
    return len(coded), "; ".join(n for n in notes if n)


def _left_out(count: int, noun: str, verb: str, reason: str) -> str:
    if not count:
        return ""
    plural = "s" if count != 1 else ""
    verb = verb if count == 1 else {"has": "have", "belongs": "belong"}[verb]
    return f"{count} {noun}{plural} left out: {verb} {reason}"


def _counted(items: list[_T], progress: Progress, what: str) -> Iterator[_T]:
    task = progress.add_task(f"exporting {what}", total=len(items))
    for item in items:
        yield item
        progress.advance(task)


def _progress() -> Progress:
    """A progress bar on stderr, drawn only when stderr is a terminal."""
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
        TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty(),
    )  # fmt: skip
