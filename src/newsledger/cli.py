"""The command line: a thin click layer over newsledger's library functions."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsledger import __version__
from newsledger.article import Article
from newsledger.cli_options import (
    ISO_DATE,
    checked,
    db_option,
    event_filter_options,
    format_option,
    published_option,
)
from newsledger.errors import InputError, LedgerError, NewsledgerError
from newsledger.export.command import export_command
from newsledger.export.importer import import_command
from newsledger.extract.model import Extraction
from newsledger.ledger.filter_builder import build_filters
from newsledger.ledger.query import (
    ARTICLE_COLUMNS,
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    INCIDENT_COLUMNS,
    QUOTE_COLUMNS,
    Filters,
    incident_by_id,
    select_articles,
    select_claims,
    select_events,
    select_incidents,
    select_quotes,
)
from newsledger.output import default_format, write_rows
from newsledger.reextract.command import reextract_command
from newsledger.report.command import report_command
from newsledger.serve.command import serve_command
from newsledger.watch.command import watch_command

if TYPE_CHECKING:
    from newsledger.ingest import Limits

_errors = Console(stderr=True, highlight=False, soft_wrap=True)


actors_option = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra actor dictionary (CSV or PETRARCH/Phoenix format); repeatable.",
    expose_value=True,
)
limits_options = [
    click.option("--max-file-mb", type=click.FloatRange(0, min_open=True), default=20.0,
                 show_default=True,
                 help="Largest single-article file to read."),
    click.option("--max-chars", type=click.IntRange(1), default=1_000_000, show_default=True,
                 help="Longest article text to extract."),
]  # fmt: skip


def with_limits(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(limits_options):
        command = option(command)
    return command


def use_actor_files(actor_files: tuple[str, ...]) -> None:
    """Extra dictionaries reach every extraction, in this process and in workers it
    starts, through $NEWSLEDGER_ACTORS. Each is read once here, before any article: a
    malformed one is a usage error (ResourceError naming FILE:LINE, exit 2), not a
    failure repeated for every article."""
    from newsledger.extract.dictionaries import (
        ACTORS_ENV,
        read_user_dictionary,
        user_dictionary_paths,
    )

    if actor_files:
        present = [p for p in os.environ.get(ACTORS_ENV, "").split(os.pathsep) if p]
        paths = [str(Path(p).resolve()) for p in actor_files]
        os.environ[ACTORS_ENV] = os.pathsep.join(present + paths)
    for path in user_dictionary_paths():
        read_user_dictionary(path)


def _limits(max_file_mb: float, max_chars: int) -> Limits:
    from newsledger.ingest import Limits

    return Limits(max_file_bytes=int(max_file_mb * 1_000_000), max_article_chars=max_chars)


def _report_error(error: InputError) -> None:
    _errors.print(f"[red]error:[/red] {error}", markup=True, highlight=False)


def _report_warning(article: Article) -> None:
    """One line on stderr for an article taken without events (not in English): nothing
    failed, so the exit code stays 0, but the user must not mistake it for a quiet one."""
    from newsledger.ingest.language import uncoded_reason

    reason = uncoded_reason(article.language)
    if reason:
        _errors.print(f"warning: {article.origin}: {reason}", markup=False, highlight=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsledger")
def cli() -> None:
    """Turn news articles into a sourced, deduplicated ledger of events.

    \b
    Quick start:
      newsledger demo                          # ingest the bundled sample corpus
      newsledger ingest articles/              # read a folder into ./newsledger.db
      newsledger events --country IRQ          # what happened, with the sentence behind it
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@published_option
@click.option("--json", "as_json", is_flag=True, help="Print the extraction contract as JSON.")
@click.option("--article-timeout", type=click.FloatRange(0, min_open=True), default=60.0,
              show_default=True,
              help="Seconds one article may take before it is skipped.")  # fmt: skip
@actors_option
@with_limits
def extract(
    paths: tuple[str, ...], published: date | None, as_json: bool, article_timeout: float,
    actor_files: tuple[str, ...], max_file_mb: float, max_chars: int,
) -> None:  # fmt: skip
    """Extract events from articles without storing them.

    PATHS are files, folders or - for standard input, in any supported format (text,
    Markdown, HTML, PDF, RSS/Atom, JSON Lines, CSV).

    \b
    Examples:
      newsledger extract report.txt --published 2024-02-09 --json
      newsledger extract feed.xml page.html --json > events.json
      newsledger extract dump.jsonl --json       # one result per line, in input order
      newsledger extract note.txt --actors extra.actors.txt   # a Phoenix dictionary
    """
    from newsledger.pipeline import extract_sources
    from newsledger.scale.pool import Guard

    use_actor_files(actor_files)
    limits = _limits(max_file_mb, max_chars)
    line_per_result = as_json and _is_record_input(paths)
    results: list[Extraction] = []
    failed = 0
    guard = Guard(seconds_per_article=article_timeout)
    for item in extract_sources(paths, published=published, limits=limits, guard=guard):
        if isinstance(item, InputError):
            failed += 1
            _report_error(item)
            continue
        _report_warning(item.article)
        if line_per_result:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        else:
            results.append(item)
    if as_json and not line_per_result:
        payload: Any = [r.to_dict() for r in results]
        if len(results) == 1 and len(paths) == 1 and not Path(paths[0]).is_dir():
            payload = payload[0]
        if results or not failed:
            from newsledger.json_text import indented

            click.echo(indented(payload))
    elif not as_json:
        for result in results:
            _print_summary(result)
    sys.exit(1 if failed else 0)


def _is_record_input(paths: tuple[str, ...]) -> bool:
    """JSON Lines (and CSV) input gets one JSON result per line, for batch evaluation."""
    from newsledger.ingest import source_head
    from newsledger.ingest.detect import Format, detect_format

    # The head is read as the readers read it (a long first record included); reading
    # standard input here leaves every byte of it for them.
    head = source_head(paths[0]) if len(paths) == 1 else None
    return head is not None and detect_format(head, paths[0]) in (Format.JSON_LINES, Format.CSV)


def _print_summary(result: Extraction) -> None:
    article = result.article
    console = Console(highlight=False)
    console.rule(article.title or article.origin)
    meta = [
        ("source", article.source), ("published", article.published or "unknown"),
        ("dateline", article.dateline.text if article.dateline else None),
        ("url", article.url), ("id", article.id),
    ]  # fmt: skip
    for key, value in meta:
        if value:
            console.print(f"[bold]{key}:[/bold] {value}")
    flags = ("negated", "hypothetical", "future", "generic", "historical")
    rows = [
        {
            "type": e.type,
            "date": f"{e.date} ({e.date_precision})" if e.date else "",
            "place": f"{e.location.name} [{e.location.country}]" if e.location else "",
            "actor": _actor_label(e.actor),
            "recipient": _actor_label(e.recipient),
            "killed": e.fatalities.text if e.fatalities else "",
            "flags": ",".join(f for f in flags if getattr(e, f)),
            "sentence": article.text[e.mentions[0].start : e.mentions[0].end],
        }
        for e in result.events
    ]
    columns = ("type", "date", "place", "actor", "recipient", "killed", "flags", "sentence")
    write_rows(rows, columns, "table", title=f"{len(rows)} events")
    for quote in result.quotes:
        speaker = _actor_label(quote.speaker) or "unknown speaker"
        mark = "\u201c" if quote.direct else "(reported) "
        console.print(f"  {speaker}: {mark}{quote.text[:120]}")
    if result.claims:
        kinds = sorted({claim.kind for claim in result.claims})
        console.print(f"{len(result.claims)} claims ({', '.join(kinds)})")
    for contradiction in result.contradictions:
        console.print(f"  [bold]contradiction:[/bold] {contradiction.note}")


def _actor_label(actor: Any) -> str:
    if actor is None:
        return ""
    code = "/".join(p for p in (actor.country, actor.sector) if p)
    return f"{actor.text} [{code}]" if code else actor.text


@cli.command(name="ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@published_option
@click.option("--batch-size", type=click.IntRange(1), default=64, show_default=True,
              help="Articles per write transaction.")  # fmt: skip
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for extraction (1: in this process).")  # fmt: skip
@click.option("--article-timeout", type=click.FloatRange(0, min_open=True), default=60.0,
              show_default=True,
              help="Seconds one article may take before it is skipped.")  # fmt: skip
@click.option("--worker-memory-mb", type=click.IntRange(512), default=4096, show_default=True,
              help="Memory cap of each worker process (with --workers 2 or more).")  # fmt: skip
@actors_option
@with_limits
def ingest_command(
    paths: tuple[str, ...], db_path: str, published: date | None, batch_size: int,
    workers: int, article_timeout: float, worker_memory_mb: int,
    actor_files: tuple[str, ...], max_file_mb: float, max_chars: int,
) -> None:  # fmt: skip
    """Read, extract and store articles in the ledger.

    Re-ingesting an article already stored (same normalised text) changes nothing. Bad
    files are reported one line each on stderr; the rest of the batch goes on, and the
    exit code is 1 if anything failed.

    \b
    Examples:
      newsledger ingest articles/ --db gulf.db
      newsledger ingest feed.xml page.html report.pdf
      cat dump.jsonl | newsledger ingest - --published 2024-02-09
      newsledger ingest reports/ --actors my_actors.csv
      newsledger ingest dump.jsonl --workers 2   # a process pool; resumable if killed
    """
    from newsledger.ledger import Ledger
    from newsledger.pipeline import IngestReport, ingest
    from newsledger.scale.pool import Guard

    use_actor_files(actor_files)
    with Ledger(db_path) as ledger, _progress() as progress:
        task = progress.add_task("ingesting", total=None)

        def show(report: IngestReport) -> None:
            progress.update(task, completed=report.seen, description=report.summary())

        report = ingest(
            paths, ledger, published=published, limits=_limits(max_file_mb, max_chars),
            workers=workers, guard=Guard(article_timeout, worker_memory_mb),
            batch_size=batch_size, on_error=_report_error, on_progress=show,
            on_not_english=_report_warning,
        )  # fmt: skip
    click.echo(report.summary())
    sys.exit(1 if report.failed else 0)


def _progress() -> Progress:
    """A progress line on stderr, shown only when stderr is a terminal."""
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
        TextColumn("{task.completed} articles"), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty(),
    )  # fmt: skip


@cli.command()
@db_option
@click.option("--since", type=ISO_DATE, help="Published on or after this date.")
@click.option("--until", type=ISO_DATE, help="Published on or before this date.")
@click.option("--source", help="Outlet name contains this text.")
@click.option("--search", help="Words to find in title and text; FTS5 syntax (\"a phrase\", "
              "AND, OR, NOT, prefix*) also works.")  # fmt: skip
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@format_option
def articles(db_path: str, fmt: str | None, **options: Any) -> None:
    """List stored articles.

    \b
    Examples:
      newsledger articles --since 2024-02-01 --until 2024-02-29
      newsledger articles --search '"drone attack"' --format json
      newsledger articles --search al-Shabaab     # plain words are searched as written
    """
    from newsledger.ledger import Ledger

    with Ledger(db_path, read_only=True) as ledger:
        rows = select_articles(ledger.connection, build_filters("articles", options))
    write_rows(rows, (*ARTICLE_COLUMNS, "events"), fmt or default_format())


@cli.command()
@db_option
@event_filter_options
@format_option
def events(db_path: str, fmt: str | None, **options: Any) -> None:
    """List stored events with the sentence each came from.

    \b
    Examples:
      newsledger events --type ASSAULT --country IRQ
      newsledger events --type protest --country "South Sudan"
      newsledger events --actor Hussein --format csv > hussein.csv
      newsledger events --search Jordan --since 2024-01-01 --format json
    """
    from newsledger.export.columns import EVENT_COLUMNS as FLAT_EVENT_COLUMNS
    from newsledger.export.reading import flat_events
    from newsledger.ledger import Ledger

    fmt = fmt or default_format()
    with Ledger(db_path, read_only=True) as ledger:
        rows = select_events(ledger.connection, build_filters("events", options))
        if fmt == "json":  # the export's flat columns (README, Exports), real booleans
            rows = flat_events(ledger.connection, rows)
    write_rows(rows, FLAT_EVENT_COLUMNS if fmt == "json" else EVENT_COLUMNS, fmt)


@cli.command()
@db_option
@click.option("--since", type=ISO_DATE, help="Article published on or after this date.")
@click.option("--until", type=ISO_DATE, help="Article published on or before this date.")
@click.option("--speaker", help="Speaker's words or name contain this text.")
@click.option("--country", metavar="COUNTRY", callback=checked("country"),
              help="Speaker's country: a name or ISO code, e.g. SDN or Sudan.")  # fmt: skip
@click.option("--source", help="Outlet name contains this text.")
@click.option("--search", help="Words to find in the quote or its speaker; FTS5 syntax "
              "(\"a phrase\", AND, OR, NOT, prefix*) also works.")  # fmt: skip
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@format_option
def quotes(db_path: str, fmt: str | None, **options: Any) -> None:
    """List what people were reported to have said, and who said it.

    `direct` is 1 for words in quotation marks, 0 for reported speech; `anonymous` is 1
    for an unnamed source ("a senior official").

    \b
    Examples:
      newsledger quotes --country Sudan
      newsledger quotes --speaker ministry --since 2024-06-01 --format csv > said.csv
      newsledger quotes --search ceasefire --format json
    """
    from newsledger.ledger import Ledger

    fmt = fmt or default_format()
    with Ledger(db_path, read_only=True) as ledger:
        rows = select_quotes(ledger.connection, build_filters("quotes", options))
    write_rows(_cells(rows, fmt), QUOTE_COLUMNS, fmt)


@cli.command()
@db_option
@click.option("--since", type=ISO_DATE, help="Reported on or after this date.")
@click.option("--until", type=ISO_DATE, help="Reported on or before this date.")
@click.option("--kind", metavar="KIND", callback=checked("kind"),
              help="What is counted, e.g. killed, troops, money.")  # fmt: skip
@click.option("--subject-key", help='One quantity, as the ledger keys it: "troops|USA|IRQ".')
@click.option("--search", help="Claim text, subject or source contains this text.")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@format_option
def claims(db_path: str, fmt: str | None, **options: Any) -> None:
    """List the figures articles report (tolls, troops, money), with who gave them.

    `value_min`/`value_max` bound the figure ("at least 12" has no maximum);
    `contradictions` says where another claim in the article disagrees.

    \b
    Examples:
      newsledger claims --kind killed --since 2024-06-01
      newsledger claims --search strike --format json
    """
    from newsledger.ledger import Ledger

    fmt = fmt or default_format()
    with Ledger(db_path, read_only=True) as ledger:
        rows = select_claims(ledger.connection, build_filters("claims", options))
    write_rows(_cells(rows, fmt), CLAIM_COLUMNS, fmt)


def _cells(rows: list[dict[str, Any]], fmt: str) -> list[dict[str, Any]]:
    """Lists (event ids, notes) kept as lists in JSON, joined with "; " in a table or CSV."""
    if fmt == "json":
        return rows
    return [
        {key: "; ".join(map(str, v)) if isinstance(v, list) else v for key, v in row.items()}
        for row in rows
    ]


@cli.group(invoke_without_command=True)
@db_option
@click.option(
    "--since", type=ISO_DATE, help="Incident (or its first report) on or after this date."
)
@click.option(
    "--until", type=ISO_DATE, help="Incident (or its first report) on or before this date."
)
@click.option("--country", metavar="COUNTRY", callback=checked("country"),
              help="Where it happened: a name or ISO code, e.g. SDN or Sudan.")  # fmt: skip
@click.option("--type", "type", metavar="PLOVER_TYPE", callback=checked("type"),
              help="One of the 16 PLOVER types, e.g. ASSAULT.")  # fmt: skip
@click.option("--min-sources", type=click.IntRange(1),
              help="At least this many distinct reports (copies count once).")  # fmt: skip
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@format_option
@click.pass_context
def incidents(ctx: click.Context, db_path: str, fmt: str | None, **options: Any) -> None:
    """List incidents: one real-world happening across articles and outlets.

    With --format json, each incident has its sources (outlet, day and toll of each
    report), articles, events, contradictions between sources and why each event joined.

    \b
    Examples:
      newsledger incidents --country Sudan --min-sources 2
      newsledger incidents --type ASSAULT --since 2024-03-01 --format json
      newsledger incidents show inc-3f2a9c1d0b7e --why
    """
    from newsledger.ledger import Ledger

    if ctx.invoked_subcommand is not None:
        return
    fmt = fmt or default_format()
    with Ledger(db_path, read_only=True) as ledger:
        rows = select_incidents(ledger.connection, build_filters("incidents", options))
    if fmt == "json":
        rows = [json.loads(row["record"]) for row in rows]
    write_rows(rows, INCIDENT_COLUMNS, fmt)


@incidents.command("show")
@click.argument("incident_id")
@db_option
@click.option("--why", is_flag=True, help="Also print why each event joined, and the "
              "nearest incident it was not joined to.")  # fmt: skip
def incidents_show(incident_id: str, db_path: str, why: bool) -> None:
    """Print one incident: its date, place, toll, every source and any contradiction.

    \b
    Examples:
      newsledger incidents show inc-3f2a9c1d0b7e
      newsledger incidents show inc-3f2a9c1d0b7e --why
    """
    from newsledger.ledger import Ledger

    with Ledger(db_path, read_only=True) as ledger:
        record = incident_by_id(ledger.connection, incident_id)
    if record is None:
        raise LedgerError(f"{db_path}: no incident {incident_id} (see `newsledger incidents`)")
    console = Console(highlight=False)
    place = record["location"]
    toll = record["fatalities"]
    when = f"{record['date'] or 'undated'} ({record['date_precision'] or '-'})"
    where = f"{place['name'] or '-'} [{place['country'] or '-'}]"
    console.print(f"[bold]{record['id']}[/bold] {record['type']} {when} {where}", markup=True)
    if toll:
        console.print(f"killed: {toll['min']}-{'' if toll['max'] is None else toll['max']}")
    console.print(f"{len(record['sources'])} sources, {record['outlets']} outlets, "
                  f"{len(record['articles'])} articles, reported {record['first_report']} to "
                  f"{record['last_report']}")  # fmt: skip
    for source in record["sources"]:
        figure = source["fatalities"]["text"] if source["fatalities"] else "no toll"
        copies = f" (+{len(source['copies'])} copies)" if source["copies"] else ""
        console.print(f"  {source['published']}  {source['outlet'] or '-'}  {source['article']}"
                      f"  {figure}{copies}")  # fmt: skip
    for contradiction in record["contradictions"]:
        console.print(f"  [bold]contradiction:[/bold] {contradiction['note']}")
    if not why:
        return
    for event_id, reason in record["why"].items():
        joined = reason["joined_by"]
        line = f"  {event_id} ({reason['article']}): "
        if joined is None:
            line += "founded the incident"
        else:
            features = ", ".join(f"{k} {v}" for k, v in joined["features"].items())
            line += f"joined {joined['event']} at {joined['score']} ({features})"
        nearest = reason["nearest_other"]
        if nearest is not None:
            kept = f"vetoed: {nearest['veto']}" if nearest["veto"] else f"mean {nearest['score']}"
            line += f"; nearest other {nearest['incident']} ({kept})"
        console.print(line)


@cli.command("link")
@db_option
@click.option("--rebuild", is_flag=True,
              help="Recompute every incident from the stored events.")  # fmt: skip
def link_command(db_path: str, rebuild: bool) -> None:
    """Link stored events into incidents (ingest does this as it stores each article).

    Without --rebuild, links the articles whose events have no incident yet, as after
    an upgrade from a ledger written before incidents existed.

    \b
    Examples:
      newsledger link
      newsledger link --rebuild --db archive.db
    """
    from newsledger.ledger import Ledger

    with Ledger(db_path, create=False) as ledger:
        count = ledger.link(rebuild=rebuild)
    click.echo(f"incidents: {count}", err=True)


@cli.command()
@click.option("--db", "db_path", default="newsledger-demo.db", show_default=True,
              help="Ledger file the demo writes.")  # fmt: skip
def demo(db_path: str) -> None:
    """Ingest the bundled sample corpus and show what was found.

    The corpus (text, Markdown, HTML, RSS, JSON Lines and CSV, all invented) ships inside
    the package; one story arrives twice, in two formats, and is stored once.

    \b
    Example:
      newsledger demo && newsledger events --db newsledger-demo.db --type ASSAULT
    """
    from newsledger.ledger import Ledger
    from newsledger.pipeline import ingest
    from newsledger.sample import sample_corpus

    corpus = sample_corpus()
    click.echo(f"Sample corpus: {corpus}", err=True)
    duplicates: list[tuple[str, str | None]] = []
    with Ledger(db_path) as ledger, _progress() as progress:
        task = progress.add_task("ingesting the sample corpus", total=None)
        report = ingest(
            [corpus], ledger, on_error=_report_error,
            on_progress=lambda r: progress.update(task, completed=r.seen),
            on_unchanged=lambda article, held: duplicates.append((article.origin, held)),
        )  # fmt: skip
        stored = select_articles(ledger.connection, Filters())
        by_type = Counter(e["type"] for e in select_events(ledger.connection, Filters()))
        assaults = select_events(ledger.connection, Filters(type="ASSAULT"))
        violent = sorted(assaults, key=lambda e: -e["confidence"])[:8]
        counts = ledger.counts()
    fmt = default_format()
    write_rows(stored, ("published", "source", "title", "events"), fmt, title="Articles")
    write_rows([{"type": t, "events": n} for t, n in by_type.most_common()],
               ("type", "events"), fmt, title="Events by PLOVER type")  # fmt: skip
    write_rows([_violent_row(e) for e in violent], VIOLENT_COLUMNS, fmt,
               title="The most confident ASSAULT events, with their sentences "
               "(a date in brackets is the article's: the event gives none)")  # fmt: skip
    click.echo(report.summary())
    for origin, held in duplicates:
        click.echo(
            f"unchanged: {_short(origin, corpus)} is the same story as "
            f"{_short(held, corpus) if held else 'an article already stored'}, put in the "
            "sample twice on purpose: an article is stored once, by the hash of its text"
        )
    click.echo(
        f"{db_path}: {counts['articles']} articles, {counts['events']} events. "
        f"Next: newsledger events --db {db_path} --type ASSAULT"
    )
    sys.exit(1 if report.failed else 0)


VIOLENT_COLUMNS = ("date", "place", "killed", "actor", "recipient", "sentence")


def _violent_row(event: dict[str, Any]) -> dict[str, Any]:
    """One demo row: when, where and how many, beside who did it to whom."""
    place = event["location_name"] or ""
    if place and event["location_country"]:
        place = f"{place} [{event['location_country']}]"
    return {
        "date": event["date"] or f"({event['published']})",
        "place": place,
        "killed": _toll(event["fatalities_min"], event["fatalities_max"]),
        "actor": _coded(event["actor_text"], event["actor_country"]),
        "recipient": _coded(event["recipient_text"], event["recipient_country"]),
        "sentence": event["sentence"],
    }


def _toll(low: int | None, high: int | None) -> str:
    """A toll as a reader writes it: 12, 12+ (at least), 12-15, up to 15."""
    if low is not None and high is not None:
        return str(low) if low == high else f"{low}-{high}"
    if low is not None:
        return f"{low}+"
    return f"up to {high}" if high is not None else ""


def _coded(text: str | None, country: str | None) -> str:
    return f"{text} [{country}]" if text and country else text or ""


def _short(origin: str, corpus: Path) -> str:
    """An origin inside the sample corpus, relative to it: regional_feed.xml#2."""
    return origin.replace(str(corpus) + os.sep, "")


@cli.group()
def evaluate() -> None:
    """Score newsledger against gold-standard files.

    \b
    Example:
      newsledger evaluate plover-gsr ../shared/gold/plover_gsr_dev.jsonl --json
    """


@evaluate.command(name="plover-gsr")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--errors", is_flag=True, help="Also list each sentence coded wrongly.")
@actors_option
def evaluate_plover_gsr(
    gold: Path, as_json: bool, errors: bool, actor_files: tuple[str, ...]
) -> None:
    """Sentence-level event coding against PLOVER gold-standard records.

    Scores the top event of each sentence (highest confidence, not negated or
    hypothetical; no event counts as wrong): event-type accuracy, actor and recipient
    country accuracy, per-type precision and recall, and a confusion table.

    \b
    Example:
      newsledger evaluate plover-gsr plover_gsr_dev.jsonl
      newsledger evaluate plover-gsr plover_gsr_dev.jsonl --json | jq .per_type
    """
    from newsledger.evaluate.plover_gsr import read_gold, score_records

    use_actor_files(actor_files)
    records = []
    for item in read_gold(gold):
        if isinstance(item, InputError):
            _report_error(item)
        else:
            records.append(item)
    if not records:
        raise NewsledgerError(f"{gold}: no gold records with a sentence and a PLOVER type")
    score, predictions = score_records(records)
    result = score.as_dict()
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        _print_plover_scores(result)
    if errors:
        for p in predictions:
            predicted = p.top.type if p.top else "NONE"
            if predicted != p.gold.event_type:
                click.echo(f"{p.gold.event_type} -> {predicted}: {p.gold.text}", err=True)


@evaluate.command(name="events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@actors_option
def evaluate_events(gold: Path, as_json: bool, actor_files: tuple[str, ...]) -> None:
    """Dates, places and casualty counts against a JSON Lines gold file.

    One article per line: {"id", "text", "published", "events": [{"mention", "type",
    "date", "date_precision", "country", "lat", "lon", "fatalities", "injuries"}]}; see
    the README for the format. Scores: dates exact and within precision, country and
    distance (accuracy within 161 km, median km), casualties exact and within range.

    \b
    Example:
      newsledger evaluate events my_gold.jsonl --json
    """
    from newsledger.evaluate.events_gold import read_event_gold, score_articles

    use_actor_files(actor_files)
    articles = []
    for item in read_event_gold(gold):
        if isinstance(item, InputError):
            _report_error(item)
        else:
            articles.append(item)
    if not articles:
        raise NewsledgerError(f"{gold}: no gold articles with text and events")
    result = score_articles(articles).as_dict()
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    dates, places, tolls = result["dates"], result["locations"], result["casualties"]
    click.echo(f"events {result['events']}, matched {result['matched']:.3f}")
    click.echo(
        f"dates (n={dates['n']}): exact day {dates['exact_day']:.3f}, "
        f"within precision {dates['within_precision']:.3f}"
    )
    click.echo(
        f"places (n={places['n']}): country {places['country_accuracy']:.3f}; "
        f"(n={places['n_coordinates']}) within 161 km {places['accuracy_at_161km']:.3f}, "
        f"median {places['median_km']} km"
    )
    click.echo(
        f"casualties (n={tolls['n']}): exact {tolls['exact']:.3f}, "
        f"within range {tolls['within_range']:.3f}"
    )


@evaluate.command(name="incidents")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
def evaluate_incidents(gold: Path, db_path: str, as_json: bool) -> None:
    """Incidents against a gold clustering of the ledger's articles.

    One line per article: {"id": article id, "incident": label}. Each article's
    predicted cluster is the incident of its main event (highest toll, else first
    unflagged). Scores: pairwise and B-cubed precision, recall and F1.

    \b
    Example:
      newsledger ingest corpus.jsonl --db test.db
      newsledger evaluate incidents gold.jsonl --db test.db --json
    """
    from newsledger.evaluate.incidents_gold import (
        predicted_clusters,
        read_incident_gold,
        score_clusters,
    )
    from newsledger.ledger import Ledger

    labels: dict[str, str] = {}
    for item in read_incident_gold(gold):
        if isinstance(item, InputError):
            _report_error(item)
        else:
            labels[item[0]] = item[1]
    if not labels:
        raise NewsledgerError(f"{gold}: no gold lines with an id and an incident")
    with Ledger(db_path, read_only=True) as ledger:
        result = score_clusters(labels, predicted_clusters(ledger.connection)).as_dict()
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    if result["missing"]:
        click.echo(f"not in the ledger: {len(result['missing'])} gold articles", err=True)
    pair, cubed = result["pairwise"], result["bcubed"]
    click.echo(f"articles {result['articles']}")
    for name, scores in (("pairwise", pair), ("B-cubed", cubed)):
        click.echo(
            f"{name}: precision {scores['precision']:.3f}, recall {scores['recall']:.3f}, "
            f"F1 {scores['f1']:.3f}"
        )


def _print_plover_scores(result: dict[str, Any]) -> None:
    click.echo(
        f"n={result['n']}  event type accuracy {result['event_type_accuracy']:.3f}  "
        f"actor country accuracy {result['actor_country_accuracy']:.3f} "
        f"(n={result['actor_n']})  recipient country accuracy "
        f"{result['recipient_country_accuracy']:.3f} (n={result['recipient_n']})"
    )
    rows = [{"type": t, **v} for t, v in result["per_type"].items()]
    write_rows(rows, ("type", "precision", "recall", "f1", "support", "predicted"),
               default_format(), title="Per type")  # fmt: skip
    predicted_types = sorted({p for row in result["confusion"].values() for p in row})
    confusion = [
        {"gold": gold, **{p: row.get(p, "") for p in predicted_types}}
        for gold, row in result["confusion"].items()
    ]
    write_rows(confusion, ("gold", *predicted_types), default_format(),
               title="Confusion (rows: gold, columns: predicted)")  # fmt: skip


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.argument("output_dir")
@click.option("--engine", type=click.Choice(["ray"]), default="ray", show_default=True,
              help="Where extraction runs (on one machine, use ingest --workers).")  # fmt: skip
@click.option("--address", help="A running Ray cluster to join: auto (on a cluster "
              "node) or HOST:PORT (default: start Ray on this machine).")  # fmt: skip
@click.option("--num-cpus", type=click.IntRange(1),
              help="CPUs of the local Ray runtime (default: all of them).")  # fmt: skip
@published_option
@actors_option
@click.option("--overwrite", is_flag=True,
              help="Replace the Parquet parts of an earlier run in OUTPUT_DIR.")  # fmt: skip
def batch(
    inputs: tuple[str, ...], output_dir: str, engine: str, address: str | None,
    num_cpus: int | None, published: date | None, actor_files: tuple[str, ...],
    overwrite: bool,
) -> None:  # fmt: skip
    """Extract JSON Lines or Parquet shards with Ray into Parquet files.

    INPUTS are files or folders of records (columns id, title, text, url, source,
    published), local or URIs such as s3://bucket/shards/. OUTPUT_DIR receives
    articles/*.parquet (one row per article, with the whole extraction as JSON) and
    events/*.parquet (one row per event). Bad records are reported as FILE:LINE on
    stderr, and the exit code is 1 if any failed. `newsledger load` puts the result
    into a ledger.

    \b
    Examples:
      newsledger batch --engine ray dump.jsonl out/
      newsledger batch --engine ray shards/ out/ --address auto   # a running cluster
      duckdb -c "select type, count(*) from 'out/events/*.parquet' group by 1"
      newsledger load out/ --db ledger.db
    """
    try:
        from newsledger.scale.ray_batch import run_batch
    except ImportError as exc:
        raise NewsledgerError(
            f"newsledger batch needs the ray extra ({exc.name} is missing): "
            "pip install 'newsledger[ray]'"
        ) from exc
    report = run_batch(
        inputs, output_dir, address=address, num_cpus=num_cpus, published=published,
        overwrite=overwrite, actor_files=actor_files, on_error=_report_error,
    )  # fmt: skip
    click.echo(report.summary())
    click.echo(f"{output_dir}: {report.articles} articles, {report.events} events", err=True)
    sys.exit(1 if report.failed else 0)


@cli.command()
@click.argument("output_dir")
@db_option
@click.option("--batch-size", type=click.IntRange(1), default=64, show_default=True,
              help="Articles per write transaction.")  # fmt: skip
def load(output_dir: str, db_path: str, batch_size: int) -> None:
    """Store the articles and events of a `newsledger batch` output in the ledger.

    Reads OUTPUT_DIR/articles/*.parquet a batch at a time. Articles the ledger already
    holds are counted unchanged, so loading twice changes nothing.

    \b
    Example:
      newsledger batch --engine ray dump.jsonl out/ && newsledger load out/ --db ledger.db
    """
    from newsledger.ledger import Ledger

    try:
        from newsledger.scale.parquet import load as load_parquet
    except ImportError as exc:
        raise NewsledgerError(
            f"newsledger load needs pyarrow ({exc.name} is missing): pip install 'newsledger[ray]'"
        ) from exc
    with Ledger(db_path) as ledger, _progress() as progress:
        task = progress.add_task("loading", total=None)
        report = load_parquet(
            output_dir, ledger, batch_size=batch_size, on_error=_report_error,
            on_progress=lambda r: progress.update(
                task, completed=r.loaded + r.unchanged + r.failed, description=r.summary()
            ),
        )  # fmt: skip
    click.echo(report.summary())
    sys.exit(1 if report.failed else 0)


cli.add_command(export_command)
cli.add_command(import_command)
cli.add_command(report_command)
cli.add_command(serve_command)
cli.add_command(watch_command)
cli.add_command(reextract_command)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except NewsledgerError as error:
        _errors.print(f"error: {error}", markup=False)
        sys.exit(2)
